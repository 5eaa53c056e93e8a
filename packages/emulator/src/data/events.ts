// Per-segment events, regenerated on demand from (seed, sensor, pid, start, segment) so nothing
// but the counts is stored. The counts in the search rows are honoured exactly, childproc events
// come from the real child processes, and crossproc targets are real processes on the same host.

import type { ProgramSpec } from './catalog.js';
import { expandInstaller, fileWriteMd5 } from './file-writes.js';
import { splitUniqueId, uniqueId } from './guid.js';
import type { ColumnProcessStore } from './process-store.js';
import { Rng, hashSeed } from './rng.js';
import type {
  ChildprocEvent,
  CrossprocEvent,
  EmulatorState,
  FilemodEvent,
  ModloadEvent,
  NetconnEvent,
  ProcIndex,
  RegmodEvent,
  RowIndex,
  SegmentEvents,
} from './types.js';
import { applyUsbPlug, usbPlugAt, type UsbDevice } from './usb.js';
import { expand, type SensorFacts, type World } from './world.js';

const WIN_FILE_FALLBACK = ['c:\\windows\\temp\\{hex}.tmp', 'c:\\users\\{user}\\appdata\\local\\temp\\{hex}.tmp'];
const UNIX_FILE_FALLBACK = ['/tmp/{hex}'];
const REG_FALLBACK = ['\\registry\\machine\\software\\microsoft\\windows\\currentversion\\explorer\\{hex}'];
const TAMPER_REG = '\\registry\\machine\\system\\currentcontrolset\\services\\carbonblack\\start';
/** programs that accept connections rather than make them */
const LISTENERS = new Set(['sqlservr', 'w3wp', 'sshd']);

const FILETYPES: Record<string, number> = { exe: 1, dll: 1, sys: 1, doc: 16, docx: 17, xlsx: 17, pdf: 48, zip: 64, rar: 67, '7z': 69 };

function filetypeOf(path: string): number | null {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || path.lastIndexOf('\\') > dot) return null;
  return FILETYPES[path.slice(dot + 1)] ?? null;
}

/** Access masks seen for handle opens (PROCESS_ALL_ACCESS, query/read combos). */
const ACCESS_OPEN = [0x1fffff, 0x1010, 0x1400, 0x1000, 0x0410, 0x101441];

function sortedTimes(rng: Rng, n: number, t0: number, t1: number): number[] {
  const out: number[] = [];
  const span = Math.max(0, t1 - t0);
  for (let k = 0; k < n; k++) out.push(t0 + Math.floor(rng.next() * (span + 1)));
  return out.sort((a, b) => a - b);
}

function firstRowIndex(store: ColumnProcessStore, p: ProcIndex): number {
  return store.cols.firstRow[p];
}

/** Everything a segment's generators share; one RNG stream is consumed kind after kind. */
function segmentContext(store: ColumnProcessStore, i: RowIndex) {
  const w = store.world;
  const c = store.cols;
  const p = c.rowProc[i];
  const k = i - c.firstRow[p];
  const lastK = c.rowCount[p] - 1;
  const s = w.sensors[c.sensorIdx[p]];
  const prog = w.programs[c.prog[p]];
  const rng = new Rng(hashSeed(w.seed, 0xe7e7, s.id, c.pid[p], c.startMs[p], k));
  const t0 = store.rowStart(i);
  const t1 = c.lastUpdate[i];
  const inRow = (t: number) => (k === 0 || t > c.lastUpdate[i - 1]) && (t <= t1 || k === lastK);
  return { w, c, p, k, s, prog, rng, t0, t1, inRow };
}

/** Structured events of one search row (segment). */
export function segmentEvents(store: ColumnProcessStore, i: RowIndex): SegmentEvents {
  const { w, c, p, k, s, prog, rng, t0, t1, inRow } = segmentContext(store, i);
  return {
    modload: modloads(w, store, p, s, prog, rng, k, c.modloads[i], t0, t1),
    filemod: filemods(store, s, prog, rng, c.filemods[i], t0, t1),
    regmod: regmods(s, prog, rng, k, c.regmods[i], t0, t1, usbPlugAt(store, p, i)),
    netconn: netconns(s, prog, rng, c.netconns[i], t0, t1),
    childproc: childprocs(store, p, inRow),
    crossproc: crossprocs(store, p, s, prog, rng, c.crossprocs[i], t0, t1),
  };
}

