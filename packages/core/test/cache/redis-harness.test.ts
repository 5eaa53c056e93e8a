import { describe, expect, it } from 'vitest';
import { startRedisServer } from '../support/redis-server.js';

describe('redis-server test harness', () => {
  it('fails (never skips) with install instructions when redis-server is missing', async () => {
    await expect(startRedisServer({ command: 'redis-server-not-installed-here' })).rejects.toThrow(
      'redis-server not found: install it (apt-get install redis-server) or run .ci/run',
    );
  });
});
