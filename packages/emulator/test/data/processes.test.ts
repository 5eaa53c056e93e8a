// Process identity, trees, segments and the docs' special host (response.md §3.1, §3.5).
import { describe, expect, it } from 'vitest';
import { SPECIAL_BINARY_MD5, createState, filetime, parseProcessGuid, processGuid, processSegmentList, processSummary, splitUniqueId } from '../../src/data/index.js';
import type { ProcessDocument } from '../../src/data/types.js';
import { smallState } from './helpers.js';

describe('process GUIDs and unique ids', () => {
  const state = smallState();

  it('GUID = sensor id (u32) + pid (u32) + FILETIME create time, big-endian hex', () => {
    for (const r of state.processes.rows()) {
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const hex = r.id.replaceAll('-', '');
      expect(parseInt(hex.slice(0, 8), 16)).toBe(r.sensor_id);
      expect(parseInt(hex.slice(8, 16), 16)).toBe(r.process_pid);
      const ticks = BigInt('0x' + hex.slice(16));
      // FILETIME: 100 ns ticks since 1601-01-01; the Solr start is the same instant in ms
      expect(Number(ticks / 10000n - 11644473600000n)).toBe(Date.parse(r.start));
      const parsed = parseProcessGuid(r.id)!;
      expect(parsed).toMatchObject({ sensorId: r.sensor_id, pid: r.process_pid, startMs: Date.parse(r.start) });
    }
  });

  it('matches the reference example layout', () => {
    // 00000003-0000-036c-01d2-2efd3af51186 → sensor 3, pid 0x36c
    const p = parseProcessGuid('00000003-0000-036c-01d2-2efd3af51186')!;
    expect(p.sensorId).toBe(3);
    expect(p.pid).toBe(0x36c);
    expect(processGuid(3, 0x36c, p.startMs, Number(p.createTime % 10000n))).toBe('00000003-0000-036c-01d2-2efd3af51186');
    expect(filetime(0)).toBe(116444736000000000n);
  });

  it('6.x unique_id = GUID + 12 hex digit segment (49 chars); segment ids are epoch ms', () => {
    for (const r of state.processes.rows()) {
      expect(r.unique_id).toHaveLength(49);
      expect(r.unique_id.slice(0, 36)).toBe(r.id);
      // the client parses the hex after index 38
      expect(parseInt(r.unique_id.slice(38), 16)).toBe(r.segment_id);
      expect(splitUniqueId(r.unique_id)).toEqual({ guid: r.id, segmentId: r.segment_id });
      expect(r.segment_id).toBeGreaterThan(Date.parse(r.start) - 1);
      expect(r.segment_id).toBeLessThan(state.epochMs + 3_600_000);
    }
  });

  it('5.x style: 45-char unique ids and segments 1..n', () => {
    const s5 = createState({ seed: 42, scale: 'small', serverVersion: '5.2.0.161004.1206' });
    expect(s5.segmentStyle).toBe(5);
    const rows = [...s5.processes.rows()];
    for (const r of rows) {
      expect(r.unique_id).toHaveLength(45);
      expect(parseInt(r.unique_id.slice(38), 16)).toBe(r.segment_id);
    }
    expect(rows.some((r) => r.segment_id === 2)).toBe(true);
    expect(s5.processes.findRow(rows[0].id, 1)).toBe(0);
  });
});

