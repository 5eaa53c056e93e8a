// ProcessStore over the generated columns: materialises search rows on demand, reads single
// fields (and, for searches, small-integer value codes) without building rows, resolves GUIDs
// without a hash map (the GUID encodes sensor, pid and start), and exposes the tree.

import type { ProcessColumns } from './process-gen.js';
import { parseProcessGuid, processGuid, uniqueId } from './guid.js';
import { solrTime } from './time.js';
import type { ProcIndex, ProcessDocument, ProcessStore, RowIndex } from './types.js';
import type { SensorFacts, World } from './world.js';

const ZERO_MD5 = '0'.repeat(32);
/** Stands in for an untagged row when reading a key no row has. */
const UNTAGGED: Readonly<Record<string, unknown>> = Object.freeze({});

/** A field's values as codes into its distinct values (same contract as the query engine's FieldDictionary). */
export interface RowDictionary {
  /** Distinct values: no two with the same String() form. */
  values: readonly unknown[];
  code: (i: RowIndex) => number;
}

/**
 * Intern value(k) for k in 0..size-1 by String() so equal values share a code, and store each
 * row's code (searches read codes for every row: one typed-array load each).
 */
function buildDictionary(rowCount: number, size: number, of: (i: RowIndex) => number, value: (k: number) => unknown): RowDictionary {
  const codeOf = new Uint32Array(size);
  const byKey = new Map<string, number>();
  const values: unknown[] = [];
  for (let k = 0; k < size; k++) {
    const v = value(k);
    const key = String(v);
    let code = byKey.get(key);
    if (code === undefined) {
      code = values.length;
      values.push(v);
      byKey.set(key, code);
    }
    codeOf[k] = code;
  }
  const rowCodes = values.length <= 0x10000 ? new Uint16Array(rowCount) : new Uint32Array(rowCount);
  for (let i = 0; i < rowCount; i++) rowCodes[i] = codeOf[of(i)];
  return { values, code: (i) => rowCodes[i] };
}

export class ColumnProcessStore implements ProcessStore {
  readonly processCount: number;
  readonly rowCount: number;
  private readonly guids: (string | undefined)[];
  private readonly childStart: Uint32Array;
  private readonly childList: Uint32Array;
  private readonly readers = new Map<string, (i: RowIndex) => unknown>();
  private readonly dictionaries = new Map<string, RowDictionary>();

  constructor(
    readonly world: World,
    readonly cols: ProcessColumns,
  ) {
    this.processCount = cols.pid.length;
    this.rowCount = cols.rowProc.length;
    this.guids = new Array(this.processCount);
    // children in CSR form; processes are start-ordered within a sensor, so lists come out ordered
    const n = this.processCount;
    const counts = new Uint32Array(n + 1);
    for (let i = 0; i < n; i++) if (cols.parent[i] >= 0) counts[cols.parent[i] + 1]++;
    for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
    this.childStart = counts;
    this.childList = new Uint32Array(counts[n]);
    const fill = counts.slice(0, n);
    for (let i = 0; i < n; i++) {
      const par = cols.parent[i];
      if (par >= 0) this.childList[fill[par]++] = i;
    }
  }

  guidOf(p: ProcIndex): string {
    let g = this.guids[p];
    if (g === undefined) {
      const c = this.cols;
      g = processGuid(this.world.sensors[c.sensorIdx[p]].id, c.pid[p], c.startMs[p], c.subTicks[p]);
      this.guids[p] = g;
    }
    return g;
  }

  uniqueIdOfRow(i: RowIndex): string {
    return uniqueId(this.guidOf(this.cols.rowProc[i]), this.cols.segmentId[i], this.world.segmentStyle);
  }

  processOfRow(i: RowIndex): ProcIndex {
    return this.cols.rowProc[i];
  }

  parentOf(p: ProcIndex): ProcIndex {
    return this.cols.parent[p];
  }

