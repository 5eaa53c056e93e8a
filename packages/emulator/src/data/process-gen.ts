// Generates each sensor's process tree (boot chain, services, user sessions, tools, malware),
// then splits every process into segments with per-segment event counts. Output is columnar
// (see ProcessColumns) so hundreds of thousands of segments stay cheap; the events themselves are
// regenerated on demand by events.ts from the same seeds.

import type { ProgramSpec } from './catalog.js';
import { Rng, hashSeed } from './rng.js';
import { DAY, HOUR, MINUTE } from './time.js';
import { expand, intern, type SensorFacts, type World } from './world.js';

/** Column storage. P-columns are indexed by process, R-columns by row (segment). */
export interface ProcessColumns {
  // per process
  sensorIdx: Uint32Array;
  pid: Int32Array;
  parent: Int32Array;
  startMs: Float64Array;
  subTicks: Uint16Array;
  /** NaN while running */
  endMs: Float64Array;
  prog: Uint32Array;
  user: Uint32Array;
  path: Uint32Array;
  cmdline: Uint32Array;
  tags: Uint32Array;
  firstRow: Uint32Array;
  rowCount: Uint8Array;
  // per row
  rowProc: Uint32Array;
  segmentId: Float64Array;
  /** segment end = last event time */
  lastUpdate: Float64Array;
  lastServerUpdate: Float64Array;
  modloads: Uint16Array;
  filemods: Uint16Array;
  regmods: Uint16Array;
  netconns: Uint16Array;
  childprocs: Uint16Array;
  crossprocs: Uint16Array;
  /** per sensor index: first process index and count (processes are grouped by sensor) */
  sensorFirst: Uint32Array;
  sensorCount: Uint32Array;
}

interface Tmp {
  prog: number;
  pid: number;
  parent: number;
  start: number;
  sub: number;
  end: number;
  user: number;
  path: number;
  cmd: number;
}

type TypedCtor = Float64ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor;
type Typed = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** Append-only typed column that doubles its buffer; `done()` trims to the used length. */
class Col<T extends Typed> {
  private a: T;
  n = 0;
  constructor(private readonly ctor: TypedCtor) {
    this.a = new ctor(4096) as T;
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new this.ctor(this.a.length * 2) as T;
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): T {
    return this.a.slice(0, this.n) as T;
  }
}

const f64 = () => new Col<Float64Array>(Float64Array);
const u32 = () => new Col<Uint32Array>(Uint32Array);
const u16 = () => new Col<Uint16Array>(Uint16Array);

class Cols {
  p = { sensorIdx: u32(), pid: new Col<Int32Array>(Int32Array), parent: new Col<Int32Array>(Int32Array), start: f64(), sub: u16(), end: f64(), prog: u32(), user: u32(), path: u32(), cmd: u32(), tags: u32(), firstRow: u32(), rowCount: new Col<Uint8Array>(Uint8Array) };
  r = { proc: u32(), seg: f64(), last: f64(), server: f64(), ml: u16(), fm: u16(), rm: u16(), nc: u16(), cp: u16(), xp: u16() };
}

function logUniform(rng: Rng, lo: number, hi: number): number {
  return lo * Math.pow(hi / lo, rng.next());
}

function duration(rng: Rng, life: ProgramSpec['life']): number {
  switch (life) {
    case 'forever':
      return NaN;
    case 'long':
      return logUniform(rng, 20 * MINUTE, 3 * DAY);
    case 'medium':
      return logUniform(rng, 10_000, 2 * HOUR);
    case 'short':
      return logUniform(rng, 40, 10_000);
  }
}

/** Builds one sensor's processes (unsorted, parent indices local to the sensor). */
class SensorGen {
  readonly procs: Tmp[] = [];
  private readonly pids = new Set<number>();
  private nextUnixPid = 1;
  constructor(
    private readonly w: World,
    private readonly s: SensorFacts,
    private readonly rng: Rng,
  ) {}

  private allocPid(fixed?: number): number {
    if (fixed !== undefined) {
      this.pids.add(fixed);
      return fixed;
    }
    if (this.s.osType !== 'windows') {
      this.nextUnixPid += 1 + this.rng.int(40);
      return this.nextUnixPid;
    }
    for (;;) {
      const pid = 4 * this.rng.range(60, 5000);
      if (!this.pids.has(pid)) {
        this.pids.add(pid);
        return pid;
      }
    }
  }

