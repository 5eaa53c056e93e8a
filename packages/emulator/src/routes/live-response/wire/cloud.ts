// Carbon Black Cloud v6 session and command objects (cbc-live-response.md §3.3–3.5): string
// session ids, upper-case statuses, ISO times on sessions, `command_timeout`, `completion_time`
// (0 until done), signed HRESULTs with a description, `file_details` for get file and the
// renamed process fields.
import { cloudDevice, signedHresult, hresultFromWin32, win32Description, wireData, type RegValue } from '../../../data/hosts/index.js';
import { cloudSupportedCommands } from '../engine/commands.js';
import { wireSessionId, type LiveResponseEngine } from '../engine/engine.js';
import type { CommandResult, LrCommand, LrSession, SessionFile } from '../engine/types.js';

const SESSION_STATUS = { pending: 'PENDING', active: 'ACTIVE', closed: 'CLOSE', timeout: 'TIMEOUT' } as const;
const COMMAND_STATUS = { pending: 'PENDING', 'in progress': 'PENDING', complete: 'COMPLETE', error: 'ERROR', cancelled: 'CANCELLED' } as const;

const iso = (ms: number): string => new Date(ms).toISOString();

export function cloudSession(engine: LiveResponseEngine, s: LrSession): Record<string, unknown> {
  const sensor = engine.state.sensors.get(s.sensorId);
  const host = engine.host(s.sensorId);
  const now = engine.now();
  const checkIn = sensor ? cloudDevice(engine.state, sensor, engine.isOnline(s.sensorId), now).last_contact_time : iso(now);
  const doc: Record<string, unknown> = {
    id: wireSessionId(s),
    device_id: s.deviceId,
    check_in_timeout: s.reported.checkInTimeout,
    session_timeout: s.reported.sessionTimeout,
    status: SESSION_STATUS[s.state],
    current_command_index: s.commands.length,
    create_time: iso(s.createdAt),
    device_check_in_time: checkIn,
  };
  // Host details arrive once the sensor has attached.
  if (host && s.activeAt !== undefined && s.activeAt <= (s.endedAt ?? now)) {
    Object.assign(doc, {
      hostname: host.identity.hostname,
      address: host.identity.ip,
      os_version: host.identity.osDisplay,
      current_working_directory: s.cwd,
      drives: host.drives,
      supported_commands: cloudSupportedCommands(host.identity.os),
      sensor_check_in_time: iso(s.activeAt),
    });
  }
  return doc;
}

const regValue = (v: RegValue) => ({ value_name: v.name, value_type: v.type, value_data: wireData(v) });

function results(r: CommandResult): Record<string, unknown> {
  switch (r.kind) {
    case 'files':
      return {
        files: r.entries.map((e) => ({
          attributes: e.attributes,
          filename: e.filename,
          size: e.size,
          create_time: e.createTime,
          last_access_time: e.accessTime,
          last_write_time: e.writeTime,
        })),
      };
    case 'processes':
      return {
        processes: r.processes.map((p) => ({
          process_pid: p.pid,
          process_path: p.path,
          process_cmdline: p.commandLine,
          process_username: p.username,
          parent_pid: p.parentPid,
          parent_guid: p.parentGuid,
          proc_guid: p.guid,
          sid: p.sid,
          create_time: Math.floor(p.createMs / 1000),
        })),
      };
    case 'regEnum':
      return { values: r.values.map(regValue), sub_keys: r.subKeys };
    case 'regValue':
      return { value: regValue(r.value) };
    case 'process':
      return { pid: r.pid, return_code: r.returnCode };
    case 'memdump':
      return { return_code: r.returnCode, complete: true, percentdone: 100, dumping: false, compressing: false };
    default:
      return {};
  }
}

export function cloudCommand(engine: LiveResponseEngine, s: LrSession, c: LrCommand): Record<string, unknown> {
  const status = COMMAND_STATUS[engine.phase(c)];
  const outcome = c.state === 'done' ? c.outcome : undefined;
  const doc: Record<string, unknown> = {
    id: c.id,
    session_id: wireSessionId(s),
    device_id: s.deviceId,
    command_timeout: 120,
    status: engine.options.cloudCommandStatusCase === 'lower' ? status.toLowerCase() : status,
    name: c.input.name,
    object: c.input.target,
    ...c.input.echo,
    completion_time: outcome ? (c.doneAt ?? c.postedAt) / 1000 : 0,
    result_code: outcome && !outcome.ok ? signedHresult(hresultFromWin32(outcome.win32)) : 0,
    result_type: 'WinHresult',
    result_desc: outcome && !outcome.ok ? win32Description(outcome.win32) : '',
  };
  if (c.fileId !== undefined) {
    const size = outcome?.ok && outcome.result.kind === 'file' ? outcome.result.size : 0;
    doc.file_details = { offset: 0, count: size, file_id: c.fileId };
  }
  if (c.state === 'queued' && c.input.name === 'memdump') Object.assign(doc, { complete: false, percentdone: 0, dumping: c.startAt !== undefined && c.startAt <= engine.now() });
  if (outcome?.ok) Object.assign(doc, results(outcome.result));
  return doc;
}

export function cloudFile(s: LrSession, f: SessionFile): Record<string, unknown> {
  const size = f.data?.length ?? 0;
  return { id: f.id, session_id: wireSessionId(s), file_name: f.name, size, size_uploaded: size, status: f.data ? 0 : 1, delete: false };
}