  childrenOf(p: ProcIndex): ProcIndex[] {
    return Array.from(this.childList.subarray(this.childStart[p], this.childStart[p + 1]));
  }

  rowsOf(p: ProcIndex): RowIndex[] {
    const first = this.cols.firstRow[p];
    return Array.from({ length: this.cols.rowCount[p] }, (_, k) => first + k);
  }

  processesOfSensor(sensorId: number): ProcIndex[] {
    const si = this.world.sensorIndexById.get(sensorId);
    if (si === undefined) return [];
    const first = this.cols.sensorFirst[si];
    return Array.from({ length: this.cols.sensorCount[si] }, (_, k) => first + k);
  }

  indexOf(guid: string): ProcIndex {
    const parsed = parseProcessGuid(guid);
    if (!parsed) return -1;
    const si = this.world.sensorIndexById.get(parsed.sensorId);
    if (si === undefined) return -1;
    const c = this.cols;
    const first = c.sensorFirst[si];
    const end = first + c.sensorCount[si];
    const g36 = guid.slice(0, 36).toLowerCase();
    for (let p = first; p < end; p++) {
      if (c.pid[p] === parsed.pid && c.startMs[p] === parsed.startMs && this.guidOf(p) === g36) return p;
    }
    return -1;
  }

  findRow(guid: string, segmentId: number): RowIndex {
    const p = this.indexOf(guid);
    if (p < 0) return -1;
    const c = this.cols;
    const first = c.firstRow[p];
    // 6.x clients ask for segment 0 meaning "the process" (its first segment)
    if (segmentId === 0 && this.world.segmentStyle === 6) return first;
    for (let k = 0; k < c.rowCount[p]; k++) if (c.segmentId[first + k] === segmentId) return first + k;
    return -1;
  }

  /** Row of process p whose time span contains t (used for parent_unique_id). */
  rowAt(p: ProcIndex, t: number): RowIndex {
    const c = this.cols;
    const first = c.firstRow[p];
    const n = c.rowCount[p];
    for (let k = 0; k < n; k++) if (t <= c.lastUpdate[first + k]) return first + k;
    return first + n - 1;
  }

  /** Start of a row's time span (first event time). */
  rowStart(i: RowIndex): number {
    const c = this.cols;
    const p = c.rowProc[i];
    return i === c.firstRow[p] ? c.startMs[p] : c.lastUpdate[i - 1] + 1;
  }

  isTerminated(p: ProcIndex): boolean {
    return !Number.isNaN(this.cols.endMs[p]);
  }

  md5Of(p: ProcIndex): string {
    const w = this.world;
    return w.modules[w.programModule[this.cols.prog[p]]].md5;
  }

  nameOf(p: ProcIndex): string {
    return this.world.programs[this.cols.prog[p]].name;
  }

  pathOf(p: ProcIndex): string {
    return this.world.strings[this.cols.path[p]];
  }

  cmdlineOf(p: ProcIndex): string {
    return this.world.strings[this.cols.cmdline[p]];
  }

  usernameOf(p: ProcIndex): string {
    return this.world.strings[this.cols.user[p]];
  }

  /** When watchlists/feeds flagged this process (a few minutes after start). */
  hitTime(p: ProcIndex): number {
    const c = this.cols;
    return Math.min(this.world.epochMs, c.startMs[p] + 60_000 + ((c.pid[p] * 7919) % 540_000));
  }

  field(i: RowIndex, name: string): unknown {
    return this.reader(name)(i);
  }

  /**
   * Field reader that never materialises the row (searches read a few fields of every row).
   * Returns exactly `row(i)[name]`, including undefined for keys a row lacks.
   */
  reader(name: string): (i: RowIndex) => unknown {
    let r = this.readers.get(name);
    if (!r) {
      r = this.makeReader(name);
      // Names come from queries: keep the map bounded.
      if (this.readers.size < 256) this.readers.set(name, r);
    }
    return r;
  }

