// The one Live Response command engine behind all three wire protocols: session bookkeeping
// per backend, the slot limits, command queueing, session files and the host models. One
// engine per emulator runtime (so two emulators over one state keep separate sessions).
import { deviceIdOf, hostModel, type HostModel } from '../../../data/hosts/index.js';
import { Rng, hashSeed } from '../../../data/rng.js';
import type { EmulatorState } from '../../../data/types.js';
import { executeCommand } from './execute.js';
import { advanceSession, commandPhase, isOpen, reschedule, type CommandPhase, type LifecycleDeps } from './lifecycle.js';
import { resolveOptions, SERVER_TIMEOUTS, type HostOverride, type Latency, type LiveResponseOptions, type ResolvedOptions } from './options.js';
import type { Backend, CommandInput, LrCommand, LrSession, SessionFile } from './types.js';

export class SlotLimitError extends Error {
  constructor(readonly limit: number) {
    super('session limit reached');
  }
}

export class CommandLimitError extends Error {
  constructor(readonly limit: number) {
    super('command limit reached');
  }
}

export interface OpenSessionCounts {
  response: number;
  defense: number;
  cloud: number;
  total: number;
}

export interface SessionSummary {
  backend: Backend;
  id: number | string;
  sensorId: number;
  deviceId: number;
  status: LrSession['state'];
  commands: number;
}

const BACKENDS: readonly Backend[] = ['response', 'defense', 'cloud'];
const DOWNLOAD_TTL_MS = 5 * 60_000;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    // Unreferenced: a held `wait=true` request must never keep a test process alive.
    setTimeout(resolve, Math.max(1, ms)).unref();
  });

export function wireSessionId(s: LrSession): number | string {
  return s.backend === 'response' ? s.seq : `${s.seq}:${s.deviceId}`;
}

export class LiveResponseEngine {
  readonly options: ResolvedOptions;
  private readonly sessions = new Map<Backend, Map<number, LrSession>>(BACKENDS.map((b) => [b, new Map()]));
  private readonly seqs = new Map<Backend, number>(BACKENDS.map((b) => [b, 0]));
  private readonly offline = new Set<number>();
  private readonly overrides = new Map<number, HostOverride>();
  private readonly downloads = new Map<string, { session: LrSession; fileId: number; expires: number }>();
  private readonly rng: Rng;
  private readonly deps: LifecycleDeps;

  constructor(
    readonly state: EmulatorState,
    opts: LiveResponseOptions = {},
  ) {
    this.options = resolveOptions(opts);
    this.rng = new Rng(hashSeed(state.seed, 0x11e));
    for (const h of opts.offlineHosts ?? []) this.setOffline(h, true);
    for (const [key, override] of Object.entries(opts.hosts ?? {})) this.setHost(/^\d+$/.test(key) ? Number(key) : key, override);
    this.deps = {
      online: (sensorId) => this.isOnline(sensorId),
      execute: (session, command, at) => executeCommand(this.requireHost(session.sensorId), session, command, at),
    };
  }

  now(): number {
    return Date.now();
  }

  // ------------------------------------------------------------------------------------------
  // Hosts

  /** Sensor id for a sensor id or host name (case-insensitive). */
  resolveHost(key: number | string): number | undefined {
    if (typeof key === 'number') return this.state.sensors.has(key) ? key : undefined;
    const want = key.toLowerCase();
    for (const s of this.state.sensors.values()) if (s.computer_name.toLowerCase() === want) return s.id;
    return /^\d+$/.test(key) && this.state.sensors.has(Number(key)) ? Number(key) : undefined;
  }

  private resolveOrThrow(key: number | string): number {
    const id = this.resolveHost(key);
    if (id === undefined) throw new Error(`liveResponse: unknown host ${JSON.stringify(key)}`);
    return id;
  }

  setOffline(key: number | string, offline = true): void {
    const id = this.resolveOrThrow(key);
    if (offline) this.offline.add(id);
    else this.offline.delete(id);
  }

  setHost(key: number | string, override: HostOverride): void {
    this.overrides.set(this.resolveOrThrow(key), override);
  }

  /** Online = the Response sensor reports Online and the host is not forced offline. */
  isOnline(sensorId: number): boolean {
    return this.state.sensors.get(sensorId)?.status === 'Online' && !this.offline.has(sensorId);
  }

