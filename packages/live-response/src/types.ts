// Public data types: what sessions and commands return. Field names follow the wire (snake
// case) so code ported from cbapi reads the same; where the three products disagree the
// backends normalise to one shape (see ProcessInfo and RegistryValue).
import type { Logger } from '@cb/core';

/** Sensor id (Cb Response) or device id (Cb Defense, Carbon Black Cloud). */
export type HostId = number | string;

/** Server session id: an integer on Cb Response, `"<n>:<deviceId>"` on Defense and Cloud. */
export type SessionId = number | string;

/** Command ids are integers and can be 0: never test them for truthiness. */
export type CommandId = number | string;

/** Decides path separators and temp-file locations (`\` and `c:\windows\temp` on Windows). */
export type OsType = 'windows' | 'linux' | 'mac' | 'unknown';

/** The command names sent on the wire (also the entries of `supported_commands`). */
export type CommandName =
  | 'get file'
  | 'put file'
  | 'delete file'
  | 'directory list'
  | 'create directory'
  | 'reg enum key'
  | 'reg query value'
  | 'reg set value'
  | 'reg create key'
  | 'reg delete key'
  | 'reg delete value'
  | 'process list'
  | 'create process'
  | 'kill'
  | 'memdump';

/** The session document once the session is ready. */
export interface SessionInfo {
  readonly id: SessionId;
  readonly hostId: HostId;
  readonly status: string;
  readonly hostname: string | undefined;
  readonly address: string | undefined;
  readonly os_version: string | undefined;
  readonly current_working_directory: string | undefined;
  readonly drives: readonly string[];
  readonly supported_commands: readonly string[];
  /** Everything the server sent, unmodified. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A session as listed by the server (`listServerSessions()`), whoever opened it. */
export interface ServerSession {
  readonly id: SessionId;
  readonly hostId: HostId | undefined;
  readonly status: string;
  readonly hostname: string | undefined;
  /** Epoch seconds (Response, Defense) or an ISO string (Cloud), as the server sent it. */
  readonly create_time: number | string | undefined;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** One entry of `directory list`. Times are epoch seconds. */
export interface DirectoryEntry {
  readonly filename: string;
  /** e.g. `['ARCHIVE']`; directories carry `'DIRECTORY'`. */
  readonly attributes: readonly string[];
  readonly size: number;
  readonly create_time: number | undefined;
  readonly last_access_time: number | undefined;
  readonly last_write_time: number | undefined;
  readonly alt_name: string | undefined;
}

/** What `walk()` yields for each directory (like Python's `os.walk`). */
export interface WalkEntry {
  /** The directory listed, without a trailing separator. */
  readonly dir: string;
  /** Sub-directory names. With `topDown`, remove names from this array to skip them. */
  readonly dirs: string[];
  readonly files: string[];
}

/**
 * A running process. Cb Response/Defense name the fields `pid`, `path`, ...; Carbon Black
 * Cloud `process_pid`, `process_path`, ...: both spellings are filled on every backend.
 */
export interface ProcessInfo {
  readonly process_pid: number;
  readonly process_path: string;
  readonly process_cmdline: string;
  readonly process_username: string;
  readonly parent_pid: number | undefined;
  readonly proc_guid: string | undefined;
  readonly parent_guid: string | undefined;
  readonly sid: string | undefined;
  /** Epoch seconds. */
  readonly create_time: number | undefined;
  /** cbapi (v1) spellings of the same values. */
  readonly pid: number;
  readonly path: string;
  readonly command_line: string;
  readonly username: string;
  readonly parent: number | undefined;
}

/** Registry value types the server understands. */
export type RegistryValueType =
  | 'REG_SZ'
  | 'REG_EXPAND_SZ'
  | 'REG_MULTI_SZ'
  | 'REG_DWORD'
  | 'REG_QWORD'
  | 'REG_BINARY'
  | 'REG_NONE'
  | (string & {});

/** Registry data as sent by `setRegistryValue`. */
export type RegistryData = string | number | readonly (string | number)[];

/** A registry value. Defense v3's camel-case `valueName`/... are normalised to these names. */
export interface RegistryValue {
  readonly value_name: string;
  readonly value_type: RegistryValueType;
  /** Integers for DWORD/QWORD, strings for SZ/EXPAND_SZ, string arrays for MULTI_SZ. */
  readonly value_data: unknown;
}

export interface RegistryKeyListing {
  readonly values: readonly RegistryValue[];
  readonly sub_keys: readonly string[];
}

/** What `createProcess` returns; fields the server did not report are undefined. */
export interface CreateProcessResult {
  /** Only known once the command completed (when waiting). */
  readonly pid: number | undefined;
  /** Exit code, when waiting for completion. */
  readonly returnCode: number | undefined;
  /** stdout+stderr, when `waitForOutput`. */
  readonly output: Buffer | undefined;
}

/** Progress fields of a memdump command. */
export interface MemdumpStatus {
  readonly complete: boolean;
  readonly percentdone: number | undefined;
  readonly dumping: boolean | undefined;
  readonly compressing: boolean | undefined;
  readonly return_code: number | undefined;
}

/** Poll budget of one kind of wait. */
export interface PollTiming {
  /** Give up after this long (TimeoutError). */
  readonly timeoutMs: number;
  /** Pause between two status requests. */
  readonly delayMs: number;
}

/** Options every command accepts. */
export interface CommandOptions {
  signal?: AbortSignal | undefined;
  /** Overrides the command's default poll budget (see DEFAULT_TIMINGS). */
  timeoutMs?: number | undefined;
  /** Overrides the command's default pause between status requests. */
  pollDelayMs?: number | undefined;
}

export type { Logger };
