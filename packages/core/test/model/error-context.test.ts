// Errors raised before (or instead of) a request still name the request: method and path.
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  InvalidObjectError,
  MoreThanOneResultError,
  NotLoadedError,
  OperationNotAllowedError,
} from '../../src/errors.js';
import { defineModel } from '../../src/model/index.js';
import { PaginatedQuery } from '../../src/query/paginated-query.js';
import { searchBodyPaging } from '../../src/query/strategies/search-body.js';
import { BASE, credentials, mswConnection } from '../http/msw-helpers.js';
import { makeApi, Process, Sensor, SensorGroup, TestAPI, User } from '../support/models.js';

const TOKEN = 'SENTINEL-CTX-TOKEN-5150';

async function caught(run: () => unknown): Promise<ApiError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

function expectTarget(error: ApiError, method: string, path: string | undefined): void {
  expect({ method: error.method, path: error.path }).toEqual({ method, path });
  for (const text of [error.message, JSON.stringify(error), inspect(error)]) expect(text).not.toContain(TOKEN);
}

const ReadOnlyThing = defineModel({
  name: 'ReadOnlyThing',
  urlObject: '/api/things',
  fields: { id: 'int' },
  fetch: false,
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('MoreThanOneResultError', () => {
  it('names the search request of a Solr-paged query (0 and 2 results), over a real connection', async () => {
    let rows: unknown[] = [];
    server.use(http.get(`${BASE}/api/v1/process`, () => HttpResponse.json({ results: rows, total_results: rows.length })));
    const api = new TestAPI({ requester: mswConnection({ credentials: credentials({ token: TOKEN }) }) });
    const q = api.select(Process).where('process_name:cmd.exe');
    const none = await caught(() => q.one());
    expect(none).toBeInstanceOf(MoreThanOneResultError);
    expect((none as MoreThanOneResultError).count).toBe(0);
    expectTarget(none, 'GET', '/api/v1/process');
    rows = [{ id: 'a' }, { id: 'b' }];
    const two = await caught(() => q.one());
    expect((two as MoreThanOneResultError).count).toBe(2);
    expectTarget(two, 'GET', '/api/v1/process');
  });

  it('names the POST of a search-body query and the GET of a simple list', async () => {
    const { api, fake } = makeApi();
    fake.on('POST', '/api/devices/_search', { data: { results: [], num_found: 0 } });
    fake.on('GET', '/api/group', { data: [{ id: 1, name: 'A', site_id: 1 }, { id: 2, name: 'A', site_id: 1 }] });
    const Device = defineModel({ name: 'Device', urlObject: '/api/devices', queryPath: '/api/devices/_search', fields: { id: 'int' } });
    expectTarget(await caught(() => new PaginatedQuery(api, Device, searchBodyPaging()).one()), 'POST', '/api/devices/_search');
    expectTarget(await caught(() => api.select(SensorGroup).where('name:A').one()), 'GET', '/api/group');
  });
});

describe('InvalidObjectError', () => {
  it('names the save request: POST to the collection for a new model, PUT to the object otherwise', async () => {
    const { api, fake } = makeApi();
    const created = await caught(() => api.create(User, { username: 'x' }).save());
    expect(created).toBeInstanceOf(InvalidObjectError);
    expectTarget(created, 'POST', '/api/user');
    const existing = new User(api, { doc: { username: 'jg', first_name: 'J' } });
    existing.first_name = 'K';
    const updated = await caught(() => existing.save());
    expect((updated as InvalidObjectError).missingFields).toEqual(['last_name', 'email']);
    expectTarget(updated, 'PUT', '/api/user/jg');
    expect(fake.requests).toHaveLength(0);
  });

  it('names the save request when a value cannot be coerced', async () => {
    const { api } = makeApi();
    const s = new Sensor(api, { doc: { id: 3, group_id: 1 } });
    const error = await caught(() => {
      s.group_id = 'not a number' as unknown as number;
    });
    expect(error).toBeInstanceOf(InvalidObjectError);
    expectTarget(error, 'PUT', '/api/v1/sensor/3');
  });
});

describe('NotLoadedError', () => {
  it('names the GET of the model URL for references, partial rows and absent fields', async () => {
    const { api } = makeApi();
    const reference = await caught(() => api.select(Sensor, 3).computer_name);
    expect(reference).toBeInstanceOf(NotLoadedError);
    expectTarget(reference, 'GET', '/api/v1/sensor/3');
    const partial = await caught(() => new Process(api, { doc: { id: 'abc' }, state: 'partial' }).hostname);
    expectTarget(partial, 'GET', '/api/v1/process/abc');
    const absent = await caught(() => new Sensor(api, { doc: { id: 4 } }).computer_name);
    expect(absent.message).toContain('has no "computer_name" field');
    expectTarget(absent, 'GET', '/api/v1/sensor/4');
    const unsaved = await caught(() => new Sensor(api, { state: 'new' }).computer_name);
    expectTarget(unsaved, 'GET', '/api/v1/sensor');
  });
});

describe('URL hooks that read fields', () => {
  // Reading group_id of an unloaded model throws a NotLoadedError, which asks for the URL again.
  const FeedAction = defineModel({
    name: 'FeedAction',
    urlObject: (_host, m) => `/api/v1/feed/${String(m?.get('group_id'))}/action`,
    fields: { id: 'int', group_id: 'int', type: 'int' },
    update: 'PUT',
    objectPath: (m) => `/api/v1/feed/${String(m.get('group_id'))}/action/${String(m.primaryKeyValue)}`,
  });

  it('give a NotLoadedError without a path instead of recursing', async () => {
    const { api } = makeApi();
    const error = await caught(() => api.select(FeedAction, 5).type);
    expect(error).toBeInstanceOf(NotLoadedError);
    expectTarget(error, 'GET', undefined);
    const loaded = new FeedAction(api, { doc: { id: 5, group_id: 2 } });
    expectTarget(await caught(() => loaded.type), 'GET', '/api/v1/feed/2/action/5');
  });
});

describe('OperationNotAllowedError', () => {
  it('names the refused request for create, update, delete and fetch', async () => {
    const { api, fake } = makeApi();
    const create = await caught(() => api.create(Sensor));
    expect(create).toBeInstanceOf(OperationNotAllowedError);
    expect((create as OperationNotAllowedError).operation).toBe('create');
    expectTarget(create, 'POST', '/api/v1/sensor');
    const update = await caught(() => new Process(api, { doc: { id: 'abc' } }).set('hostname', 'h'));
    expectTarget(update, 'PUT', '/api/v1/process/abc');
    const del = await caught(() => new Sensor(api, { doc: { id: 3 } }).delete());
    expectTarget(del, 'DELETE', '/api/v1/sensor/3');
    const fetch = await caught(() => api.fetch(ReadOnlyThing, 5));
    expectTarget(fetch, 'GET', '/api/things/5');
    const load = await caught(() => api.select(ReadOnlyThing, 6).load());
    expectTarget(load, 'GET', '/api/things/6');
    expect(fake.requests).toHaveLength(0);
  });
});
