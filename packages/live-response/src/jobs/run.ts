// One subscription's worth of jobs. Per host: one session, jobs in submission order. Across
// hosts: at most `concurrency` hosts worked at once, FIFO. Every job settles (value, error,
// deadline or offline TTL) unless the subscriber leaves, which aborts and cleans up instead.
import { AbortError, TimeoutError, type Logger } from '@cb/core';
import { BehaviorSubject, type Observable, type Subscriber, type Subscription } from 'rxjs';
import { OfflineError } from '../errors.js';
import { raceAbort, sleep } from '../internal/abort.js';
import type { LiveResponseSession } from '../session/session.js';
import type { HostInfo } from '../backends/backend.js';
import type { HostId, OsType } from '../types.js';
import { formatMs } from '../timing.js';
import { isTransientFailure } from './transient.js';
import type { Job, JobContext, JobOptions, JobPhase, JobProgress, JobResult } from './types.js';

/** What the scheduler needs from a manager. */
export interface JobHost {
  readonly maxSessions: number;
  readonly logger: Logger;
  acquire(hostId: HostId, options: { signal?: AbortSignal | undefined; osType?: OsType | undefined }): Promise<LiveResponseSession>;
  /** Online state and OS of a host; never throws except on abort (unknown fields undefined). */
  probe(hostId: HostId, signal?: AbortSignal): Promise<HostInfo>;
}

export const DEFAULT_JOB_TIMEOUT_MS = 15 * 60_000;
const DEFAULT_RETRY_DELAY_MS = 1_000;
const DEFAULT_OFFLINE_TTL_MS = 10 * 60_000;
const DEFAULT_OFFLINE_RECHECK_MS = 30_000;
/** setTimeout's ceiling; longer deadlines are treated as none. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface ResolvedOptions {
  timeoutMs: number;
  concurrency: number;
  retries: number;
  delay: (error: unknown, retryCount: number) => number;
  isTransient: (error: unknown, info: { phase: JobPhase; attempt: number }) => boolean;
  offline: { ttlMs: number; recheckMs: number } | undefined;
}

export function resolveJobOptions(options: JobOptions, maxSessions: number): ResolvedOptions {
  const retry = typeof options.retry === 'number' ? { count: options.retry } : (options.retry ?? {});
  const delay = retry.delay ?? DEFAULT_RETRY_DELAY_MS;
  const concurrency = options.concurrency ?? maxSessions;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer (got ${concurrency})`);
  return {
    timeoutMs: options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS,
    concurrency,
    retries: Math.max(0, Math.floor(retry.count ?? 0)),
    delay: typeof delay === 'function' ? delay : () => delay,
    isTransient: retry.isTransient ?? isTransientFailure,
    offline:
      options.offline === false
        ? undefined
        : { ttlMs: options.offline?.ttlMs ?? DEFAULT_OFFLINE_TTL_MS, recheckMs: options.offline?.recheckMs ?? DEFAULT_OFFLINE_RECHECK_MS },
  };
}

interface HostQueue {
  readonly id: HostId;
  /** Enqueue times of the host's pending jobs, oldest first. */
  readonly items: number[];
  state: 'idle' | 'ready' | 'running' | 'parked';
  /** When the host was first found offline (cleared once it is seen online). */
  offlineSince: number | undefined;
  recheck: ReturnType<typeof setTimeout> | undefined;
  /** Held across the host's consecutive jobs: one server session per host. */
  lease: LiveResponseSession | undefined;
  /** From the online probe, so the session does not look the host up again. */
  osType: OsType | undefined;
}

export class JobRun<T> {
  readonly progress = new BehaviorSubject<JobProgress>({ queued: 0, running: 0, succeeded: 0, failed: 0, total: 0 });
  readonly #host: JobHost;
  readonly #job: Job<T>;
  readonly #options: ResolvedOptions;
  readonly #subscriber: Subscriber<JobResult<T>>;
  readonly #cancel = new AbortController();
  readonly #hosts = new Map<string, HostQueue>();
  readonly #ready: HostQueue[] = [];
  #source: Subscription | undefined;
  #sourceDone = false;
  #active = 0;
  #finished = false;
  readonly #counts = { queued: 0, running: 0, succeeded: 0, failed: 0, total: 0 };

