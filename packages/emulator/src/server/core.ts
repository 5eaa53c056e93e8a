// The one request-handling core: (request) → response over the runtime's state. Order mirrors
// the real deployment: injected faults (network/gateway) → nginx body limit → Flask routing
// (404/405) → token check (401) → rights (403) → handler.
import { HttpError, badRequest, nginxPage, werkzeugPage, SERVER_HEADER } from './errors.js';
import { authenticate, allowed, headerValue, type Principal } from './auth.js';
import type { EmulatorRuntime, RouteContext, RouteHandler } from './context.js';
import { isEmuResponse, json } from './respond.js';
import type { Router } from './router.js';
import type { EmuRequest, EmuResponse, RequestHandler } from './types.js';
import { redactQuery, type RequestLogEntry } from './request-log.js';

export interface CoreHooks {
  /** Called once per request with its log entry, whether it was a search page, and body size. */
  onComplete?: (entry: RequestLogEntry, isPage: boolean, bytesOut: number) => void;
  /** Unexpected handler exceptions (the client gets a 500 page). */
  onError?: (err: unknown, request: EmuRequest) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function parseUrl(url: string): URL {
  return new URL(url, 'http://emulator.invalid');
}

function parseJsonBody(request: EmuRequest): unknown {
  if (!request.body || request.body.length === 0) return undefined;
  const text = Buffer.from(request.body).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('invalid_json', 'Request body is not valid JSON');
  }
}

function bodySize(body: EmuResponse['body']): number {
  return typeof body === 'string' ? Buffer.byteLength(body) : body.length;
}

export function createCore(runtime: EmulatorRuntime, router: Router<RouteHandler>, hooks: CoreHooks = {}): RequestHandler {
  return async (request) => {
    const started = performance.now();
    const url = parseUrl(request.url);
    const method = request.method.toUpperCase();
    let principal: Principal | undefined;
    let isPage = false;
    let fired: number[] | undefined;

    const finish = (response: EmuResponse): EmuResponse => {
      response.headers = { server: SERVER_HEADER, ...response.headers };
      hooks.onComplete?.(
        {
          method,
          path: url.pathname,
          query: redactQuery(url.searchParams),
          status: response.status,
          durationMs: performance.now() - started,
          user: principal?.user.username ?? '',
          ...(fired ? { faults: fired } : {}),
        },
        isPage,
        bodySize(response.body),
      );
      return response;
    };

    const decision = runtime.faults.decide(method, url.pathname);
    if (decision) {
      fired = decision.fired;
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      if (decision.rateLimit) {
        return finish(nginxPage(429, { 'retry-after': String(decision.rateLimit.retryAfterSec) }));
      }
      if (decision.status) return finish(nginxPage(decision.status));
    }
    const transport = decision?.transport;
    const withTransport = (r: EmuResponse) => finish(transport ? { ...r, transport } : r);

    const received = request.bodyLength ?? request.body?.length ?? 0;
    if (received > runtime.config.uploadLimitBytes) return withTransport(nginxPage(413, { connection: 'close' }));

    const match = router.match(method, url.pathname);
    if (match.kind === 'not-found') return withTransport(werkzeugPage(404));
    if (match.kind === 'method-not-allowed') {
      const page = werkzeugPage(405);
      page.headers.allow = [...match.allowed, ...(match.allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
      return withTransport(page);
    }
    const { route, params } = match;
    isPage = route.searchPage === true;

    const access = route.access ?? (route.method === 'GET' ? 'read' : 'write');
    if (access !== 'public') {
      principal = authenticate(runtime.state, headerValue(request.headers, 'x-auth-token'));
      if (!principal) return withTransport(werkzeugPage(401));
      if (!allowed(principal, access)) return withTransport(werkzeugPage(403));
    }

    let bodyCache: { value: unknown } | undefined;
    const ctx: RouteContext = {
      runtime,
      state: runtime.state,
      request,
      method,
      path: url.pathname,
      params,
      query: url.searchParams,
      user: principal?.user as RouteContext['user'],
      role: principal?.role ?? 'read-only',
      body: () => (bodyCache ??= { value: parseJsonBody(request) }).value,
    };
    try {
      const result = await route.handler(ctx);
      return withTransport(isEmuResponse(result) ? result : json(result));
    } catch (err) {
      if (err instanceof HttpError) return withTransport(err.response);
      hooks.onError?.(err, request);
      return withTransport(werkzeugPage(500));
    }
  };
}
