import { errorFromFailure, errorFromResponse, errorFromUnexpectedStatus } from '../error-mapping.js';
import type { Middleware } from '../pipeline.js';
import { decodeBody } from '../response-body.js';

/** Network failures and error statuses → typed errors; success bodies → the requested shape. */
export function errorMapping(): Middleware {
  return {
    name: 'error-mapping',
    async handle(ctx, next) {
      let exchange;
      try {
        exchange = await next(ctx);
      } catch (err) {
        throw errorFromFailure(ctx, err);
      }
      const accepted = ctx.acceptStatus.includes(exchange.status);
      if (exchange.status >= 400 && !accepted) throw errorFromResponse(ctx, exchange);
      if ((exchange.status < 200 || exchange.status >= 300) && !accepted) throw errorFromUnexpectedStatus(ctx, exchange);
      return { ...exchange, data: decodeBody(ctx, exchange.status, exchange.headers, exchange.data) };
    },
  };
}
