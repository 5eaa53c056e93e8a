// The one seam between models/queries and HTTP. Product code never calls ofetch directly:
// it calls `Requester.request()`, which the Connection implements (and tests may fake).

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryScalar = string | number | boolean;
/** Arrays become repeated parameters (`q=a&q=b`); undefined/null values are dropped. */
export type QueryValue = QueryScalar | readonly QueryScalar[] | null | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

export type ResponseType = 'json' | 'text' | 'bytes' | 'stream';

export interface RetryOptions {
  /** Extra attempts after the first one (default 5). 0 disables retries. */
  retries?: number;
  /** First backoff delay in ms (default 250); doubles each attempt, with full jitter. */
  baseDelayMs?: number;
  /** Upper bound of one backoff delay, and of an honoured Retry-After (default 30 000). */
  maxDelayMs?: number;
}

export interface RequestOptions {
  method?: HttpMethod;
  /** Path starting with '/', appended to the base URL verbatim. */
  path: string;
  query?: QueryParams | undefined;
  /** JSON body (serialised with sorted keys). `null` sends the literal `null`. */
  body?: unknown;
  /** Non-JSON body (multipart FormData, bytes, stream): sent as is, never retried if a stream. */
  rawBody?: BodyInit | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  /** How to read the response body (default 'json', falling back to text when not JSON). */
  responseType?: ResponseType | undefined;
  signal?: AbortSignal | undefined;
  /** Per-request timeout; overrides the connection's. */
  timeoutMs?: number | undefined;
  /** Per-request retry policy; `false` disables retries. */
  retry?: RetryOptions | false | undefined;
  /**
   * Whether this request may be re-sent after a network error or 502/503/504.
   * Defaults to true for GET/HEAD/PUT/DELETE, false for POST/PATCH.
   */
  idempotent?: boolean | undefined;
  /** Statuses returned to the caller instead of thrown (e.g. [404] to probe existence). */
  acceptStatus?: readonly number[] | undefined;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  data: T;
  /** Number of attempts made (1 = no retry). */
  attempts: number;
  /** Wall time including retries and backoff. */
  durationMs: number;
}

export interface Requester {
  /** Base URL without a trailing slash, e.g. https://cb.example.com */
  readonly baseUrl: string;
  request<T = unknown>(options: RequestOptions): Promise<HttpResponse<T>>;
}
