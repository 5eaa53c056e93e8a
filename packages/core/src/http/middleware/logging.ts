import { ServerError } from '../../errors.js';
import type { Middleware } from '../pipeline.js';

const BODY_LOG_LIMIT = 2048;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}

/**
 * One debug line per attempt, `HTTP GET /api/v1/sensor/3 took 0.037s (response 200)`, plus the
 * request body once per call. The logger is already redacting; redact here too so a custom
 * pipeline cannot forget it.
 */
export function requestLogging(): Middleware {
  return {
    name: 'logging',
    async handle(ctx, next) {
      const { logger, redactor } = ctx;
      if (ctx.attempt === 1 && ctx.bodyText !== undefined) {
        const text = redactor.redactString(ctx.bodyText);
        const shown = text.length > BODY_LOG_LIMIT ? `${text.slice(0, BODY_LOG_LIMIT)}… (${text.length} chars)` : text;
        logger.debug(`HTTP ${ctx.method} ${ctx.displayPath} request body: ${shown}`);
      }
      const started = performance.now();
      try {
        const exchange = await next(ctx);
        logger.debug(`HTTP ${ctx.method} ${ctx.displayPath} took ${seconds(performance.now() - started)} (response ${exchange.status})`);
        return exchange;
      } catch (err) {
        const outcome =
          err instanceof ServerError ? `response ${err.status}` : `${(err as Error).name}: ${redactor.redactString((err as Error).message)}`;
        logger.debug(`HTTP ${ctx.method} ${ctx.displayPath} took ${seconds(performance.now() - started)} (${outcome})`);
        throw err;
      }
    },
  };
}