  /** Latest time a child of `parent` may start (its end, or the sensor's last event). */
  endOf(i: number): number {
    const e = this.procs[i].end;
    return Number.isNaN(e) ? this.s.endMs : e;
  }

  spawn(key: string, parent: number, start: number, opts: { cmdline?: string; pid?: number; forever?: boolean; minLife?: number } = {}): number {
    const w = this.w;
    const progIdx = w.programByKey.get(key);
    if (progIdx === undefined) throw new Error(`unknown program ${key}`);
    const prog = w.programs[progIdx];
    const rng = this.rng;
    const user = prog.runAs === 'user' ? this.s.user : prog.runAs;
    const n = rng.range(1, 40);
    const hex = rng.hex(8);
    const path = expand(prog.path, this.s.user, this.s.userSid, n, hex);
    const cmd = opts.cmdline ?? expand(rng.pick(prog.cmdlines), this.s.user, this.s.userSid, n, hex);
    let end = opts.forever ? NaN : duration(rng, prog.life);
    if (!Number.isNaN(end)) {
      end = start + Math.max(end, opts.minLife ?? 0);
      if (end >= this.s.endMs) end = NaN;
    }
    this.procs.push({
      prog: progIdx,
      pid: this.allocPid(opts.pid),
      parent,
      start: Math.floor(start),
      sub: rng.int(10000),
      end: Number.isNaN(end) ? NaN : Math.floor(end),
      user: intern(w, user),
      path: intern(w, path),
      cmd: intern(w, cmd),
    });
    return this.procs.length - 1;
  }

  /** A start time inside the parent's life (after `after`), or undefined if there is no room. */
  within(parent: number, after = 0, margin = 200): number | undefined {
    const lo = Math.max(this.procs[parent].start + margin, after);
    const hi = this.endOf(parent) - margin;
    if (hi <= lo) return undefined;
    return lo + this.rng.next() * (hi - lo);
  }

  /** A shell with a console host and a few tools. */
  shellSession(shell: 'cmd' | 'powershell', parent: number, tools: readonly string[], forcedTool?: { key: string; cmdline: string }): void {
    const t = this.within(parent);
    if (t === undefined) return;
    const sh = this.spawn(shell, parent, t, { minLife: 30_000 });
    const ct = this.within(sh, 0, 5);
    if (ct !== undefined) this.spawn('conhost', sh, ct);
    if (forcedTool) {
      const ft = this.within(sh);
      if (ft !== undefined) this.spawn(forcedTool.key, sh, ft, { cmdline: forcedTool.cmdline });
    }
    const n = this.rng.range(1, 4);
    for (let k = 0; k < n; k++) {
      const tt = this.within(sh);
      if (tt === undefined) break;
      const tool = this.rng.pick(tools);
      const idx = this.spawn(tool, sh, tt);
      // `net` delegates to net1 like the real binary does
      if (tool === 'net' && this.rng.chance(0.5)) {
        const t1 = this.within(idx, 0, 1);
        if (t1 !== undefined) this.spawn('net1', idx, t1);
      }
    }
  }

  malware(parent: number): void {
    const t = this.within(parent);
    if (t === undefined) return;
    const ev = this.spawn('evil', parent, t, { minLife: 2 * HOUR });
    this.shellSession('cmd', ev, ['whoami', 'net', 'ipconfig', 'systeminfo', 'tasklist']);
    if (this.rng.chance(0.6)) {
      const t2 = this.within(ev);
      if (t2 !== undefined) this.spawn('svch0st', ev, t2, { minLife: HOUR });
    }
  }
}

const CMD_TOOLS = ['net', 'ipconfig', 'whoami', 'ping', 'tasklist', 'systeminfo', 'nslookup', 'reg', 'sc', 'netstat', 'findstr', 'notepad', 'certutil'] as const;
const PS_TOOLS = ['whoami', 'ipconfig', 'net', 'sc', 'reg', 'netstat'] as const;

