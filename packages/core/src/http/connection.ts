// Connection: the SDK's one HTTP client (implements Requester). Builds the per-call context,
// then runs the middleware pipeline — retry → logging → error mapping → auth → user agent —
// around the ofetch transport on an undici dispatcher.
import { readFileSync } from 'node:fs';
import { createFetch, type $Fetch } from 'ofetch';
import { fetch as undiciFetch, type Dispatcher } from 'undici';
import type { Credentials } from '../credentials/resolve.js';
import { ConfigurationError, AbortError } from '../errors.js';
import { createLogger } from '../logging/logger.js';
import { redactingLogger } from '../logging/redacting-logger.js';
import type { Logger } from '../logging/types.js';
import { Redactor } from '../redact.js';
import { createDispatcher, normalisePin } from './dispatcher.js';
import { sortedJson } from './json-body.js';
import { authHeader } from './middleware/auth.js';
import { errorMapping } from './middleware/errors.js';
import { requestLogging } from './middleware/logging.js';
import { retry } from './middleware/retry.js';
import { userAgent, userAgentString } from './middleware/user-agent.js';
import { compose, type HttpContext, type Middleware, type Next } from './pipeline.js';
import { withQuery } from './query.js';
import { resolveRetry, type ResolvedRetry } from './retry-policy.js';
import { createTransport } from './transport.js';
import type { HttpMethod, HttpResponse, Requester, RequestOptions, RetryOptions } from './types.js';

export interface ConnectionOptions {
  credentials: Credentials;
  /** Per-attempt timeout in ms (default 120 000, cbapi's "2x the nginx timeout"). */
  timeoutMs?: number | undefined;
  retry?: RetryOptions | false | undefined;
  logger?: Logger | undefined;
  /** The product package, e.g. '@cb/response/0.1.0'; core and node versions are appended. */
  userAgent?: string | undefined;
  /** Appended to the User-Agent (cbapi's integration_name). */
  integrationName?: string | undefined;
  /** SHA-256 of the server's leaf certificate (DER), hex with or without colons, any case. */
  pinSha256?: string | undefined;
  /** fetch to use instead of undici's (tests inject the msw-patched global fetch). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Reuse connections (default true). */
  keepAlive?: boolean | undefined;
  /** Maximum sockets per origin (default unlimited). */
  maxSockets?: number | undefined;
  /** Environment for HTTPS_PROXY / HTTP_PROXY / NO_PROXY and DEBUG (default process.env). */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Random source for backoff jitter (tests). */
  random?: (() => number) | undefined;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const PAYLOAD_METHODS = new Set<HttpMethod>(['POST', 'PUT', 'PATCH']);
const IDEMPOTENT_METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);

function isStream(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    (typeof (body as { getReader?: unknown }).getReader === 'function' || typeof (body as { pipe?: unknown }).pipe === 'function')
  );
}

function sizeOf(body: unknown): number | undefined {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  if (body instanceof Blob) return body.size;
  if (body instanceof URLSearchParams) return Buffer.byteLength(body.toString());
  return undefined;
}

function readCaFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigurationError(`Cannot read sslCertFile ${path}: ${(err as { code?: string }).code ?? String(err)}`, { cause: err });
  }
}

/**
 * Semantics worth knowing:
 * - `timeoutMs` bounds each attempt (connect → whole body read); timeouts are not retried.
 *   For `responseType: 'stream'` it bounds the wait for the headers only; the caller's signal
 *   still cancels the stream afterwards.
 * - `responseType: 'stream'` returns a web `ReadableStream<Uint8Array>` (not a Node Readable),
 *   unbuffered; `'bytes'` a `Uint8Array`; `'json'` (default) parsed JSON, text when the body is
 *   not JSON, `undefined` when empty.
 * - Redirects are followed (at most 5); the token is dropped when one leaves the server's origin.
 * - `pinSha256` is checked in addition to `sslVerify`: for a self-signed server use
 *   `sslVerify: false` plus the pin.
 * - An explicit `credentials.proxy` is always used; `ignoreSystemProxy` only disables the
 *   HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables.
 */
export class Connection implements Requester {
  readonly baseUrl: string;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly #timeoutMs: number;
  readonly #retry: ResolvedRetry;
  readonly #pipeline: Next;
  readonly #dispatcherOptions: Parameters<typeof createDispatcher>[0];
  #dispatcher: Dispatcher | undefined;
  readonly #keepAlive: boolean;

