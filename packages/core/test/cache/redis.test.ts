// Two caches (as in two processes) over one real redis-server share model documents. REDIS_URL
// selects an existing server (see support/redis-server.ts); a per-run namespace keeps these keys
// apart from anything else stored there.
import { randomBytes } from 'node:crypto';
import KeyvRedis from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelCache } from '../../src/cache/model-cache.js';
import { redisForTests, type RedisServer } from '../support/redis-server.js';
import { makeApi, Sensor } from '../support/models.js';

let redis: RedisServer;
const caches: ModelCache[] = [];
const namespace = `cb-model-test-${randomBytes(6).toString('hex')}`;

function redisCache(ttlMs = 60_000): ModelCache {
  const cache = new ModelCache({ store: new KeyvRedis(redis.url), ttlMs, namespace });
  caches.push(cache);
  return cache;
}

beforeAll(async () => {
  redis = await redisForTests();
}, 20_000);

afterAll(async () => {
  await Promise.all(caches.map((c) => c.disconnect().catch(() => undefined)));
  await redis?.stop();
});

describe('Redis-backed model cache', () => {
  it('shares documents between two cache instances', async () => {
    const one = makeApi(redisCache());
    one.fake.on('GET', '/api/v1/sensor/3', { data: { id: 3, computer_name: 'WIN-REDIS' } });
    await one.api.fetch(Sensor, 3);
    expect(one.fake.requests).toHaveLength(1);

    const two = makeApi(redisCache());
    two.fake.on('GET', '/api/v1/sensor/3', { data: { id: 3, computer_name: 'other' } });
    const s = await two.api.fetch(Sensor, 3);
    expect(s.computer_name).toBe('WIN-REDIS');
    expect(two.fake.requests).toHaveLength(0);

    await caches[1]?.invalidate(Sensor, 3);
    expect(await caches[0]?.getDocument(one.api.cacheScope, Sensor, 3)).toBeUndefined();
  });

  it('expires documents with the TTL', async () => {
    const cache = redisCache(200);
    await cache.setDocument('scope', 'Sensor', 9, { id: 9 });
    expect(await cache.getDocument('scope', 'Sensor', 9)).toEqual({ id: 9 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await cache.getDocument('scope', 'Sensor', 9)).toBeUndefined();
  });
});
