import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ModelCache } from '../../src/cache/model-cache.js';
import {
  InvalidObjectError,
  ObjectNotFoundError,
  OperationNotAllowedError,
  ServerError,
} from '../../src/errors.js';
import { Binary, Feed, makeApi, Process, Sensor, SensorGroup, User } from '../support/models.js';

const sensorDoc = { id: 3, computer_name: 'WIN-1', group_id: 2, network_isolation_enabled: false, is_isolating: false };

describe('load / refresh', () => {
  it('load() GETs once, then returns the same loaded model', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/sensor/3', { data: sensorDoc });
    const s = api.select(Sensor, 3);
    const [a, b] = await Promise.all([s.load(), s.load()]);
    expect(a).toBe(s);
    expect(b).toBe(s);
    await s.load();
    expect(fake.lines).toEqual(['GET /api/v1/sensor/3']);
    expect(s.hostname).toBe('WIN-1');
    expect(s.lastRefreshedAt).toBeInstanceOf(Date);
  });

  it('uses the table paths (custom objectPath)', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/binary/ABC/summary', { data: { md5: 'ABC', size: '12' } });
    const b = await api.fetch(Binary, 'ABC');
    expect(b.size).toBe(12);
    expect(b.observed_filename).toEqual([]);
  });

  it('partial rows load the full document on refresh()', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process/abc', { data: { id: 'abc', process_name: 'cmd.exe', hostname: 'H1' } });
    const p = new Process(api, { doc: { id: 'abc', process_name: 'cmd.exe' }, state: 'partial' });
    expect(await p.load()).toBe(p); // a partial model counts as loaded: no request
    expect(fake.requests).toHaveLength(0);
    await p.refresh();
    expect(p.isPartial).toBe(false);
    expect(p.hostname).toBe('H1');
  });

  it('fetch() maps 404 and unparsable one-element lists to ObjectNotFoundError', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/sensor/9', { status: 404, data: 'nope' });
    await expect(api.fetch(Sensor, 9)).rejects.toBeInstanceOf(ObjectNotFoundError);
    fake.on('GET', '/api/group/5', { data: [] });
    await expect(api.fetch(SensorGroup, 5)).rejects.toThrow('SensorGroup 5 was not found');
    fake.on('GET', '/api/group/6', { data: [{ id: 6, name: 'G', site_id: 1 }] });
    expect((await api.fetch(SensorGroup, 6)).name).toBe('G');
  });

  it('passes signal and timeoutMs through', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/sensor/3', { data: sensorDoc });
    const controller = new AbortController();
    await api.select(Sensor, 3).refresh({ signal: controller.signal, timeoutMs: 50 });
    expect(fake.requests[0]).toMatchObject({ signal: controller.signal, timeoutMs: 50 });
  });
});