function windowsTree(g: SensorGen, w: World, s: SensorFacts, rng: Rng, budget: number, forced: string[], longTail: readonly string[]): void {
  const boot = s.bootMs;
  const server = s.hostType !== 'workstation';
  const sys = g.spawn('system', -1, boot, { pid: 4, forever: true });
  const smss = g.spawn('smss', sys, boot + rng.range(800, 2500), { forever: true });
  g.spawn('csrss', smss, boot + rng.range(3000, 5000), { forever: true });
  const wininit = g.spawn('wininit', smss, boot + rng.range(5000, 6000), { forever: true });
  const services = g.spawn('services', wininit, boot + rng.range(6000, 7000), { forever: true });
  g.spawn('lsass', wininit, boot + rng.range(6000, 7000), { forever: true });
  const svchostCmds = w.programs[w.programByKey.get('svchost')!].cmdlines;
  const svchosts: number[] = [];
  const nSvc = server ? svchostCmds.length : 6;
  for (let k = 0; k < nSvc; k++) svchosts.push(g.spawn('svchost', services, boot + 7000 + k * rng.range(200, 900), { cmdline: svchostCmds[k], forever: true }));
  g.spawn('spoolsv', services, boot + rng.range(12_000, 20_000), { forever: true });
  g.spawn('msmpeng', services, boot + rng.range(12_000, 20_000), { forever: true });
  if (server) {
    if (s.hostname.includes('SQL') || rng.chance(0.3)) g.spawn('sqlservr', services, boot + rng.range(20_000, 40_000), { forever: true });
    if (s.hostname.includes('WEB') || rng.chance(0.3)) g.spawn('w3wp', svchosts[2], boot + rng.range(60_000, 600_000));
  } else g.spawn('searchindexer', services, boot + rng.range(20_000, 40_000), { forever: true });
  const winlogon = g.spawn('winlogon', smss, boot + rng.range(5000, 6000), { forever: true });
  g.spawn('dwm', winlogon, boot + rng.range(8000, 9000), { forever: true });
  const logon = boot + rng.range(40_000, 10 * MINUTE);
  const userinit = g.spawn('userinit', winlogon, logon, { minLife: 3000 });
  const explorer = g.spawn('explorer', userinit, logon + rng.range(1500, 2500), { forever: true });
  g.spawn('sihost', svchosts[2], logon + rng.range(500, 1500), { forever: true });

  for (const f of forced) {
    if (f === 'notepad') {
      const t = g.within(explorer);
      if (t !== undefined) g.spawn('notepad', explorer, t);
    } else if (f === 'cmd-net-use') g.shellSession('cmd', explorer, CMD_TOOLS, { key: 'net', cmdline: 'net use \\\\test\\blah' });
    else if (f === 'evil') g.malware(explorer);
  }

  const dcom = svchosts[0];
  const sched = svchosts[2];
  const activities: [() => void, number][] = [
    [() => g.shellSession('cmd', explorer, CMD_TOOLS), 12],
    [() => g.shellSession('powershell', explorer, PS_TOOLS), 4],
    [() => app(g, explorer, 'notepad'), 6],
    [() => app(g, explorer, 'mspaint'), 1],
    [() => app(g, explorer, 'calc'), 2],
    [() => app(g, explorer, 'mstsc'), server ? 0 : 1],
    [() => browser(g, rng, explorer, 'chrome'), server ? 1 : 8],
    [() => app(g, explorer, 'msedge'), server ? 1 : 3],
    [() => office(g, rng, explorer), server ? 0 : 5],
    [() => app(g, explorer, 'winword'), server ? 0 : 2],
    [() => app(g, explorer, 'excel'), server ? 0 : 2],
    [() => longTail.length && app(g, explorer, rng.pick(longTail)), longTail.length ? 2 : 0],
    [() => app(g, dcom, 'wmiprvse'), 4],
    [() => app(g, dcom, 'dllhost'), 3],
    [() => app(g, dcom, 'runtimebroker'), 2],
    [() => app(g, sched, 'taskhostw'), 3],
    [() => app(g, sched, rng.pick(['schtasks', 'gpupdate', 'rundll32'])), 2],
  ];
  const weights = activities.map((a) => a[1]);
  let guard = budget * 4;
  while (g.procs.length < budget && guard-- > 0) rng.weighted(activities, weights)[0]();
}

function app(g: SensorGen, parent: number, key: string): void {
  const t = g.within(parent);
  if (t !== undefined) g.spawn(key, parent, t);
}

function browser(g: SensorGen, rng: Rng, parent: number, key: string): void {
  const t = g.within(parent);
  if (t === undefined) return;
  const b = g.spawn(key, parent, t, { minLife: 10 * MINUTE, cmdline: `"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" ` });
  const n = rng.range(1, 4);
  for (let k = 0; k < n; k++) app(g, b, key);
}

function office(g: SensorGen, rng: Rng, parent: number): void {
  const t = g.within(parent);
  if (t === undefined) return;
  const o = g.spawn('outlook', parent, t, { minLife: 30 * MINUTE });
  if (rng.chance(0.3)) app(g, o, 'winword');
}

