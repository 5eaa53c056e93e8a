// openSession(): one session owned by the caller, closed by close() / `await using`.
import { createLogger, type Logger } from '@cb/core';
import type { LiveResponseBackend } from '../backends/backend.js';
import { resolveTimings, type TimingOverrides } from '../timing.js';
import type { HostId, OsType } from '../types.js';
import { SessionCore } from './core.js';
import { LiveResponseSession } from './session.js';

export interface SessionOptions {
  /** Aborts establishment (the half-open session is still closed). */
  signal?: AbortSignal | undefined;
  /** Poll budgets; e.g. `{ session: { timeoutMs: 60_000 } }` to give up on a sensor sooner. */
  timings?: TimingOverrides | undefined;
  /** The endpoint's OS when already known (skips the host lookup). */
  osType?: OsType | undefined;
  /** Known server upload limit in bytes (overrides the backend's). */
  uploadLimitBytes?: number | undefined;
  logger?: Logger | undefined;
}

export function defaultLogger(logger: Logger | undefined): Logger {
  return logger ?? createLogger({ namespace: 'cb:live-response' });
}

/**
 * Opens a Live Response session with a host and waits until it is active. On any failure the
 * half-open server session is closed before the error is thrown.
 *
 *     await using session = await openSession(backend, 3);
 *     const text = await session.getFile('c:\\test.txt', { encoding: 'utf8' });
 */
export async function openSession(backend: LiveResponseBackend, hostId: HostId, options: SessionOptions = {}): Promise<LiveResponseSession> {
  const core = await SessionCore.open(backend, hostId, {
    signal: options.signal,
    timings: resolveTimings(options.timings),
    logger: defaultLogger(options.logger),
    osType: options.osType,
    uploadLimitBytes: options.uploadLimitBytes,
  });
  return new LiveResponseSession(core, () => core.close());
}
