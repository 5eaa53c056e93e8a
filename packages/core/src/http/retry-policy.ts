// Backoff arithmetic and Retry-After parsing, kept free of I/O so it is easy to test.
import type { RetryOptions } from './types.js';

export interface ResolvedRetry {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: ResolvedRetry = { retries: 5, baseDelayMs: 250, maxDelayMs: 30_000 };

export function resolveRetry(...layers: (RetryOptions | false | undefined)[]): ResolvedRetry {
  let out = { ...DEFAULT_RETRY };
  for (const layer of layers) {
    if (layer === false) out = { ...out, retries: 0 };
    else if (layer) {
      out = {
        retries: layer.retries ?? out.retries,
        baseDelayMs: layer.baseDelayMs ?? out.baseDelayMs,
        maxDelayMs: layer.maxDelayMs ?? out.maxDelayMs,
      };
    }
  }
  out.retries = Math.max(0, Math.floor(out.retries));
  return out;
}

/**
 * Exponential backoff with "full jitter" (a uniformly random delay up to the exponential
 * ceiling), which spreads retries of many clients hitting the same overloaded server.
 * `retryIndex` is 0 for the first retry.
 */
export function backoffDelay(retryIndex: number, policy: ResolvedRetry, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unparsable. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