function linuxTree(g: SensorGen, s: SensorFacts, rng: Rng, budget: number): void {
  const sys = g.spawn('systemd', -1, s.bootMs, { pid: 1, forever: true });
  const sshd = g.spawn('sshd', sys, s.bootMs + rng.range(3000, 9000), { forever: true, cmdline: '/usr/sbin/sshd -D' });
  const cron = g.spawn('crond', sys, s.bootMs + rng.range(3000, 9000), { forever: true });
  g.spawn('python3', sys, s.bootMs + rng.range(10_000, 30_000), { forever: true });
  let guard = budget * 4;
  while (g.procs.length < budget && guard-- > 0) {
    if (rng.chance(0.5)) {
      const t = g.within(sshd);
      if (t === undefined) continue;
      const sess = g.spawn('sshd', sshd, t, { cmdline: `sshd: ${s.user} [priv]`, minLife: 5 * MINUTE });
      const bt = g.within(sess);
      if (bt === undefined) continue;
      const sh = g.spawn('bash', sess, bt, { cmdline: '-bash', minLife: 2 * MINUTE });
      for (let k = rng.range(1, 3); k > 0; k--) app(g, sh, 'curl');
    } else {
      const t = g.within(cron);
      if (t === undefined) continue;
      const sh = g.spawn('bash', cron, t, { cmdline: '/bin/bash /opt/scripts/backup.sh', minLife: 20_000 });
      app(g, sh, 'curl');
    }
  }
}

function osxTree(g: SensorGen, s: SensorFacts, rng: Rng, budget: number): void {
  const launchd = g.spawn('launchd', -1, s.bootMs, { pid: 1, forever: true });
  const login = g.spawn('loginwindow', launchd, s.bootMs + rng.range(20_000, 60_000), { forever: true });
  let guard = budget * 4;
  while (g.procs.length < budget && guard-- > 0) {
    if (rng.chance(0.4)) app(g, launchd, 'safari');
    else {
      const t = g.within(login);
      if (t === undefined) continue;
      const term = g.spawn('terminal', login, t, { minLife: 5 * MINUTE });
      const zt = g.within(term);
      if (zt === undefined) continue;
      const zsh = g.spawn('zsh', term, zt, { minLife: MINUTE });
      app(g, zsh, 'mac-curl');
    }
  }
}

/** Where in a process's segment list does time t fall (boundaries = segment ends). */
function segmentAt(bounds: number[], t: number): number {
  for (let k = 0; k < bounds.length; k++) if (t <= bounds[k]) return k;
  return bounds.length - 1;
}

function tagMask(w: World, prog: ProgramSpec, cmdline: string, path: string): number {
  let mask = 0;
  for (const r of w.rules) if (r.matchProcess?.(prog, cmdline, path)) mask |= 1 << r.bit;
  return mask >>> 0;
}

