// Live Response knobs (StartEmulatorOptions.liveResponse) and their defaults. Timeouts default
// to the values the reference reports for real servers; tests shrink them.

export type Latency = number | { min: number; max: number };

export interface HostOverride {
  /** Latency until a session to this host becomes active; `null` = never (stays pending). */
  sessionLatencyMs?: Latency | null;
  commandLatencyMs?: Latency;
}

export interface LiveResponseOptions {
  /** Time from session creation to `active` (default 100–300 ms). */
  sessionLatencyMs?: Latency;
  /** Time a command takes on the sensor (default 50–150 ms; memdump takes 3×). */
  commandLatencyMs?: Latency;
  /** Cb Response concurrent session slots (default 10, live-response.md §2.4). */
  slotLimit?: number;
  /** Carbon Black Cloud (and Defense) sessions per org, counted per device (default 100, §3.1). */
  cloudSlotLimit?: number;
  /** Idle time after which an active session expires (default: Response 300 s, Cloud/Defense 900 s). */
  idleTimeoutMs?: number;
  /** How long a session waits for its sensor before timing out (default: Response 120 s, Cloud/Defense 900 s). */
  pendingTimeoutMs?: number;
  /** Longest hold of `GET .../command/{id}?wait=true` (default 30 s). */
  waitTimeoutMs?: number;
  /** Commands per Cloud session (default 250, §3.1). */
  commandLimit?: number;
  /** Hosts that never check in (sensor id or hostname); Response sensors with status Offline are always offline. */
  offlineHosts?: ReadonlyArray<number | string>;
  /** Per-host overrides keyed by sensor id or hostname. */
  hosts?: Readonly<Record<string, HostOverride>>;
  /** Case of Cloud command statuses: 'upper' (documented) or 'lower' (the known /commands quirk, §3.1). */
  cloudCommandStatusCase?: 'upper' | 'lower';
}

export interface ResolvedOptions {
  sessionLatency: Latency;
  commandLatency: Latency;
  slotLimit: number;
  cloudSlotLimit: number;
  idleTimeoutMs: number | undefined;
  pendingTimeoutMs: number | undefined;
  waitTimeoutMs: number;
  commandLimit: number;
  cloudCommandStatusCase: 'upper' | 'lower';
}

export const DEFAULTS = {
  sessionLatency: { min: 100, max: 300 },
  commandLatency: { min: 50, max: 150 },
  slotLimit: 10,
  cloudSlotLimit: 100,
  waitTimeoutMs: 30_000,
  commandLimit: 250,
} as const;

/** Timeouts of the real servers, in seconds (session objects report these). */
export const SERVER_TIMEOUTS = {
  response: { session: 300, sensorWait: 120, checkIn: 1200 },
  cloud: { session: 900, neverUsed: 1800, checkIn: 900 },
} as const;

export function resolveOptions(opts: LiveResponseOptions = {}): ResolvedOptions {
  return {
    sessionLatency: opts.sessionLatencyMs ?? DEFAULTS.sessionLatency,
    commandLatency: opts.commandLatencyMs ?? DEFAULTS.commandLatency,
    slotLimit: opts.slotLimit ?? DEFAULTS.slotLimit,
    cloudSlotLimit: opts.cloudSlotLimit ?? DEFAULTS.cloudSlotLimit,
    idleTimeoutMs: opts.idleTimeoutMs,
    pendingTimeoutMs: opts.pendingTimeoutMs,
    waitTimeoutMs: opts.waitTimeoutMs ?? DEFAULTS.waitTimeoutMs,
    commandLimit: opts.commandLimit ?? DEFAULTS.commandLimit,
    cloudCommandStatusCase: opts.cloudCommandStatusCase ?? 'upper',
  };
}
