// A Requester that records every request and answers from registered routes. It maps error
// statuses the way the Connection does (404 → ObjectNotFoundError, other >= 400 → ServerError)
// and honours AbortSignals, so query/model code is exercised exactly as against the wire.
import { AbortError, ObjectNotFoundError, ServerError } from '../../src/errors.js';
import { withQuery } from '../../src/http/query.js';
import type { HttpMethod, HttpResponse, Requester, RequestOptions } from '../../src/http/types.js';

export interface FakeReply {
  status?: number;
  data?: unknown;
}

export type FakeHandler = (request: RequestOptions) => FakeReply | Promise<FakeReply>;

interface Route {
  method: HttpMethod;
  path: string | RegExp;
  handler: FakeHandler;
}

export class FakeRequester implements Requester {
  readonly baseUrl: string;
  readonly requests: RequestOptions[] = [];
  readonly #routes: Route[] = [];

  constructor(baseUrl = 'https://cb.example.com') {
    this.baseUrl = baseUrl;
  }

  /** Registers a route; later registrations win. A plain reply object is returned as is. */
  on(method: HttpMethod, path: string | RegExp, reply: FakeHandler | FakeReply): this {
    const handler = typeof reply === 'function' ? reply : () => reply;
    this.#routes.unshift({ method, path, handler });
    return this;
  }

  /** `GET /api/v1/sensor?a=1` lines, query encoded like the Connection does. */
  get lines(): string[] {
    return this.requests.map((r) => `${r.method ?? 'GET'} ${withQuery(r.path, r.query)}`);
  }

  reset(): void {
    this.requests.length = 0;
  }

  async request<T = unknown>(options: RequestOptions): Promise<HttpResponse<T>> {
    this.requests.push(options);
    const method = options.method ?? 'GET';
    const route = this.#routes.find(
      (r) => r.method === method && (typeof r.path === 'string' ? r.path === options.path : r.path.test(options.path)),
    );
    if (!route) throw new Error(`FakeRequester: no route for ${method} ${options.path}`);
    const signal = options.signal;
    if (signal?.aborted) throw new AbortError('aborted', { method, path: options.path });
    const reply = await new Promise<FakeReply>((resolve, reject) => {
      const onAbort = (): void => reject(new AbortError('aborted', { method, path: options.path }));
      signal?.addEventListener('abort', onAbort, { once: true });
      Promise.resolve()
        .then(() => route.handler(options))
        .then(resolve, reject)
        .finally(() => signal?.removeEventListener('abort', onAbort));
    });
    const status = reply.status ?? (reply.data === undefined ? 204 : 200);
    const context = { method, path: options.path, status, body: reply.data };
    if (status === 404) throw new ObjectNotFoundError(`Received 404 for ${options.path}`, context);
    if (status >= 400) throw new ServerError(`Received error code ${status}`, context);
    return { status, headers: new Headers(), data: (reply.data ?? '') as T, attempts: 1, durationMs: 0 };
  }
}

/** A promise with its resolve function exposed (to hold a reply until the test says so). */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
