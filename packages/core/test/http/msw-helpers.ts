// Shared by the msw-based Connection tests.
import { resolveCredentials, type Credentials } from '../../src/credentials/index.js';
import { Connection, type ConnectionOptions } from '../../src/http/connection.js';
import type { Logger } from '../../src/logging/types.js';

export const BASE = 'https://cb.test';

export interface Captured {
  logger: Logger;
  lines: { level: string; message: string; fields?: unknown }[];
}

export function captureLogger(): Captured {
  const lines: Captured['lines'] = [];
  const at = (level: string) => (message: string, fields?: Readonly<Record<string, unknown>>) =>
    lines.push(fields === undefined ? { level, message } : { level, message, fields });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

export function credentials(extra: Partial<Parameters<typeof resolveCredentials>[0]> = {}): Credentials {
  return resolveCredentials({ product: 'response', env: {}, url: BASE, token: 'TEST-TOKEN-abcdef', ...extra });
}

/** A connection whose fetch is the (msw-patched) global fetch, resolved at call time. */
export function mswConnection(options: Partial<ConnectionOptions> = {}): Connection {
  return new Connection({
    credentials: credentials(),
    fetch: (input, init) => globalThis.fetch(input, init),
    retry: { baseDelayMs: 1, maxDelayMs: 50 },
    env: {},
    ...options,
  });
}
