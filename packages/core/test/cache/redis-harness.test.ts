import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { externalRedis, redisForTests, startRedisServer } from '../support/redis-server.js';

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('redis-server test harness', () => {
  it('fails (never skips) with install instructions when redis-server is missing', async () => {
    await expect(startRedisServer({ command: 'redis-server-not-installed-here' })).rejects.toThrow(
      'redis-server not found: install it (apt-get install redis-server) or run .ci/run',
    );
  });

  it('uses the server REDIS_URL names, and leaves it running', async () => {
    const own = await startRedisServer();
    try {
      const external = await redisForTests({ REDIS_URL: own.url });
      expect(external).toMatchObject({ url: own.url, port: own.port, external: true });
      await external.stop();
      // Still answering after the tests' stop(): only servers we started are stopped.
      await expect(externalRedis(own.url)).resolves.toMatchObject({ port: own.port });
      const started = await redisForTests({});
      expect(started.external).toBe(false);
      expect(started.port).not.toBe(own.port);
      await started.stop();
    } finally {
      await own.stop();
    }
  }, 20_000);

  it('refuses a REDIS_URL that is not a loopback redis:// URL or does not answer, hiding its password', async () => {
    await expect(externalRedis('redis://:hunter2@redis.example.com:6379')).rejects.toThrow(
      'REDIS_URL must point at 127.0.0.1 or localhost, got redis://:***@redis.example.com:6379',
    );
    await expect(externalRedis('http://127.0.0.1:6379')).rejects.toThrow(/must be a redis:\/\/ URL/);
    await expect(externalRedis('not a url')).rejects.toThrow(/REDIS_URL is not a URL/);
    const port = await closedPort();
    const error = await externalRedis(`redis://:hunter2@127.0.0.1:${port}`).catch((e: unknown) => e as Error);
    expect(String(error)).toContain(`REDIS_URL redis://:***@127.0.0.1:${port} does not answer PING`);
    expect(String(error)).not.toContain('hunter2');
  });
});
