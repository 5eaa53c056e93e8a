import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  ClientError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  ObjectNotFoundError,
  PayloadTooLargeError,
  QuerySyntaxError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
} from '../../src/errors.js';
import { BASE, captureLogger, mswConnection } from './msw-helpers.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('requests', () => {
  it('is intercepted by msw and sends base URL, token, user agent and the sorted query', async () => {
    let seen: Request | undefined;
    server.use(
      http.get(`${BASE}/api/v1/sensor`, ({ request }) => {
        seen = request;
        return HttpResponse.json([{ id: 3 }]);
      }),
    );
    const conn = mswConnection({ userAgent: '@cb/response/0.1.0', integrationName: 'MyTool/2' });
    const res = await conn.request<{ id: number }[]>({ path: '/api/v1/sensor', query: { rows: 10, q: 'hostname:a b', cb: true, f: ['y', 'x'] } });
    expect(res.data).toEqual([{ id: 3 }]);
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(1);
    expect(res.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen!.url).toBe(`${BASE}/api/v1/sensor?cb=true&f=x&f=y&q=hostname%3Aa+b&rows=10`);
    expect(seen!.headers.get('x-auth-token')).toBe('TEST-TOKEN-abcdef');
    expect(seen!.headers.get('user-agent')).toMatch(/^@cb\/response\/0\.1\.0 @cb\/core\/0\.1\.0 node\/\d+\.\d+\.\d+ MyTool\/2$/);
  });

  it('sends JSON bodies with sorted keys, {} for POST without body and null for null', async () => {
    const bodies: string[] = [];
    const types: (string | null)[] = [];
    server.use(
      http.all(`${BASE}/api/x`, async ({ request }) => {
        bodies.push(await request.text());
        types.push(request.headers.get('content-type'));
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const conn = mswConnection();
    const r = await conn.request({ method: 'POST', path: '/api/x', body: { z: 1, a: { y: 2, b: 1 } } });
    expect(r.data).toBeUndefined();
    await conn.request({ method: 'PUT', path: '/api/x' });
    await conn.request({ method: 'PATCH', path: '/api/x', body: null });
    expect(bodies).toEqual(['{"a":{"b":1,"y":2},"z":1}', '{}', 'null']);
    expect(types).toEqual(['application/json', 'application/json', 'application/json']);
  });

  it('returns text, bytes and a web ReadableStream', async () => {
    server.use(
      http.get(`${BASE}/t`, () => HttpResponse.text('plain')),
      http.get(`${BASE}/b`, () => new HttpResponse(new Uint8Array([0x4d, 0x5a, 0]), { headers: { 'content-type': 'application/zip' } })),
    );
    const conn = mswConnection();
    expect((await conn.request({ path: '/t' })).data).toBe('plain');
    expect((await conn.request({ path: '/t', responseType: 'text' })).data).toBe('plain');
    const bytes = (await conn.request<Uint8Array>({ path: '/b', responseType: 'bytes' })).data;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes]).toEqual([0x4d, 0x5a, 0]);
    const stream = (await conn.request<ReadableStream<Uint8Array>>({ path: '/b', responseType: 'stream' })).data;
    expect(stream).toBeInstanceOf(ReadableStream);
    const chunks = new Uint8Array(await new Response(stream).arrayBuffer());
    expect([...chunks]).toEqual([0x4d, 0x5a, 0]);
  });

  it('rejects a 200 that claims JSON but does not parse', async () => {
    server.use(http.get(`${BASE}/bad`, () => new HttpResponse('{"truncated": ', { headers: { 'content-type': 'application/json' } })));
    const err = await caught(mswConnection().request({ path: '/bad' }));
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toContain('Cannot parse response as JSON');
    expect((err as ServerError).status).toBe(200);
  });

  it('returns accepted error statuses instead of throwing', async () => {
    server.use(http.get(`${BASE}/gone`, () => HttpResponse.json({ reason: 'nope' }, { status: 404 })));
    const res = await mswConnection().request({ path: '/gone', acceptStatus: [404] });
    expect(res.status).toBe(404);
    expect(res.data).toEqual({ reason: 'nope' });
  });
});

