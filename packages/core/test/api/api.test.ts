import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelCache } from '../../src/cache/model-cache.js';
import { resolveCredentials } from '../../src/credentials/index.js';
import { ConfigurationError, ObjectNotFoundError, OperationNotAllowedError } from '../../src/errors.js';
import { Connection } from '../../src/http/connection.js';
import { PaginatedQuery } from '../../src/query/paginated-query.js';
import { FakeRequester } from '../support/fake-requester.js';
import { Binary, makeApi, Process, Sensor, SensorGroup, TestAPI } from '../support/models.js';

describe('BaseAPI', () => {
  it('rejects unknown option keys', () => {
    expect(() => new TestAPI({ requester: new FakeRequester(), tokn: 'x' } as never)).toThrow(ConfigurationError);
    expect(() => new TestAPI({ requester: new FakeRequester(), tokn: 'x' } as never)).toThrow('Unknown option: tokn');
  });

  it('select(Model) is a lazy query; select(Model, id) a cached reference; no requests', () => {
    const { api, fake } = makeApi();
    expect(api.select(Process)).toBeInstanceOf(PaginatedQuery);
    const s = api.select(Sensor, 3);
    expect(s.isLoaded).toBe(false);
    expect(api.select(Sensor, 3)).toBe(s);
    expect(fake.requests).toHaveLength(0);
  });

  it('fetch() loads once and throws ObjectNotFoundError for missing ids', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/sensor/3', { data: { id: 3, computer_name: 'A' } });
    fake.on('GET', '/api/v1/sensor/4', { status: 404 });
    const s = await api.fetch(Sensor, 3);
    expect(await api.fetch(Sensor, 3)).toBe(s);
    expect(fake.requests).toHaveLength(1);
    await expect(api.fetch(Sensor, 4)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('create() returns a new model, or refuses non-creatable models', () => {
    const { api } = makeApi();
    const g = api.create(SensorGroup, { name: 'x', site_id: 1 });
    expect(g.isNew).toBe(true);
    expect(g.changes).toEqual({ name: { from: undefined, to: 'x' }, site_id: { from: undefined, to: 1 } });
    expect(String(g)).toContain('(+)                 name: x');
    expect(() => api.create(Sensor)).toThrow(OperationNotAllowedError);
  });

  it('request() is an escape hatch to the requester', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/info', { data: { version: '6.2.0' } });
    const info = await api.request<{ version: string }>('GET', '/api/info', { query: { a: 1 } });
    expect(info.data.version).toBe('6.2.0');
    expect(fake.lines).toEqual(['GET /api/info?a=1']);
  });

  it('accepts cache options or a shared cache, and an API-wide abort signal', async () => {
    const shared = new ModelCache();
    expect(new TestAPI({ requester: new FakeRequester(), cache: shared }).cache).toBe(shared);
    expect(new TestAPI({ requester: new FakeRequester(), cache: { ttlMs: 5 } }).cache.ttlMs).toBe(5);
    const controller = new AbortController();
    const fake = new FakeRequester();
    fake.on('GET', '/api/v1/sensor/1', () => new Promise(() => undefined));
    const api = new TestAPI({ requester: fake, signal: controller.signal });
    const pending = api.fetch(Sensor, 1);
    controller.abort();
    await expect(pending).rejects.toThrow('aborted');
  });

  it('requires an org key where a product needs one', () => {
    const { api } = makeApi();
    expect(() => api.requireOrgKey()).toThrow(/No organization key specified/);
    expect(new TestAPI({ requester: new FakeRequester(), orgKey: 'ORG' }).requireOrgKey()).toBe('ORG');
  });

  it('resolves credentials from options and builds a Connection', () => {
    const api = new TestAPI({ url: 'https://cb.example.com/', token: 'secret-token', credentialFiles: [] });
    expect(api.url).toBe('https://cb.example.com');
    expect(api.requester).toBeInstanceOf(Connection);
    expect(api.cacheScope).not.toContain('secret-token');
  });
});

describe('over HTTP (msw + the real Connection)', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  function httpApi(): TestAPI {
    const credentials = resolveCredentials({ product: 'response', url: 'https://cb.test', token: 'T0K3N', credentialFiles: [] });
    const connection = new Connection({ credentials, fetch: globalThis.fetch, retry: false });
    return new TestAPI({ requester: connection });
  }

  it('pages a search, loads a model and saves it', async () => {
    const seen: string[] = [];
    server.use(
      http.get('https://cb.test/api/v1/process', ({ request }) => {
        const url = new URL(request.url);
        seen.push(`${url.pathname}${url.search}`);
        const start = Number(url.searchParams.get('start'));
        const results = start < 150 ? Array.from({ length: Math.min(100, 150 - start) }, (_, i) => ({ id: `g${start + i}` })) : [];
        return HttpResponse.json({ results, total_results: 150 });
      }),
      http.get('https://cb.test/api/v1/sensor/3', ({ request }) => {
        expect(request.headers.get('x-auth-token')).toBe('T0K3N');
        return HttpResponse.json({ id: 3, computer_name: 'WIN-1', network_isolation_enabled: false });
      }),
      http.put('https://cb.test/api/v1/sensor/3', async ({ request }) => {
        expect(await request.json()).toMatchObject({ network_isolation_enabled: true });
        return new HttpResponse(null, { status: 204 });
      }),
      http.get('https://cb.test/api/v1/binary/ABC/summary', () => HttpResponse.text('not found', { status: 404 })),
    );
    const api = httpApi();
    const all = await api.select(Process).where('process_name:cmd.exe').all();
    expect(all).toHaveLength(150);
    expect(seen).toEqual([
      '/api/v1/process?cb.urlver=1&facet=false&q=process_name%3Acmd.exe&rows=100&start=0',
      '/api/v1/process?cb.urlver=1&facet=false&q=process_name%3Acmd.exe&rows=100&start=100',
    ]);
    const sensor = await api.fetch(Sensor, 3);
    sensor.network_isolation_enabled = true;
    await sensor.save();
    expect(sensor.isDirty).toBe(false);
    await expect(api.fetch(Binary, 'ABC')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });
});
