// Fault injection over real sockets, on HTTP and on HTTPS: latency, seeded 503 rate, 429 +
// Retry-After, resets, truncated and slow bodies, nginx status lines.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/helpers.js';

/** The error a rejected fetch carries, with undici's cause code (ECONNRESET, UND_ERR_SOCKET, ...). */
async function networkError(p: Promise<unknown>): Promise<{ message: string; code: string | undefined }> {
  try {
    await p;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return { message: String(err), code: cause?.code };
  }
  throw new Error('expected the request to fail with a network error, but it got a response');
}

describe.each([
  { transport: 'http', tls: false },
  { transport: 'https', tls: true },
])('faults over $transport', ({ tls }) => {
  let t: TestServer;
  const errors: unknown[] = [];
  beforeAll(async () => {
    t = await startTestServer({ recordRequests: true, tls, onError: (err) => errors.push(err) });
  });
  afterEach(() => {
    t.emu.faults.clear();
    // Injected faults are not failures of the emulator: nothing may reach onError.
    expect(errors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds latency (measured loosely)', async () => {
    t.emu.faults.add({ match: { path: '/api/info' }, latencyMs: 150 });
    const started = performance.now();
    const res = await t.api('/api/info');
    await res.text();
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('fails about `rate` of matching requests with 503, reproducibly for a seed', async () => {
    const run = async () => {
      t.emu.faults.clear();
      t.emu.faults.reseed(1234);
      t.emu.faults.add({ match: { method: 'GET', path: '/api/v1/process*' }, status: 503, rate: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await t.api('/api/v1/process?rows=1');
        await res.text();
        statuses.push(res.status);
      }
      return statuses;
    };
    const a = await run();
    const b = await run();
    expect(b).toEqual(a);
    const failures = a.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
    expect(a.every((s) => s === 503 || s === 200)).toBe(true);
    // Other routes are untouched.
    expect((await t.api('/api/info')).status).toBe(200);
  });

  it.each([
    [500, 'Internal Server Error'],
    [502, 'Bad Gateway'],
    [503, 'Service Temporarily Unavailable'],
  ] as const)('answers an injected %i with nginx status line and page (%s)', async (status, reason) => {
    t.emu.faults.add({ match: { path: '/api/info' }, status, times: 1 });
    const res = await t.api('/api/info');
    expect(res.status).toBe(status);
    expect(res.statusText).toBe(reason);
    expect(res.headers.get('server')).toBe('nginx');
    expect(await res.text()).toContain(`<title>${status} ${reason}</title>`);
  });

  it('answers 429 with Retry-After, `times` limited', async () => {
    t.emu.faults.add({ match: { path: '/api/v1/sensor' }, rateLimit: { retryAfterSec: 7 }, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await t.api('/api/v1/sensor');
      expect(res.status).toBe(429);
      expect(res.statusText).toBe('Too Many Requests');
      expect(res.headers.get('retry-after')).toBe('7');
      await res.text();
    }
    expect((await t.api('/api/v1/sensor')).status).toBe(200);
  });

  it('resets the connection: fetch rejects with a network error, not a response', async () => {
    t.emu.faults.add({ match: { path: '/api/info' }, reset: true, times: 1 });
    const err = await networkError(t.api('/api/info'));
    expect(err.message).toMatch(/fetch failed/);
    // A TCP RST under HTTP and under TLS alike.
    expect(err.code).toBe('ECONNRESET');
    expect((await t.api('/api/info')).status).toBe(200);
  });

  it('resets search pages and mutations too', async () => {
    t.emu.faults.add({ match: { path: '/api/v1/process' }, reset: true, times: 1 });
    t.emu.faults.add({ match: { method: 'POST', path: '/api/site' }, reset: true, times: 1 });
    expect((await networkError(t.api('/api/v1/process?rows=50'))).code).toBe('ECONNRESET');
    const post = t.api('/api/site', { method: 'POST', body: JSON.stringify({ name: 'reset' }), headers: { 'content-type': 'application/json' } });
    expect((await networkError(post)).code).toBe('ECONNRESET');
    expect((await t.api('/api/v1/process?rows=1')).status).toBe(200);
  });

  it('truncates the body: headers arrive, the body read rejects', async () => {
    t.emu.faults.add({ match: { path: '/api/v1/binary' }, truncateBody: true, times: 1 });
    const res = await t.api('/api/v1/binary?rows=20');
    expect(res.status).toBe(200);
    const declared = Number(res.headers.get('content-length'));
    expect(declared).toBeGreaterThan(0);
    await expect(res.text()).rejects.toThrow();
    expect((await t.api('/api/v1/binary?rows=1')).status).toBe(200);
  });

  it('trickles a slow body that still arrives complete', async () => {
    t.emu.faults.add({ match: { path: '/api/v1/process' }, slowBodyMs: 20 });
    const started = performance.now();
    const res = await t.api('/api/v1/process?rows=20');
    const body = JSON.parse(await res.text());
    expect(body.results).toHaveLength(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('logs which faults fired', async () => {
    const h = t.emu.faults.add({ match: { path: '/api/info' }, status: 502, times: 1 });
    t.emu.requests.length = 0;
    const res = await t.api('/api/info');
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('502 Bad Gateway');
    expect(t.emu.requests[0]).toMatchObject({ status: 502, faults: [h.id] });
  });
});