export type SegmentEventKind = keyof SegmentEvents;

/**
 * One kind of a segment's events, equal to `segmentEvents(store, i)[kind]`. Searches over one
 * event field need one kind: the kinds generated before it only advance the RNG (skip*), which
 * spares building the others (modloads alone are ~70% of all events).
 */
export function segmentEventsOfKind<K extends SegmentEventKind>(store: ColumnProcessStore, i: RowIndex, kind: K): SegmentEvents[K];
export function segmentEventsOfKind(store: ColumnProcessStore, i: RowIndex, kind: SegmentEventKind): SegmentEvents[SegmentEventKind] {
  const { w, c, p, k, s, prog, rng, t0, t1, inRow } = segmentContext(store, i);
  if (kind === 'childproc') return childprocs(store, p, inRow);
  if (kind === 'modload') return modloads(w, store, p, s, prog, rng, k, c.modloads[i], t0, t1);
  skipModloads(prog, rng, k, c.modloads[i]);
  if (kind === 'filemod') return filemods(store, s, prog, rng, c.filemods[i], t0, t1);
  skipFilemods(s, prog, rng, c.filemods[i]);
  if (kind === 'regmod') return regmods(s, prog, rng, k, c.regmods[i], t0, t1, usbPlugAt(store, p, i));
  skipRegmods(prog, rng, c.regmods[i]);
  if (kind === 'netconn') return netconns(s, prog, rng, c.netconns[i], t0, t1);
  skipNetconns(prog, rng, c.netconns[i]);
  return crossprocs(store, p, s, prog, rng, c.crossprocs[i], t0, t1);
}

// The skip* functions make exactly the RNG calls of their generator (same methods, same order,
// same arguments) without building events. test/data/events.test.ts checks both stay in step.

function skipTimes(rng: Rng, n: number): void {
  sortedTimes(rng, n, 0, 0);
}

function skipModloads(prog: ProgramSpec, rng: Rng, k: number, n: number): void {
  if (n === 0) return;
  if (k === 0) {
    rng.int(3);
    for (let j = Math.min(n - 1, prog.dlls.length); j > 0; j--) rng.int(12);
    return;
  }
  skipTimes(rng, n);
  for (let j = 0; j < n; j++) rng.pick(prog.dlls);
}

function skipFilemods(s: SensorFacts, prog: ProgramSpec, rng: Rng, n: number): void {
  const templates = prog.files ?? (s.osType === 'windows' ? WIN_FILE_FALLBACK : UNIX_FILE_FALLBACK);
  skipTimes(rng, n);
  for (let j = 0; j < n; j++) {
    rng.pick(templates);
    rng.range(1, 40);
    rng.hex(8);
    rng.weighted([2, 8, 1, 4] as const, [35, 30, 25, 10]);
  }
}

function skipRegmods(prog: ProgramSpec, rng: Rng, n: number): void {
  const templates = prog.regs ?? REG_FALLBACK;
  skipTimes(rng, n);
  for (let j = 0; j < n; j++) {
    rng.pick(templates);
    rng.range(1, 40);
    rng.hex(8);
    rng.weighted([2, 1, 8, 4] as const, [60, 20, 10, 10]);
  }
}

function skipNetconns(prog: ProgramSpec, rng: Rng, n: number): void {
  if (!prog.net?.length) return;
  const listener = LISTENERS.has(prog.key);
  skipTimes(rng, n);
  for (let j = 0; j < n; j++) {
    rng.pick(prog.net);
    rng.range(49152, 65535);
    if (listener) {
      rng.int(8);
      rng.int(256);
      rng.range(2, 254);
    }
  }
}