  constructor(options: ConnectionOptions) {
    const { credentials } = options;
    if (!credentials?.token) throw new ConfigurationError('No API token provided');
    let url: URL;
    try {
      url = new URL(credentials.url);
    } catch {
      throw new ConfigurationError(`Server URL must be a URL: eg. https://localhost (got '${credentials.url}')`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ConfigurationError(`Server URL must be a URL: eg. https://localhost (got '${credentials.url}')`);
    }
    this.baseUrl = credentials.url.replace(/\/+$/, '');
    const env = options.env ?? process.env;
    this.redactor = Redactor.forCredentials(credentials);
    this.logger = redactingLogger(createLogger({ logger: options.logger, debugEnv: env['DEBUG'] }), this.redactor);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#keepAlive = options.keepAlive ?? true;
    this.#retry = resolveRetry(options.retry);

    let pin: string | undefined;
    if (options.pinSha256 !== undefined) {
      pin = normalisePin(options.pinSha256);
      if (!pin) throw new ConfigurationError('pinSha256 must be a SHA-256 fingerprint: 64 hex digits, colons optional');
    }
    this.#dispatcherOptions = {
      sslVerify: credentials.sslVerify,
      sslVerifyHostname: credentials.sslVerifyHostname,
      ca: credentials.sslCertFile ? readCaFile(credentials.sslCertFile) : undefined,
      pinSha256: pin,
      proxy: credentials.proxy,
      ignoreSystemProxy: credentials.ignoreSystemProxy,
      env,
      maxSockets: options.maxSockets,
    };

    const fetchImpl = options.fetch ?? (undiciFetch as unknown as typeof globalThis.fetch);
    const $fetch: $Fetch = createFetch({ fetch: fetchImpl });
    const middleware: Middleware[] = [
      retry(options.random),
      requestLogging(),
      errorMapping(),
      authHeader(credentials.token),
      userAgent(userAgentString(options.userAgent, options.integrationName)),
    ];
    this.#pipeline = compose(middleware, createTransport({ $fetch, dispatcher: () => this.#getDispatcher() }));
  }

  #getDispatcher(): Dispatcher {
    return (this.#dispatcher ??= createDispatcher(this.#dispatcherOptions));
  }

  async request<T = unknown>(options: RequestOptions): Promise<HttpResponse<T>> {
    const started = performance.now();
    const method = options.method ?? 'GET';
    if (typeof options.path !== 'string' || !options.path.startsWith('/')) {
      throw new ConfigurationError(`Request path must start with '/': ${String(options.path)}`);
    }
    const pathAndQuery = withQuery(options.path, options.query);
    const displayPath = this.redactor.redactString(pathAndQuery);
    if (options.signal?.aborted) {
      // Reject before any I/O, and never count it as an attempt.
      throw new AbortError(`${method} ${displayPath} was aborted before it was sent`, { method, path: displayPath, cause: options.signal.reason });
    }

    const headers: Record<string, string> = this.#keepAlive ? {} : { connection: 'close' };
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    let body: BodyInit | undefined;
    let bodyText: string | undefined;
    if (options.rawBody instanceof FormData) {
      // undici's own fetch does not recognise the global FormData class (it would send
      // "[object FormData]"): encode the multipart body here. Its parts are in memory already.
      const encoded = new Response(options.rawBody);
      headers['content-type'] = encoded.headers.get('content-type') ?? 'multipart/form-data';
      body = new Uint8Array(await encoded.arrayBuffer());
    } else if (options.rawBody !== undefined) {
      body = options.rawBody;
    } else if (PAYLOAD_METHODS.has(method) || (method === 'DELETE' && options.body !== undefined)) {
      bodyText = sortedJson(options.body);
      body = bodyText;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      throw new ConfigurationError(`${method} requests cannot carry a body (${displayPath})`);
    }

    const ctx: HttpContext = {
      method,
      url: `${this.baseUrl}${pathAndQuery}`,
      displayPath,
      headers,
      body,
      bodyText,
      bodySize: sizeOf(body),
      replayable: !isStream(body),
      idempotent: options.idempotent ?? IDEMPOTENT_METHODS.has(method),
      responseType: options.responseType ?? 'json',
      acceptStatus: options.acceptStatus ?? [],
      timeoutMs: options.timeoutMs ?? this.#timeoutMs,
      retry: options.retry === undefined ? this.#retry : resolveRetry(this.#retry, options.retry),
      signal: options.signal,
      logger: this.logger,
      redactor: this.redactor,
      state: { attempts: 0, totalRetryDelayMs: 0 },
      attempt: 1,
    };
    const exchange = await this.#pipeline(ctx);
    return {
      status: exchange.status,
      headers: exchange.headers,
      data: exchange.data as T,
      attempts: ctx.state.attempts,
      durationMs: performance.now() - started,
    };
  }

  /** Closes pooled sockets. Requests made afterwards open a fresh pool. */
  async close(): Promise<void> {
    const dispatcher = this.#dispatcher;
    this.#dispatcher = undefined;
    await dispatcher?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
