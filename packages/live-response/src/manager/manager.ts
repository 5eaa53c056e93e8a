// LiveResponseManager: one server session per host, shared by reference count, kept alive while
// held, closed when released (or after an idle grace), within a session-slot budget with a FIFO
// wait queue. Every path that gives a session up closes it: nothing is left on the server.
import { ApiError, ObjectNotFoundError, type Logger } from '@cb/core';
import { sessionLimitTimeout } from '../backends/session-limit.js';
import { SessionLimitError } from '../errors.js';
import type { HostInfo, LiveResponseBackend } from '../backends/backend.js';
import { raceAbort, throwIfAborted, timeoutSignal } from '../internal/abort.js';
import { toServerSession } from '../internal/normalise.js';
import type { HostSource, JobLike, JobObservable, JobOptions } from '../jobs/types.js';
import { submitJob } from '../jobs/submit.js';
import { SessionCore } from '../session/core.js';
import { defaultLogger } from '../session/open.js';
import { LiveResponseSession, type CloseOptions } from '../session/session.js';
import { resolveTimings, type LiveResponseTimings, type TimingOverrides } from '../timing.js';
import type { HostId, OsType, ServerSession, SessionId } from '../types.js';
import { Slots } from './slots.js';

export interface LiveResponseManagerOptions {
  backend: LiveResponseBackend;
  /** Server sessions open at once (default 10, Cb Response's default slot count; Cloud allows 100 per org). */
  maxSessions?: number | undefined;
  /** Keepalive request interval while a session is held (default 30 s; 0 disables). */
  keepaliveIntervalMs?: number | undefined;
  /**
   * Keep a released session open this long for the next acquire of the same host (default 0:
   * close at once). Idle sessions are closed early when another host needs the slot.
   */
  idleGraceMs?: number | undefined;
  timings?: TimingOverrides | undefined;
  uploadLimitBytes?: number | undefined;
  logger?: Logger | undefined;
}

export interface AcquireOptions {
  signal?: AbortSignal | undefined;
  /** The endpoint's OS when already known (skips the host lookup on a new session). */
  osType?: OsType | undefined;
}

export interface ManagerStats {
  /** Server sessions this manager holds open (or is opening). */
  readonly open: number;
  /** Sessions with at least one lease. */
  readonly held: number;
  /** Sessions in their idle grace period. */
  readonly idle: number;
  /** Acquisitions waiting for a slot. */
  readonly waiting: number;
  /** Sessions that may be open now: maxSessions, or fewer while the server reports its session limit. */
  readonly limit: number;
}

interface Entry {
  readonly hostId: HostId;
  /** Leases plus acquisitions still waiting for the session. */
  refs: number;
  core: SessionCore | undefined;
  ready: Promise<SessionCore>;
  readonly opener: AbortController;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  idleSince: number;
  keepalive: ReturnType<typeof setInterval> | undefined;
  closing: Promise<void> | undefined;
}

const DEFAULT_MAX_SESSIONS = 10;
const DEFAULT_KEEPALIVE_MS = 30_000;
const KEEPALIVE_TIMEOUT_MS = 15_000;

export class LiveResponseManager implements AsyncDisposable {
  readonly backend: LiveResponseBackend;
  readonly maxSessions: number;
  readonly logger: Logger;
  readonly timings: LiveResponseTimings;
  readonly #keepaliveMs: number;
  readonly #idleGraceMs: number;
  readonly #uploadLimitBytes: number | undefined;
  readonly #slots: Slots;
  readonly #entries = new Map<string, Entry>();
  /** Closings in flight, so close() can wait for them. */
  readonly #pending = new Set<Promise<unknown>>();
  #closed = false;

  constructor(options: LiveResponseManagerOptions) {
    this.backend = options.backend;
    this.maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
    this.logger = defaultLogger(options.logger);
    this.timings = resolveTimings(options.timings);
    this.#slots = new Slots(this.maxSessions, { probeDelayMs: this.timings.session.delayMs });
    this.#keepaliveMs = options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_MS;
    this.#idleGraceMs = options.idleGraceMs ?? 0;
    this.#uploadLimitBytes = options.uploadLimitBytes;
  }

