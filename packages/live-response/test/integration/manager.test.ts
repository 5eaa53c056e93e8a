// The session manager against the emulator: one server session per host, keepalive while a
// lease is held (the server's idle timeout is shortened to show it matters), close on release,
// the slot budget, and the server-side session list.
import { describe, expect, it } from 'vitest';
import { eventually, KINDS, useLrEmulator } from './support/emulator.js';

const IDLE_TIMEOUT_MS = 300;
const fx = useLrEmulator({ liveResponse: { idleTimeoutMs: IDLE_TIMEOUT_MS } });

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe.each(KINDS)('%s: LiveResponseManager', (kind) => {
  const host = (sensorId: number) => fx.hostId(kind, sensorId);
  const serverSessionsOf = (sensorId: number) => fx.serverSessions(kind).filter((s) => s.sensorId === sensorId);

  it('reuses one server session per host and closes it when the last lease is returned', async () => {
    const manager = fx.manager(kind);
    const before = serverSessionsOf(1).length;
    const [a, b] = await Promise.all([manager.acquire(host(1)), manager.acquire(host(1))]);
    expect(b.sessionId).toBe(a.sessionId);
    expect(serverSessionsOf(1).length).toBe(before + 1);
    expect(fx.openOnServer()).toBe(1);
    expect(manager.stats).toMatchObject({ open: 1, held: 1 });
    await a.listDirectory('C:\\');
    await a.close();
    // b still holds it: still open, still usable.
    expect(fx.openOnServer()).toBe(1);
    expect((await b.listDirectory('C:\\')).length).toBeGreaterThan(0);
    await b.close();
    expect(fx.openOnServer()).toBe(0);
    expect(serverSessionsOf(1).at(-1)!.status).toBe('closed');
    expect(manager.stats).toMatchObject({ open: 0, held: 0, idle: 0 });
  });

  it('`await using` returns the lease; with idleGraceMs a quick re-acquire reuses the session', async () => {
    const manager = fx.manager(kind, { idleGraceMs: 150 });
    let first: string | number;
    {
      await using lease = await manager.acquire(host(2));
      first = lease.sessionId;
    }
    expect(fx.openOnServer()).toBe(1);
    expect(manager.stats).toMatchObject({ open: 1, held: 0, idle: 1 });
    {
      await using again = await manager.acquire(host(2));
      expect(again.sessionId).toBe(first);
    }
    await eventually(() => fx.openOnServer() === 0 && manager.stats.open === 0, 3_000);
  });

  it('keepalive keeps a held, idle session open past the server idle timeout', async () => {
    const manager = fx.manager(kind, { keepaliveIntervalMs: 60 });
    const lease = await manager.acquire(host(1));
    const id = lease.sessionId;
    await lease.listDirectory('C:\\');
    const keepalives = () => fx.emu.requests.filter((r) => r.path.endsWith('/keepalive') && r.path.includes(String(id))).length;
    await sleep(IDLE_TIMEOUT_MS * 3);
    expect(keepalives()).toBeGreaterThanOrEqual(3);
    expect(serverSessionsOf(1).at(-1)).toMatchObject({ id, status: 'active' });
    await lease.listDirectory('C:\\');
    expect(lease.sessionId).toBe(id);
    await lease.close();
    expect(fx.openOnServer()).toBe(0);
  });

  it('without keepalive the server expires the session; the next command re-establishes it', async () => {
    const manager = fx.manager(kind, { keepaliveIntervalMs: 0 });
    const lease = await manager.acquire(host(1));
    const id = lease.sessionId;
    await lease.listDirectory('C:\\');
    await sleep(IDLE_TIMEOUT_MS * 3);
    expect(serverSessionsOf(1).find((s) => s.id === id)!.status).toBe('timeout');
    expect((await lease.listDirectory('C:\\')).length).toBeGreaterThan(0);
    expect(lease.sessionId).not.toBe(id);
    await lease.close();
    expect(fx.openOnServer()).toBe(0);
  });

  it('never has more than maxSessions open on the server; a waiter gets the next free slot', async () => {
    const manager = fx.manager(kind, { maxSessions: 2 });
    const one = await manager.acquire(host(1));
    const two = await manager.acquire(host(2));
    let third: Awaited<ReturnType<typeof manager.acquire>> | undefined;
    const waiting = manager.acquire(host(4)).then((s) => (third = s));
    await eventually(() => manager.stats.waiting === 1);
    await sleep(50);
    expect(third).toBeUndefined();
    expect(fx.openOnServer()).toBe(2);
    await one.close();
    await waiting;
    expect(fx.openOnServer()).toBe(2);
    expect(third!.hostId).toBe(host(4));
    expect((await third!.listDirectory('C:\\')).length).toBeGreaterThan(0);
    await Promise.all([two.close(), third!.close()]);
    expect(fx.openOnServer()).toBe(0);
  });

  it('lists server sessions, including one another client left behind, and closes it', async () => {
    const manager = fx.manager(kind);
    const stray = await fx.backend(kind).createSession(host(4), {});
    const strayId = stray['id'] as string | number;
    await eventually(() => fx.serverSessions(kind).some((s) => s.id === strayId && s.status === 'active'));
    if (kind === 'defense') {
      // The v3 API has no session list (live-response.md §1): a clear error, not a bare 405.
      await expect(manager.listServerSessions({ activeOnly: true })).rejects.toThrow(/Cb Defense .* cannot list/);
    } else {
      const listed = await manager.listServerSessions({ activeOnly: true });
      expect(listed.map((s) => String(s.id))).toContain(String(strayId));
    }
    await manager.closeServerSession(strayId);
    expect(fx.openOnServer()).toBe(0);
  });

  it('close() closes held sessions and refuses new work', async () => {
    const manager = fx.manager(kind);
    const lease = await manager.acquire(host(1));
    expect(fx.openOnServer()).toBe(1);
    await manager.close();
    expect(fx.openOnServer()).toBe(0);
    await expect(lease.listDirectory('C:\\')).rejects.toThrow(/closed/);
    await expect(manager.acquire(host(1))).rejects.toThrow(/closed/);
  });
});

describe('response: a pending/active server session of the sensor is reused (10 slots)', () => {
  it('acquire picks up the session another client opened instead of taking a second slot', async () => {
    const stray = await fx.backend('response').createSession(2, {});
    const manager = fx.manager('response');
    const lease = await manager.acquire(2);
    expect(lease.sessionId).toBe(stray['id']);
    expect(fx.openOnServer()).toBe(1);
    await lease.close();
    expect(fx.openOnServer()).toBe(0);
  });
});
