// Which failures a job retry may fix. Retrying re-runs the whole job, so only failures that
// say nothing about the job itself count: the network, the server's 5xx/429, its "session
// limit reached" (a slot frees up when someone closes a session), and a session that could not
// be set up (the job never ran).
import { AbortError, ApiError, ClientError, ConnectionError, RateLimitError, ServerError } from '@cb/core';
import { SessionClosedError, SessionLimitError, UnsupportedCommandError } from '../errors.js';
import type { JobPhase } from './types.js';

export function isTransientFailure(error: unknown, info: { phase: JobPhase }): boolean {
  if (error instanceof AbortError || error instanceof UnsupportedCommandError || error instanceof SessionClosedError) return false;
  if (error instanceof RateLimitError || error instanceof ConnectionError || error instanceof SessionLimitError) return true;
  if (error instanceof ClientError) return false;
  if (error instanceof ServerError) return true;
  // Session setup: a timeout or an error status of a sensor that may be back in a minute.
  return info.phase === 'setup' && error instanceof ApiError;
}
