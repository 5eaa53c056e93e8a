// Wires the fake server into msw and builds a real core Connection plus the backend under test.
import { Connection, resolveCredentials } from '@cb/core';
import { setupServer } from 'msw/node';
import { CbDefenseBackend } from '../../src/backends/defense.js';
import { PlatformBackend } from '../../src/backends/platform.js';
import { CbResponseBackend } from '../../src/backends/response.js';
import type { LiveResponseBackend } from '../../src/backends/backend.js';
import type { BackendOptions } from '../../src/backends/http-backend.js';
import type { TimingOverrides } from '../../src/timing.js';
import { BASE, FakeLrServer, ORG, type FakeServerOptions, type Product } from './fake-server.js';

export const msw = setupServer();

/** Poll budgets small enough for tests; waits still go through the real timers. */
export const FAST: TimingOverrides = {
  session: { delayMs: 2, timeoutMs: 2_000 },
  command: { delayMs: 1, timeoutMs: 2_000 },
  kill: { delayMs: 1, timeoutMs: 150 },
  createProcess: { delayMs: 1, timeoutMs: 2_000 },
  memdump: { delayMs: 1, timeoutMs: 2_000 },
};

export const quietLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export function connection(): Connection {
  return new Connection({
    credentials: resolveCredentials({ product: 'response', env: {}, url: BASE, token: 'TEST-TOKEN-abcdef' }),
    fetch: (input, init) => globalThis.fetch(input, init),
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    env: {},
    logger: quietLogger,
  });
}

export function backendFor(product: Product, options: Partial<BackendOptions> = {}): LiveResponseBackend {
  const requester = connection();
  switch (product) {
    case 'response':
      return new CbResponseBackend({ requester, ...options });
    case 'defense':
      return new CbDefenseBackend({ requester, ...options });
    case 'platform':
      return new PlatformBackend({ requester, orgKey: ORG, ...options });
  }
}

export interface Setup {
  server: FakeLrServer;
  backend: LiveResponseBackend;
}

/** A fake server for the product (hosts 1..n added), installed into msw. */
export function setup(product: Product, hosts = 1, options: FakeServerOptions = {}, backendOptions: Partial<BackendOptions> = {}): Setup {
  const server = new FakeLrServer(product, options);
  for (let i = 1; i <= hosts; i++) server.addHost(i);
  msw.use(...server.handlers());
  return { server, backend: backendFor(product, backendOptions) };
}

export const PRODUCTS: Product[] = ['response', 'defense', 'platform'];

/** Resolves when `check` is true, polling on real timers (bounded). */
export async function eventually(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
