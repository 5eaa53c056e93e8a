import type { Middleware } from '../pipeline.js';

/** Adds the X-Auth-Token header (the only authentication Carbon Black servers use). */
export function authHeader(token: string): Middleware {
  return {
    name: 'auth',
    handle: (ctx, next) => {
      ctx.headers['x-auth-token'] = token;
      return next(ctx);
    },
  };
}
