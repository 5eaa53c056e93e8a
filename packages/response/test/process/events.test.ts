import { describe, expect, it } from 'vitest';
import { ACCESS_FLAGS, Binary, ChildprocEvent, FilemodEvent, Process, RegmodEvent, type AnyProcessEvent } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { busyProcess, processWithChildren, rawEvents } from '../support/process-data.js';

const fx = useEmulator();

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const sortedByTime = (events: readonly { timestamp: Date }[]): boolean =>
  events.every((e, i) => i === 0 || events[i - 1]!.timestamp.getTime() <= e.timestamp.getTime());

describe('event iterators (6.x server, /api/v4 events)', () => {
  it('fetch the event document of the current segment once and decode every kind', async () => {
    const proc = await busyProcess(fx.cb);
    fx.takeRequests();
    const [modloads, filemods, regmods, netconns, childprocs, crossprocs] = await Promise.all([
      collect(proc.modloads()),
      collect(proc.filemods()),
      collect(proc.regmods()),
      collect(proc.netconns()),
      collect(proc.childprocs()),
      collect(proc.crossprocs()),
    ]);
    expect(fx.takeRequests()).toEqual([`GET /api/v4/process/${proc.guid}/${proc.segment_id}/event`]);
    const raw = await rawEvents(fx.cb, proc);
    expect(modloads).toHaveLength(raw.modload_complete!.length);
    expect(filemods).toHaveLength(raw.filemod_complete!.length);
    expect(regmods).toHaveLength(raw.regmod_complete!.length);
    expect(netconns).toHaveLength(raw.netconn_complete!.length);
    expect(childprocs).toHaveLength(raw.childproc_complete!.length);
    expect(crossprocs).toHaveLength(raw.crossproc_complete!.length);
    for (const list of [modloads, filemods, regmods, netconns, childprocs, crossprocs]) expect(sortedByTime(list)).toBe(true);
    for (const e of [...modloads, ...filemods, ...netconns]) expect(e.process).toBe(proc);
  });

  it('modloads: md5/path/timestamp from the pipe string; binary join; isSigned', async () => {
    const proc = await busyProcess(fx.cb);
    const raw = (await rawEvents(fx.cb, proc)).modload_complete as string[];
    const modloads = await collect(proc.modloads());
    const first = modloads.find((m) => m.sequence === 0)!;
    const [ts, md5, path] = raw[0]!.split('|');
    expect(first.md5).toBe(md5);
    expect(first.path).toBe(path);
    expect(first.timestamp.toISOString()).toBe(`${ts!.replace(' ', 'T').slice(0, 23)}Z`);
    const binary = await first.binary;
    expect(binary).toBeInstanceOf(Binary);
    expect(binary!.md5).toBe(md5!.toUpperCase());
    expect(await first.isSigned()).toBe(binary!.digsig_result === 'Signed');
  });

  it('unsignedModloads() yields exactly the modloads whose binary is not Signed', async () => {
    let proc: Process | undefined;
    for (const candidate of await fx.cb.select(Process).where('process_name:evil.exe modload_count:[1 TO *]').slice(0, 20)) {
      if ((await collect(candidate.unsignedModloads())).length > 0) {
        proc = candidate;
        break;
      }
    }
    const all = await collect(proc!.modloads());
    const unsigned = await collect(proc!.unsignedModloads());
    const expected: string[] = [];
    for (const m of all) {
      const b = await m.binary;
      if (b?.get('digsig_result') !== 'Signed') expected.push(m.md5);
    }
    expect(unsigned.map((m) => m.md5)).toEqual(expected);
    expect(unsigned.length).toBeGreaterThan(0);
  });

  it('filemods: type names, file types, tamper flag; findFileWrites(path) matches the exact path', async () => {
    const proc = await busyProcess(fx.cb);
    const filemods = await collect(proc.filemods());
    const raw = (await rawEvents(fx.cb, proc)).filemod_complete as string[];
    const names: Record<string, string> = { 1: 'CreatedFile', 2: 'FirstWrote', 4: 'Deleted', 8: 'LastWrote' };
    for (const fm of filemods) {
      const fields = raw[fm.sequence]!.split('|');
      expect(fm).toBeInstanceOf(FilemodEvent);
      expect(fm.type).toBe(names[fields[0]!]);
      expect(fm.path).toBe(fields[2]);
      expect(fm.md5).toBe(fields[3]);
      expect(fm.tamperFlag).toBe(fields[5] === 'true');
    }
    const target = filemods[0]!.path;
    const writes = await collect(proc.findFileWrites(target.toUpperCase()));
    expect(writes.length).toBe(filemods.filter((f) => f.path.toLowerCase() === target.toLowerCase()).length);
  });

  it('regmods and netconns (v4: IP strings, "true" → Outbound)', async () => {
    const proc = await busyProcess(fx.cb);
    const raw = await rawEvents(fx.cb, proc);
    for (const rm of await collect(proc.regmods())) {
      const fields = (raw.regmod_complete![rm.sequence] as string).split('|');
      expect(rm.path).toBe(fields[2]);
      expect(['CreatedKey', 'FirstWrote', 'DeletedKey', 'DeletedValue']).toContain(rm.type);
    }
    for (const nc of await collect(proc.netconns())) {
      const o = raw.netconn_complete![nc.sequence] as Record<string, unknown>;
      expect(nc.remoteIp).toBe(o.remote_ip);
      expect(nc.localIp).toBe(o.local_ip);
      expect(nc.remotePort).toBe(o.remote_port);
      expect(nc.domain).toBe(o.domain);
      expect(nc.direction).toBe(o.direction === 'true' ? 'Outbound' : 'Inbound');
      expect(nc.proto).toBe(o.proto === 6 ? 'IPPROTO_TCP' : o.proto === 17 ? 'IPPROTO_UDP' : nc.proto);
    }
  });

  it('crossprocs: type, privileges text, source/target and hasPermission()', async () => {
    const proc = await busyProcess(fx.cb);
    const raw = (await rawEvents(fx.cb, proc)).crossproc_complete as string[];
    for (const cp of await collect(proc.crossprocs())) {
      const f = raw[cp.sequence]!.split('|');
      expect(cp.privilegeCode).toBe(Number(f[6]));
      expect(cp.isTarget).toBe(f[8] === 'true');
      const other = cp.isTarget ? cp.sourceId : cp.targetId;
      const self = cp.isTarget ? cp.targetId : cp.sourceId;
      expect(other).toBe(f[2]);
      expect(self).toBe(proc.guid);
      if (cp.privilegeCode === 0x1fffff) expect(cp.privileges).toBe('PROCESS_ALL_ACCESS');
      if (cp.privilegeCode & 0x10) expect(cp.hasPermission('PROCESS_VM_READ')).toBe(true);
      expect(() => cp.hasPermission('NOT_A_RIGHT')).toThrow(RangeError);
    }
  });

  it('crossproc joins: targetProc / sourceProc load both ends through the model cache', async () => {
    const rows = await fx.cb.select(Process).where('crossproc_count:[1 TO *]').slice(0, 10);
    expect(rows.length).toBeGreaterThan(0);
    let joined = 0;
    for (const proc of rows) {
      for (const cp of await collect(proc.crossprocs())) {
        expect(cp.isTarget).toBe(false); // the emulator records the opener's side
        const source = await cp.sourceProc;
        expect(source).toBe(proc); // this process: no request
        const target = await cp.targetProc;
        expect(target).toBeInstanceOf(Process);
        expect(target.guid).toBe(cp.targetId);
        expect(target.process_md5.toLowerCase()).toBe(cp.targetMd5.toLowerCase());
        expect(target.path.toLowerCase()).toBe(cp.targetPath.toLowerCase());
        fx.takeRequests();
        expect(await cp.targetProc).toBe(target); // loaded once: the second join is served from the cache
        expect(fx.takeRequests()).toEqual([]);
        joined++;
      }
      if (joined >= 5) break;
    }
    expect(joined).toBeGreaterThanOrEqual(5);
  });

  it('crossproc hasPermissions(): every right of the mask, and not one more', async () => {
    const rows = await fx.cb.select(Process).where('crossproc_count:[1 TO *]').slice(0, 10);
    let checked = 0;
    let sawAllAccess = false;
    for (const proc of rows) {
      for (const cp of await collect(proc.crossprocs())) {
        const held = Object.entries(ACCESS_FLAGS).filter(([, bit]) => (cp.privilegeCode & bit) === bit).map(([name]) => name);
        const missing = Object.keys(ACCESS_FLAGS).filter((name) => !held.includes(name));
        expect(cp.hasPermissions(held)).toBe(true);
        expect(cp.hasPermissions([])).toBe(true);
        if (missing.length > 0) expect(cp.hasPermissions([...held, missing[0]!])).toBe(false);
        expect(() => cp.hasPermissions(['PROCESS_VM_READ', 'NOT_A_RIGHT'])).toThrow(RangeError);
        if (cp.privilegeCode === 0x1fffff) {
          sawAllAccess = true;
          expect(cp.hasPermissions(['PROCESS_VM_WRITE', 'PROCESS_CREATE_THREAD', 'PROCESS_TERMINATE'])).toBe(true);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(sawAllAccess).toBe(true);
  });

  it('tamperEvent: the attempt of the sample to disable the sensor service is flagged (and only that event)', async () => {
    const rows = await fx.cb.select(Process).where('process_name:evil.exe regmod_count:[1 TO *]').all();
    expect(rows.length).toBeGreaterThan(0);
    const tampered: RegmodEvent[] = [];
    for (const proc of rows) {
      const raw = (await rawEvents(fx.cb, proc)).regmod_complete as string[];
      for (const rm of await collect(proc.regmods())) {
        expect(rm.tamperEvent).toBe(rm.tamperFlag);
        expect(rm.tamperEvent).toBe(raw[rm.sequence]!.split('|')[3] === 'true');
        if (rm.tamperEvent) tampered.push(rm);
      }
    }
    expect(tampered.length).toBeGreaterThan(0);
    for (const rm of tampered) {
      expect(rm.path.toLowerCase()).toContain('\\services\\carbonblack\\start');
      expect(rm.type).toBe('FirstWrote');
    }
    // ordinary processes have no tamper events
    const notepad = (await fx.cb.select(Process).where('process_name:notepad.exe regmod_count:[1 TO *]').first())!;
    expect((await collect(notepad.regmods())).some((e) => e.tamperEvent)).toBe(false);
  });

  it('childprocs: a start and an end event per child; children(): one per child, resolvable through the cache', async () => {
    const proc = await processWithChildren(fx.cb, 2);
    const events = await collect(proc.childprocs());
    const children = await collect(proc.children());
    const distinct = new Set(events.map((e) => e.childGuid));
    expect(children).toHaveLength(distinct.size);
    expect(children.every((c) => c instanceof ChildprocEvent && !c.terminated)).toBe(true);
    const child = await children[0]!.child;
    expect(child).toBeInstanceOf(Process);
    expect(child.parent_id).toBe(proc.guid);
    expect(fx.cb.select(Process, children[0]!.childGuid)).toBe(child);
  });

  it('allEventsSegment() merges every kind by time; allEvents() walks every segment', async () => {
    const proc = await busyProcess(fx.cb);
    const merged = await collect(proc.allEventsSegment());
    const kinds: unknown[][] = [
      await collect(proc.modloads()),
      await collect(proc.filemods()),
      await collect(proc.regmods()),
      await collect(proc.netconns()),
      await collect(proc.childprocs()),
      await collect(proc.crossprocs()),
    ];
    expect(merged).toHaveLength(kinds.reduce((a, k) => a + k.length, 0));
    expect(sortedByTime(merged)).toBe(true);

    const whole = fx.cb.select(Process, proc.guid);
    const segments = await whole.segments();
    expect(segments).toContain(proc.segment_id);
    fx.takeRequests();
    const all: AnyProcessEvent[] = await collect(whole.allEvents());
    const log = fx.takeRequests();
    expect(log[0]).toBe(`GET /api/v1/process/${proc.guid}/segment`);
    expect(log.filter((l) => l.endsWith('/event'))).toHaveLength(segments.length);
    expect(all.length).toBeGreaterThanOrEqual(merged.length);
  });

  it('events read before the summary make the process loaded (no summary request); refresh() forgets them', async () => {
    const row = await busyProcess(fx.cb);
    const cb = fx.api();
    await cb.info();
    fx.takeRequests();
    const proc = cb.select(Process, row.guid);
    const first = await collect(proc.filemods());
    expect(proc.isLoaded).toBe(true);
    expect(proc.process_name).toBe(row.process_name);
    expect(fx.takeRequests()).toEqual([`GET /api/v4/process/${row.guid}/0/event`]);
    await proc.refresh();
    await collect(proc.filemods());
    expect(fx.takeRequests()).toEqual([`GET /api/v1/process/${row.guid}/0`, `GET /api/v4/process/${row.guid}/0/event`]);
    expect(first.length).toBeGreaterThan(0);
  });
});
