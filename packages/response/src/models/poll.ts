// Polling until the server confirms a state change (sensor isolation), bounded by an optional
// deadline and the caller's AbortSignal. The deadline also cuts off a request in flight, so
// `timeoutMs` is a hard bound on the whole wait, not just on the sleeps between polls.
import { AbortError, ApiError, TimeoutError } from '@cb/core';
import type { RequestTarget } from './request-target.js';

/** Progress reported before every check (attempt 0 is the state right after the save). */
export interface PollProgress<S> {
  /** Number of refreshes made so far. */
  readonly attempt: number;
  readonly elapsedMs: number;
  /** What the check looked at this time. */
  readonly state: S;
}

export interface PollOptions<S> {
  /** Give up after this many milliseconds (default: wait until done or aborted). */
  readonly timeoutMs?: number | undefined;
  /** Pause between checks (default 1000 ms, as cbapi). */
  readonly pollIntervalMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Called before each check; exceptions it throws end the wait. */
  readonly onPoll?: ((progress: PollProgress<S>) => void) | undefined;
}

export interface PollSteps<S> {
  /** The first step (e.g. the save that requests the change); gets the combined signal. */
  start(signal: AbortSignal | undefined): Promise<void>;
  /** Reads the current state (no request). */
  read(): S;
  done(state: S): boolean;
  /** Fetches a fresh state from the server. */
  refresh(signal: AbortSignal | undefined): Promise<void>;
  /** Message of the TimeoutError. */
  readonly timeoutMessage: string;
  /**
   * The requests of start() and refresh(), named by errors raised outside a request: bad
   * options and an abort before start() name the first, timeouts and aborts while waiting the second.
   */
  readonly requests: { readonly start: RequestTarget; readonly poll: RequestTarget };
}

export const DEFAULT_POLL_INTERVAL_MS = 1000;

function abortError(signal: AbortSignal, target: RequestTarget | undefined): AbortError {
  return new AbortError('The operation was aborted', { ...target, cause: signal.reason });
}

/**
 * Resolves after `ms`, or rejects with AbortError as soon as `signal` aborts; the error names
 * `next`, the request the sleep delays.
 */
export function sleep(ms: number, signal: AbortSignal | undefined, next?: RequestTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal, next));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal, next));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function checkOptions(options: Pick<PollOptions<never>, 'timeoutMs' | 'pollIntervalMs'>, target: RequestTarget): void {
  const { timeoutMs, pollIntervalMs } = options;
  if (timeoutMs !== undefined && !(timeoutMs >= 0)) throw new ApiError(`timeoutMs must be >= 0, got ${timeoutMs}`, target);
  if (pollIntervalMs !== undefined && !(pollIntervalMs >= 0)) {
    throw new ApiError(`pollIntervalMs must be >= 0, got ${pollIntervalMs}`, target);
  }
}

/** start(), then refresh every pollIntervalMs until done(read()); TimeoutError / AbortError otherwise. */
export async function pollUntil<S>(steps: PollSteps<S>, options: PollOptions<S>): Promise<S> {
  const { start, poll } = steps.requests;
  checkOptions(options, start);
  const { timeoutMs, signal: callerSignal, onPoll } = options;
  const interval = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  if (callerSignal?.aborted) throw abortError(callerSignal, start);

  const deadline = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const signals = [callerSignal, deadline].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  const started = performance.now();
  const timedOut = (): TimeoutError => new TimeoutError(steps.timeoutMessage, { ...poll, timeoutMs });

  try {
    await steps.start(signal);
    for (let attempt = 0; ; attempt++) {
      const state = steps.read();
      const elapsedMs = performance.now() - started;
      onPoll?.({ attempt, elapsedMs, state });
      if (steps.done(state)) return state;
      if (timeoutMs !== undefined && elapsedMs >= timeoutMs) throw timedOut();
      await sleep(interval, signal, poll);
      await steps.refresh(signal);
    }
  } catch (error) {
    // The deadline fired (and not the caller's signal): that is a timeout, whatever was running.
    // It names the request it cut off (the save, a refresh) or the refresh the sleep delayed.
    if (error instanceof AbortError && deadline?.aborted && !callerSignal?.aborted) {
      throw new TimeoutError(steps.timeoutMessage, { method: error.method ?? poll.method, path: error.path ?? poll.path, timeoutMs, cause: error });
    }
    throw error;
  }
}
