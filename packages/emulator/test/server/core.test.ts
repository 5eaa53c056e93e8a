// Transport-level behaviour over real sockets: auth, error shapes, body limit, request log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ recordRequests: true, uploadLimitBytes: 64 * 1024 });
});
afterAll(async () => {
  await t.emu.close();
});

describe('authentication', () => {
  it('answers 401 without a token and with an unknown token, as an HTML page', async () => {
    for (const token of [null, 'not-a-real-token']) {
      const res = await t.api('/api/info', { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('<title>401 Unauthorized</title>');
    }
  });

  it('accepts the admin token and reports the server version', async () => {
    const info = await t.getJson('/api/info');
    expect(typeof info.version).toBe('string');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(typeof info.cblrEnabled).toBe('boolean');
  });

  it('gives 403 to a read-only user on mutations and user management, 200 on reads', async () => {
    const ro = t.emu.readOnlyToken;
    expect(ro).toBeTruthy();
    expect((await t.api('/api/info', { token: ro })).status).toBe(200);
    const put = await t.send('POST', '/api/site', { name: 'x' }, ro);
    expect(put.status).toBe(403);
    expect(put.text).toContain('403 Forbidden');
    expect((await t.api('/api/users', { token: ro })).status).toBe(403);
    expect((await t.api('/api/v1/storage/events/partition', { token: ro })).status).toBe(403);
  });

  it('sends Server: nginx on every response', async () => {
    expect((await t.api('/api/info')).headers.get('server')).toBe('nginx');
    expect((await t.api('/nope', { token: null })).headers.get('server')).toBe('nginx');
  });
});

describe('routing errors', () => {
  it('answers an unknown route with the Flask 404 page (before auth)', async () => {
    for (const token of [undefined, null]) {
      const res = await t.api('/api/v1/definitely_not_a_route', { token });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const body = await res.text();
      expect(body).toContain('<title>404 Not Found</title>');
      expect(body).toContain('The requested URL was not found on the server.');
    }
  });

  it('answers a known route with a wrong method with 405 + Allow', async () => {
    const res = await t.api('/api/info', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('GET');
    await res.text();
  });

  it('answers invalid JSON bodies with a JSON 400', async () => {
    const res = await t.api('/api/site', { method: 'POST', body: '{not json', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ reason: 'invalid_json' });
  });
});

describe('upload limit', () => {
  it("answers a body over the limit with nginx's HTML 413, not JSON", async () => {
    const big = JSON.stringify({ name: 'x'.repeat(70 * 1024) });
    const res = await t.api('/api/site', { method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    // nginx's status line, not Node's "Payload Too Large".
    expect(res.statusText).toBe('Request Entity Too Large');
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('server')).toBe('nginx');
    const body = await res.text();
    expect(body.startsWith('<html>\r\n<head><title>413 Request Entity Too Large</title></head>')).toBe(true);
    expect(body).toContain('<center>nginx</center>');
  });

  it('accepts a body just under the limit', async () => {
    const res = await t.send('POST', '/api/site', { name: 'y'.repeat(1000) });
    expect(res.status).toBe(200);
    expect(typeof res.body.id).toBe('number');
  });
});

describe('request log and stats', () => {
  it('records method, path, query, status and duration without the token', async () => {
    t.emu.requests.length = 0;
    await (await t.api('/api/v1/process?q=process_name:cmd.exe&rows=1&auth_token=secret123')).text();
    await (await t.api('/api/info', { token: 'bad' })).text();
    const [a, b] = t.emu.requests;
    expect(a).toMatchObject({ method: 'GET', path: '/api/v1/process', status: 200, user: expect.any(String) });
    expect(a!.query).toMatchObject({ q: 'process_name:cmd.exe', rows: '1', auth_token: '[REDACTED]' });
    expect(a!.durationMs).toBeGreaterThanOrEqual(0);
    expect(b).toMatchObject({ path: '/api/info', status: 401, user: '' });
    expect(JSON.stringify(t.emu.requests)).not.toContain(t.emu.token);
    expect(JSON.stringify(t.emu.requests)).not.toContain('secret123');
  });

  it('counts requests and search pages', async () => {
    const before = t.emu.stats.pages;
    await (await t.api('/api/v1/binary?rows=1')).text();
    expect(t.emu.stats.pages).toBe(before + 1);
    expect(t.emu.stats.requests).toBeGreaterThan(0);
    expect(t.emu.stats.pagesPerSec).toBeGreaterThan(0);
    expect(t.emu.stats.stateGenerationMs).toBeGreaterThan(0);
  });

  it('rates pages over the time spent serving them, not over uptime', async () => {
    t.emu.stats.reset();
    t.emu.requests.length = 0;
    for (let i = 0; i < 5; i++) await (await t.api(`/api/v1/process?rows=10&start=${i * 10}`)).text();
    await (await t.api('/api/info')).text();
    // Searches that fail are requests, not pages.
    await (await t.api('/api/v1/process?rows=10', { token: null })).text();
    await (await t.api('/api/v1/process?q=(unbalanced')).text();
    const { stats } = t.emu;
    expect(stats.pages).toBe(5);
    expect(stats.requests).toBe(8);
    expect(stats.byStatus).toEqual({ 200: 6, 400: 1, 401: 1 });
    // Sequential pages: busy time is the sum of their durations (the log's, same clock).
    const pageMs = t.emu.requests.filter((r) => r.path === '/api/v1/process' && r.status === 200).reduce((sum, r) => sum + r.durationMs, 0);
    expect(stats.pageBusyMs).toBeCloseTo(pageMs, 6);
    expect(stats.pageBusyMs).toBeLessThanOrEqual(stats.uptimeMs + 1);
    expect(stats.pagesPerSec).toBeCloseTo(5 / (stats.pageBusyMs / 1000), 6);
  });
});

describe('GET /api/auth (HTTP Digest → API token)', () => {
  const md5 = async (s: string) => (await import('node:crypto')).createHash('md5').update(s).digest('hex');

  it('challenges, then returns the token for correct credentials', async () => {
    const first = await t.api('/api/auth', { token: null });
    expect(first.status).toBe(401);
    await first.text();
    const www = first.headers.get('www-authenticate')!;
    expect(www).toMatch(/^Digest /);
    const realm = /realm="([^"]+)"/.exec(www)![1]!;
    const nonce = /nonce="([^"]+)"/.exec(www)![1]!;
    const digest = async (password: string) => {
      const ha1 = await md5(`admin:${realm}:${password}`);
      const ha2 = await md5('GET:/api/auth');
      const response = await md5(`${ha1}:${nonce}:00000001:abcdef:auth:${ha2}`);
      return `Digest username="admin", realm="${realm}", nonce="${nonce}", uri="/api/auth", qop=auth, nc=00000001, cnonce="abcdef", response="${response}"`;
    };
    const ok = await t.api('/api/auth', { token: null, headers: { authorization: await digest('admin') } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ auth_token: t.emu.token });
    const bad = await t.api('/api/auth', { token: null, headers: { authorization: await digest('wrong') } });
    expect(bad.status).toBe(401);
    await bad.text();
  });
});