  private makeReader(name: string): (i: RowIndex) => unknown {
    const c = this.cols;
    const sensor = (i: RowIndex): SensorFacts => this.world.sensors[c.sensorIdx[c.rowProc[i]]];
    const parent = (i: RowIndex): ProcIndex => c.parent[c.rowProc[i]];
    const isLast = (i: RowIndex): boolean => i === c.firstRow[c.rowProc[i]] + c.rowCount[c.rowProc[i]] - 1;
    const constant = (v: unknown) => (): unknown => v;
    switch (name) {
      case 'id':
        return (i) => this.guidOf(c.rowProc[i]);
      case 'unique_id':
        return (i) => this.uniqueIdOfRow(i);
      case 'segment_id':
        return (i) => c.segmentId[i];
      case 'process_name':
        return (i) => this.nameOf(c.rowProc[i]);
      case 'process_md5':
        return (i) => this.md5Of(c.rowProc[i]);
      case 'path':
        return (i) => this.pathOf(c.rowProc[i]);
      case 'cmdline':
        return (i) => this.cmdlineOf(c.rowProc[i]);
      case 'username':
        return (i) => this.usernameOf(c.rowProc[i]);
      case 'hostname':
        return (i) => sensor(i).hostname;
      case 'sensor_id':
        return (i) => sensor(i).id;
      case 'group':
        return (i) => sensor(i).group;
      case 'host_type':
        return (i) => sensor(i).hostType;
      case 'os_type':
        return (i) => sensor(i).osType;
      case 'comms_ip':
        return (i) => sensor(i).commsIp;
      case 'interface_ip':
        return (i) => sensor(i).interfaceIp;
      case 'process_pid':
        return (i) => c.pid[c.rowProc[i]];
      case 'parent_pid':
        return (i) => (parent(i) >= 0 ? c.pid[parent(i)] : 0);
      case 'parent_name':
        return (i) => (parent(i) >= 0 ? this.nameOf(parent(i)) : '');
      case 'parent_unique_id':
        return (i) => (parent(i) >= 0 ? this.uniqueIdOfRow(this.rowAt(parent(i), c.startMs[c.rowProc[i]])) : '');
      case 'parent_id':
        return (i) => (parent(i) >= 0 ? this.guidOf(parent(i)) : '');
      case 'parent_md5':
        return (i) => (parent(i) >= 0 ? this.md5Of(parent(i)) : ZERO_MD5);
      case 'start':
        return (i) => solrTime(c.startMs[c.rowProc[i]]);
      case 'last_update':
      case 'max_last_update':
        return (i) => solrTime(c.lastUpdate[i]);
      case 'last_server_update':
      case 'max_last_server_update':
        return (i) => solrTime(c.lastServerUpdate[i]);
      case 'min_last_update':
        return (i) => solrTime(this.rowStart(i));
      case 'min_last_server_update':
        return (i) => solrTime(Math.min(c.lastServerUpdate[i], this.rowStart(i) + 2000));
      case 'terminated':
        return (i) => isLast(i) && this.isTerminated(c.rowProc[i]);
      case 'end':
        return (i) => (isLast(i) && this.isTerminated(c.rowProc[i]) ? solrTime(c.endMs[c.rowProc[i]]) : undefined);
      case 'modload_count':
        return (i) => c.modloads[i];
      case 'filemod_count':
        return (i) => c.filemods[i];
      case 'regmod_count':
        return (i) => c.regmods[i];
      case 'netconn_count':
        return (i) => c.netconns[i];
      case 'childproc_count':
        return (i) => c.childprocs[i];
      case 'crossproc_count':
        return (i) => c.crossprocs[i];
      case 'emet_count':
      case 'processblock_count':
        return constant(0);
      case 'filtering_known_dlls':
        return constant(false);
      case 'emet_config':
        return constant('');
      default:
        // Watchlist/feed tags exist only on tagged processes; other names read like a plain
        // object's missing key (inherited members included, as on a materialised row).
        return (i) => (c.tags[c.rowProc[i]] === 0 ? UNTAGGED[name] : (this.row(i) as unknown as Record<string, unknown>)[name]);
    }
  }