describe('error mapping', () => {
  const cases: [number, object | string, new (...args: never[]) => Error, RegExp][] = [
    [401, { reason: 'bad token' }, UnauthorizedError, /GET \/api\/v1\/sensor\/3 → 401 Unauthorized: bad token \(check the API token/],
    [403, 'denied', ForbiddenError, /→ 403 Forbidden: denied \(the API key may lack a permission for this API, or be the wrong key type/],
    [404, { message: 'Sensor not found' }, ObjectNotFoundError, /^GET \/api\/v1\/sensor\/3 → 404 Not Found: Sensor not found$/],
    [409, { reason: 'exists' }, ConflictError, /→ 409 Conflict: exists/],
    [400, { reason: 'query_malformed_syntax' }, QuerySyntaxError, /→ 400 Bad Request: query_malformed_syntax/],
    [422, { reason: 'bad field' }, ClientError, /→ 422 Unprocessable Entity: bad field/],
    [500, 'boom', ServerError, /→ 500 Internal Server Error: boom/],
  ];
  for (const [status, body, cls, message] of cases) {
    it(`${status} → ${cls.name}`, async () => {
      server.use(
        http.get(`${BASE}/api/v1/sensor/3`, () => (typeof body === 'string' ? HttpResponse.text(body, { status }) : HttpResponse.json(body, { status }))),
      );
      const err = await caught(mswConnection({ retry: false }).request({ path: '/api/v1/sensor/3' }));
      expect(err).toBeInstanceOf(cls);
      expect(err.message).toMatch(message);
      const e = err as ServerError;
      expect(e.status).toBe(status);
      expect(e.method).toBe('GET');
      expect(e.path).toBe('/api/v1/sensor/3');
      expect(e.attempts).toBe(1);
      expect(e.body).toEqual(body);
    });
  }

  it('413 with an nginx HTML body says the body is over the upload limit and gives its size', async () => {
    const html = '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    server.use(http.post(`${BASE}/upload`, () => new HttpResponse(html, { status: 413, headers: { 'content-type': 'text/html' } })));
    const body = { data: 'x'.repeat(5000) };
    const err = await caught(mswConnection().request({ method: 'POST', path: '/upload', body }));
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect(err.message).toContain("request body over the server's upload limit");
    expect(err.message).toContain(`(${JSON.stringify(body).length} bytes)`);
    expect(err.message).not.toContain('<html');
    expect((err as PayloadTooLargeError).body).toContain('<title>413 Request Entity Too Large</title>');
  });

  it('truncates long text bodies to 2 KB', async () => {
    server.use(http.get(`${BASE}/big`, () => HttpResponse.text('e'.repeat(10_000), { status: 500 })));
    const err = (await caught(mswConnection({ retry: false }).request({ path: '/big' }))) as ServerError;
    expect(typeof err.body).toBe('string');
    expect((err.body as string).length).toBeLessThan(2100);
    expect(err.message.length).toBeLessThan(300);
  });
});

describe('retries', () => {
  it('retries 503 for GET until the limit and counts the attempts', async () => {
    let hits = 0;
    server.use(http.get(`${BASE}/flaky`, () => { hits++; return HttpResponse.text('busy', { status: 503 }); }));
    const { logger, lines } = captureLogger();
    const err = (await caught(mswConnection({ logger, retry: { retries: 3, baseDelayMs: 1 } }).request({ path: '/flaky' }))) as ServerError;
    expect(hits).toBe(4);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.status).toBe(503);
    expect(err.attempts).toBe(4);
    const retryLines = lines.filter((l) => l.message.includes('retrying in'));
    expect(retryLines).toHaveLength(3);
    expect(retryLines[0]!.message).toMatch(/HTTP GET \/flaky failed \(503\); retrying in \d+\.\d{3}s \(retry 1 of 3\)/);
  });

  it('recovers when a retry succeeds and reports attempts', async () => {
    let hits = 0;
    server.use(http.get(`${BASE}/flaky`, () => (++hits < 3 ? new HttpResponse(null, { status: 502 }) : HttpResponse.json({ ok: true }))));
    const res = await mswConnection().request({ path: '/flaky' });
    expect(res.data).toEqual({ ok: true });
    expect(res.attempts).toBe(3);
  });

  it('does not retry POST on 502', async () => {
    let hits = 0;
    server.use(http.post(`${BASE}/create`, () => { hits++; return new HttpResponse(null, { status: 502 }); }));
    const err = (await caught(mswConnection().request({ method: 'POST', path: '/create', body: {} }))) as ServerError;
    expect(hits).toBe(1);
    expect(err.status).toBe(502);
    expect(err.attempts).toBe(1);
  });

  it('retries POST when the caller marks it idempotent', async () => {
    let hits = 0;
    server.use(http.post(`${BASE}/search`, () => (++hits < 2 ? new HttpResponse(null, { status: 504 }) : HttpResponse.json([]))));
    expect((await mswConnection().request({ method: 'POST', path: '/search', idempotent: true })).attempts).toBe(2);
  });

  it('honours Retry-After on 429 for POST too', async () => {
    const times: number[] = [];
    server.use(
      http.post(`${BASE}/limited`, () => {
        times.push(Date.now());
        return times.length === 1 ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } }) : HttpResponse.json({ done: 1 });
      }),
    );
    const { logger, lines } = captureLogger();
    const res = await mswConnection({ logger, retry: { maxDelayMs: 2000 } }).request({ method: 'POST', path: '/limited' });
    expect(res.data).toEqual({ done: 1 });
    expect(res.attempts).toBe(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(lines.some((l) => l.level === 'warn' && l.message.includes('429 Retry-After 1000 ms'))).toBe(true);
  });

  it('gives up with RateLimitError (retryAfterMs) after the retry limit', async () => {
    let hits = 0;
    server.use(http.get(`${BASE}/limited`, () => { hits++; return new HttpResponse('slow down', { status: 429, headers: { 'retry-after': '0' } }); }));
    const err = (await caught(mswConnection({ retry: { retries: 2 }, logger: captureLogger().logger }).request({ path: '/limited' }))) as RateLimitError;
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryAfterMs).toBe(0);
    expect(err.attempts).toBe(3);
    expect(hits).toBe(3);
  });

  it('does not wait out a Retry-After longer than maxDelayMs', async () => {
    let hits = 0;
    const when = new Date(Date.now() + 120_000).toUTCString();
    server.use(http.get(`${BASE}/limited`, () => { hits++; return new HttpResponse(null, { status: 429, headers: { 'retry-after': when } }); }));
    const err = (await caught(mswConnection().request({ path: '/limited' }))) as RateLimitError;
    expect(hits).toBe(1);
    expect(err.retryAfterMs).toBeGreaterThan(100_000);
  });

  it('retries network errors for GET and reports ConnectionError when they persist', async () => {
    let hits = 0;
    server.use(http.get(`${BASE}/down`, () => { hits++; return HttpResponse.error(); }));
    const err = (await caught(mswConnection({ retry: { retries: 2, baseDelayMs: 1 } }).request({ path: '/down' }))) as ConnectionError;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.attempts).toBe(3);
    expect(err.message).toMatch(/^GET \/down: network error talking to https:\/\/cb\.test/);
    expect(hits).toBe(3);
  });

  it('never retries a streamed request body', async () => {
    let hits = 0;
    server.use(http.put(`${BASE}/file`, async ({ request }) => { hits++; await request.arrayBuffer(); return new HttpResponse(null, { status: 503 }); }));
    const rawBody = new ReadableStream<Uint8Array>({ start: (c) => { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); } });
    const err = (await caught(mswConnection().request({ method: 'PUT', path: '/file', rawBody }))) as ServerError;
    expect(err.status).toBe(503);
    expect(hits).toBe(1);
  });
});

