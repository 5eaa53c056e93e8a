import type { Middleware } from '../pipeline.js';
import { CORE_VERSION } from '../../version.js';

/** `<product package/version> @cb/core/<version> node/<version>[ <integration name>]`. */
export function userAgentString(product?: string, integrationName?: string): string {
  return [product, `@cb/core/${CORE_VERSION}`, `node/${process.versions.node}`, integrationName]
    .filter((part): part is string => Boolean(part))
    .join(' ');
}

export function userAgent(value: string): Middleware {
  return {
    name: 'user-agent',
    handle: (ctx, next) => {
      ctx.headers['user-agent'] = value;
      return next(ctx);
    },
  };
}