  /**
   * The field's values as codes into its distinct values, for fields that are a function of a
   * small integer (program, sensor, interned string, process); undefined for the others. Built
   * on first use and kept (the store never changes). values[code(i)] === field(i, name).
   */
  dictionary(name: string): RowDictionary | undefined {
    let d = this.dictionaries.get(name);
    if (d === undefined) {
      const source = this.dictionarySource(name);
      if (!source) return undefined;
      d = buildDictionary(this.rowCount, source.size, source.of, source.value);
      this.dictionaries.set(name, d);
    }
    return d;
  }

  /** Whether dictionary(name) exists (without building it). */
  hasDictionary(name: string): boolean {
    return this.dictionaries.has(name) || this.dictionarySource(name) !== undefined;
  }

  /** Which small integer determines a field (of: row → 0..size-1) and the value for each. */
  private dictionarySource(name: string): { size: number; of: (i: RowIndex) => number; value: (k: number) => unknown } | undefined {
    const c = this.cols;
    const w = this.world;
    const proc = (i: RowIndex): ProcIndex => c.rowProc[i];
    const sensors = { size: w.sensors.length, of: (i: RowIndex) => c.sensorIdx[proc(i)] };
    const programs = w.programs.length;
    // Parent fields: the parent's program, or `programs` for a root process.
    const parentProg = (i: RowIndex): number => (c.parent[proc(i)] >= 0 ? c.prog[c.parent[proc(i)]] : programs);
    const programMd5 = (k: number): string => w.modules[w.programModule[k]].md5;
    const strings = (col: Uint32Array) => ({ size: w.strings.length, of: (i: RowIndex) => col[proc(i)], value: (k: number) => w.strings[k] });
    switch (name) {
      case 'process_name':
        return { size: programs, of: (i) => c.prog[proc(i)], value: (k) => w.programs[k].name };
      case 'process_md5':
        return { size: programs, of: (i) => c.prog[proc(i)], value: programMd5 };
      case 'parent_name':
        return { size: programs + 1, of: parentProg, value: (k) => (k < programs ? w.programs[k].name : '') };
      case 'parent_md5':
        return { size: programs + 1, of: parentProg, value: (k) => (k < programs ? programMd5(k) : ZERO_MD5) };
      case 'path':
        return strings(c.path);
      case 'cmdline':
        return strings(c.cmdline);
      case 'username':
        return strings(c.user);
      case 'hostname':
        return { ...sensors, value: (k) => w.sensors[k].hostname };
      case 'sensor_id':
        return { ...sensors, value: (k) => w.sensors[k].id };
      case 'group':
        return { ...sensors, value: (k) => w.sensors[k].group };
      case 'host_type':
        return { ...sensors, value: (k) => w.sensors[k].hostType };
      case 'os_type':
        return { ...sensors, value: (k) => w.sensors[k].osType };
      case 'comms_ip':
        return { ...sensors, value: (k) => w.sensors[k].commsIp };
      case 'interface_ip':
        return { ...sensors, value: (k) => w.sensors[k].interfaceIp };
      case 'id':
        return { size: this.processCount, of: proc, value: (k) => this.guidOf(k) };
      case 'parent_id':
        return { size: this.processCount + 1, of: (i) => (c.parent[proc(i)] >= 0 ? c.parent[proc(i)] : this.processCount), value: (k) => (k < this.processCount ? this.guidOf(k) : '') };
      case 'start':
        return { size: this.processCount, of: proc, value: (k) => solrTime(c.startMs[k]) };
      case 'terminated': {
        const reader = this.reader('terminated');
        return { size: 2, of: (i) => (reader(i) ? 1 : 0), value: (k) => k === 1 };
      }
      default:
        return undefined;
    }
  }

