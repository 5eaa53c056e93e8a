// The backend-neutral Live Response records the three wire protocols render: sessions,
// commands and the files a session holds (uploads and get-file results).
import type { HostProcess, RegValue } from '../../../data/hosts/index.js';

export type Backend = 'response' | 'defense' | 'cloud';

/** pending → active → closed; pending/active → timeout (sensor never came, or idle). */
export type SessionState = 'pending' | 'active' | 'closed' | 'timeout';

export interface SessionFile {
  id: number;
  name: string;
  /** Undefined until the get-file command that produces it completes. */
  data: Uint8Array | undefined;
  origin: 'upload' | 'get';
  createdAt: number;
}

/** A command as the sensor understands it, whatever the wire spelling. */
export interface CommandInput {
  name: string;
  /** `object` (Response/Defense) or `path`/`pid` (Cloud); null for `process list`. */
  target: string | number | null;
  fileId?: number;
  overwrite?: boolean;
  valueType?: unknown;
  valueData?: unknown;
  wait?: boolean;
  outputFile?: string;
  workingDirectory?: string;
  compress?: boolean;
  /** Extra body fields echoed back on the command object. */
  echo: Record<string, unknown>;
}

export interface DirEntry {
  filename: string;
  attributes: string[];
  size: number;
  /** Epoch seconds. */
  createTime: number;
  accessTime: number;
  writeTime: number;
  altName: string;
}

export type CommandResult =
  | { kind: 'none' }
  | { kind: 'file'; fileId: number; size: number }
  | { kind: 'files'; entries: DirEntry[] }
  | { kind: 'processes'; processes: HostProcess[] }
  | { kind: 'regEnum'; values: RegValue[]; subKeys: string[] }
  | { kind: 'regValue'; value: RegValue }
  | { kind: 'process'; pid: number; returnCode: number }
  | { kind: 'memdump'; returnCode: number };

export type CommandOutcome = { ok: true; result: CommandResult } | { ok: false; win32: number };

export interface LrCommand {
  id: number;
  input: CommandInput;
  username: string;
  postedAt: number;
  latencyMs: number;
  /** When the sensor starts / finishes it (commands run one at a time, in order). */
  startAt?: number;
  doneAt?: number;
  /** Get file: the session file id handed out in the POST reply. */
  fileId?: number;
  state: 'queued' | 'done' | 'cancelled';
  outcome?: CommandOutcome;
}

export interface LrSession {
  backend: Backend;
  /** Per-backend sequence number (`1`, or the `1` of `"1:21212"`). */
  seq: number;
  sensorId: number;
  /** Cloud/Defense device id (the sensor id on Response). */
  deviceId: number;
  state: SessionState;
  createdAt: number;
  /** When the sensor attaches (undefined while it is offline or never comes). */
  activeAt?: number;
  endedAt?: number;
  lastActivity: number;
  usedCommands: boolean;
  /** Sampled at creation; null = the host never comes online. */
  sessionLatencyMs: number | null;
  idleTimeoutMs: number;
  neverUsedTimeoutMs: number;
  pendingTimeoutMs: number;
  /** Values the session object reports, in seconds. */
  reported: { sessionTimeout: number; sensorWaitTimeout: number; checkInTimeout: number };
  commands: LrCommand[];
  nextCommandId: number;
  files: Map<number, SessionFile>;
  nextFileId: number;
  cwd: string;
}
