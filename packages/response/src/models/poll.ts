// Polling until the server confirms a state change (sensor isolation), bounded by an optional
// deadline and the caller's AbortSignal. The deadline also cuts off a request in flight, so
// `timeoutMs` is a hard bound on the whole wait, not just on the sleeps between polls.
import { AbortError, ApiError, TimeoutError } from '@cb/core';

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
}

export const DEFAULT_POLL_INTERVAL_MS = 1000;

function abortError(signal: AbortSignal): AbortError {
  return new AbortError('The operation was aborted', { cause: signal.reason });
}

/** Resolves after `ms`, or rejects with AbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function checkOptions(options: Pick<PollOptions<never>, 'timeoutMs' | 'pollIntervalMs'>): void {
  const { timeoutMs, pollIntervalMs } = options;
  if (timeoutMs !== undefined && !(timeoutMs >= 0)) throw new ApiError(`timeoutMs must be >= 0, got ${timeoutMs}`);
  if (pollIntervalMs !== undefined && !(pollIntervalMs >= 0)) {
    throw new ApiError(`pollIntervalMs must be >= 0, got ${pollIntervalMs}`);
  }
}

/** start(), then refresh every pollIntervalMs until done(read()); TimeoutError / AbortError otherwise. */
export async function pollUntil<S>(steps: PollSteps<S>, options: PollOptions<S>): Promise<S> {
  checkOptions(options);
  const { timeoutMs, signal: callerSignal, onPoll } = options;
  const interval = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  if (callerSignal?.aborted) throw abortError(callerSignal);

  const deadline = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const signals = [callerSignal, deadline].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  const started = performance.now();
  const timedOut = (): TimeoutError => new TimeoutError(steps.timeoutMessage, { timeoutMs });

  try {
    await steps.start(signal);
    for (let attempt = 0; ; attempt++) {
      const state = steps.read();
      const elapsedMs = performance.now() - started;
      onPoll?.({ attempt, elapsedMs, state });
      if (steps.done(state)) return state;
      if (timeoutMs !== undefined && elapsedMs >= timeoutMs) throw timedOut();
      await sleep(interval, signal);
      await steps.refresh(signal);
    }
  } catch (error) {
    // The deadline fired (and not the caller's signal): that is a timeout, whatever was running.
    if (error instanceof AbortError && deadline?.aborted && !callerSignal?.aborted) {
      throw new TimeoutError(steps.timeoutMessage, { timeoutMs, cause: error });
    }
    throw error;
  }
}