  get stats(): ManagerStats {
    let held = 0;
    let idle = 0;
    for (const entry of this.#entries.values()) {
      if (entry.refs > 0) held++;
      else if (entry.core) idle++;
    }
    return { open: this.#slots.inUse, held, idle, waiting: this.#slots.waiting, limit: this.#slots.ceiling };
  }

  /**
   * A lease on the host's session, opening one if needed. `close()` (or `await using`) gives it
   * back; the server session closes when the last lease is returned (after `idleGraceMs`).
   */
  async acquire(hostId: HostId, options: AcquireOptions = {}): Promise<LiveResponseSession> {
    throwIfAborted(options.signal, `Acquiring a Live Response session for host ${hostId}`);
    if (this.#closed) throw new ApiError('The LiveResponseManager is closed');
    let entry = this.#entries.get(key(hostId));
    if (!entry) {
      entry = this.#createEntry(hostId, options.osType);
      this.#entries.set(key(hostId), entry);
    }
    entry.refs++;
    if (entry.idleTimer) {
      clearTimeout(entry.idleTimer);
      entry.idleTimer = undefined;
    }
    let core: SessionCore;
    try {
      core = entry.core ?? (await raceAbort(entry.ready, options.signal, `Acquiring a Live Response session for host ${hostId}`));
    } catch (err) {
      entry.refs--;
      if (entry.refs === 0) {
        // Nobody wants the session any more: stop opening it, or let it go idle.
        if (entry.core) void this.#idle(entry, {});
        else {
          // New acquisitions must not join an opening that is being abandoned.
          this.#forget(entry);
          entry.opener.abort(err);
        }
      }
      throw err;
    }
    const leased = entry;
    return new LiveResponseSession(core, (closeOptions) => this.#release(leased, closeOptions));
  }

  /** Runs `fn` with a lease and always gives it back. */
  async withSession<T>(hostId: HostId, fn: (session: LiveResponseSession) => Promise<T>, options: AcquireOptions = {}): Promise<T> {
    const session = await this.acquire(hostId, options);
    try {
      return await fn(session);
    } finally {
      await session.close();
    }
  }

  /** Runs `job` once per host id; see JobOptions. A cold Observable: nothing runs until subscribed. */
  submitJob<R>(job: JobLike<R>, hosts: HostSource, options: JobOptions = {}): JobObservable<Awaited<R>> {
    return submitJob<R>(
      {
        maxSessions: this.maxSessions,
        logger: this.logger,
        acquire: (hostId, acquireOptions) => this.acquire(hostId, acquireOptions),
        probe: (hostId, signal) => this.#probe(hostId, signal),
      },
      job,
      hosts,
      options,
    );
  }

  /** The backend's online check; undefined when it cannot tell (lookup failed or no data). */
  async isOnline(hostId: HostId, signal?: AbortSignal): Promise<boolean | undefined> {
    return (await this.#probe(hostId, signal)).online;
  }

  async #probe(hostId: HostId, signal: AbortSignal | undefined): Promise<HostInfo> {
    try {
      return await this.backend.hostInfo(hostId, { signal });
    } catch (err) {
      throwIfAborted(signal, `Checking whether host ${hostId} is online`);
      this.logger.debug(`Online check for host ${hostId} failed: ${(err as Error).message}`);
      return {};
    }
  }

  /** Every session the server knows, including ones other clients (or crashed scripts) left open. */
  async listServerSessions(options: { activeOnly?: boolean; signal?: AbortSignal } = {}): Promise<ServerSession[]> {
    const docs = await this.backend.listSessions({ signal: options.signal, activeOnly: options.activeOnly });
    return docs.map(toServerSession).filter((s): s is ServerSession => s !== undefined);
  }

  /** Closes a server session by id (e.g. a stale one from listServerSessions()). Throws on failure. */
  async closeServerSession(sessionId: SessionId, options: { signal?: AbortSignal } = {}): Promise<void> {
    for (const entry of this.#entries.values()) {
      if (entry.core && String(entry.core.id) === String(sessionId)) {
        await this.#closeEntry(entry);
        return;
      }
    }
    await this.backend.closeSession(sessionId, { signal: options.signal });
  }

  /** Closes every session (held leases included) and refuses new acquisitions. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#slots.rejectAll(new ApiError('The LiveResponseManager was closed'));
    for (const entry of [...this.#entries.values()]) {
      if (entry.core) void this.#closeEntry(entry);
      else entry.opener.abort(new ApiError('The LiveResponseManager was closed'));
    }
    // Bounded: every pending promise settles (closes have their own timeout).
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #createEntry(hostId: HostId, osType: OsType | undefined): Entry {
    const entry: Entry = {
      hostId,
      refs: 0,
      core: undefined,
      ready: Promise.resolve() as unknown as Promise<SessionCore>,
      opener: new AbortController(),
      idleTimer: undefined,
      idleSince: 0,
      keepalive: undefined,
      closing: undefined,
    };
    entry.ready = this.#track(this.#open(entry, osType));
    // Waiters handle the rejection; this only keeps an unobserved one from being reported.
    entry.ready.catch(() => undefined);
    return entry;
  }

  /**
   * Takes a slot and opens the session. A "session limit reached" refusal lowers the slot
   * ceiling and puts this opening back at the head of the queue, until a slot frees up or the
   * session budget (`timings.session.timeoutMs`) has passed since the first refusal.
   */
  async #open(entry: Entry, osType: OsType | undefined): Promise<SessionCore> {
    const signal = entry.opener.signal;
    let refused: { error: SessionLimitError; since: number } | undefined;
    for (;;) {
      try {
        await this.#takeSlot(entry, refused);
      } catch (err) {
        this.#forget(entry);
        throw err;
      }
      try {
        const core = await SessionCore.open(this.backend, entry.hostId, {
          signal,
          timings: this.timings,
          logger: this.logger,
          osType,
          uploadLimitBytes: this.#uploadLimitBytes,
        });
        if (this.#closed) {
          await core.close();
          throw new ApiError('The LiveResponseManager was closed');
        }
        entry.core = core;
        this.#startKeepalive(entry);
        if (entry.refs === 0) void this.#idle(entry, {});
        return core;
      } catch (err) {
        if (err instanceof SessionLimitError && !signal.aborted && !this.#closed) {
          this.#slots.serverFull();
          this.#slots.release();
          refused ??= { error: err, since: Date.now() };
          refused.error = err;
          this.logger.info(
            `Live Response session limit reached opening host ${entry.hostId}; waiting for a free slot ` +
              `(${this.#slots.inUse} of ours open, ceiling now ${this.#slots.ceiling} of ${this.maxSessions})`,
          );
          continue;
        }
        this.#slots.release();
        this.#forget(entry);
        throw err;
      }
    }
  }

  /** A slot for an opening; after a refusal, first in line and bounded by the session budget. */
  async #takeSlot(entry: Entry, refused: { error: SessionLimitError; since: number } | undefined): Promise<void> {
    const signal = entry.opener.signal;
    if (!refused) {
      if (this.#slots.tryAcquire()) return;
      const slot = this.#slots.acquire(signal);
      this.#evictIdle();
      await slot;
      return;
    }
    const budget = this.timings.session.timeoutMs;
    const remaining = refused.since + budget - Date.now();
    if (remaining <= 0) throw sessionLimitTimeout(refused.error, entry.hostId, budget);
    const deadline = AbortSignal.timeout(remaining);
    const slot = this.#slots.acquire(AbortSignal.any([signal, deadline]), { front: true });
    this.#evictIdle();
    try {
      await slot;
    } catch (err) {
      if (deadline.aborted && !signal.aborted) throw sessionLimitTimeout(refused.error, entry.hostId, budget);
      throw err;
    }
  }

  #forget(entry: Entry): void {
    if (this.#entries.get(key(entry.hostId)) === entry) this.#entries.delete(key(entry.hostId));
  }

  async #release(entry: Entry, options: CloseOptions): Promise<void> {
    entry.refs--;
    if (entry.refs > 0) return;
    await this.#idle(entry, options);
  }

  /** The last lease is gone: close now, or after the grace period. */
  #idle(entry: Entry, options: CloseOptions): Promise<void> {
    if (entry.refs > 0 || !entry.core) return Promise.resolve();
    if (entry.closing) return entry.closing;
    if (options.evict || this.#idleGraceMs <= 0 || this.#slots.waiting > 0 || this.#closed || entry.core.closed) {
      return this.#closeEntry(entry);
    }
    entry.idleSince = Date.now();
    entry.idleTimer ??= setTimeout(() => {
      entry.idleTimer = undefined;
      if (entry.refs === 0) void this.#closeEntry(entry);
    }, this.#idleGraceMs);
    return Promise.resolve();
  }

  /** Someone waits for a slot: give them the longest-idle session's. */
  #evictIdle(): void {
    let oldest: Entry | undefined;
    for (const entry of this.#entries.values()) {
      if (entry.refs === 0 && entry.core && !entry.closing && (!oldest || entry.idleSince < oldest.idleSince)) oldest = entry;
    }
    if (oldest) void this.#closeEntry(oldest);
  }