describe('save()', () => {
  it('sends nothing when not dirty', async () => {
    const { api, fake } = makeApi();
    const s = new Sensor(api, { doc: sensorDoc });
    await s.save();
    expect(fake.requests).toHaveLength(0);
  });

  it('creates with POST minus the primary key, then refreshes on an {id}-only reply', async () => {
    const { api, fake } = makeApi();
    fake.on('POST', '/api/group', { data: { id: 17 } });
    fake.on('GET', '/api/group/17', { data: [{ id: 17, name: 'Critical', site_id: 1, team_access: [] }] });
    const g = api.create(SensorGroup, { name: 'Critical', site_id: 1 });
    expect(g.isNew).toBe(true);
    await g.save();
    expect(fake.lines).toEqual(['POST /api/group', 'GET /api/group/17']);
    expect(fake.requests[0]?.body).toEqual({ name: 'Critical', site_id: 1 });
    expect(g.id).toBe(17);
    expect(g.isDirty).toBe(false);
    expect(g.isNew).toBe(false);
    expect(api.select(SensorGroup, 17)).toBe(g); // registered in the identity map
  });

  it('keeps the primary key on create when the table says so; {result:"success"} → refresh', async () => {
    const { api, fake } = makeApi();
    fake.on('POST', '/api/user', { data: { result: 'success' } });
    fake.on('GET', '/api/user/jgarman', { data: { username: 'jgarman', first_name: 'J', last_name: 'G', email: 'j@x' } });
    const u = api.create(User, { username: 'jgarman', first_name: 'J', last_name: 'G', email: 'j@x' });
    await u.save();
    expect(fake.lines).toEqual(['POST /api/user', 'GET /api/user/jgarman']);
    expect(fake.requests[0]?.body).toMatchObject({ username: 'jgarman' });
  });

  it('throws ServerError on {result: <not success>} (cbapi swallowed it)', async () => {
    const { api, fake } = makeApi();
    fake.on('PUT', '/api/v1/feed/4', { data: { result: 'feed_url is invalid' } });
    const f = new Feed(api, { doc: { id: 4, feed_url: 'http://a', enabled: true } });
    f.feed_url = 'bad';
    const error = await f.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).message).toMatch(/Did not update Feed record: feed_url is invalid/);
    expect((error as ServerError).method).toBe('PUT');
    expect(f.isDirty).toBe(true);
  });

  it('updates with PUT of the whole document; 204 → refresh', async () => {
    const { api, fake } = makeApi();
    fake.on('PUT', '/api/v1/sensor/3', { status: 204 });
    fake.on('GET', '/api/v1/sensor/3', { data: { ...sensorDoc, network_isolation_enabled: true, is_isolating: true } });
    const s = new Sensor(api, { doc: sensorDoc });
    s.network_isolation_enabled = true;
    await s.save();
    expect(fake.lines).toEqual(['PUT /api/v1/sensor/3', 'GET /api/v1/sensor/3']);
    expect(fake.requests[0]?.body).toEqual({ ...sensorDoc, network_isolation_enabled: true });
    expect(s.is_isolating).toBe(true);
  });

  it('adopts any other JSON object reply without a GET', async () => {
    const { api, fake } = makeApi();
    fake.on('PUT', '/api/v1/feed/4', { data: { id: 4, feed_url: 'http://b', enabled: false, name: 'srv' } });
    const f = new Feed(api, { doc: { id: 4, feed_url: 'http://a', enabled: true } });
    f.feed_url = 'http://b';
    await f.save();
    expect(fake.lines).toEqual(['PUT /api/v1/feed/4']);
    expect(f.name).toBe('srv');
  });

  it('completes a partial or never-loaded model before saving, keeping the changes', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/sensor/3', { data: sensorDoc });
    fake.on('PUT', '/api/v1/sensor/3', { status: 204 });
    const s = api.select(Sensor, 3);
    s.network_isolation_enabled = true; // allowed before load: the GET below fills the rest
    await s.save();
    expect(fake.lines).toEqual(['GET /api/v1/sensor/3', 'PUT /api/v1/sensor/3', 'GET /api/v1/sensor/3']);
    expect(fake.requests[1]?.body).toEqual({ ...sensorDoc, network_isolation_enabled: true });
  });

  it('lists missing required fields in InvalidObjectError', async () => {
    const { api, fake } = makeApi();
    const u = api.create(User, { username: 'x' });
    const error = await u.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidObjectError);
    expect((error as InvalidObjectError).missingFields).toEqual(['first_name', 'last_name', 'email']);
    expect((error as InvalidObjectError).message).toBe('Missing fields: [first_name, last_name, email]');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('delete()', () => {
  it('DELETEs and evicts the model from the cache', async () => {
    const cache = new ModelCache();
    const { api, fake } = makeApi(cache);
    fake.on('GET', '/api/v1/feed/4', { data: { id: 4, feed_url: 'http://a' } });
    fake.on('DELETE', '/api/v1/feed/4', { status: 200, data: { result: 'success' } });
    const f = await api.fetch(Feed, 4);
    expect(await cache.getDocument(api.cacheScope, 'Feed', 4)).toBeDefined();
    await f.delete();
    expect(fake.lines).toEqual(['GET /api/v1/feed/4', 'DELETE /api/v1/feed/4']);
    expect(await cache.getDocument(api.cacheScope, 'Feed', 4)).toBeUndefined();
    expect(api.select(Feed, 4)).not.toBe(f);
  });

  it('refuses models that cannot be deleted, and sends nothing without a key', async () => {
    const { api, fake } = makeApi();
    await expect(new Sensor(api, { doc: sensorDoc }).delete()).rejects.toBeInstanceOf(OperationNotAllowedError);
    await api.create(Feed).delete();
    expect(fake.requests).toHaveLength(0);
  });

  it('throws on unexpected 2xx statuses', async () => {
    const { api, fake } = makeApi();
    fake.on('DELETE', '/api/v1/feed/4', { status: 202, data: 'queued' });
    await expect(new Feed(api, { doc: { id: 4 } }).delete()).rejects.toThrow(/Did not delete Feed record/);
  });
});

describe('printing', () => {
  it('prints the field table with (+)/(*) markers and cut values', () => {
    const { api } = makeApi();
    const s = new Sensor(api, { doc: { ...sensorDoc, network_adapters: 'x'.repeat(60) } });
    s.computer_name = 'WIN-2';
    s.notes = 'hello';
    const text = inspect(s);
    expect(text).toBe(String(s));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Sensor object, bound to https://cb.example.com.');
    expect(lines[1]).toMatch(/^ Last refreshed at /);
    expect(lines[2]).toBe('-'.repeat(79));
    expect(lines).toContain(`(*)        computer_name: WIN-2`);
    expect(lines).toContain(`(+)                notes: hello`);
    expect(lines).toContain(`                      id: 3`);
    expect(lines).toContain(`        network_adapters: ${'x'.repeat(47)}...`);
  });

  it('says when a model is partial or not loaded', () => {
    const { api } = makeApi();
    expect(String(new Process(api, { doc: { id: 'a' }, state: 'partial' }))).toContain(
      'Partially initialized. Use .refresh() to load all attributes',
    );
    expect(String(api.select(Sensor, 1))).toContain('Not loaded');
  });
});

describe('joins', () => {
  it('resolves through the cache lazily and returns null for an empty key', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/group/2', { data: [{ id: 2, name: 'Default Group', site_id: 1 }] });
    const s = new Sensor(api, { doc: sensorDoc });
    const pending = s.group;
    expect(fake.requests).toHaveLength(0); // nothing until awaited
    const g = await pending;
    expect(g).toBeInstanceOf(SensorGroup);
    expect(g?.name).toBe('Default Group');
    expect(await s.group).toBe(g);
    expect(fake.lines).toEqual(['GET /api/group/2']);
    expect(await new Sensor(api, { doc: { id: 4, group_id: null } }).group).toBeNull();
  });
});
