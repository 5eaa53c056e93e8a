// Fault injection model: a fault matches requests by method and path; when it "fires" (with
// probability `rate`, at most `times` times) it adds latency and/or replaces the outcome.
export interface FaultMatch {
  /** HTTP method (case-insensitive); omitted = any. */
  method?: string;
  /** Glob ('*' spans '/') or RegExp over the URL path (no query); omitted = any path. */
  path?: string | RegExp;
}

export interface FaultSpec {
  match?: FaultMatch;
  /** Added before the response is produced. */
  latencyMs?: number;
  /** Replace the response with this gateway/server error. */
  status?: 500 | 502 | 503;
  /** Probability (0..1) that a matching request triggers the fault; default 1. */
  rate?: number;
  /** Fire at most this many times, then the fault stays inert. */
  times?: number;
  /** Answer 429 Too Many Requests with this Retry-After. */
  rateLimit?: { retryAfterSec: number };
  /** Drop the connection with a TCP RST before anything is written, on HTTP and HTTPS (fetch rejects). */
  reset?: boolean;
  /** Declare the full Content-Length, send half of the body, then close (body read rejects). */
  truncateBody?: boolean;
  /** Trickle the body in small chunks with this delay between chunks. */
  slowBodyMs?: number;
}

/** What the transport must do to the (otherwise normal) response. */
export type TransportFault =
  | { kind: 'reset' }
  | { kind: 'truncate' }
  | { kind: 'slow'; chunkDelayMs: number; chunkSize: number };

/** The combined effect of every fault that fired for one request. */
export interface FaultDecision {
  latencyMs: number;
  status?: 500 | 502 | 503;
  rateLimit?: { retryAfterSec: number };
  transport?: TransportFault;
  /** ids of the faults that fired (for the request log). */
  fired: number[];
}

export interface FaultHandle {
  readonly id: number;
  readonly spec: FaultSpec;
  /** How often it fired so far. */
  readonly hits: number;
  remove(): void;
}