  constructor(host: JobHost, job: Job<T>, options: ResolvedOptions, subscriber: Subscriber<JobResult<T>>) {
    this.#host = host;
    this.#job = job;
    this.#options = options;
    this.#subscriber = subscriber;
  }

  get finished(): boolean {
    return this.#finished;
  }

  start(hosts: Observable<HostId>): void {
    this.#source = hosts.subscribe({
      next: (id) => this.#enqueue(id),
      // The subscriber's error runs the teardown, which cancels what is in flight.
      error: (err: unknown) => this.#subscriber.error(err),
      complete: () => {
        this.#sourceDone = true;
        this.#maybeComplete();
      },
    });
  }

  /** Teardown: abort running jobs (their sessions are closed in their finally blocks). */
  cancel(): void {
    this.#source?.unsubscribe();
    if (this.#finished) return;
    this.#finished = true;
    this.#cancel.abort(new AbortError('The Live Response job was cancelled (unsubscribed)'));
    for (const queue of this.#hosts.values()) if (queue.recheck) clearTimeout(queue.recheck);
    this.progress.complete();
  }

  #emitProgress(): void {
    if (!this.#finished) this.progress.next({ ...this.#counts });
  }

  #enqueue(id: HostId): void {
    if (this.#finished) return;
    let queue = this.#hosts.get(String(id));
    if (!queue) {
      queue = { id, items: [], state: 'idle', offlineSince: undefined, recheck: undefined, lease: undefined, osType: undefined };
      this.#hosts.set(String(id), queue);
    }
    queue.items.push(Date.now());
    this.#counts.total++;
    this.#counts.queued++;
    if (queue.state === 'idle') {
      queue.state = 'ready';
      this.#ready.push(queue);
    }
    this.#emitProgress();
    this.#pump();
  }

  #pump(): void {
    while (!this.#finished && this.#active < this.#options.concurrency && this.#ready.length > 0) {
      const queue = this.#ready.shift()!;
      queue.state = 'running';
      this.#active++;
      void this.#work(queue);
    }
  }

  async #work(queue: HostQueue): Promise<void> {
    try {
      if (this.#options.offline) {
        const info = await this.#host.probe(queue.id, this.#cancel.signal);
        queue.osType = info.osType;
        if (info.online === false) {
          this.#park(queue, this.#options.offline);
          return;
        }
      }
      queue.offlineSince = undefined;
      while (queue.items.length > 0 && !this.#cancel.signal.aborted) {
        queue.items.shift();
        this.#counts.queued--;
        this.#counts.running++;
        this.#emitProgress();
        const result = await this.#runOne(queue);
        this.#counts.running--;
        if (result) this.#settle(result);
        else this.#emitProgress();
      }
    } catch (err) {
      // Only a cancellation gets here (job failures become results).
      if (!this.#cancel.signal.aborted) this.#host.logger.error(`Live Response job scheduler: ${(err as Error).message}`);
    } finally {
      const lease = queue.lease;
      queue.lease = undefined;
      // Cancelled: close the server session now instead of leaving it to an idle grace.
      await lease?.close({ evict: this.#cancel.signal.aborted });
      this.#active--;
      if (queue.state === 'running') {
        queue.state = queue.items.length > 0 ? 'ready' : 'idle';
        if (queue.state === 'ready') this.#ready.push(queue);
      }
      this.#pump();
      this.#maybeComplete();
    }
  }

  /** Offline: free the concurrency slot, look again later, give up after the TTL. */
  #park(queue: HostQueue, policy: { ttlMs: number; recheckMs: number }): void {
    const now = Date.now();
    queue.offlineSince ??= now;
    const remaining = policy.ttlMs - (now - queue.offlineSince);
    if (remaining <= 0) {
      queue.state = 'idle';
      queue.offlineSince = undefined;
      for (const enqueuedAt of queue.items.splice(0)) {
        this.#counts.queued--;
        this.#settle({ host: queue.id, ok: false, error: new OfflineError(queue.id, policy.ttlMs), attempts: 0, durationMs: now - enqueuedAt });
      }
      return;
    }
    queue.state = 'parked';
    this.#host.logger.debug(`Host ${queue.id} is offline; checking again in ${Math.min(policy.recheckMs, remaining)} ms`);
    queue.recheck = setTimeout(() => {
      queue.recheck = undefined;
      if (this.#finished) return;
      queue.state = 'ready';
      this.#ready.push(queue);
      this.#pump();
    }, Math.min(policy.recheckMs, remaining));
  }

  #settle(result: JobResult<T>): void {
    if (result.ok) this.#counts.succeeded++;
    else this.#counts.failed++;
    this.#emitProgress();
    this.#subscriber.next(result);
  }

  /** One job with its deadline and retries; undefined when the run was cancelled. */
  async #runOne(queue: HostQueue): Promise<JobResult<T> | undefined> {
    const started = Date.now();
    const { timeoutMs } = this.#options;
    const job = new AbortController();
    const onCancel = (): void => job.abort(this.#cancel.signal.reason);
    this.#cancel.signal.addEventListener('abort', onCancel, { once: true });
    let phase: JobPhase = 'setup';
    const deadline =
      Number.isFinite(timeoutMs) && timeoutMs <= MAX_TIMER_MS
        ? setTimeout(() => {
            // Say where the time went: a session that never became ready is a different problem.
            const where = phase === 'setup' ? ' (its session was not ready yet: the sensor did not check in, or no server session slot was free)' : '';
            job.abort(new TimeoutError(`The Live Response job for host ${queue.id} did not finish within ${formatMs(timeoutMs)}${where}`, { timeoutMs }));
          }, timeoutMs)
        : undefined;
    const done = (attempts: number, outcome: { ok: true; value: T } | { ok: false; error: unknown }): JobResult<T> =>
      ({ host: queue.id, attempts, durationMs: Date.now() - started, ...outcome }) as JobResult<T>;
    try {
      for (let attempt = 1; ; attempt++) {
        phase = 'setup';
        try {
          queue.lease ??= await this.#host.acquire(queue.id, { signal: job.signal, osType: queue.osType });
          // A lease of its own per job: if the job outlives its deadline, its session view is
          // closed under it, so it cannot keep issuing commands next to the next job.
          const view = await this.#host.acquire(queue.id, { signal: job.signal });
          phase = 'job';
          try {
            const context: JobContext = { signal: job.signal, host: queue.id, attempt };
            const value = await raceAbort(
              Promise.resolve().then(() => (typeof this.#job === 'function' ? this.#job(view, context) : this.#job.run(view, context))),
              job.signal,
              `The job for host ${queue.id}`,
            );
            return done(attempt, { ok: true, value });
          } finally {
            await view.close();
          }
        } catch (err) {
          if (this.#cancel.signal.aborted) return undefined;
          if (job.signal.aborted) return done(attempt, { ok: false, error: job.signal.reason });
          if (attempt > this.#options.retries || !this.#options.isTransient(err, { phase, attempt })) {
            return done(attempt, { ok: false, error: err });
          }
          this.#host.logger.info(`Live Response job for host ${queue.id} failed (${(err as Error).message}); retry ${attempt} of ${this.#options.retries}`);
          // A fresh session for the retry: whatever broke may have broken the session too.
          const lease = queue.lease;
          queue.lease = undefined;
          await lease?.close({ evict: true });
          try {
            await sleep(this.#options.delay(err, attempt), job.signal, 'Waiting to retry the job');
          } catch {
            if (this.#cancel.signal.aborted) return undefined;
            return done(attempt, { ok: false, error: job.signal.reason });
          }
        }
      }
    } finally {
      if (deadline) clearTimeout(deadline);
      this.#cancel.signal.removeEventListener('abort', onCancel);
    }
  }

  #maybeComplete(): void {
    if (this.#finished || !this.#sourceDone || this.#active > 0) return;
    for (const queue of this.#hosts.values()) if (queue.items.length > 0) return;
    this.#finished = true;
    this.progress.next({ ...this.#counts });
    this.progress.complete();
    this.#subscriber.complete();
  }
}