function modloads(w: World, store: ColumnProcessStore, p: ProcIndex, s: SensorFacts, prog: ProgramSpec, rng: Rng, k: number, n: number, t0: number, t1: number): ModloadEvent[] {
  const out: ModloadEvent[] = [];
  if (n === 0) return out;
  if (k === 0) {
    // image first, then the import closure within the first few hundred ms
    let t = t0 + rng.int(3);
    out.push({ timestamp: Math.min(t, t1), md5: store.md5Of(p), path: store.pathOf(p) });
    for (const key of prog.dlls.slice(0, n - 1)) {
      t += 1 + rng.int(12);
      const m = w.moduleByKey.get(key)!;
      out.push({ timestamp: Math.min(t, t1), md5: m.md5, path: expand(m.spec.path, s.user, s.userSid, 0, '') });
    }
    return out;
  }
  for (const t of sortedTimes(rng, n, t0, t1)) {
    const m = w.moduleByKey.get(rng.pick(prog.dlls))!;
    out.push({ timestamp: t, md5: m.md5, path: expand(m.spec.path, s.user, s.userSid, 0, '') });
  }
  return out;
}

function filemods(store: ColumnProcessStore, s: SensorFacts, prog: ProgramSpec, rng: Rng, n: number, t0: number, t1: number): FilemodEvent[] {
  const templates = prog.files ?? (s.osType === 'windows' ? WIN_FILE_FALLBACK : UNIX_FILE_FALLBACK);
  const w = store.world;
  const out: FilemodEvent[] = [];
  for (const t of sortedTimes(rng, n, t0, t1)) {
    const template = rng.pick(templates);
    const num = rng.range(1, 40);
    const path = expand(expandInstaller(store, s.id, template, num), s.user, s.userSid, num, rng.hex(8)).toLowerCase();
    const action = rng.weighted([2, 8, 1, 4] as const, [35, 30, 25, 10]);
    const filetype = action === 8 || action === 1 ? filetypeOf(path) : null;
    out.push({ timestamp: t, action, path, md5: fileWriteMd5(w, path, action, filetype), filetype, tamper: false });
  }
  return out;
}

function regmods(s: SensorFacts, prog: ProgramSpec, rng: Rng, k: number, n: number, t0: number, t1: number, usb: UsbDevice | undefined): RegmodEvent[] {
  const templates = prog.regs ?? REG_FALLBACK;
  const out: RegmodEvent[] = [];
  for (const t of sortedTimes(rng, n, t0, t1)) {
    const path = expand(rng.pick(templates), s.user, s.userSid, rng.range(1, 40), rng.hex(8)).toLowerCase();
    out.push({ timestamp: t, action: rng.weighted([2, 1, 8, 4] as const, [60, 20, 10, 10]), path, tamper: false });
  }
  // malware tries to disable the sensor service once: a tamper event (response.md tamper_events)
  if (prog.evil && k === 0 && out.length > 0) Object.assign(out[0], { path: TAMPER_REG, action: 2, tamper: true });
  // a USB disk plugged in during this segment: Plug and Play's writes come first (usb.ts)
  if (usb) applyUsbPlug(out, usb);
  return out;
}

function netconns(s: SensorFacts, prog: ProgramSpec, rng: Rng, n: number, t0: number, t1: number): NetconnEvent[] {
  const out: NetconnEvent[] = [];
  if (!prog.net?.length) return out;
  const listener = LISTENERS.has(prog.key);
  for (const t of sortedTimes(rng, n, t0, t1)) {
    const target = rng.pick(prog.net);
    const ephemeral = rng.range(49152, 65535);
    out.push(
      listener
        ? { timestamp: t, remoteIp: `10.${rng.int(8)}.${rng.int(256)}.${rng.range(2, 254)}`, remotePort: ephemeral, localIp: s.localIp, localPort: target.port, proxyIp: '0.0.0.0', proxyPort: 0, proto: target.proto, domain: '', outbound: false }
        : { timestamp: t, remoteIp: target.ip, remotePort: target.port, localIp: s.localIp, localPort: ephemeral, proxyIp: '0.0.0.0', proxyPort: 0, proto: target.proto, domain: target.domain, outbound: true },
    );
  }
  return out;
}

