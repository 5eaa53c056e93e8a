// The request pipeline: an ordered list of small named middleware around one transport call.
// Each middleware sees the per-attempt context and calls `next` zero or more times (retry calls
// it once per attempt). Order, outermost first, is set in connection.ts.
import type { Logger } from '../logging/types.js';
import type { Redactor } from '../redact.js';
import type { ResolvedRetry } from './retry-policy.js';
import type { HttpMethod, ResponseType } from './types.js';

/** Shared by every attempt of one call. */
export interface CallState {
  attempts: number;
  totalRetryDelayMs: number;
}

export interface HttpContext {
  readonly method: HttpMethod;
  /** Full URL including the encoded query. Never logged as is. */
  readonly url: string;
  /** Path and query with secrets redacted: what logs and errors show. */
  readonly displayPath: string;
  /** Request headers by lower-case name; middleware add theirs per attempt. */
  headers: Record<string, string>;
  readonly body: BodyInit | undefined;
  /** The JSON text of a JSON body, for debug logging. */
  readonly bodyText: string | undefined;
  /** Size of the request body in bytes, when known (for 413 messages). */
  readonly bodySize: number | undefined;
  /** False for streamed bodies, which can be sent only once. */
  readonly replayable: boolean;
  readonly idempotent: boolean;
  readonly responseType: ResponseType;
  readonly acceptStatus: readonly number[];
  readonly timeoutMs: number;
  readonly retry: ResolvedRetry;
  readonly signal: AbortSignal | undefined;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly state: CallState;
  /** 1 for the first attempt. */
  attempt: number;
}

/** What flows back up the pipeline. `data` is raw (bytes/stream) below error mapping, decoded above. */
export interface Exchange {
  status: number;
  statusText: string;
  headers: Headers;
  data: unknown;
}

export type Next = (ctx: HttpContext) => Promise<Exchange>;

export interface Middleware {
  readonly name: string;
  handle(ctx: HttpContext, next: Next): Promise<Exchange>;
}

/** `compose([a, b], t)` runs a → b → t. */
export function compose(middleware: readonly Middleware[], terminal: Next): Next {
  return middleware.reduceRight<Next>((next, m) => (ctx) => m.handle(ctx, next), terminal);
}
