import { afterEach, describe, expect, it, vi } from 'vitest';
import { Keyv } from 'keyv';
import { IdentityMap } from '../../src/cache/identity-map.js';
import { ModelCache } from '../../src/cache/model-cache.js';
import { makeApi, Sensor } from '../support/models.js';

const sensorDoc = { id: 3, computer_name: 'WIN-1' };

afterEach(() => {
  vi.useRealTimers();
});

describe('identity map', () => {
  it('returns the same instance from select() within the TTL, a new one after', () => {
    vi.useFakeTimers();
    const { api, fake } = makeApi(new ModelCache({ ttlMs: 60_000 }));
    const a = api.select(Sensor, 3);
    expect(api.select(Sensor, 3)).toBe(a);
    expect(api.select(Sensor, '3')).toBe(a);
    vi.advanceTimersByTime(59_999);
    expect(api.select(Sensor, 3)).toBe(a);
    vi.advanceTimersByTime(1);
    expect(api.select(Sensor, 3)).not.toBe(a);
    expect(fake.requests).toHaveLength(0);
  });

  it('never hands one API object’s instance to another', () => {
    const cache = new ModelCache();
    const one = makeApi(cache).api;
    const two = makeApi(cache).api;
    expect(one.select(Sensor, 3)).not.toBe(two.select(Sensor, 3));
  });

  it('evicts the least recently used entry over capacity', () => {
    const map = new IdentityMap<string>(2, 1000);
    map.set('a', 'A');
    map.set('b', 'B');
    expect(map.get('a')).toBe('A'); // a is now most recent
    map.set('c', 'C');
    expect(map.get('b')).toBeUndefined();
    expect(map.get('a')).toBe('A');
    expect(map.size).toBe(2);
  });
});

describe('documents', () => {
  it('load() uses a cached document before issuing GET, until the TTL expires', async () => {
    vi.useFakeTimers();
    const cache = new ModelCache({ ttlMs: 1000 });
    const first = makeApi(cache);
    first.fake.on('GET', '/api/v1/sensor/3', { data: sensorDoc });
    await first.api.fetch(Sensor, 3);
    expect(first.fake.requests).toHaveLength(1);

    // Another API object with the same identity shares the document, not the instance.
    const second = makeApi(cache);
    second.fake.on('GET', '/api/v1/sensor/3', { data: { ...sensorDoc, computer_name: 'WIN-2' } });
    const s = await second.api.fetch(Sensor, 3);
    expect(s.computer_name).toBe('WIN-1');
    expect(second.fake.requests).toHaveLength(0);

    vi.advanceTimersByTime(1001);
    const third = makeApi(cache);
    third.fake.on('GET', '/api/v1/sensor/3', { data: { ...sensorDoc, computer_name: 'WIN-3' } });
    expect((await third.api.fetch(Sensor, 3)).computer_name).toBe('WIN-3');
    expect(third.fake.requests).toHaveLength(1);
  });

  it('keys documents by scope, model and id; invalidate() forgets both', async () => {
    const cache = new ModelCache();
    const { api, fake } = makeApi(cache);
    fake.on('GET', '/api/v1/sensor/3', { data: sensorDoc });
    const s = await api.fetch(Sensor, 3);
    expect(cache.documentKey(api.cacheScope, Sensor, 3)).toBe(`${api.cacheScope}:Sensor:3`);
    expect(api.cacheScope).not.toContain('token');
    await cache.invalidate(Sensor, 3);
    expect(await cache.getDocument(api.cacheScope, Sensor, 3)).toBeUndefined();
    expect(api.select(Sensor, 3)).not.toBe(s);
  });

  it('does not alias the stored document with the model', async () => {
    const cache = new ModelCache();
    const { api, fake } = makeApi(cache);
    fake.on('GET', '/api/v1/sensor/3', { data: sensorDoc });
    fake.on('PUT', '/api/v1/sensor/3', { status: 500, data: 'no' });
    const s = await api.fetch(Sensor, 3);
    s.computer_name = 'changed';
    await expect(s.save()).rejects.toThrow();
    expect((await cache.getDocument(api.cacheScope, Sensor, 3))?.computer_name).toBe('WIN-1');
  });

  it('accepts a Keyv instance and survives store errors', async () => {
    const store = new Map<string, unknown>();
    const keyv = new Keyv({ store });
    const warnings: string[] = [];
    const cache = new ModelCache({ store: keyv, logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} } });
    await cache.setDocument('scope', 'Sensor', 1, { id: 1 });
    expect(store.size).toBe(1);
    vi.spyOn(keyv, 'get').mockRejectedValueOnce(new Error('down'));
    expect(await cache.getDocument('scope', 'Sensor', 1)).toBeUndefined();
    expect(warnings).toEqual(['model cache read failed']);
  });

  it('ttlMs: 0 disables caching', async () => {
    const cache = new ModelCache({ ttlMs: 0 });
    const { api } = makeApi(cache);
    expect(api.select(Sensor, 1)).not.toBe(api.select(Sensor, 1));
    await cache.setDocument('s', 'Sensor', 1, { id: 1 });
    expect(await cache.getDocument('s', 'Sensor', 1)).toBeUndefined();
  });
});

describe('identity with query rows', () => {
  it('a refreshed search row does not replace the instance select() handed out', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/sensor/3', { data: sensorDoc });
    const selected = api.select(Sensor, 3);
    const row = new Sensor(api, { doc: { id: 3 }, state: 'partial' });
    await row.refresh();
    expect(api.select(Sensor, 3)).toBe(selected);
  });
});
