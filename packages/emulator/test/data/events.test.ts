// Event regeneration and per-version encodings (response.md §3.3).
import { describe, expect, it } from 'vitest';
import { encodeEvents, eventApiVersionFor, getProcessEvents, intToIp, processEventResponse } from '../../src/data/index.js';
import { segmentEvents, storeOf } from '../../src/data/events.js';
import type { ChildprocObject, NetconnObjectV2, NetconnObjectV4, SegmentEvents } from '../../src/data/types.js';
import { smallState } from './helpers.js';

const state = smallState();
const rows = [...state.processes.rows()];
const withAll = (pred: (e: SegmentEvents) => boolean) => rows.find((r) => pred(getProcessEvents(state, r.id, r.segment_id)!))!;
const pipeTime = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/;
const milliTime = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/;

describe('lazy events', () => {
  it('every row: event counts equal the row counts; timestamps inside the segment and sorted', () => {
    const store = storeOf(state);
    for (let i = 0; i < store.rowCount; i++) {
      const r = store.row(i);
      const e = segmentEvents(store, i);
      expect([e.modload.length, e.filemod.length, e.regmod.length, e.netconn.length, e.childproc.length, e.crossproc.length]).toEqual([
        r.modload_count, r.filemod_count, r.regmod_count, r.netconn_count, r.childproc_count, r.crossproc_count,
      ]);
      const lo = Date.parse(r.min_last_update);
      const hi = Date.parse(r.last_update);
      for (const list of [e.filemod, e.regmod, e.netconn, e.childproc, e.crossproc, e.modload]) {
        for (let k = 0; k < list.length; k++) {
          expect(list[k].timestamp).toBeGreaterThanOrEqual(lo);
          expect(list[k].timestamp).toBeLessThanOrEqual(hi);
          if (k > 0) expect(list[k].timestamp).toBeGreaterThanOrEqual(list[k - 1].timestamp);
        }
      }
    }
  });

  it('first segment starts with the image modload; module md5s are binaries', () => {
    const r = rows.find((x) => x.process_name === 'notepad.exe')!;
    const e = getProcessEvents(state, r.id, r.segment_id)!;
    expect(e.modload[0]).toMatchObject({ md5: r.process_md5, path: r.path });
    for (const m of e.modload) expect(state.binaries.has(m.md5.toUpperCase()), m.path).toBe(true);
  });

  it('childproc events reference the real children (start + end), crossproc targets exist on the host', () => {
    const parent = withAll((e) => e.childproc.length > 1 && e.crossproc.length > 0);
    const e = getProcessEvents(state, parent.id, parent.segment_id)!;
    for (const c of e.childproc) {
      const row = state.processes.findRow(c.childUniqueId, Number.parseInt(c.childUniqueId.slice(38), 16));
      const child = state.processes.row(row);
      expect(child.parent_id).toBe(parent.id);
      expect([child.process_md5, child.path, child.process_pid]).toEqual([c.md5, c.path, c.pid]);
      const childRows = state.processes.rowsOf(state.processes.indexOf(c.childGuid));
      const lastRow = state.processes.row(childRows[childRows.length - 1]);
      expect(c.timestamp).toBe(c.started ? Date.parse(child.start) : Date.parse(lastRow.end!));
    }
    for (const x of e.crossproc) {
      const other = state.processes.row(state.processes.findRow(x.otherUniqueId, Number.parseInt(x.otherUniqueId.slice(38), 16)));
      expect(other.sensor_id).toBe(parent.sensor_id);
      expect(other.process_md5).toBe(x.otherMd5);
    }
  });

  it('6.x segment 0 merges all segments; a unique id alone selects its segment', () => {
    const multi = rows.find((r) => state.processes.rowsOf(state.processes.indexOf(r.id)).length >= 3)!;
    const segs = state.processes.rowsOf(state.processes.indexOf(multi.id)).map((i) => state.processes.row(i));
    const all = getProcessEvents(state, multi.id, 0)!;
    expect(all.filemod.length).toBe(segs.reduce((n, s) => n + s.filemod_count, 0));
    expect(getProcessEvents(state, segs[1].unique_id)).toEqual(getProcessEvents(state, multi.id, segs[1].segment_id));
    expect(getProcessEvents(state, multi.id, 12345)).toBeUndefined();
  });

  it('evil.exe produces a tamper regmod and C2 netconns', () => {
    const evil = rows.filter((r) => r.process_name === 'evil.exe' && r.unique_id === state.processes.row(state.processes.findRow(r.id, 0)).unique_id);
    const events = evil.map((r) => getProcessEvents(state, r.id, 0)!);
    expect(events.some((e) => e.regmod.some((x) => x.tamper))).toBe(true);
    expect(events.some((e) => e.netconn.some((n) => n.remoteIp === '185.220.101.47' || n.remoteIp === '45.137.21.9' || n.remoteIp === '91.215.85.142'))).toBe(true);
  });
});