  host(sensorId: number): HostModel | undefined {
    return hostModel(this.state, sensorId);
  }

  private requireHost(sensorId: number): HostModel {
    const host = this.host(sensorId);
    if (!host) throw new Error(`no host model for sensor ${sensorId}`);
    return host;
  }

  private sample(latency: Latency): number {
    if (typeof latency === 'number') return Math.max(0, latency);
    const lo = Math.max(0, Math.min(latency.min, latency.max));
    return lo + this.rng.int(Math.max(latency.min, latency.max) - lo + 1);
  }

  // ------------------------------------------------------------------------------------------
  // Sessions

  private advance(s: LrSession): LrSession {
    advanceSession(s, this.now(), this.deps);
    return s;
  }

  list(backend: Backend): LrSession[] {
    return [...this.sessions.get(backend)!.values()].map((s) => this.advance(s));
  }

  find(backend: Backend, seq: number): LrSession | undefined {
    const s = this.sessions.get(backend)!.get(seq);
    return s && this.advance(s);
  }

  private checkSlots(backend: Backend, sensorId: number): void {
    if (backend === 'response') {
      const open = this.list('response').filter(isOpen).length;
      if (open >= this.options.slotLimit) throw new SlotLimitError(this.options.slotLimit);
      return;
    }
    // Cloud (and the Defense API in front of it) count sessions per device (§3.1).
    const devices = new Set([...this.list('cloud'), ...this.list('defense')].filter(isOpen).map((s) => s.sensorId));
    if (!devices.has(sensorId) && devices.size >= this.options.cloudSlotLimit) throw new SlotLimitError(this.options.cloudSlotLimit);
  }

  /** Opens a session to a known sensor; throws SlotLimitError when no slot is free. */
  createSession(backend: Backend, sensorId: number, params: { sessionTimeoutS?: number; sensorWaitTimeoutS?: number } = {}): LrSession {
    this.checkSlots(backend, sensorId);
    const host = this.requireHost(sensorId);
    const now = this.now();
    const o = this.options;
    const override = this.overrides.get(sensorId);
    const hostLatency = override && 'sessionLatencyMs' in override ? override.sessionLatencyMs : undefined;
    const cloudish = backend !== 'response';
    const idle = o.idleTimeoutMs ?? (cloudish ? SERVER_TIMEOUTS.cloud.session : (params.sessionTimeoutS ?? SERVER_TIMEOUTS.response.session)) * 1000;
    const pending = o.pendingTimeoutMs ?? (cloudish ? SERVER_TIMEOUTS.cloud.checkIn : (params.sensorWaitTimeoutS ?? SERVER_TIMEOUTS.response.sensorWait)) * 1000;
    const seq = this.seqs.get(backend)! + 1;
    this.seqs.set(backend, seq);
    const session: LrSession = {
      backend,
      seq,
      sensorId,
      deviceId: backend === 'response' ? sensorId : deviceIdOf(sensorId),
      state: 'pending',
      createdAt: now,
      lastActivity: now,
      usedCommands: false,
      sessionLatencyMs: hostLatency === null ? null : this.sample(hostLatency ?? o.sessionLatency),
      idleTimeoutMs: idle,
      neverUsedTimeoutMs: o.idleTimeoutMs ?? (cloudish ? SERVER_TIMEOUTS.cloud.neverUsed * 1000 : idle),
      pendingTimeoutMs: pending,
      reported: {
        sessionTimeout: idle / 1000,
        sensorWaitTimeout: pending / 1000,
        checkInTimeout: cloudish ? pending / 1000 : SERVER_TIMEOUTS.response.checkIn,
      },
      commands: [],
      nextCommandId: backend === 'response' ? 1 : 0,
      files: new Map(),
      nextFileId: backend === 'response' ? 1 : 0,
      cwd: host.cwd,
    };
    this.sessions.get(backend)!.set(seq, session);
    return this.advance(session);
  }

  close(s: LrSession): void {
    this.advance(s);
    if (s.state === 'closed') return;
    s.state = 'closed';
    s.endedAt = this.now();
  }

