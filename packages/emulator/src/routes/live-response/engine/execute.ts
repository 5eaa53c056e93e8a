// Runs one command against the host model when the sensor "finishes" it. Failures come back
// as Win32 codes (the wire layers turn them into HRESULTs); a command the session's sensor
// does not support fails with ERROR_NOT_SUPPORTED.
import {
  ERROR_FILE_NOT_FOUND,
  ERROR_INVALID_PARAMETER,
  ERROR_NOT_SUPPORTED,
  LrFailure,
  fail,
  generateContent,
  shortName,
  type HostModel,
  type ListEntry,
} from '../../../data/hosts/index.js';
import { createZip } from '../../../zip/index.js';
import { createProcess } from './create-process.js';
import { supportedCommands } from './commands.js';
import type { CommandOutcome, CommandResult, DirEntry, LrCommand, LrSession } from './types.js';

const seconds = (ms: number): number => Math.floor(ms / 1000);

function dirEntry(entry: ListEntry, windows: boolean): DirEntry {
  const node = entry.node;
  const dots = entry.name === '.' || entry.name === '..';
  return {
    filename: entry.name,
    attributes: dots ? ['DIRECTORY'] : [...node.attributes],
    size: node.kind === 'file' ? node.size : 0,
    createTime: seconds(node.times.created),
    accessTime: seconds(node.times.accessed),
    writeTime: seconds(node.times.written),
    altName: windows ? shortName(entry.name) : '',
  };
}

function target(command: LrCommand): string {
  const t = command.input.target;
  if (typeof t !== 'string' || t === '') throw fail(ERROR_INVALID_PARAMETER);
  return t;
}

function memoryDump(host: HostModel, label: string): Uint8Array {
  const body = generateContent('binary', label, 8 * 1024);
  const magic = Buffer.from(host.identity.os === 'windows' ? 'PAGEDU64' : '\x7fELF\x02\x01\x01\x00', 'latin1');
  magic.copy(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  return body;
}

function run(host: HostModel, session: LrSession, command: LrCommand, at: number): CommandResult {
  const { fs, registry, processes } = host;
  const cwd = session.cwd;
  const input = command.input;
  switch (input.name) {
    case 'get file': {
      const data = fs.read(target(command), cwd);
      const file = command.fileId === undefined ? undefined : session.files.get(command.fileId);
      if (file) file.data = data;
      return { kind: 'file', fileId: command.fileId ?? -1, size: data.length };
    }
    case 'put file': {
      const file = input.fileId === undefined ? undefined : session.files.get(input.fileId);
      if (!file?.data) throw fail(input.fileId === undefined ? ERROR_INVALID_PARAMETER : ERROR_FILE_NOT_FOUND);
      fs.write(target(command), cwd, file.data, input.overwrite === true);
      return { kind: 'none' };
    }
    case 'delete file':
      fs.remove(target(command), cwd, (path) => processes.imageInUse(path));
      return { kind: 'none' };
    case 'directory list':
      return { kind: 'files', entries: fs.list(target(command), cwd).map((e) => dirEntry(e, host.identity.os === 'windows')) };
    case 'create directory':
      fs.mkdir(target(command), cwd);
      return { kind: 'none' };
    case 'kill': {
      const pid = typeof input.target === 'string' && /^\d+$/.test(input.target) ? Number(input.target) : input.target;
      if (typeof pid !== 'number' || !Number.isInteger(pid)) throw fail(ERROR_INVALID_PARAMETER);
      processes.kill(pid);
      return { kind: 'none' };
    }
    case 'create process':
      return { kind: 'process', ...createProcess(host, input, cwd, at) };
    case 'process list':
      return { kind: 'processes', processes: processes.list() };
    case 'memdump': {
      const path = target(command);
      const dump = memoryDump(host, `${host.identity.sensorId}:${path}:${command.id}`);
      const name = path.replace(/^.*[\\/]/, '');
      const data = input.compress ? createZip([{ name, data: dump }]) : dump;
      fs.write(input.compress ? `${path}.zip` : path, cwd, data, false);
      return { kind: 'memdump', returnCode: 0 };
    }
  }
  if (!registry) throw fail(ERROR_NOT_SUPPORTED);
  switch (input.name) {
    case 'reg enum key': {
      const { values, subKeys } = registry.enumKey(target(command));
      return { kind: 'regEnum', values, subKeys };
    }
    case 'reg query value':
      return { kind: 'regValue', value: registry.queryValue(target(command)) };
    case 'reg set value':
      registry.setValue(target(command), input.valueType, input.valueData, input.overwrite !== false);
      return { kind: 'none' };
    case 'reg create key':
      registry.createKey(target(command));
      return { kind: 'none' };
    case 'reg delete key':
      registry.deleteKey(target(command));
      return { kind: 'none' };
    case 'reg delete value':
      registry.deleteValue(target(command));
      return { kind: 'none' };
    default:
      throw fail(ERROR_NOT_SUPPORTED);
  }
}

export function executeCommand(host: HostModel, session: LrSession, command: LrCommand, at: number): CommandOutcome {
  if (!supportedCommands(host.identity.os).includes(command.input.name)) return { ok: false, win32: ERROR_NOT_SUPPORTED };
  try {
    return { ok: true, result: run(host, session, command, at) };
  } catch (err) {
    if (err instanceof LrFailure) return { ok: false, win32: err.win32 };
    throw err;
  }
}
