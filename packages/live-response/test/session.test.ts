// Session establishment (close on every failure), recovery, abort and timeouts.
import { AbortError, ObjectNotFoundError, TimeoutError } from '@cb/core';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LiveResponseError } from '../src/errors.js';
import { openSession } from '../src/session/open.js';
import { FAST, msw, PRODUCTS, quietLogger, setup } from './support/harness.js';
import { BASE, ORG } from './support/fake-server.js';

beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

const closeLine = { response: /^PUT \/api\/v1\/cblr\/session\/1$/, defense: /^PUT \/integrationServices\/v3\/cblr\/session$/, platform: /^DELETE \/appservices\/v6\/orgs\/ORG1\/liveresponse\/sessions\/1:1$/ };

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe.each(PRODUCTS)('establishment failures close the session (%s)', (product) => {
  const lines = (server: { log: { method: string; path: string }[] }) => server.log.map((r) => `${r.method} ${r.path}`);

  it('deadline: a session that never becomes active → TimeoutError, close sent', async () => {
    const { server, backend } = setup(product);
    server.hosts.get(1)!.sessionMode = 'never';
    const err = await rejection(openSession(backend, 1, { timings: { session: { timeoutMs: 60, delayMs: 5 } }, logger: quietLogger }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/Could not establish a Live Response session with host 1 within/);
    expect(lines(server).some((l) => closeLine[product].test(l))).toBe(true);
    expect(server.openSessions).toBe(0);
  });

  it('error status → LiveResponseError, close sent', async () => {
    const { server, backend } = setup(product);
    server.hosts.get(1)!.sessionMode = 'error';
    const err = await rejection(openSession(backend, 1, { timings: FAST, logger: quietLogger }));
    expect(err).toBeInstanceOf(LiveResponseError);
    expect(err.message).toMatch(/ended with status "error"/i);
    expect(lines(server).some((l) => closeLine[product].test(l))).toBe(true);
    expect(server.openSessions).toBe(0);
  });

  it('abort while polling → AbortError, close sent', async () => {
    const { server, backend } = setup(product);
    server.hosts.get(1)!.sessionMode = 'never';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const err = await rejection(openSession(backend, 1, { signal: controller.signal, timings: { session: { delayMs: 5 } }, logger: quietLogger }));
    expect(err).toBeInstanceOf(AbortError);
    expect(server.openSessions).toBe(0);
    expect(lines(server).some((l) => closeLine[product].test(l))).toBe(true);
  });

  it('abort while the create request is in flight → the created session is still closed', async () => {
    const { server, backend } = setup(product, 1, { createDelayMs: 60 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const err = await rejection(openSession(backend, 1, { signal: controller.signal, timings: FAST, logger: quietLogger }));
    expect(err).toBeInstanceOf(AbortError);
    expect(server.createdSessions).toBe(1);
    expect(server.openSessions).toBe(0);
  });

  it('an exception after the session is active (host lookup) → close sent', async () => {
    const { server, backend } = setup(product, 1, {}, {
      hostInfo: async () => {
        throw new AbortError('boom');
      },
    });
    const controller = new AbortController();
    const opening = openSession(backend, 1, {
      signal: controller.signal,
      timings: FAST,
      logger: quietLogger,
    });
    // The provider failure alone is tolerated (OS from the drives)...
    const session = await opening;
    expect(session.osType).toBe('windows');
    await session.close();
    // ...but an abort during it is not, and still closes the session.
    const aborting = setup(product, 1, {}, {
      hostInfo: async () => {
        controller.abort();
        throw new AbortError('aborted');
      },
    });
    const err = await rejection(openSession(aborting.backend, 1, { signal: controller.signal, timings: FAST, logger: quietLogger }));
    expect(err).toBeInstanceOf(AbortError);
    expect(aborting.server.openSessions).toBe(0);
    expect(server.openSessions).toBe(0);
  });

  it('an already-aborted signal sends nothing', async () => {
    const { server, backend } = setup(product);
    const err = await rejection(openSession(backend, 1, { signal: AbortSignal.abort(), logger: quietLogger }));
    expect(err).toBeInstanceOf(AbortError);
    expect(server.log).toEqual([]);
  });

  it('a 5xx on create is an error and leaves nothing open', async () => {
    const { server, backend } = setup(product);
    server.hosts.get(1)!.failCreates = 1;
    await expect(openSession(backend, 1, { timings: FAST, logger: quietLogger })).rejects.toMatchObject({ name: 'ServerError', status: 500 });
    expect(server.openSessions).toBe(0);
  });
});

describe.each(PRODUCTS)('commands (%s)', (product) => {
  it('`await using` closes the session at the end of the block', async () => {
    const { server, backend } = setup(product);
    {
      await using session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
      await session.listProcesses();
      expect(server.openSessions).toBe(1);
    }
    expect(server.openSessions).toBe(0);
  });

  it('a command POST 404 "session gone" re-establishes the session and retries', async () => {
    const { server, backend } = setup(product);
    const session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
    const first = session.sessionId;
    server.expireOnCommand = 1;
    const procs = await session.listProcesses();
    expect(procs.length).toBe(2);
    expect(session.sessionId).not.toEqual(first);
    expect(server.createdSessions).toBe(2);
    expect(server.openSessions).toBe(1);
    await session.close();
    expect(server.openSessions).toBe(0);
  });

  it('gives up after 5 attempts', async () => {
    const { server, backend } = setup(product);
    const session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
    server.expireOnCommand = 100;
    const err = await rejection(session.listProcesses());
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/failed after 5 attempts/);
    expect(server.requests('POST', /\/commands?$/).length).toBe(5);
    await session.close();
    expect(server.openSessions).toBe(0);
  });

  it('any other 404 on the command POST is not retried', async () => {
    const { server, backend } = setup(product);
    const session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
    msw.use(http.post(/\/commands?$/, () => new HttpResponse('no such thing', { status: 404, headers: { 'content-type': 'text/plain' } })));
    const err = await rejection(session.listProcesses());
    expect(err).toBeInstanceOf(ObjectNotFoundError);
    expect(server.createdSessions).toBe(1);
    await session.close();
  });

  it('abort mid-command rejects at once (and cancels the pending command on Cloud)', async () => {
    const { server, backend } = setup(product);
    const host = server.hosts.get(1)!;
    host.hangCommands.add('directory list');
    const session = await openSession(backend, 1, { timings: { ...FAST, command: { delayMs: 5, timeoutMs: 10_000 } }, logger: quietLogger });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    const err = await rejection(session.listDirectory('C:\\', { signal: controller.signal }));
    expect(err).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(1_000);
    const cancels = server.requests('DELETE', /\/commands\/\d+$/);
    expect(cancels.length).toBe(product === 'platform' ? 1 : 0);
    // The session stays usable.
    expect((await session.listProcesses()).length).toBe(2);
    await session.close();
    expect(server.openSessions).toBe(0);
  });

  it('a command that never completes → TimeoutError naming the command and its last status', async () => {
    const { server, backend } = setup(product);
    server.hosts.get(1)!.hangCommands.add('process list');
    const session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
    const err = await rejection(session.listProcesses({ timeoutMs: 40 }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/"process list" \(command \d+\) on host 1 did not complete within 40 ms \(last status "pending"\)/i);
    await session.close();
  });

  it('commands poll until complete (pending first)', async () => {
    const { server, backend } = setup(product, 1, { commandPendingPolls: 3 });
    const session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
    await session.listProcesses();
    expect(server.requests('GET', /\/commands?\/\d+$/).length).toBe(4);
    await session.close();
  });

  it('keepalive hits the keepalive route', async () => {
    const { server, backend } = setup(product);
    const session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
    await session.keepalive();
    expect(server.requests('GET', /\/keepalive$/).length).toBe(1);
    await session.close();
  });
});

describe('Cb Response specifics', () => {
  it('reuses a pending/active server session of the sensor', async () => {
    const { server, backend } = setup('response', 2);
    await fetch(`${BASE}/api/v1/cblr/session`, { method: 'POST', body: JSON.stringify({ sensor_id: 2 }), headers: { 'content-type': 'application/json' } });
    server.log.length = 0;
    const session = await openSession(backend, 2, { timings: FAST, logger: quietLogger });
    expect(session.sessionId).toBe(1);
    expect(server.requests('POST').length).toBe(0);
    await session.close();
    expect(server.openSessions).toBe(0);
  });

  it('can be told not to reuse', async () => {
    const { server } = setup('response', 2);
    const { CbResponseBackend } = await import('../src/backends/response.js');
    const { connection } = await import('./support/harness.js');
    await fetch(`${BASE}/api/v1/cblr/session`, { method: 'POST', body: JSON.stringify({ sensor_id: 2 }), headers: { 'content-type': 'application/json' } });
    const backend = new CbResponseBackend({ requester: connection(), reuseServerSessions: false });
    const session = await openSession(backend, 2, { timings: FAST, logger: quietLogger, osType: 'windows' });
    expect(session.sessionId).toBe(2);
    expect(server.requests('GET', /\/api\/v1\/sensor\//).length).toBe(0); // osType given: no lookup
    await session.close();
  });

  it('412 (LR disabled on the server) names the fix', async () => {
    const { backend } = setup('response');
    msw.use(http.post(`${BASE}/api/v1/cblr/session`, () => HttpResponse.json({}, { status: 412 })));
    await expect(openSession(backend, 1, { timings: FAST, logger: quietLogger })).rejects.toThrow(/CbLREnabled=True/);
  });
});

describe('Carbon Black Cloud specifics', () => {
  it('accepts lower-case command statuses (known v6 issue)', async () => {
    const { backend } = setup('platform');
    const session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
    msw.use(
      http.get(new RegExp(`/appservices/v6/orgs/${ORG}/liveresponse/sessions/1:1/commands/\\d+$`), () =>
        HttpResponse.json({ id: 0, status: 'complete', processes: [{ process_pid: 7, process_path: 'x' }] }),
      ),
    );
    expect((await session.listProcesses())[0]).toMatchObject({ pid: 7, path: 'x' });
    await session.close();
  });

  it('command id 0 is a valid id (CBC SDK PR #533)', async () => {
    const { server, backend } = setup('platform');
    server.hosts.get(1)!.files.set('c:\\big.bin', Buffer.alloc(70_000, 7));
    const session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
    const bytes = await session.getFile('c:\\big.bin');
    expect(server.requests('GET', /\/commands\/0$/).length).toBe(1);
    expect(bytes.byteLength).toBe(70_000);
    await session.close();
  });
});
