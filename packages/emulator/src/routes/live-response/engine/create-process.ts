// `create process`: find the executable the way CreateProcess / execvp would, start it under the
// sensor's service process, write redirected output, and (with `wait`) let it exit.
import {
  ERROR_DIRECTORY,
  ERROR_FILE_NOT_FOUND,
  ERROR_INVALID_PARAMETER,
  expandWindowsVars,
  fail,
  type HostModel,
} from '../../../data/hosts/index.js';
import { processOutput } from './process-output.js';
import type { CommandInput } from './types.js';

function firstToken(cmdline: string): string {
  const t = cmdline.trimStart();
  if (t.startsWith('"')) {
    const end = t.indexOf('"', 1);
    return end < 0 ? t.slice(1) : t.slice(1, end);
  }
  return t.split(/\s+/)[0];
}

function isFile(host: HostModel, path: string, workDir: string): string | undefined {
  try {
    const parsed = host.fs.parse(path, workDir);
    const node = host.fs.lookup(parsed.parts);
    return node?.kind === 'file' ? host.fs.format(parsed.parts) : undefined;
  } catch {
    return undefined;
  }
}

/** Full path of the program a command line starts; ERROR_FILE_NOT_FOUND when there is none. */
export function resolveExecutable(host: HostModel, cmdline: string, workDir: string): string {
  const windows = host.identity.os === 'windows';
  const token = windows ? expandWindowsVars(firstToken(cmdline), host.tempDir) : firstToken(cmdline);
  if (!token) throw fail(ERROR_INVALID_PARAMETER);
  const hasDir = windows ? /[\\/]/.test(token) : token.includes('/');
  const dirs = hasDir ? [workDir] : windows ? [workDir, 'C:\\Windows\\System32', 'C:\\Windows'] : ['/bin', '/usr/bin', '/sbin', '/usr/sbin'];
  const names = windows && !/\.[a-z0-9]{1,4}$/i.test(token) ? [token, `${token}.exe`] : [token];
  for (const dir of dirs) {
    for (const name of names) {
      const found = isFile(host, hasDir ? name : `${dir}${windows ? '\\' : '/'}${name}`, dir);
      if (found) return found;
    }
  }
  throw fail(ERROR_FILE_NOT_FOUND);
}

export function createProcess(host: HostModel, input: CommandInput, sessionCwd: string, at: number): { pid: number; returnCode: number } {
  if (typeof input.target !== 'string' || !input.target.trim()) throw fail(ERROR_INVALID_PARAMETER);
  const cmdline = input.target;
  const workDir = input.workingDirectory ?? sessionCwd;
  if (input.workingDirectory !== undefined) {
    const dir = (() => {
      try {
        return host.fs.stat(workDir, sessionCwd);
      } catch {
        return undefined;
      }
    })();
    if (dir?.kind !== 'dir') throw fail(ERROR_DIRECTORY);
  }
  const image = resolveExecutable(host, cmdline, workDir);
  const parent = host.processes.sensorProcess()?.pid ?? 0;
  const proc = host.processes.spawn(host.identity.os === 'windows' ? image.toLowerCase() : image, cmdline, parent, at);
  if (input.outputFile) {
    const text = processOutput(host, cmdline, workDir);
    try {
      host.fs.write(input.outputFile, workDir, Buffer.from(text, host.identity.os === 'windows' ? 'latin1' : 'utf8'), true);
    } catch (err) {
      host.processes.exit(proc.pid);
      throw err;
    }
  }
  if (input.wait) host.processes.exit(proc.pid);
  return { pid: proc.pid, returnCode: 0 };
}