describe('timeouts and aborts', () => {
  it('times out with TimeoutError carrying timeoutMs, method and path, and does not retry it', async () => {
    let hits = 0;
    server.use(http.get(`${BASE}/slow`, async () => { hits++; await delay(2000); return HttpResponse.json({}); }));
    const started = Date.now();
    const err = (await caught(mswConnection({ timeoutMs: 100 }).request({ path: '/slow' }))) as TimeoutError;
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).not.toBeInstanceOf(AbortError);
    expect(err.timeoutMs).toBe(100);
    expect(err.method).toBe('GET');
    expect(err.path).toBe('/slow');
    expect(err.message).toBe('GET /slow timed out after 100 ms');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(hits).toBe(1);
  });

  it('per-request timeoutMs overrides the connection default', async () => {
    server.use(http.get(`${BASE}/slow`, async () => { await delay(2000); return HttpResponse.json({}); }));
    const err = (await caught(mswConnection({ timeoutMs: 60_000 }).request({ path: '/slow', timeoutMs: 50 }))) as TimeoutError;
    expect(err.timeoutMs).toBe(50);
  });

  it('rejects at once with AbortError when the signal is already aborted, sending nothing', async () => {
    let hits = 0;
    server.use(http.get(`${BASE}/x`, () => { hits++; return HttpResponse.json({}); }));
    const err = await caught(mswConnection().request({ path: '/x', signal: AbortSignal.abort() }));
    expect(err).toBeInstanceOf(AbortError);
    expect(err).not.toBeInstanceOf(TimeoutError);
    expect(hits).toBe(0);
  });

  it('aborts mid-flight with AbortError and does not retry', async () => {
    let hits = 0;
    server.use(http.get(`${BASE}/slow`, async () => { hits++; await delay(2000); return HttpResponse.json({}); }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const err = await caught(mswConnection().request({ path: '/slow', signal: controller.signal }));
    expect(err).toBeInstanceOf(AbortError);
    expect(err.message).toBe('GET /slow was aborted by the caller');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(hits).toBe(1);
  });

  it('aborts during a retry backoff', async () => {
    server.use(http.get(`${BASE}/flaky`, () => new HttpResponse(null, { status: 503 })));
    const controller = new AbortController();
    const p = mswConnection({ retry: { baseDelayMs: 5000, maxDelayMs: 5000 }, random: () => 0.99 }).request({ path: '/flaky', signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const err = await caught(p);
    expect(err).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('redirects', () => {
  it('follows a same-origin redirect with the token and drops the token on a cross-origin one', async () => {
    const tokens: Record<string, string | null> = {};
    server.use(
      http.get(`${BASE}/old`, () => new HttpResponse(null, { status: 302, headers: { location: '/new' } })),
      http.get(`${BASE}/new`, ({ request }) => { tokens['same'] = request.headers.get('x-auth-token'); return new HttpResponse(null, { status: 302, headers: { location: 'https://elsewhere.test/file' } }); }),
      http.get('https://elsewhere.test/file', ({ request }) => { tokens['other'] = request.headers.get('x-auth-token'); return HttpResponse.json({ moved: true }); }),
    );
    const res = await mswConnection().request({ path: '/old' });
    expect(res.data).toEqual({ moved: true });
    expect(tokens).toEqual({ same: 'TEST-TOKEN-abcdef', other: null });
  });
});

describe('debug logging', () => {
  it('prints to stderr when DEBUG=cb:* and no logger is given', async () => {
    server.use(http.get(`${BASE}/api/v1/sensor/3`, () => HttpResponse.json({})));
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { written.push(String(chunk)); return true; });
    try {
      await mswConnection({ env: { DEBUG: 'cb:*' } }).request({ path: '/api/v1/sensor/3' });
    } finally {
      spy.mockRestore();
    }
    expect(written.some((l) => /cb:http debug HTTP GET \/api\/v1\/sensor\/3 took \d+\.\d{3}s \(response 200\)/.test(l))).toBe(true);
  });

  it('logs one line per request and the request body', async () => {
    server.use(http.post(`${BASE}/api/v1/sensor/3`, () => HttpResponse.json({})));
    const { logger, lines } = captureLogger();
    await mswConnection({ logger }).request({ method: 'POST', path: '/api/v1/sensor/3', body: { b: 1, a: 2 } });
    const debug = lines.filter((l) => l.level === 'debug').map((l) => l.message);
    expect(debug[0]).toBe('HTTP POST /api/v1/sensor/3 request body: {"a":2,"b":1}');
    expect(debug[1]).toMatch(/^HTTP POST \/api\/v1\/sensor\/3 took \d+\.\d{3}s \(response 200\)$/);
    expect(debug).toHaveLength(2);
  });
});
