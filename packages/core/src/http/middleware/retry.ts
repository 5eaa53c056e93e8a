import { AbortError, ApiError, RateLimitError, ServerError } from '../../errors.js';
import { isRetryableConnectionError } from '../error-mapping.js';
import type { HttpContext, Middleware } from '../pipeline.js';
import { backoffDelay } from '../retry-policy.js';

const RETRY_STATUSES = new Set([502, 503, 504]);

interface Decision {
  delayMs: number;
  reason: string;
  /** Rate limiting is worth a warning: the user may be overrunning the server. */
  level: 'info' | 'warn';
}

/**
 * The one retry policy. 429 (the server did not process the request) is retried for every
 * method after Retry-After; 502/503/504 and network errors only for idempotent requests. A
 * streamed body can be sent once, so it is never retried. Timeouts and aborts never are.
 */
export function retryDecision(err: unknown, ctx: HttpContext, random: () => number): Decision | undefined {
  if (!ctx.replayable) return undefined;
  const backoff = (): number => backoffDelay(ctx.attempt - 1, ctx.retry, random);
  if (err instanceof RateLimitError) {
    const after = err.retryAfterMs;
    // Retrying before Retry-After extends the penalty (user-asks D2): give up instead.
    if (after !== undefined && after > ctx.retry.maxDelayMs) return undefined;
    return { delayMs: after ?? backoff(), reason: `429 ${after !== undefined ? `Retry-After ${after} ms` : 'rate limited'}`, level: 'warn' };
  }
  if (!ctx.idempotent) return undefined;
  if (err instanceof ServerError && RETRY_STATUSES.has(err.status)) {
    return { delayMs: backoff(), reason: `${err.status}`, level: 'info' };
  }
  if (isRetryableConnectionError(err)) {
    return { delayMs: backoff(), reason: (err as ApiError).message, level: 'info' };
  }
  return undefined;
}

function sleep(ms: number, ctx: HttpContext): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = (): AbortError =>
      new AbortError(`${ctx.method} ${ctx.displayPath} was aborted by the caller (while waiting to retry)`, {
        method: ctx.method,
        path: ctx.displayPath,
        cause: ctx.signal?.reason,
      });
    if (ctx.signal?.aborted) {
      reject(aborted());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      ctx.signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function retry(random: () => number = Math.random): Middleware {
  return {
    name: 'retry',
    async handle(ctx, next) {
      // Bounded: at most retries + 1 attempts.
      for (let attempt = 1; ; attempt++) {
        ctx.attempt = attempt;
        ctx.state.attempts = attempt;
        try {
          return await next(ctx);
        } catch (err) {
          const decision = attempt <= ctx.retry.retries ? retryDecision(err, ctx, random) : undefined;
          if (!decision) throw err;
          ctx.logger[decision.level](
            `HTTP ${ctx.method} ${ctx.displayPath} failed (${decision.reason}); retrying in ${(decision.delayMs / 1000).toFixed(3)}s ` +
              `(retry ${attempt} of ${ctx.retry.retries})`,
          );
          await sleep(decision.delayMs, ctx);
          ctx.state.totalRetryDelayMs += decision.delayMs;
        }
      }
    },
  };
}