/** Sort a sensor's processes by start, split into segments, append to the columns. */
function appendSensor(w: World, cols: Cols, sensorIdx: number, s: SensorFacts, procs: Tmp[], rng: Rng): void {
  const order = procs.map((_, i) => i).sort((a, b) => procs[a].start - procs[b].start || a - b);
  const remap = new Int32Array(procs.length);
  order.forEach((old, neu) => (remap[old] = neu));
  const sorted = order.map((i) => procs[i]);
  const base = cols.p.pid.n;
  const children: number[][] = sorted.map(() => []);
  sorted.forEach((p, i) => {
    if (p.parent >= 0) {
      p.parent = remap[p.parent];
      children[p.parent].push(i);
    }
  });

  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    const prog = w.programs[p.prog];
    const running = Number.isNaN(p.end);
    let activeEnd = running ? Math.max(p.start + 1000, s.endMs - rng.int(10 * MINUTE)) : p.end;
    for (const c of children[i]) activeEnd = Math.max(activeEnd, sorted[c].start + 1);
    activeEnd = Math.min(Math.max(activeEnd, p.start + 1), w.epochMs);
    const d = activeEnd - p.start;
    let nseg = 1;
    if (prog.life === 'forever' || prog.life === 'long') {
      if (d > 30 * MINUTE) nseg = Math.min(6, 2 + Math.floor((d / (2 * DAY)) * rng.next() * 3));
    } else if (prog.life === 'medium' && d > 10 * MINUTE && rng.chance(0.3)) nseg = 2;
    const bounds: number[] = [];
    for (let k = 0; k < nseg - 1; k++) bounds.push(Math.floor(p.start + (d * (k + 1 + (rng.next() - 0.5) * 0.4)) / nseg));
    bounds.push(activeEnd);

    const cp = new Array<number>(nseg).fill(0);
    for (const c of children[i]) {
      const ch = sorted[c];
      cp[segmentAt(bounds, ch.start)]++;
      if (!Number.isNaN(ch.end) && ch.end <= activeEnd) cp[segmentAt(bounds, ch.end)]++;
    }

    const firstRow = cols.r.proc.n;
    let prevSeg = 0;
    for (let k = 0; k < nseg; k++) {
      const segStart = k === 0 ? p.start : bounds[k - 1] + 1;
      let segId: number;
      if (w.segmentStyle === 6) {
        segId = Math.max(prevSeg + 1, segStart + rng.range(500, 20_000));
        prevSeg = segId;
      } else segId = k + 1;
      const [fr, rr, nr, xr] = prog.rates;
      cols.r.proc.push(base + i);
      cols.r.seg.push(segId);
      cols.r.last.push(bounds[k]);
      cols.r.server.push(Math.min(w.epochMs, bounds[k] + rng.range(2000, 120_000)));
      cols.r.ml.push(k === 0 ? 1 + prog.dlls.length : prog.dlls.length ? rng.count(1.2) : 0);
      cols.r.fm.push(rng.count(fr));
      cols.r.rm.push(rng.count(rr));
      cols.r.nc.push(prog.net?.length ? rng.count(nr) : 0);
      cols.r.cp.push(cp[k]);
      cols.r.xp.push(prog.cross?.length ? rng.count(xr) : 0);
    }
    const P = cols.p;
    P.sensorIdx.push(sensorIdx);
    P.pid.push(p.pid);
    P.parent.push(p.parent >= 0 ? base + p.parent : -1);
    P.start.push(p.start);
    P.sub.push(p.sub);
    P.end.push(p.end);
    P.prog.push(p.prog);
    P.user.push(p.user);
    P.path.push(p.path);
    P.cmd.push(p.cmd);
    P.tags.push(tagMask(w, prog, w.strings[p.cmd], w.strings[p.path]));
    P.firstRow.push(firstRow);
    P.rowCount.push(nseg);
  }
}

export interface SensorProcessPlan {
  facts: SensorFacts;
  forced: string[];
}

/** Generate every sensor's processes. `longTail` maps sensor index → installer program keys. */
export function generateProcesses(w: World, plans: SensorProcessPlan[], processesPerSensor: number, longTailFor: (sensorIdx: number) => string[]): ProcessColumns {
  const cols = new Cols();
  const sensorFirst = new Uint32Array(plans.length);
  const sensorCount = new Uint32Array(plans.length);
  plans.forEach((plan, si) => {
    const s = plan.facts;
    const rng = new Rng(hashSeed(w.seed, 0x9a0c, s.id));
    const g = new SensorGen(w, s, rng);
    const budget = Math.max(1, Math.round(processesPerSensor * (0.7 + 0.6 * rng.next())));
    if (s.osType === 'windows') windowsTree(g, w, s, rng, budget, plan.forced, longTailFor(si));
    else if (s.osType === 'linux') linuxTree(g, s, rng, Math.ceil(budget / 3));
    else osxTree(g, s, rng, Math.ceil(budget / 3));
    sensorFirst[si] = cols.p.pid.n;
    appendSensor(w, cols, si, s, g.procs, new Rng(hashSeed(w.seed, 0x5e90, s.id)));
    sensorCount[si] = cols.p.pid.n - sensorFirst[si];
  });
  const P = cols.p;
  const R = cols.r;
  return {
    sensorIdx: P.sensorIdx.done(),
    pid: P.pid.done(),
    parent: P.parent.done(),
    startMs: P.start.done(),
    subTicks: P.sub.done(),
    endMs: P.end.done(),
    prog: P.prog.done(),
    user: P.user.done(),
    path: P.path.done(),
    cmdline: P.cmd.done(),
    tags: P.tags.done(),
    firstRow: P.firstRow.done(),
    rowCount: P.rowCount.done(),
    rowProc: R.proc.done(),
    segmentId: R.seg.done(),
    lastUpdate: R.last.done(),
    lastServerUpdate: R.server.done(),
    modloads: R.ml.done(),
    filemods: R.fm.done(),
    regmods: R.rm.done(),
    netconns: R.nc.done(),
    childprocs: R.cp.done(),
    crossprocs: R.xp.done(),
    sensorFirst,
    sensorCount,
  };
}
