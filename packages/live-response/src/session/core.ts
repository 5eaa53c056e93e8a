// The state of one server session, shared by every LiveResponseSession view on it (a manager
// hands several views out for one host). Owns re-establishment (§3.1) and the final close.
import { ApiError, type Logger } from '@cb/core';
import type { LiveResponseBackend } from '../backends/backend.js';
import { SessionClosedError, UnsupportedCommandError } from '../errors.js';
import { raceAbort, throwIfAborted } from '../internal/abort.js';
import { toSessionInfo } from '../internal/normalise.js';
import { osTypeFromDrives } from '../internal/paths.js';
import type { LiveResponseTimings } from '../timing.js';
import type { CommandName, HostId, OsType, SessionId, SessionInfo } from '../types.js';
import { closeQuietly, establishSession, type Established } from './establish.js';

export interface CoreOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timings: LiveResponseTimings;
  readonly logger: Logger;
  /** Skips the host lookup (a product package usually knows the OS from its own model). */
  readonly osType?: OsType | undefined;
  readonly uploadLimitBytes?: number | undefined;
}

export class SessionCore {
  readonly backend: LiveResponseBackend;
  readonly hostId: HostId;
  readonly timings: LiveResponseTimings;
  readonly logger: Logger;
  readonly osType: OsType;
  readonly uploadLimitBytes: number | undefined;
  #id: SessionId;
  #info: SessionInfo;
  /** The server said the session is gone: re-establish before the next command. */
  #stale = false;
  #reestablishing: Promise<void> | undefined;
  #closing: Promise<void> | undefined;

  private constructor(backend: LiveResponseBackend, hostId: HostId, established: Established, osType: OsType, options: CoreOptions) {
    this.backend = backend;
    this.hostId = hostId;
    this.timings = options.timings;
    this.logger = options.logger;
    this.osType = osType;
    this.uploadLimitBytes = options.uploadLimitBytes ?? backend.uploadLimitBytes;
    this.#id = established.id;
    this.#info = toSessionInfo(established.doc, hostId, established.id);
  }

  /** Establishes a server session; on failure nothing is left open (see establishSession). */
  static async open(backend: LiveResponseBackend, hostId: HostId, options: CoreOptions): Promise<SessionCore> {
    let osType: OsType = options.osType ?? 'unknown';
    const established = await establishSession(
      backend,
      hostId,
      { signal: options.signal, timing: options.timings.session, logger: options.logger },
      async ({ doc }) => {
        // Inside establishment, so an abort here still closes the fresh session.
        if (osType === 'unknown') osType = await lookupOsType(backend, hostId, options);
        if (osType === 'unknown') osType = osTypeFromDrives(toSessionInfo(doc, hostId, '').drives);
      },
    );
    return new SessionCore(backend, hostId, established, osType, options);
  }

  get id(): SessionId {
    return this.#id;
  }

  get info(): SessionInfo {
    return this.#info;
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  markStale(): void {
    this.#stale = true;
  }

  get stale(): boolean {
    return this.#stale;
  }

  assertOpen(what: string): void {
    if (this.closed) throw new SessionClosedError(this.hostId, what);
  }

  /** A session document without `supported_commands` is not checked (older servers). */
  assertSupported(command: CommandName): void {
    const supported = this.#info.supported_commands;
    if (!('supported_commands' in this.#info.raw)) return;
    if (!supported.some((c) => c.toLowerCase() === command)) throw new UnsupportedCommandError(command, this.hostId, supported);
  }

  /** Replaces an expired server session with a new one; concurrent callers share one attempt. */
  async reestablish(signal: AbortSignal | undefined): Promise<void> {
    this.#reestablishing ??= this.#replace().finally(() => {
      this.#reestablishing = undefined;
    });
    await raceAbort(this.#reestablishing, signal, `Re-establishing the session for host ${this.hostId}`);
  }

  async #replace(): Promise<void> {
    const old = this.#id;
    this.logger.info(`Live Response session ${old} for host ${this.hostId} expired; establishing a new one`);
    // The server said it is gone, but a stale-but-alive session would hold a slot: close it anyway.
    await closeQuietly(this.backend, old, this.hostId, this.logger);
    // Not tied to one caller's signal: other commands may be waiting on this attempt too.
    const established = await establishSession(this.backend, this.hostId, { timing: this.timings.session, logger: this.logger });
    if (this.closed) {
      await closeQuietly(this.backend, established.id, this.hostId, this.logger);
      throw new SessionClosedError(this.hostId, 'the re-established session');
    }
    this.#id = established.id;
    this.#info = toSessionInfo(established.doc, this.hostId, established.id);
    this.#stale = false;
  }

  async keepalive(signal: AbortSignal | undefined): Promise<void> {
    this.assertOpen('keepalive');
    await this.backend.keepalive(this.#id, { signal });
  }

  /** Idempotent; never throws (a failed close is logged). */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#reestablishing?.catch(() => undefined);
      await closeQuietly(this.backend, this.#id, this.hostId, this.logger);
    })();
    return this.#closing;
  }
}

async function lookupOsType(backend: LiveResponseBackend, hostId: HostId, options: CoreOptions): Promise<OsType> {
  try {
    return (await backend.hostInfo(hostId, { signal: options.signal })).osType ?? 'unknown';
  } catch (err) {
    throwIfAborted(options.signal, 'Looking up the host');
    // A key without device READ can still do Live Response: fall back to the session's drives.
    options.logger.debug(`Host lookup for ${hostId} failed (${err instanceof ApiError ? err.message : String(err)}); guessing the OS from the session`);
    return 'unknown';
  }
}
