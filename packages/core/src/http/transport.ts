// The innermost step: one HTTP exchange through ofetch (retry: 0, no response parsing, no
// error throwing: the pipeline owns those decisions) on the connection's undici dispatcher.
// It applies the per-attempt timeout and the caller's AbortSignal, follows redirects itself
// (dropping the token when a redirect leaves the server's origin) and reads the whole body,
// except for stream responses.
import type { $Fetch } from 'ofetch';
import type { Dispatcher } from 'undici';
import type { Exchange, HttpContext, Next } from './pipeline.js';

export type FailureKind = 'timeout' | 'abort' | 'network';

/** A failure before a complete response arrived; error mapping turns it into an ApiError. */
export class TransportFailure extends Error {
  readonly kind: FailureKind;
  constructor(kind: FailureKind, cause: unknown) {
    super(`transport ${kind}`, { cause });
    this.kind = kind;
  }
}

const TIMED_OUT = Symbol('timeout');
const CALLER_ABORTED = Symbol('caller abort');
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface TransportDeps {
  $fetch: $Fetch;
  dispatcher: () => Dispatcher;
}

function isStreamBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (typeof (body as { pipe?: unknown }).pipe === 'function' || typeof (body as { getReader?: unknown }).getReader === 'function');
}

export function createTransport(deps: TransportDeps): Next {
  return async (ctx: HttpContext): Promise<Exchange> => {
    if (ctx.signal?.aborted) throw new TransportFailure('abort', ctx.signal.reason);
    const controller = new AbortController();
    const onCallerAbort = (): void => controller.abort(CALLER_ABORTED);
    ctx.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = setTimeout(() => controller.abort(TIMED_OUT), ctx.timeoutMs);
    let streaming = false;
    try {
      let url = ctx.url;
      let method: string = ctx.method;
      let body = ctx.body;
      const headers = { ...ctx.headers };
      for (let hop = 0; ; hop++) {
        const response = await deps.$fetch.raw(url, {
          method,
          headers,
          body: body ?? null,
          retry: 0,
          ignoreResponseError: true,
          responseType: 'stream',
          redirect: 'manual',
          signal: controller.signal,
          dispatcher: deps.dispatcher(),
          ...(isStreamBody(body) ? { duplex: 'half' as const } : {}),
        });
        const location = response.headers.get('location');
        if (REDIRECTS.has(response.status) && location && hop < MAX_REDIRECTS && !ctx.acceptStatus.includes(response.status)) {
          await response.body?.cancel().catch(() => undefined);
          const next = new URL(location, url);
          // The token must not follow a redirect to another origin (fetch only strips Authorization).
          if (next.origin !== new URL(url).origin) delete headers['x-auth-token'];
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
            delete headers['content-type'];
          }
          url = next.toString();
          continue;
        }
        const wanted = response.status < 400 || ctx.acceptStatus.includes(response.status);
        if (ctx.responseType === 'stream' && wanted) {
          // The caller reads the body later: keep its signal linked so aborting it cancels the stream.
          streaming = true;
          return { status: response.status, statusText: response.statusText, headers: new Headers(copyHeaders(response.headers)), data: response.body };
        }
        const bytes = ctx.method === 'HEAD' ? new Uint8Array() : new Uint8Array(await response.arrayBuffer());
        return { status: response.status, statusText: response.statusText, headers: new Headers(copyHeaders(response.headers)), data: bytes };
      }
    } catch (err) {
      if (controller.signal.aborted) {
        throw new TransportFailure(controller.signal.reason === TIMED_OUT ? 'timeout' : 'abort', err);
      }
      throw new TransportFailure('network', err);
    } finally {
      clearTimeout(timer);
      if (!streaming) ctx.signal?.removeEventListener('abort', onCallerAbort);
    }
  };
}

// The response may come from another fetch implementation (undici's package, msw): copy
// its headers into this realm's Headers class.
function copyHeaders(source: { forEach(cb: (value: string, name: string) => void): void }): [string, string][] {
  const out: [string, string][] = [];
  source.forEach((value, name) => out.push([name, value]));
  return out;
}