describe('process trees', () => {
  const state = smallState();
  const rows = [...state.processes.rows()];
  const byGuid = new Map<string, ProcessDocument[]>();
  for (const r of rows) byGuid.set(r.id, [...(byGuid.get(r.id) ?? []), r]);

  it('every parent_unique_id resolves to a process on the same sensor that started earlier', () => {
    let withParent = 0;
    for (const r of rows) {
      if (r.parent_unique_id === '') {
        expect(r.parent_pid).toBe(0);
        continue;
      }
      withParent++;
      const split = splitUniqueId(r.parent_unique_id)!;
      const parentRow = state.processes.findRow(split.guid, split.segmentId!);
      expect(parentRow, r.parent_unique_id).toBeGreaterThanOrEqual(0);
      const parent = state.processes.row(parentRow);
      expect(parent.sensor_id).toBe(r.sensor_id);
      expect(parent.id).toBe(r.parent_id);
      expect(parent.process_pid).toBe(r.parent_pid);
      expect(parent.process_name).toBe(r.parent_name);
      expect(parent.process_md5).toBe(r.parent_md5);
      expect(Date.parse(parent.start)).toBeLessThan(Date.parse(r.start));
      // the parent segment referenced is the one live when the child started
      expect(Date.parse(parent.min_last_update)).toBeLessThanOrEqual(Date.parse(r.start));
    }
    expect(withParent).toBeGreaterThan(rows.length / 2);
  });

  it('children lists match parent links, and childproc counts match the children', () => {
    const st = state.processes;
    for (let p = 0; p < st.processCount; p++) {
      for (const c of st.childrenOf(p)) expect(st.parentOf(c)).toBe(p);
      const summary = processSummary(state, st.guidOf(p), undefined, 1000)!;
      const expected = [...new Set(rows.filter((r) => r.parent_id === st.guidOf(p)).map((r) => r.id))].sort();
      expect(summary.children.map((c) => c.id).sort()).toEqual(expected);
      const starts = st.rowsOf(p).reduce((n, i) => n + st.row(i).childproc_count, 0);
      // each child contributes a start event and, if it ended while the parent ran, an end event
      expect(starts).toBeGreaterThanOrEqual(st.childrenOf(p).length);
      expect(starts).toBeLessThanOrEqual(2 * st.childrenOf(p).length);
    }
  });

  it('Windows hosts boot System → smss → wininit/winlogon → userinit → explorer, with services → svchost', () => {
    const win = rows.filter((r) => r.os_type === 'windows');
    const name = (r: ProcessDocument) => r.process_name;
    const parentName = (n: string) => new Set(win.filter((r) => name(r) === n).map((r) => r.parent_name));
    expect(parentName('smss.exe')).toEqual(new Set(['ntoskrnl.exe']));
    expect(parentName('winlogon.exe')).toEqual(new Set(['smss.exe']));
    expect(parentName('userinit.exe')).toEqual(new Set(['winlogon.exe']));
    expect(parentName('explorer.exe')).toEqual(new Set(['userinit.exe']));
    expect(parentName('services.exe')).toEqual(new Set(['wininit.exe']));
    expect(parentName('svchost.exe')).toEqual(new Set(['services.exe']));
    expect([...parentName('cmd.exe')].every((n) => ['explorer.exe', 'evil.exe'].includes(n))).toBe(true);
    const tools = new Set(win.filter((r) => r.parent_name === 'cmd.exe').map(name));
    expect([...tools].some((t) => ['net.exe', 'ipconfig.exe', 'whoami.exe', 'ping.exe', 'tasklist.exe'].includes(t))).toBe(true);
    const sys = win.filter((r) => name(r) === 'ntoskrnl.exe');
    expect(sys.every((r) => r.process_pid === 4 && r.parent_unique_id === '')).toBe(true);
  });

  it('some processes span several segments, each with its own row and events', () => {
    const multi = [...byGuid.values()].filter((segs) => segs.length >= 2);
    expect(multi.length).toBeGreaterThan(5);
    for (const segs of multi) {
      const ids = segs.map((s) => s.segment_id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      for (let k = 1; k < segs.length; k++) expect(Date.parse(segs[k].min_last_update)).toBeGreaterThan(Date.parse(segs[k - 1].last_update));
      expect(segs.slice(0, -1).every((s) => !s.terminated && s.end === undefined)).toBe(true);
      expect(processSegmentList(state, segs[0].id)!.process.segments.map((s) => s.unique_id)).toEqual(segs.map((s) => s.unique_id));
    }
  });

  it('findRow: segment 0 on 6.x is the first segment; unknown ids give -1', () => {
    const r = rows[10];
    const first = byGuid.get(r.id)![0];
    expect(state.processes.row(state.processes.findRow(r.id, 0)).unique_id).toBe(first.unique_id);
    expect(state.processes.findRow(r.unique_id, r.segment_id)).toBeGreaterThanOrEqual(0);
    expect(state.processes.findRow('00000099-0000-0004-01da-84ede73f558e', 0)).toBe(-1);
    expect(state.processes.indexOf('not-a-guid')).toBe(-1);
  });
});

describe('the docs special host and processes (architecture.md)', () => {
  const state = smallState();
  const rows = [...state.processes.rows()];

  it('WIN-IA9NQ1GN8OI with user bit9rad runs notepad.exe, net use \\\\test\\blah and evil.exe', () => {
    const host = [...state.sensors.values()].find((s) => s.computer_name === 'WIN-IA9NQ1GN8OI')!;
    expect(host).toBeDefined();
    expect(host.network_adapters.startsWith('192.168.215.150,')).toBe(true);
    const mine = rows.filter((r) => r.hostname === 'WIN-IA9NQ1GN8OI' && r.username === 'bit9rad');
    const names = new Set(mine.map((r) => r.process_name));
    for (const n of ['notepad.exe', 'net.exe', 'evil.exe', 'explorer.exe', 'cmd.exe']) expect(names).toContain(n);
    const net = mine.filter((r) => r.process_name === 'net.exe' && r.cmdline === 'net use \\\\test\\blah');
    expect(net.length).toBeGreaterThan(0);
    expect(net[0].cmdline).toBe(String.raw`net use \\test\blah`);
  });

  it('evil.exe runs on at least two sensors and is tagged by watchlist and feeds', () => {
    const evil = rows.filter((r) => r.process_name === 'evil.exe');
    expect(new Set(evil.map((r) => r.sensor_id)).size).toBeGreaterThanOrEqual(2);
    const tagged = evil[0] as unknown as Record<string, unknown>;
    expect(tagged.watchlist_1).toMatch(/Z$/);
    expect(tagged.alliance_score_abusech).toBe(100);
    expect(tagged.alliance_data_soc).toEqual(['SOC-0001']);
    expect(Number(state.watchlists.get('1')!.total_hits)).toBe(new Set(evil.map((r) => r.id)).size);
  });

  it('notepad.exe is the docs binary 24DA05ADE2A978E199875DA0D859E7EB', () => {
    const notepad = rows.find((r) => r.process_name === 'notepad.exe')!;
    expect(notepad.process_md5.toUpperCase()).toBe(SPECIAL_BINARY_MD5);
    expect(state.binaries.get(SPECIAL_BINARY_MD5)!.file_desc).toBe('Notepad');
  });
});
