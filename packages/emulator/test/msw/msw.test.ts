// The msw adapter answers exactly like the node server (same core, same seeded data).
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createState, startEmulator, type RunningEmulator } from '../../src/index.js';
import { emulatorHandlers } from '../../src/msw.js';

const BASE = 'https://cb.msw.test';
let emu: RunningEmulator;
let server: ReturnType<typeof setupServer>;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({ seed: 42, scale: 'small' });
  const state = createState({ seed: 42, scale: 'small' });
  token = state.adminToken;
  server = setupServer(...emulatorHandlers(state, { baseUrl: BASE }));
  server.listen({ onUnhandledRequest: 'bypass' });
});
afterAll(async () => {
  server.close();
  await emu.close();
});

/** Drops the per-request timing so two answers can be compared. */
function stable(text: string): unknown {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (v && typeof v === 'object' && 'elapsed' in v) v.elapsed = 0;
    return v;
  } catch {
    return text;
  }
}

async function both(path: string, init: RequestInit = {}) {
  const a = await fetch(`${emu.url}${path}`, { ...init, headers: { 'X-Auth-Token': emu.token, ...(init.headers as object) } });
  const b = await fetch(`${BASE}${path}`, { ...init, headers: { 'X-Auth-Token': token, ...(init.headers as object) } });
  return { node: { status: a.status, type: a.headers.get('content-type'), body: stable(await a.text()) }, msw: { status: b.status, type: b.headers.get('content-type'), body: stable(await b.text()) } };
}

describe('msw handlers', () => {
  it('use the same generated token for the same seed', () => {
    expect(token).toBe(emu.token);
  });

  it.each([
    '/api/info',
    '/api/v1/sensor',
    '/api/v1/process?q=process_name:cmd.exe&rows=5&start=2',
    '/api/v1/binary?rows=3&facet=true&facet.field=digsig_result',
    '/api/v1/alert?rows=2',
    '/api/group/1',
    '/api/v1/no_such_route',
  ])('answer %s like the node server', async (path) => {
    const { node, msw } = await both(path);
    expect(msw).toEqual(node);
  });

  it('answer auth errors and mutations like the node server', async () => {
    const unauth = await fetch(`${BASE}/api/info`);
    expect(unauth.status).toBe(401);
    expect(await unauth.text()).toContain('401 Unauthorized');
    const { node, msw } = await both('/api/site', { method: 'POST', body: JSON.stringify({ name: 'Same' }), headers: { 'content-type': 'application/json' } });
    expect(msw).toEqual(node);
  });

  it('serve binary zips and the 413 page', async () => {
    const md5 = ((await (await fetch(`${BASE}/api/v1/binary?rows=1`, { headers: { 'X-Auth-Token': token } })).json()) as { results: { md5: string }[] }).results[0]!.md5;
    const zip = Buffer.from(await (await fetch(`${BASE}/api/v1/binary/${md5}`, { headers: { 'X-Auth-Token': token } })).arrayBuffer());
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const big = await fetch(`${BASE}/api/site`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1), headers: { 'X-Auth-Token': token } });
    expect(big.status).toBe(413);
    expect(big.statusText).toBe('Request Entity Too Large');
    expect(await big.text()).toContain('<title>413 Request Entity Too Large</title>');
  });

  it('answer any origin when called with the state alone', async () => {
    const own = createState({ seed: 42, scale: 'small' });
    // The node server's answer first: once installed, the any-origin handler catches 127.0.0.1 too.
    const nodePage = await fetch(`${emu.url}/api/v1/process?q=process_name:svchost.exe&rows=0`, { headers: { 'X-Auth-Token': emu.token } });
    const expected = stable(await nodePage.text());
    // Marks answers from this state apart from the node server's.
    own.info.version = '6.3.0.999999.9999';
    server.use(...emulatorHandlers(own));
    try {
      for (const origin of ['https://cb.anywhere.test', 'http://10.20.30.40:8080', 'https://cb.example.com:443']) {
        const info = await fetch(`${origin}/api/info`, { headers: { 'X-Auth-Token': own.adminToken } });
        expect(info.status).toBe(200);
        expect(((await info.json()) as { version: string }).version).toBe('6.3.0.999999.9999');
      }
      const page = await fetch('https://cb.anywhere.test/api/v1/process?q=process_name:svchost.exe&rows=0', { headers: { 'X-Auth-Token': own.adminToken } });
      expect(stable(await page.text())).toEqual(expected);
      // Even the node server's own address is answered by the handlers now.
      const caught = await fetch(`${emu.url}/api/info`, { headers: { 'X-Auth-Token': own.adminToken } });
      expect(((await caught.json()) as { version: string }).version).toBe('6.3.0.999999.9999');
      expect((await fetch('https://cb.anywhere.test/api/info')).status).toBe(401);
    } finally {
      server.resetHandlers();
    }
  });

  it('share faults with a running server when given its core', async () => {
    server.use(...emulatorHandlers(emu.core, { baseUrl: 'https://shared.msw.test' }));
    try {
      emu.faults.add({ match: { path: '/api/info' }, reset: true, times: 1 });
      await expect(fetch('https://shared.msw.test/api/info', { headers: { 'X-Auth-Token': emu.token } })).rejects.toThrow();
      emu.faults.add({ match: { path: '/api/v1/binary' }, truncateBody: true, times: 1 });
      const res = await fetch('https://shared.msw.test/api/v1/binary?rows=5', { headers: { 'X-Auth-Token': emu.token } });
      await expect(res.text()).rejects.toThrow();
    } finally {
      emu.faults.clear();
      server.resetHandlers();
    }
  });
});