describe('encodings per API version', () => {
  const r = withAll((e) => e.filemod.length > 0 && e.regmod.length > 0 && e.netconn.length > 0 && e.childproc.length > 0 && e.modload.length > 0);
  const ev = getProcessEvents(state, r.id, r.segment_id)!;
  const x = withAll((e) => e.crossproc.length > 0);
  const xev = getProcessEvents(state, x.id, x.segment_id)!;

  it('modload: timestamp|md5|path', () => {
    for (const v of [1, 2, 3, 4] as const) {
      const s = encodeEvents(ev, v).modload_complete[0];
      const f = s.split('|');
      expect(f).toHaveLength(3);
      expect(f[0]).toMatch(pipeTime);
      expect(f[1]).toBe(ev.modload[0].md5);
      expect(f[2]).toBe(ev.modload[0].path);
    }
  });

  it('filemod: type|timestamp|path|md5|filetype|tamper', () => {
    const enc = encodeEvents(ev, 1).filemod_complete;
    enc.forEach((s, k) => {
      const f = s.split('|');
      expect(f).toHaveLength(6);
      expect(['1', '2', '4', '8']).toContain(f[0]);
      expect(Number(f[0])).toBe(ev.filemod[k].action);
      expect(f[1]).toMatch(pipeTime);
      expect(f[2]).toBe(ev.filemod[k].path);
      expect(f[3]).toMatch(/^([0-9a-f]{32})?$/);
      expect(f[4]).toMatch(/^(\d+)?$/);
      expect(['true', 'false']).toContain(f[5]);
    });
  });

  it('regmod: type|timestamp|path|tamper', () => {
    for (const s of encodeEvents(ev, 4).regmod_complete) {
      const f = s.split('|');
      expect(f).toHaveLength(4);
      expect(['1', '2', '4', '8']).toContain(f[0]);
      expect(f[1]).toMatch(pipeTime);
      expect(f[2]).toMatch(/^\\registry\\/);
      expect(['true', 'false']).toContain(f[3]);
    }
  });

  it('netconn: v1 pipe with signed int IP; v2/v3 objects with int IPs; v4 with dotted strings', () => {
    const n = ev.netconn[0];
    const v1 = encodeEvents(ev, 1).netconn_complete[0] as string;
    const f = v1.split('|');
    expect(f).toHaveLength(6);
    expect(f[0]).toMatch(pipeTime);
    expect(intToIp(Number(f[1]))).toBe(n.remoteIp);
    expect(Number(f[1])).toBeGreaterThanOrEqual(-(2 ** 31));
    expect(Number(f[1])).toBeLessThan(2 ** 31);
    expect([Number(f[2]), Number(f[3]), f[4], f[5]]).toEqual([n.remotePort, n.proto, n.domain, String(n.outbound)]);
    for (const v of [2, 3] as const) {
      const o = encodeEvents(ev, v).netconn_complete[0] as NetconnObjectV2;
      expect(Object.keys(o).sort()).toEqual(['direction', 'domain', 'local_ip', 'local_port', 'proto', 'proxy_ip', 'proxy_port', 'remote_ip', 'remote_port', 'timestamp']);
      expect(typeof o.remote_ip).toBe('number');
      expect(intToIp(o.remote_ip)).toBe(n.remoteIp);
      expect(o.direction).toBe(n.outbound ? 'true' : 'false');
      expect(o.timestamp).toMatch(milliTime);
    }
    for (const v of [4, 5] as const) {
      const o = encodeEvents(ev, v).netconn_complete[0] as NetconnObjectV4;
      expect(o.remote_ip).toBe(n.remoteIp);
      expect(o.local_ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(o.proxy_ip).toBe('0.0.0.0');
    }
  });

  it('childproc: v1/v2 pipe timestamp|child_guid|md5|path|pid|started|tamper; v3/v4 objects', () => {
    const c = ev.childproc[0];
    for (const v of [1, 2] as const) {
      const f = (encodeEvents(ev, v).childproc_complete[0] as string).split('|');
      expect(f).toHaveLength(7);
      expect(f[0]).toMatch(milliTime);
      expect(f[1]).toBe(c.childUniqueId);
      expect(f.slice(2)).toEqual([c.md5, c.path, String(c.pid), String(c.started), 'false']);
    }
    for (const v of [3, 4] as const) {
      const all = encodeEvents(ev, v).childproc_complete as ChildprocObject[];
      all.forEach((o, k) => {
        expect(o.processId).toBe(ev.childproc[k].childUniqueId);
        expect(o.type).toBe(ev.childproc[k].started ? 'start' : 'end');
        expect(o.type === 'start' ? o.start : o.end).toMatch(milliTime);
        expect(o).toMatchObject({ md5: ev.childproc[k].md5, path: ev.childproc[k].path, pid: ev.childproc[k].pid, is_tampered: false, is_suppressed: false });
      });
    }
  });

  it('crossproc: type|timestamp|other_guid|other_md5|other_path|subtype|access|tamper|is_target', () => {
    for (const [k, s] of encodeEvents(xev, 4).crossproc_complete.entries()) {
      const f = s.split('|');
      expect(f).toHaveLength(9);
      expect(['ProcessOpen', 'RemoteThread']).toContain(f[0]);
      expect(f[1]).toMatch(milliTime);
      expect(f[2]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(f[3]).toBe(xev.crossproc[k].otherMd5);
      expect(Number.isInteger(Number(f[6]))).toBe(true);
      expect(['true', 'false']).toContain(f[7]);
      expect(['true', 'false']).toContain(f[8]);
      if (f[0] === 'ProcessOpen') expect(['1', '2']).toContain(f[5]);
    }
  });

  it('event API version from server version', () => {
    expect([eventApiVersionFor('5.0.1'), eventApiVersionFor('5.1.1.60603'), eventApiVersionFor('5.2.0'), eventApiVersionFor('6.3.0.180424.1413')]).toEqual([1, 2, 3, 4]);
  });

  it('event response: row fields + *_complete + binaries keyed by upper-case MD5', () => {
    const resp = processEventResponse(state, r.id, r.segment_id, 4)!;
    const p = resp.process as unknown as Record<string, unknown>;
    expect(p.unique_id).toBe(r.unique_id);
    for (const k of ['modload_complete', 'filemod_complete', 'regmod_complete', 'netconn_complete', 'childproc_complete', 'crossproc_complete']) expect(Array.isArray(p[k])).toBe(true);
    expect(Object.keys(resp.process.binaries)).toContain(r.process_md5.toUpperCase());
  });
});
