// ProcessStore over the generated columns: materialises search rows on demand, resolves GUIDs
// without a hash map (the GUID encodes sensor, pid and start), and exposes the tree.

import type { ProcessColumns } from './process-gen.js';
import { parseProcessGuid, processGuid, uniqueId } from './guid.js';
import { solrTime } from './time.js';
import type { ProcIndex, ProcessDocument, ProcessStore, RowIndex } from './types.js';
import type { World } from './world.js';

const ZERO_MD5 = '0'.repeat(32);

export class ColumnProcessStore implements ProcessStore {
  readonly processCount: number;
  readonly rowCount: number;
  private readonly guids: (string | undefined)[];
  private readonly childStart: Uint32Array;
  private readonly childList: Uint32Array;

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
    const c = this.cols;
    const p = c.rowProc[i];
    const s = this.world.sensors[c.sensorIdx[p]];
    switch (name) {
      case 'process_name':
        return this.nameOf(p);
      case 'hostname':
        return s.hostname;
      case 'username':
        return this.usernameOf(p);
      case 'sensor_id':
        return s.id;
      case 'process_md5':
        return this.md5Of(p);
      case 'path':
        return this.pathOf(p);
      case 'cmdline':
        return this.cmdlineOf(p);
      case 'group':
        return s.group;
      case 'host_type':
        return s.hostType;
      case 'os_type':
        return s.osType;
      case 'process_pid':
        return c.pid[p];
      case 'segment_id':
        return c.segmentId[i];
      case 'id':
        return this.guidOf(p);
      case 'unique_id':
        return this.uniqueIdOfRow(i);
      case 'start':
        return solrTime(c.startMs[p]);
      case 'last_update':
        return solrTime(c.lastUpdate[i]);
      case 'last_server_update':
        return solrTime(c.lastServerUpdate[i]);
      case 'terminated':
        return this.isTerminated(p) && i === c.firstRow[p] + c.rowCount[p] - 1;
      case 'parent_name':
        return c.parent[p] >= 0 ? this.nameOf(c.parent[p]) : '';
      case 'parent_pid':
        return c.parent[p] >= 0 ? c.pid[c.parent[p]] : 0;
      case 'modload_count':
        return c.modloads[i];
      case 'filemod_count':
        return c.filemods[i];
      case 'regmod_count':
        return c.regmods[i];
      case 'netconn_count':
        return c.netconns[i];
      case 'childproc_count':
        return c.childprocs[i];
      case 'crossproc_count':
        return c.crossprocs[i];
      default:
        return (this.row(i) as unknown as Record<string, unknown>)[name];
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