  /** Client activity that keeps an active session from idling out. */
  touch(s: LrSession): void {
    this.advance(s);
    if (s.state === 'active' || s.state === 'pending') s.lastActivity = Math.max(s.lastActivity, this.now());
  }

  // ------------------------------------------------------------------------------------------
  // Commands

  postCommand(s: LrSession, input: CommandInput, username: string): LrCommand {
    this.touch(s);
    if (s.backend !== 'response' && s.commands.length >= this.options.commandLimit) throw new CommandLimitError(this.options.commandLimit);
    const override = this.overrides.get(s.sensorId)?.commandLatencyMs;
    const latency = this.sample(override ?? this.options.commandLatency) * (input.name === 'memdump' ? 3 : 1);
    const command: LrCommand = { id: s.nextCommandId++, input, username, postedAt: this.now(), latencyMs: latency, state: 'queued' };
    if (input.name === 'get file') {
      const file: SessionFile = { id: s.nextFileId++, name: String(input.target ?? '').replace(/^.*[\\/]/, ''), data: undefined, origin: 'get', createdAt: this.now() };
      s.files.set(file.id, file);
      command.fileId = file.id;
    }
    s.commands.push(command);
    s.usedCommands = true;
    this.advance(s);
    return command;
  }

  findCommand(s: LrSession, id: number): LrCommand | undefined {
    this.advance(s);
    return s.commands.find((c) => c.id === id);
  }

  /** Cancels a command the sensor has not started; false otherwise. */
  cancel(s: LrSession, c: LrCommand): boolean {
    this.advance(s);
    if (commandPhase(c, this.now()) !== 'pending') return false;
    c.state = 'cancelled';
    reschedule(s, this.now());
    this.advance(s);
    return true;
  }

  /** Holds until the command is finished (or the timeout passes); re-evaluated as time goes by. */
  async waitForCommand(s: LrSession, c: LrCommand, timeoutMs: number): Promise<void> {
    const deadline = this.now() + timeoutMs;
    for (;;) {
      this.advance(s);
      const now = this.now();
      if (c.state !== 'queued' || now >= deadline || !isOpen(s)) return;
      const next = c.doneAt ?? now + 50;
      await sleep(Math.min(next, deadline) - now);
    }
  }

  phase(c: LrCommand): CommandPhase {
    return commandPhase(c, this.now());
  }

  // ------------------------------------------------------------------------------------------
  // Files

  upload(s: LrSession, name: string, data: Uint8Array): SessionFile {
    this.touch(s);
    const file: SessionFile = { id: s.nextFileId++, name, data, origin: 'upload', createdAt: this.now() };
    s.files.set(file.id, file);
    return file;
  }

  deleteFile(s: LrSession, id: number): boolean {
    this.touch(s);
    return s.files.delete(id);
  }

  /** A short-lived, unauthenticated link to a file's bytes (the Cloud's 302 target). */
  createDownload(s: LrSession, fileId: number): string {
    const now = this.now();
    for (const [token, d] of this.downloads) if (d.expires < now) this.downloads.delete(token);
    const token = this.rng.hex(40);
    this.downloads.set(token, { session: s, fileId, expires: now + DOWNLOAD_TTL_MS });
    return token;
  }

  resolveDownload(token: string): SessionFile | undefined {
    const d = this.downloads.get(token);
    if (!d || d.expires < this.now()) return undefined;
    return d.session.files.get(d.fileId);
  }

  // ------------------------------------------------------------------------------------------
  // Inspection

  openSessions(): OpenSessionCounts {
    const count = (b: Backend) => this.list(b).filter(isOpen).length;
    const counts = { response: count('response'), defense: count('defense'), cloud: count('cloud') };
    return { ...counts, total: counts.response + counts.defense + counts.cloud };
  }

  summaries(backend?: Backend): SessionSummary[] {
    return (backend ? [backend] : BACKENDS).flatMap((b) =>
      this.list(b).map((s) => ({ backend: b, id: wireSessionId(s), sensorId: s.sensorId, deviceId: s.deviceId, status: s.state, commands: s.commands.length })),
    );
  }

  /** Closes every open session (test cleanup). */
  closeAll(): void {
    for (const b of BACKENDS) for (const s of this.list(b)) if (isOpen(s)) this.close(s);
  }
}
