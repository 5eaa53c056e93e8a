// Fault injection over real sockets: latency, seeded 503 rate, 429 + Retry-After, resets,
// truncated and slow bodies.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ recordRequests: true });
});
afterEach(() => {
  t.emu.faults.clear();
});
afterAll(async () => {
  await t.emu.close();
});

describe('faults', () => {
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
    const res = await t.api('/api/v1/process?rows=1');
    if (res.status === 503) expect(await res.text()).toContain('503 Service Temporarily Unavailable');
  });

  it('answers 429 with Retry-After, `times` limited', async () => {
    t.emu.faults.add({ match: { path: '/api/v1/sensor' }, rateLimit: { retryAfterSec: 7 }, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await t.api('/api/v1/sensor');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      await res.text();
    }
    expect((await t.api('/api/v1/sensor')).status).toBe(200);
  });

  it('resets the connection: fetch rejects', async () => {
    t.emu.faults.add({ match: { path: '/api/info' }, reset: true, times: 1 });
    await expect(t.api('/api/info')).rejects.toThrow();
    expect((await t.api('/api/info')).status).toBe(200);
  });

  it('truncates the body: headers arrive, the body read rejects', async () => {
    t.emu.faults.add({ match: { path: '/api/v1/binary' }, truncateBody: true, times: 1 });
    const res = await t.api('/api/v1/binary?rows=20');
    expect(res.status).toBe(200);
    const declared = Number(res.headers.get('content-length'));
    expect(declared).toBeGreaterThan(0);
    await expect(res.text()).rejects.toThrow();
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
