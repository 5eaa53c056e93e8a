// A planted sentinel token must not appear in any log line, error message, inspect() or JSON
// of any error the connection produces, whatever the failure.
import { inspect } from 'node:util';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from '../../src/http/connection.js';
import { resolveCredentials } from '../../src/credentials/index.js';
import { BASE, captureLogger } from './msw-helpers.js';

const KEY = 'SENTINELKEY9f8e7d';
const TOKEN = `${KEY}/CONNECTOR42`;
const ORG = 'SENTINELORG123';
const PROXY_PASS = 'SENTINELPROXYPW';

// Every handler echoes the secrets back, the way careless servers and proxies do.
const echo = `token=${TOKEN} key=${KEY} org=${ORG}`;
const server = setupServer(
  http.all(`${BASE}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const status = Number(url.searchParams.get('status') ?? '200');
    if (url.pathname.startsWith('/slow')) {
      await delay(1000);
    }
    if (url.pathname === '/neterr') return HttpResponse.error();
    if (url.pathname === '/html') return new HttpResponse(`<html><title>${echo}</title></html>`, { status, headers: { 'content-type': 'text/html' } });
    if (url.pathname === '/badjson') return new HttpResponse(`{"x": "${TOKEN}"`, { status: 200, headers: { 'content-type': 'application/json' } });
    return HttpResponse.json({ reason: echo, token: TOKEN, nested: { 'X-Auth-Token': request.headers.get('x-auth-token') } }, { status, headers: { 'retry-after': '0' } });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('secret redaction', () => {
  it('never shows the token, its key part, the org key or the proxy password', async () => {
    const { logger, lines } = captureLogger();
    const credentials = resolveCredentials({
      product: 'defense', env: {}, url: BASE, token: TOKEN, orgKey: ORG, proxy: `http://user:${PROXY_PASS}@proxy.invalid:3128`,
    });
    const conn = new Connection({
      credentials, logger, fetch: (i, init) => globalThis.fetch(i, init), retry: { retries: 1, baseDelayMs: 1 }, timeoutMs: 200, env: {},
    });
    const errors: unknown[] = [];
    const attempts: Promise<unknown>[] = [
      conn.request({ path: `/ok?api=${TOKEN}`, query: { token: TOKEN, org: ORG } }),
      conn.request({ method: 'POST', path: '/ok', body: { token: TOKEN, text: `key ${KEY}`, org: ORG } }),
      ...[400, 401, 403, 404, 409, 413, 429, 500, 503].map((status) => conn.request({ method: 'POST', path: `/err/${KEY}`, query: { status }, body: { secret: TOKEN } })),
      conn.request({ path: '/html', query: { status: 413 } }),
      conn.request({ path: '/badjson' }),
      conn.request({ path: '/neterr', query: { token: TOKEN } }),
      conn.request({ path: `/slow/${KEY}` }),
      conn.request({ path: `/aborted/${KEY}`, signal: AbortSignal.abort() }),
    ];
    for (const outcome of await Promise.allSettled(attempts)) if (outcome.status === 'rejected') errors.push(outcome.reason);
    expect(errors.length).toBe(attempts.length - 2);
    const haystacks: string[] = [];
    for (const line of lines) haystacks.push(line.message, JSON.stringify(line.fields ?? {}));
    for (const err of errors) {
      haystacks.push((err as Error).message, inspect(err, { depth: 10, showHidden: true }), JSON.stringify(err), String((err as Error).stack));
    }
    expect(lines.length).toBeGreaterThan(10);
    for (const text of haystacks) {
      for (const secret of [TOKEN, KEY, ORG, PROXY_PASS]) {
        if (text.includes(secret)) throw new Error(`secret ${secret} leaked in: ${text.slice(0, 500)}`);
      }
    }
    // ...but the messages still say what happened.
    expect(haystacks.join('\n')).toContain('[REDACTED]');
    expect(errors.map((e) => (e as Error).name)).toEqual(expect.arrayContaining(['ClientError', 'UnauthorizedError', 'TimeoutError', 'AbortError', 'ConnectionError', 'RateLimitError']));
  });
});