  /** Only for entries whose core is open: the slot is released exactly once, here. */
  #closeEntry(entry: Entry): Promise<void> {
    if (entry.closing) return entry.closing;
    this.#forget(entry);
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    if (entry.keepalive) clearInterval(entry.keepalive);
    entry.idleTimer = undefined;
    entry.keepalive = undefined;
    const core = entry.core;
    entry.closing = this.#track((core ? core.close() : Promise.resolve()).finally(() => this.#slots.release()));
    return entry.closing;
  }

  #startKeepalive(entry: Entry): void {
    if (this.#keepaliveMs <= 0) return;
    entry.keepalive = setInterval(() => {
      const core = entry.core;
      if (!core || core.closed || core.stale || entry.refs === 0) return;
      core.keepalive(timeoutSignal(KEEPALIVE_TIMEOUT_MS)).catch((err: unknown) => {
        // 404: the server dropped the session; the next command re-establishes it.
        if (err instanceof ObjectNotFoundError) core.markStale();
        this.logger.debug(`Keepalive for host ${entry.hostId} failed: ${(err as Error).message}`);
      });
    }, this.#keepaliveMs);
    // A held lease is the caller's business; the keepalive timer alone must not keep Node running.
    entry.keepalive.unref?.();
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    const tracked = promise.finally(() => this.#pending.delete(tracked));
    tracked.catch(() => undefined);
    this.#pending.add(tracked);
    return promise;
  }
}

/** Map key: 7 and "7" are the same host. */
function key(hostId: HostId): string {
  return String(hostId);
}