function childprocs(store: ColumnProcessStore, p: ProcIndex, inRow: (t: number) => boolean): ChildprocEvent[] {
  const c = store.cols;
  const w = store.world;
  const out: ChildprocEvent[] = [];
  // the parent's last event time bounds which end events it saw (same rule as the counts)
  const parentEnd = c.lastUpdate[c.firstRow[p] + c.rowCount[p] - 1];
  for (const ch of store.childrenOf(p)) {
    const guid = store.guidOf(ch);
    const base = {
      childGuid: guid,
      childUniqueId: uniqueId(guid, c.segmentId[firstRowIndex(store, ch)], w.segmentStyle),
      md5: store.md5Of(ch),
      path: store.pathOf(ch),
      pid: c.pid[ch],
      tamper: false,
      suppressed: false,
      cmdline: store.cmdlineOf(ch),
      username: store.usernameOf(ch),
    };
    const start = c.startMs[ch];
    if (inRow(start)) out.push({ ...base, timestamp: start, started: true });
    const end = c.endMs[ch];
    if (!Number.isNaN(end) && end <= parentEnd && inRow(end)) out.push({ ...base, timestamp: end, started: false });
  }
  return out.sort((a, b) => a.timestamp - b.timestamp);
}

function crossprocs(store: ColumnProcessStore, p: ProcIndex, s: SensorFacts, prog: ProgramSpec, rng: Rng, n: number, t0: number, t1: number): CrossprocEvent[] {
  const out: CrossprocEvent[] = [];
  if (n === 0) return out;
  const c = store.cols;
  const w = store.world;
  const wanted = new Set(prog.cross ?? []);
  const onHost = store.processesOfSensor(s.id);
  for (const t of sortedTimes(rng, n, t0, t1)) {
    const alive = (q: number) => q !== p && c.startMs[q] < t && (Number.isNaN(c.endMs[q]) || c.endMs[q] > t);
    let candidates = onHost.filter((q) => alive(q) && wanted.has(w.programs[c.prog[q]].key));
    if (candidates.length === 0) candidates = onHost.filter(alive);
    const target = candidates.length ? rng.pick(candidates) : c.parent[p] >= 0 ? c.parent[p] : p;
    const remote = prog.evil ? rng.chance(0.4) : rng.chance(0.05);
    out.push({
      timestamp: t,
      kind: remote ? 'RemoteThread' : 'ProcessOpen',
      subtype: remote ? 0 : rng.chance(0.85) ? 1 : 2,
      otherUniqueId: store.uniqueIdOfRow(store.rowAt(target, t)),
      otherMd5: store.md5Of(target),
      otherPath: store.pathOf(target),
      access: prog.evil && w.programs[c.prog[target]].key === 'lsass' ? 0x1fffff : rng.pick(ACCESS_OPEN),
      tamper: false,
      isTarget: false,
    });
  }
  return out;
}

function mergeEvents(parts: SegmentEvents[]): SegmentEvents {
  const all: SegmentEvents = { modload: [], filemod: [], regmod: [], netconn: [], childproc: [], crossproc: [] };
  for (const e of parts) {
    all.modload.push(...e.modload);
    all.filemod.push(...e.filemod);
    all.regmod.push(...e.regmod);
    all.netconn.push(...e.netconn);
    all.childproc.push(...e.childproc);
    all.crossproc.push(...e.crossproc);
  }
  return all;
}

export function storeOf(state: EmulatorState): ColumnProcessStore {
  return state.processes as ColumnProcessStore;
}

/**
 * Events of one process segment. `processId` is a GUID or unique id; `segmentId` is the row's
 * segment_id. On 6.x servers segment 0 means "all segments" (HEAD's require_all_events). A
 * unique id with no explicit segment (pass `undefined`) selects its own segment.
 */
export function getProcessEvents(state: EmulatorState, processId: string, segmentId?: number): SegmentEvents | undefined {
  const store = storeOf(state);
  const split = splitUniqueId(processId);
  if (!split) return undefined;
  const seg = segmentId ?? split.segmentId ?? (store.world.segmentStyle === 6 ? 0 : 1);
  const p = store.indexOf(split.guid);
  if (p < 0) return undefined;
  if (seg === 0 && store.world.segmentStyle === 6) return mergeEvents(store.rowsOf(p).map((r) => segmentEvents(store, r)));
  const row = store.findRow(split.guid, seg);
  return row < 0 ? undefined : segmentEvents(store, row);
}