  row(i: RowIndex): ProcessDocument {
    const c = this.cols;
    const w = this.world;
    const p = c.rowProc[i];
    const s = w.sensors[c.sensorIdx[p]];
    const guid = this.guidOf(p);
    const par = c.parent[p];
    const last = i === c.firstRow[p] + c.rowCount[p] - 1;
    const terminated = last && this.isTerminated(p);
    const rowStart = this.rowStart(i);
    const doc: ProcessDocument = {
      id: guid,
      unique_id: uniqueId(guid, c.segmentId[i], w.segmentStyle),
      segment_id: c.segmentId[i],
      process_name: this.nameOf(p),
      process_md5: this.md5Of(p),
      path: this.pathOf(p),
      cmdline: this.cmdlineOf(p),
      username: this.usernameOf(p),
      hostname: s.hostname,
      sensor_id: s.id,
      group: s.group,
      host_type: s.hostType,
      os_type: s.osType,
      process_pid: c.pid[p],
      parent_pid: par >= 0 ? c.pid[par] : 0,
      parent_name: par >= 0 ? this.nameOf(par) : '',
      parent_unique_id: par >= 0 ? this.uniqueIdOfRow(this.rowAt(par, c.startMs[p])) : '',
      parent_id: par >= 0 ? this.guidOf(par) : '',
      parent_md5: par >= 0 ? this.md5Of(par) : ZERO_MD5,
      start: solrTime(c.startMs[p]),
      last_update: solrTime(c.lastUpdate[i]),
      last_server_update: solrTime(c.lastServerUpdate[i]),
      min_last_update: solrTime(rowStart),
      max_last_update: solrTime(c.lastUpdate[i]),
      min_last_server_update: solrTime(Math.min(c.lastServerUpdate[i], rowStart + 2000)),
      max_last_server_update: solrTime(c.lastServerUpdate[i]),
      terminated,
      modload_count: c.modloads[i],
      filemod_count: c.filemods[i],
      regmod_count: c.regmods[i],
      netconn_count: c.netconns[i],
      childproc_count: c.childprocs[i],
      crossproc_count: c.crossprocs[i],
      emet_count: 0,
      processblock_count: 0,
      comms_ip: s.commsIp,
      interface_ip: s.interfaceIp,
      filtering_known_dlls: false,
      emet_config: '',
    };
    if (terminated) doc.end = solrTime(c.endMs[p]);
    const mask = c.tags[p];
    if (mask !== 0) this.addTags(doc, p, mask);
    return doc;
  }

  private addTags(doc: ProcessDocument, p: ProcIndex, mask: number): void {
    const hit = solrTime(this.hitTime(p));
    const firstSeg = this.cols.segmentId[this.cols.firstRow[p]];
    const tags = doc as unknown as Record<string, unknown>;
    for (const r of this.world.rules) {
      if (r.bit < 0 || !((mask >>> r.bit) & 1)) continue;
      if (r.kind === 'watchlist') {
        tags[`watchlist_${r.watchlistId}`] = hit;
        (doc.watchlists ??= []).push({ wid: r.watchlistId!, value: hit, segments_hit: [firstSeg] });
      } else {
        const f = r.feedName!;
        const score = tags[`alliance_score_${f}`] as number | undefined;
        tags[`alliance_score_${f}`] = Math.max(score ?? 0, r.score ?? 0);
        tags[`alliance_link_${f}`] ??= r.link;
        ((tags[`alliance_data_${f}`] ??= []) as string[]).push(r.reportId!);
        tags[`alliance_updated_${f}`] = hit;
      }
    }
  }

  *rows(): IterableIterator<ProcessDocument> {
    for (let i = 0; i < this.rowCount; i++) yield this.row(i);
  }
}
