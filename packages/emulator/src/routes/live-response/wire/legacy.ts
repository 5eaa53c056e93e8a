// Session and command objects of the cbapi-era protocol shared by Cb Response (`/api/v1/cblr`)
// and Cb Defense (`/integrationServices/v3/cblr`): live-response.md §1.1–1.2 and §3.5.
// Differences: Defense session ids are "n:deviceId", statuses upper case, completion time
// `completion_time`, and registry results camel-case (valueName/valueType/valueData).
import { hresultFromWin32, wireData, type HostProcess, type RegValue } from '../../../data/hosts/index.js';
import { supportedCommands } from '../engine/commands.js';
import { wireSessionId, type LiveResponseEngine } from '../engine/engine.js';
import type { CommandResult, LrCommand, LrSession, SessionFile } from '../engine/types.js';

export type LegacyDialect = 'response' | 'defense';

const SESSION_STATUS = { pending: 'pending', active: 'active', closed: 'close', timeout: 'timeout' } as const;

export function legacySessionStatus(s: LrSession): string {
  const word = SESSION_STATUS[s.state];
  return s.backend === 'defense' ? word.toUpperCase() : word;
}

const storageSize = (s: LrSession): number => [...s.files.values()].reduce((n, f) => n + (f.data?.length ?? 0), 0);

export function legacySession(engine: LiveResponseEngine, s: LrSession): Record<string, unknown> {
  const host = engine.host(s.sensorId);
  const id = host?.identity;
  return {
    id: wireSessionId(s),
    sensor_id: s.deviceId,
    status: legacySessionStatus(s),
    hostname: id?.hostname ?? '',
    address: id ? `::ffff:${id.ip}` : '',
    os_version: '',
    current_working_directory: s.cwd,
    drives: host?.drives ?? [],
    supported_commands: id ? [...supportedCommands(id.os)] : [],
    create_time: s.createdAt / 1000,
    sensor_wait_timeout: s.reported.sensorWaitTimeout,
    session_timeout: s.reported.sessionTimeout,
    check_in_timeout: s.reported.checkInTimeout,
    storage_size: String(storageSize(s)),
    storage_ttl: 7,
  };
}

function regValue(v: RegValue, dialect: LegacyDialect): Record<string, unknown> {
  return dialect === 'defense'
    ? { valueName: v.name, valueType: v.type, valueData: wireData(v) }
    : { value_name: v.name, value_type: v.type, value_data: wireData(v) };
}

function process(p: HostProcess): Record<string, unknown> {
  return {
    pid: p.pid,
    parent: p.parentPid,
    proc_guid: p.guid,
    parent_guid: p.parentGuid,
    path: p.path,
    command_line: p.commandLine,
    create_time: Math.floor(p.createMs / 1000),
    username: p.username,
    sid: p.sid,
  };
}

function results(r: CommandResult, dialect: LegacyDialect): Record<string, unknown> {
  switch (r.kind) {
    case 'files':
      return {
        files: r.entries.map((e) => ({
          filename: e.filename,
          attributes: e.attributes,
          size: e.size,
          create_time: e.createTime,
          last_access_time: e.accessTime,
          last_write_time: e.writeTime,
          alt_name: e.altName,
        })),
      };
    case 'processes':
      return { processes: r.processes.map(process) };
    case 'regEnum':
      return { values: r.values.map((v) => regValue(v, dialect)), sub_keys: r.subKeys };
    case 'regValue':
      return { value: regValue(r.value, dialect) };
    case 'process':
      return { pid: r.pid, return_code: r.returnCode };
    case 'memdump':
      return { return_code: r.returnCode, complete: true, percentdone: 100, dumping: false, compressing: false };
    default:
      return {};
  }
}

function memdumpProgress(engine: LiveResponseEngine, c: LrCommand): Record<string, unknown> {
  const now = engine.now();
  const started = c.startAt !== undefined && c.startAt <= now;
  const percent = started && c.doneAt !== undefined ? Math.min(99, Math.floor(((now - c.startAt!) / Math.max(1, c.doneAt - c.startAt!)) * 100)) : 0;
  return { complete: false, percentdone: percent, dumping: started, compressing: false };
}

export function legacyCommand(engine: LiveResponseEngine, s: LrSession, c: LrCommand): Record<string, unknown> {
  const dialect: LegacyDialect = s.backend === 'defense' ? 'defense' : 'response';
  const phase = engine.phase(c);
  const doc: Record<string, unknown> = {
    id: c.id,
    session_id: wireSessionId(s),
    sensor_id: s.deviceId,
    name: c.input.name,
    object: c.input.target,
    status: phase === 'cancelled' ? 'cancel' : phase,
    username: c.username,
    create_time: c.postedAt / 1000,
    ...c.input.echo,
  };
  if (c.fileId !== undefined) doc.file_id = c.fileId;
  if (c.state === 'queued' && c.input.name === 'memdump') Object.assign(doc, memdumpProgress(engine, c));
  if (c.state === 'done' && c.outcome) {
    doc[dialect === 'defense' ? 'completion_time' : 'completion'] = (c.doneAt ?? c.postedAt) / 1000;
    doc.result_type = 'WinHresult';
    doc.result_code = c.outcome.ok ? 0 : hresultFromWin32(c.outcome.win32);
    doc.result_desc = '';
    if (c.outcome.ok) Object.assign(doc, results(c.outcome.result, dialect));
  }
  return doc;
}

/** File metadata `{id, file_name, size, size_uploaded, status, delete}` (live-response.md §1). */
export function legacyFile(f: SessionFile): Record<string, unknown> {
  const size = f.data?.length ?? 0;
  return { id: f.id, file_name: f.name, size, size_uploaded: size, status: f.data ? 0 : 1, delete: false };
}
