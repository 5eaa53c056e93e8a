// The job API's public types.
import type { Observable } from 'rxjs';
import type { LiveResponseSession } from '../session/session.js';
import type { HostId } from '../types.js';

export interface JobContext {
  /** Aborted when the job times out or the subscriber unsubscribes: pass it to every command. */
  readonly signal: AbortSignal;
  readonly host: HostId;
  /** 1 for the first run, 2 for the first retry, ... */
  readonly attempt: number;
}

export type JobFunction<T> = (session: LiveResponseSession, context: JobContext) => Promise<T> | T;

export interface JobObject<T> {
  run(session: LiveResponseSession, context: JobContext): Promise<T> | T;
}

export type Job<T> = JobFunction<T> | JobObject<T>;

/**
 * What submitJob accepts, a function (or `{ run }`) returning `R`; results carry
 * `Awaited<R>`. Typed this way so a job returning `Promise<A> | B` infers `A | B`.
 */
export type JobLike<R> = ((session: LiveResponseSession, context: JobContext) => R) | { run(session: LiveResponseSession, context: JobContext): R };

interface JobOutcome {
  readonly host: HostId;
  /** Runs made (1 + retries). 0 when the job never ran (offline host). */
  readonly attempts: number;
  /** From the job's start (after queueing) to its result. */
  readonly durationMs: number;
}

export interface JobSuccess<T> extends JobOutcome {
  readonly ok: true;
  readonly value: T;
}

export interface JobFailure extends JobOutcome {
  readonly ok: false;
  /** TimeoutError (deadline), OfflineError (host offline past its TTL), or what the job/session threw. */
  readonly error: unknown;
}

export type JobResult<T> = JobSuccess<T> | JobFailure;

export interface JobProgress {
  /** Waiting for a slot, for their host's earlier jobs, or for an offline host. */
  readonly queued: number;
  readonly running: number;
  readonly succeeded: number;
  /** Errors, timeouts and offline hosts. */
  readonly failed: number;
  /** Jobs submitted so far (grows while the host source emits). */
  readonly total: number;
}

export type JobPhase = 'setup' | 'job';

export interface JobRetryConfig {
  /** Extra runs after a transient failure (default 0: jobs may not be idempotent). */
  count?: number | undefined;
  /** Pause before a retry: ms, or a function of the error and the retry number (1-based). Default 1000. */
  delay?: number | ((error: unknown, retryCount: number) => number) | undefined;
  /** Which failures are transient (default: connection errors, 429, 5xx, and any session-setup failure). */
  isTransient?: ((error: unknown, info: { phase: JobPhase; attempt: number }) => boolean) | undefined;
}

export interface OfflinePolicy {
  /** How long a job waits for an offline host before it settles with OfflineError (default 10 min). */
  ttlMs?: number | undefined;
  /** How often an offline host is probed again (default 30 s). */
  recheckMs?: number | undefined;
}

export interface JobOptions {
  /**
   * Deadline of each job, from when it starts (session setup included, queueing excluded), in
   * ms; the result is then a TimeoutError. Default 15 min; `Infinity` disables it.
   */
  timeoutMs?: number | undefined;
  /** Retry policy for transient failures: a count or a config (RxJS `retry({ count, delay })` style). */
  retry?: number | JobRetryConfig | undefined;
  /** Hosts worked at once (default: the manager's session limit). */
  concurrency?: number | undefined;
  /** Probe hosts with the backend's online check and park offline ones; `false` to skip the probe. */
  offline?: OfflinePolicy | false | undefined;
}

/** Host ids from an array, a Set, any (async) iterable or an Observable. */
export type HostSource = Iterable<HostId> | AsyncIterable<HostId> | Observable<HostId>;

/**
 * A cold Observable of job results: every subscription runs the jobs anew; unsubscribing
 * aborts in-flight jobs and closes their sessions. `progress$` reports the counts of the run
 * in progress (or of the next one to start) and completes with it.
 */
export type JobObservable<T> = Observable<JobResult<T>> & { readonly progress$: Observable<JobProgress> };
