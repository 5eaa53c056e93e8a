// The live process table of a host: the processes the Cb Response data shows still running at
// the dataset's "now" (same pids, GUIDs, paths and command lines), plus the sensor's own
// service. `kill` and `create process` change it.
import { processGuid } from '../guid.js';
import type { Rng } from '../rng.js';
import type { EmulatorState } from '../types.js';
import type { HostIdentity } from './identity.js';
import { ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER, fail } from './win32.js';

export interface HostProcess {
  pid: number;
  parentPid: number;
  guid: string;
  parentGuid: string;
  path: string;
  commandLine: string;
  /** Qualified owner (`NT AUTHORITY\SYSTEM`, `CORP\jsmith`, `root`). */
  username: string;
  /** Lower-case SID as the sensor reports it (`s-1-5-18`); '' on POSIX. */
  sid: string;
  /** Epoch ms. */
  createMs: number;
  /** Protected from `kill` (session manager, LSA, the sensor itself, init). */
  critical: boolean;
}

const CRITICAL = new Set(['ntoskrnl.exe', 'smss.exe', 'csrss.exe', 'wininit.exe', 'services.exe', 'lsass.exe', 'winlogon.exe', 'cb.exe', 'cbdaemon', 'launchd', 'init', 'systemd']);

const WELL_KNOWN_SIDS: Readonly<Record<string, string>> = {
  system: 's-1-5-18',
  'local service': 's-1-5-19',
  'network service': 's-1-5-20',
};

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1).toLowerCase();
}

/** Owner and SID of a Response-data user name as the LR process list shows them. */
export function qualifyUser(identity: HostIdentity, raw: string): { username: string; sid: string } {
  if (identity.os !== 'windows') return { username: raw || 'root', sid: '' };
  const lower = raw.toLowerCase();
  if (WELL_KNOWN_SIDS[lower]) return { username: `NT AUTHORITY\\${raw.toUpperCase()}`, sid: WELL_KNOWN_SIDS[lower] };
  const username = raw.includes('\\') ? raw : `${identity.domain}\\${raw}`;
  // Other local accounts get a stable RID of their own in the machine's domain.
  const sid = raw === identity.user ? identity.userSid : identity.userSid.replace(/-\d+$/, `-${1100 + ((raw.length * 37) % 800)}`);
  return { username, sid: sid.toLowerCase() };
}

export class ProcessTable {
  private readonly procs = new Map<number, HostProcess>();

  constructor(
    private readonly identity: HostIdentity,
    private readonly rng: Rng,
    seed: HostProcess[],
  ) {
    for (const p of seed) this.procs.set(p.pid, p);
  }

  list(): HostProcess[] {
    return [...this.procs.values()];
  }

  find(pid: number): HostProcess | undefined {
    return this.procs.get(pid);
  }

  /** `kill`: an unknown pid is ERROR_INVALID_PARAMETER (as in the reference's failed kill). */
  kill(pid: number): void {
    const proc = this.procs.get(pid);
    if (!proc) throw fail(ERROR_INVALID_PARAMETER);
    if (proc.critical) throw fail(ERROR_ACCESS_DENIED);
    this.procs.delete(pid);
  }

  spawn(path: string, commandLine: string, parentPid: number, createMs: number): HostProcess {
    let pid: number;
    do pid = this.identity.os === 'windows' ? 4 * this.rng.range(250, 16000) : this.rng.range(2000, 60000);
    while (this.procs.has(pid));
    const parent = this.procs.get(parentPid);
    const owner = this.identity.os === 'windows' ? qualifyUser(this.identity, 'SYSTEM') : { username: 'root', sid: '' };
    const proc: HostProcess = {
      pid,
      parentPid,
      guid: processGuid(this.identity.sensorId, pid, createMs),
      parentGuid: parent?.guid ?? rootGuid(this.identity.sensorId),
      path,
      commandLine,
      ...owner,
      createMs,
      critical: false,
    };
    this.procs.set(pid, proc);
    return proc;
  }

  exit(pid: number): void {
    this.procs.delete(pid);
  }

  /** A running process has this image open (so the file cannot be deleted). */
  imageInUse(path: string): boolean {
    const want = this.identity.os === 'windows' ? path.toLowerCase() : path;
    for (const p of this.procs.values()) if ((this.identity.os === 'windows' ? p.path.toLowerCase() : p.path) === want) return true;
    return false;
  }

  /** The sensor's own service process (parent of processes it creates). */
  sensorProcess(): HostProcess | undefined {
    for (const p of this.procs.values()) if (baseName(p.path) === 'cb.exe' || baseName(p.path) === 'cbdaemon') return p;
    return undefined;
  }
}

/** `<sensor id>-0000-0000-0000-000000000000`: the parent GUID of root processes. */
export function rootGuid(sensorId: number): string {
  return `${(sensorId >>> 0).toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`;
}

export function sensorImagePath(identity: HostIdentity): string {
  if (identity.os === 'windows') return 'C:\\Windows\\CarbonBlack\\cb.exe';
  return identity.os === 'osx' ? '/Applications/VMware Carbon Black EDR.app/Contents/MacOS/cbdaemon' : '/opt/cbsensor/cbdaemon';
}

/** Running processes of the host from the Response data, plus the sensor service. */
export function seedProcesses(state: EmulatorState, identity: HostIdentity, rng: Rng): HostProcess[] {
  const store = state.processes;
  const out: HostProcess[] = [];
  for (const p of store.processesOfSensor(identity.sensorId)) {
    const rows = store.rowsOf(p);
    const row = store.row(rows[rows.length - 1]);
    if (row.terminated) continue;
    const parent = store.parentOf(p);
    const owner = qualifyUser(identity, row.username);
    out.push({
      pid: row.process_pid,
      parentPid: row.parent_pid,
      guid: row.id,
      parentGuid: parent >= 0 ? store.guidOf(parent) : rootGuid(identity.sensorId),
      path: row.path,
      commandLine: row.cmdline,
      ...owner,
      createMs: Date.parse(row.start),
      critical: CRITICAL.has(baseName(row.path)) || row.process_pid === 4 || (identity.os !== 'windows' && row.process_pid === 1),
    });
  }
  const used = new Set(out.map((p) => p.pid));
  const parent =
    out.find((p) => baseName(p.path) === (identity.os === 'windows' ? 'services.exe' : identity.os === 'osx' ? 'launchd' : 'systemd')) ??
    out.find((p) => p.parentPid === 0);
  let pid: number;
  do pid = identity.os === 'windows' ? 4 * rng.range(250, 4000) : rng.range(300, 2000);
  while (used.has(pid));
  const createMs = Math.max(identity.bootMs, (parent?.createMs ?? identity.bootMs) + 5_000);
  const image = sensorImagePath(identity);
  out.push({
    pid,
    parentPid: parent?.pid ?? 0,
    guid: processGuid(identity.sensorId, pid, createMs),
    parentGuid: parent?.guid ?? rootGuid(identity.sensorId),
    path: identity.os === 'windows' ? image.toLowerCase() : image,
    commandLine: identity.os === 'windows' ? `"${image}"` : image,
    ...(identity.os === 'windows' ? qualifyUser(identity, 'SYSTEM') : { username: 'root', sid: '' }),
    createMs,
    critical: true,
  });
  out.sort((a, b) => a.createMs - b.createMs);
  return out;
}
