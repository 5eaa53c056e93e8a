// LiveResponseManager: reuse, reference counting, slots, keepalive, cleanup.
import { AbortError, ApiError } from '@cb/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SessionClosedError } from '../src/errors.js';
import { LiveResponseManager, type LiveResponseManagerOptions } from '../src/manager/manager.js';
import { openSession } from '../src/session/open.js';
import { eventually, FAST, msw, PRODUCTS, quietLogger, setup } from './support/harness.js';
import type { Product } from './support/fake-server.js';

beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

function managerFor(product: Product, hosts: number, options: Partial<LiveResponseManagerOptions> = {}) {
  const ctx = setup(product, hosts);
  const manager = new LiveResponseManager({ backend: ctx.backend, timings: FAST, logger: quietLogger, ...options });
  return { ...ctx, manager };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(PRODUCTS)('manager (%s)', (product) => {
  it('two acquisitions of one host share one server session', async () => {
    const { server, manager } = managerFor(product, 1);
    const [a, b] = await Promise.all([manager.acquire(1), manager.acquire(1)]);
    expect(a.sessionId).toEqual(b.sessionId);
    expect(server.createdSessions).toBe(1);
    expect(manager.stats).toMatchObject({ open: 1, held: 1 });
    await a.close();
    await a.close(); // idempotent: still one lease out
    expect(server.openSessions).toBe(1);
    await expect(a.listProcesses()).rejects.toBeInstanceOf(SessionClosedError);
    expect((await b.listProcesses()).length).toBe(2);
    const c = await manager.acquire(1);
    expect(server.createdSessions).toBe(1);
    await b.close();
    expect(server.openSessions).toBe(1);
    await c.close();
    expect(server.openSessions).toBe(0);
    expect(manager.stats).toEqual({ open: 0, held: 0, idle: 0, waiting: 0, limit: 10 });
  });

  it('keeps a released session for the idle grace period, then closes it', async () => {
    const { server, manager } = managerFor(product, 1, { idleGraceMs: 60 });
    const a = await manager.acquire(1);
    await a.close();
    expect(server.openSessions).toBe(1);
    expect(manager.stats.idle).toBe(1);
    const b = await manager.acquire(1);
    expect(server.createdSessions).toBe(1);
    await b.close();
    await eventually(() => server.openSessions === 0);
    expect(manager.stats.open).toBe(0);
  });

  it('never has more than maxSessions open at the server; waiters are served FIFO', async () => {
    const { server, manager } = managerFor(product, 6, { maxSessions: 2 });
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (host) => {
        await sleep(host); // submission order 1..6
        await manager.withSession(host, async (s) => {
          order.push(host);
          await s.listProcesses();
          await sleep(15);
        });
      }),
    );
    expect(server.maxOpen).toBeLessThanOrEqual(2);
    expect(server.createdSessions).toBe(6);
    expect(order).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.openSessions).toBe(0);
  });

  it('an idle session gives its slot to a waiting host', async () => {
    const { server, manager } = managerFor(product, 2, { maxSessions: 1, idleGraceMs: 60_000 });
    const a = await manager.acquire(1);
    await a.close();
    expect(server.openSessions).toBe(1);
    const b = await manager.acquire(2);
    expect(server.maxOpen).toBe(1);
    await b.close();
    expect(server.openSessions).toBe(1); // host 2 idles now, within its grace
    await manager.close();
    expect(server.openSessions).toBe(0);
  });

  it('an aborted wait for a slot leaves the queue and leaks nothing', async () => {
    const { server, manager } = managerFor(product, 3, { maxSessions: 1 });
    const held = await manager.acquire(1);
    const controller = new AbortController();
    const waiting = manager.acquire(2, { signal: controller.signal });
    const third = manager.acquire(3);
    await sleep(10);
    expect(manager.stats.waiting).toBe(2);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    await held.close();
    const s3 = await third;
    expect(s3.hostId).toBe(3);
    await s3.close();
    expect(server.createdSessions).toBe(2);
    expect(server.openSessions).toBe(0);
  });

  it('aborting the only acquisition during establishment closes the half-open session', async () => {
    const { server, manager } = managerFor(product, 1);
    server.hosts.get(1)!.sessionMode = 'never';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 25);
    await expect(manager.acquire(1, { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    await eventually(() => server.createdSessions === 1 && server.openSessions === 0);
    await eventually(() => manager.stats.open === 0);
  });

  it('a failed establishment releases its slot; the next acquisition works', async () => {
    const { server, manager } = managerFor(product, 1, { maxSessions: 1 });
    server.hosts.get(1)!.failCreates = 1;
    await expect(manager.acquire(1)).rejects.toMatchObject({ status: 500 });
    expect(manager.stats.open).toBe(0);
    const s = await manager.acquire(1);
    await s.close();
    expect(server.openSessions).toBe(0);
  });

  it('a command that throws inside withSession still releases (and closes) the session', async () => {
    const { server, manager } = managerFor(product, 1);
    await expect(manager.withSession(1, (s) => s.getFile('C:\\missing'))).rejects.toMatchObject({ name: 'LiveResponseError' });
    expect(server.openSessions).toBe(0);
  });

  it('sends keepalives while a lease is held; a 404 keepalive marks the session for re-establishment', async () => {
    const { server, manager } = managerFor(product, 1, { keepaliveIntervalMs: 10 });
    const s = await manager.acquire(1);
    await eventually(() => server.requests('GET', /\/keepalive$/).length >= 2);
    // The server forgets the session: the next keepalive 404s, the next command re-establishes.
    const first = s.sessionId;
    const sent = server.requests('GET', /\/keepalive$/).length;
    server.sessions.get(String(first))!.status = 'close';
    await eventually(() => server.requests('GET', /\/keepalive$/).length > sent);
    await sleep(40);
    // Stale: no more keepalives for the dead session.
    expect(server.requests('GET', /\/keepalive$/).length).toBeLessThanOrEqual(sent + 1);
    await s.listProcesses();
    expect(s.sessionId).not.toEqual(first);
    expect(server.createdSessions).toBe(2);
    await eventually(() => server.requests('GET', /\/keepalive$/).length > sent + 1);
    await s.close();
    expect(server.openSessions).toBe(0);
  });

  it('lists and closes server-side sessions (stale ones left by others)', async () => {
    const { server, backend, manager } = managerFor(product, 2);
    const stale = await openSession(backend, 2, { timings: FAST, logger: quietLogger }); // "forgotten"
    const mine = await manager.acquire(1);
    const listed = await manager.listServerSessions();
    expect(listed.map((s) => String(s.hostId)).sort()).toEqual(['1', '2']);
    expect(listed.find((s) => String(s.hostId) === '2')).toMatchObject({ id: stale.sessionId });
    await manager.closeServerSession(stale.sessionId);
    expect(server.openSessions).toBe(1);
    // Closing a managed one by id goes through the manager (slot freed).
    await manager.closeServerSession(mine.sessionId);
    expect(server.openSessions).toBe(0);
    expect(manager.stats.open).toBe(0);
    await expect(mine.listProcesses()).rejects.toBeInstanceOf(SessionClosedError);
    const active = await manager.listServerSessions({ activeOnly: true });
    expect(active).toEqual([]);
  });

  it('close() closes held sessions and refuses new acquisitions', async () => {
    const { server, manager } = managerFor(product, 3, { maxSessions: 2 });
    await manager.acquire(1);
    await manager.acquire(2);
    const waiter = manager.acquire(3);
    await manager.close();
    await expect(waiter).rejects.toBeInstanceOf(ApiError);
    expect(server.openSessions).toBe(0);
    await expect(manager.acquire(1)).rejects.toThrow(/closed/);
  });
});

describe('manager: shared openings', () => {
  it('one waiter aborting does not abort the opening the other waiter still wants', async () => {
    const { server, manager } = managerFor('platform', 1);
    const controller = new AbortController();
    const leaving = manager.acquire(1, { signal: controller.signal });
    const staying = manager.acquire(1);
    controller.abort();
    await expect(leaving).rejects.toBeInstanceOf(AbortError);
    const s = await staying;
    expect((await s.listProcesses()).length).toBe(2);
    expect(server.createdSessions).toBe(1);
    await s.close();
    expect(server.openSessions).toBe(0);
  });
});
