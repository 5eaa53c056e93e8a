// Turning server JSON into the typed shapes of types.ts. The three products spell some fields
// differently (v6 `process_pid` vs v1 `pid`, Defense `valueName` vs `value_name`); callers get
// one shape whatever the backend.
import type {
  DirectoryEntry,
  HostId,
  MemdumpStatus,
  ProcessInfo,
  RegistryKeyListing,
  RegistryValue,
  ServerSession,
  SessionId,
  SessionInfo,
} from '../types.js';

export type Json = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** The first of several spellings that is present. */
function pick(doc: Json, ...keys: string[]): unknown {
  for (const key of keys) if (doc[key] !== undefined && doc[key] !== null) return doc[key];
  return undefined;
}

export function sessionIdOf(doc: Json): SessionId | undefined {
  const id = doc['id'] ?? doc['session_id'];
  return typeof id === 'number' || (typeof id === 'string' && id !== '') ? id : undefined;
}

export function toSessionInfo(doc: Json, hostId: HostId, id: SessionId): SessionInfo {
  return {
    id,
    hostId,
    status: str(doc['status']) ?? '',
    hostname: str(doc['hostname']),
    address: str(doc['address']),
    os_version: str(doc['os_version']),
    current_working_directory: str(doc['current_working_directory']),
    drives: strings(doc['drives']),
    supported_commands: strings(doc['supported_commands']),
    raw: doc,
  };
}

export function toServerSession(doc: Json): ServerSession | undefined {
  const id = sessionIdOf(doc);
  if (id === undefined) return undefined;
  const host = pick(doc, 'device_id', 'sensor_id');
  const created = pick(doc, 'create_time');
  return {
    id,
    hostId: typeof host === 'number' || typeof host === 'string' ? host : undefined,
    status: str(doc['status']) ?? '',
    hostname: str(doc['hostname']),
    create_time: typeof created === 'number' || typeof created === 'string' ? created : undefined,
    raw: doc,
  };
}

export function toDirectoryEntries(command: Json): DirectoryEntry[] {
  return records(command['files']).map((f) => ({
    filename: str(f['filename']) ?? '',
    attributes: strings(f['attributes']),
    size: num(f['size']) ?? 0,
    create_time: num(f['create_time']),
    last_access_time: num(f['last_access_time']),
    last_write_time: num(f['last_write_time']),
    alt_name: str(f['alt_name']),
  }));
}

export function isDirectory(entry: DirectoryEntry): boolean {
  return entry.attributes.some((a) => a.toUpperCase() === 'DIRECTORY');
}

export function toProcesses(command: Json): ProcessInfo[] {
  return records(command['processes']).map((p) => {
    const pid = num(pick(p, 'process_pid', 'pid')) ?? -1;
    const path = str(pick(p, 'process_path', 'path')) ?? '';
    const cmdline = str(pick(p, 'process_cmdline', 'command_line')) ?? '';
    const username = str(pick(p, 'process_username', 'username')) ?? '';
    const parent = num(pick(p, 'parent_pid', 'parent'));
    return {
      process_pid: pid,
      process_path: path,
      process_cmdline: cmdline,
      process_username: username,
      parent_pid: parent,
      proc_guid: str(p['proc_guid']),
      parent_guid: str(p['parent_guid']),
      sid: str(p['sid']),
      create_time: num(p['create_time']),
      pid,
      path,
      command_line: cmdline,
      username,
      parent,
    };
  });
}

export function toRegistryValue(doc: unknown, fallbackName = ''): RegistryValue {
  const v = isRecord(doc) ? doc : {};
  return {
    value_name: str(pick(v, 'value_name', 'valueName')) ?? fallbackName,
    value_type: str(pick(v, 'value_type', 'valueType')) ?? 'REG_NONE',
    value_data: pick(v, 'value_data', 'valueData') ?? null,
  };
}

export function toRegistryListing(command: Json): RegistryKeyListing {
  return {
    values: records(pick(command, 'values')).map((v) => toRegistryValue(v)),
    sub_keys: strings(pick(command, 'sub_keys', 'subKeys')),
  };
}

export function toMemdumpStatus(command: Json, complete: boolean): MemdumpStatus {
  const flag = (key: string): boolean | undefined => (typeof command[key] === 'boolean' ? (command[key] as boolean) : undefined);
  return {
    complete: complete || command['complete'] === true,
    percentdone: num(command['percentdone']),
    dumping: flag('dumping'),
    compressing: flag('compressing'),
    return_code: num(command['return_code']),
  };
}

export function numberField(doc: Json, ...keys: string[]): number | undefined {
  return num(pick(doc, ...keys));
}
