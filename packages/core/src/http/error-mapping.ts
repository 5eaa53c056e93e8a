// One factory for every transport error: HTTP statuses and network failures become the typed
// ApiError hierarchy of errors.ts, with method, redacted path, status, attempts and a message
// that says what to do.
import { STATUS_CODES } from 'node:http';
import {
  AbortError,
  ApiError,
  ClientError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  ObjectNotFoundError,
  PayloadTooLargeError,
  QuerySyntaxError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  type ServerErrorDetails,
} from '../errors.js';
import type { Exchange, HttpContext } from './pipeline.js';
import { errorBody, summarise } from './response-body.js';
import { parseRetryAfter } from './retry-policy.js';
import { TransportFailure } from './transport.js';

/** Marks connection errors that a retry cannot fix (TLS verification, pin mismatch, bad proxy). */
const PERMANENT = Symbol.for('@cb/core.permanent-connection-error');

export function isRetryableConnectionError(err: unknown): boolean {
  return err instanceof ConnectionError && !(err as unknown as Record<symbol, unknown>)[PERMANENT];
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]} (${n} bytes)`;
}

function hint(status: number, ctx: HttpContext): string {
  switch (status) {
    case 401:
      return ' (check the API token: it is missing, wrong or expired)';
    case 403:
      return ' (the API key may lack a permission for this API, or be the wrong key type for it, e.g. an API key where a Live Response or SIEM key is needed)';
    case 413:
      return ` (request body over the server's upload limit; the request was ${ctx.bodySize === undefined ? 'of unknown size' : formatBytes(ctx.bodySize)})`;
    default:
      return '';
  }
}

/** Maps a status >= 400 (not accepted by the caller) to its error class. */
export function errorFromResponse(ctx: HttpContext, exchange: Exchange): ServerError {
  const { status, headers } = exchange;
  const body = errorBody(ctx, headers, exchange.data);
  const statusText = exchange.statusText || STATUS_CODES[status] || '';
  const summary = status === 413 && typeof body === 'string' && /<html/i.test(body) ? '' : summarise(body);
  const message = ctx.redactor.redactString(
    `${ctx.method} ${ctx.displayPath} → ${status} ${statusText}${summary ? `: ${summary}` : ''}${hint(status, ctx)}`,
  );
  const details: ServerErrorDetails = {
    method: ctx.method,
    path: ctx.displayPath,
    status,
    body,
    requestId: headers.get('x-request-id') ?? headers.get('x-cb-request-id') ?? undefined,
    attempts: ctx.attempt,
  };
  if (status === 400 && (body as { reason?: unknown } | undefined)?.reason === 'query_malformed_syntax') {
    return new QuerySyntaxError(message, details);
  }
  switch (status) {
    case 401: return new UnauthorizedError(message, details);
    case 403: return new ForbiddenError(message, details);
    case 404: return new ObjectNotFoundError(message, details);
    case 409: return new ConflictError(message, details);
    case 413: return new PayloadTooLargeError(message, details);
    case 429: return new RateLimitError(message, { ...details, retryAfterMs: parseRetryAfter(headers.get('retry-after')) });
    default:
      return status < 500 ? new ClientError(message, details) : new ServerError(message, details);
  }
}

/** An unexpected 1xx/3xx (e.g. a redirect we would not or could not follow). */
export function errorFromUnexpectedStatus(ctx: HttpContext, exchange: Exchange): ServerError {
  const location = exchange.headers.get('location');
  return new ServerError(
    ctx.redactor.redactString(
      `${ctx.method} ${ctx.displayPath} → ${exchange.status} ${exchange.statusText || STATUS_CODES[exchange.status] || ''}: unexpected status${location ? ` (redirect to ${location})` : ''}`,
    ),
    { method: ctx.method, path: ctx.displayPath, status: exchange.status, attempts: ctx.attempt },
  );
}

interface Cause {
  code?: string;
  message?: string;
  cause?: unknown;
  name?: string;
}

/** Walks the cause chain (ofetch FetchError → undici TypeError → socket error): the deepest error with a code, else the deepest error. */
function innermost(err: unknown): Cause {
  let current: unknown = err;
  let deepest: Cause = { message: String(err) };
  let coded: Cause | undefined;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    const c = current as Cause;
    deepest = c;
    if (typeof c.code === 'string') coded = c;
    current = c.cause;
  }
  return coded ?? deepest;
}

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ERR_SSL|HOSTNAME|ALTNAME/i;

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function tlsAdvice(code: string): string {
  if (/ALTNAME|HOSTNAME/i.test(code)) {
    return 'The certificate is not valid for this host name: connect with a name it carries, or set sslVerifyHostname=false to verify the chain only.';
  }
  return 'Trust the server\'s CA with sslCertFile, pin its certificate with pinSha256, or (insecure) set sslVerify=false.';
}

export function errorFromFailure(ctx: HttpContext, err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const base = { method: ctx.method, path: ctx.displayPath };
  const failure = err instanceof TransportFailure ? err : new TransportFailure('network', err);
  if (failure.kind === 'abort') {
    return new AbortError(`${ctx.method} ${ctx.displayPath} was aborted by the caller`, { ...base, cause: ctx.signal?.reason });
  }
  if (failure.kind === 'timeout') {
    return new TimeoutError(`${ctx.method} ${ctx.displayPath} timed out after ${ctx.timeoutMs} ms`, { ...base, timeoutMs: ctx.timeoutMs });
  }
  const cause = innermost(failure.cause);
  const code = cause.code ?? cause.name ?? 'ERROR';
  const detail = ctx.redactor.redactString(cause.message ?? String(failure.cause));
  const where = origin(ctx.url);
  let message: string;
  let permanent = false;
  if (code === 'CB_CERT_PIN_MISMATCH') {
    message = `${ctx.method} ${ctx.displayPath}: ${detail}`;
    permanent = true;
  } else if (TLS_CODE.test(code)) {
    message = `${ctx.method} ${ctx.displayPath}: TLS certificate verification failed for ${where}: ${detail} (${code}). ${tlsAdvice(code)}`;
    permanent = true;
  } else if (/proxy/i.test(detail) || code === 'UND_ERR_PRX_TLS') {
    message = `${ctx.method} ${ctx.displayPath}: proxy error while connecting to ${where}: ${detail} (${code})`;
    permanent = /407|Proxy response \(4/.test(detail);
  } else {
    message = `${ctx.method} ${ctx.displayPath}: network error talking to ${where}: ${detail} (${code})`;
  }
  const error = new ConnectionError(ctx.redactor.redactString(message), { ...base, attempts: ctx.attempt, cause: redactedCause(ctx, cause) });
  if (permanent) Object.defineProperty(error, PERMANENT, { value: true, enumerable: false });
  return error;
}

// The low-level error may quote URLs or headers; keep only a redacted summary of it.
function redactedCause(ctx: HttpContext, cause: Cause): Error {
  const clean = new Error(ctx.redactor.redactString(cause.message ?? 'unknown error'));
  clean.name = cause.name ?? 'Error';
  if (cause.code) Object.assign(clean, { code: cause.code });
  return clean;
}
