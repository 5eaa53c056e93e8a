// Small AbortSignal helpers. A caller's abort always surfaces as core's AbortError (never
// retried), with the signal's reason as the cause.
import { AbortError, ApiError } from '@cb/core';

export function abortError(signal: AbortSignal | undefined, what: string): ApiError {
  const reason: unknown = signal?.reason;
  // A reason that already is an SDK error (e.g. a job deadline's TimeoutError) is kept as is.
  if (reason instanceof ApiError) return reason;
  return new AbortError(`${what} was aborted`, { cause: reason });
}

export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw abortError(signal, what);
}

/** Resolves after `ms`, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, what = 'wait'): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal, what));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal, what));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles with `promise`, or rejects when the signal aborts first. The promise keeps running
 * (the caller must make sure it cleans up after itself).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortError(signal, what));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      promise.catch(() => undefined);
      reject(abortError(signal, what));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/** Combines optional signals (undefined when there are none). */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return AbortSignal.any(present);
}

/** A signal that aborts after `ms` (for cleanup requests that must not hang), unref'd. */
export function timeoutSignal(ms: number): AbortSignal {
  return AbortSignal.timeout(ms);
}
