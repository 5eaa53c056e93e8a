import { ApiError, InvalidObjectError, NotLoadedError, ObjectNotFoundError } from '@cb/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { Binary, guidFacts, parseProcessId, Process, Sensor } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';

const fx = useEmulator();

async function notepad(): Promise<Process> {
  const p = await fx.cb.select(Process).where('process_name:notepad.exe').first();
  if (!p) throw new Error('no notepad.exe');
  return p;
}

describe('Process identity', () => {
  it('select(Process, guid) is a reference: GUID facts readable, no request, cached instance', async () => {
    const row = await notepad();
    fx.takeRequests();
    const p = fx.cb.select(Process, row.guid);
    expect(fx.cb.select(Process, row.guid)).toBe(p);
    expect(p.isLoaded).toBe(false);
    expect(p.guid).toBe(row.guid);
    expect(p.sensor_id).toBe(row.sensor_id);
    expect(p.process_pid).toBe(row.process_pid);
    expect(p.start?.getTime()).toBe(guidFacts(row.guid)!.start.getTime());
    expect(() => p.process_name).toThrow(NotLoadedError);
    // named: the summary GET that would load it (the API knows the server version: segment 0)
    expect(() => p.process_name).toThrow(expect.objectContaining({ method: 'GET', path: `/api/v1/process/${row.guid}/0` }));
    expect(fx.takeRequests()).toEqual([]);
  });

  it('load() reads the summary of the default segment (0 on 6.x) once; fetch() = select + load', async () => {
    const row = await notepad();
    const cb = fx.api();
    fx.takeRequests();
    const p = await cb.fetch(Process, row.guid);
    expect(p.process_name).toBe('notepad.exe');
    expect(p.segment).toBe(0);
    expect(p.summary?.parent).toMatchObject({ id: row.parent_id });
    await cb.select(Process, row.guid).load();
    expect(fx.takeRequests()).toEqual(['GET /api/info', `GET /api/v1/process/${row.guid}/0`]);
  });

  it('a unique id addresses its segment; search rows are partial and refresh() reads their segment', async () => {
    const row = await notepad();
    expect(row.isPartial).toBe(true);
    expect(row.segment).toBe(row.segment_id);
    expect(row.hasExplicitSegment).toBe(true);
    expect(parseProcessId(row.unique_id)).toEqual({ guid: row.guid, segment: row.segment_id });
    const bySegment = fx.cb.select(Process, row.unique_id);
    expect(bySegment.segment).toBe(row.segment_id);
    fx.takeRequests();
    await row.refresh();
    expect(row.isPartial).toBe(false);
    expect(fx.takeRequests()).toEqual([`GET /api/v1/process/${row.guid}/${row.segment_id}`]);
  });

  it('rejects ids that are neither a GUID nor a unique id', () => {
    expect(() => fx.cb.select(Process, 'not-a-guid')).toThrow(InvalidObjectError);
    expect(() => fx.cb.select(Process, '00000001-0000-0554-01d1-3bc4553b8c9f-zz')).toThrow(InvalidObjectError);
    // named: the fetch the id was for, at the model's URL (the id cannot be part of a path)
    expect(() => fx.cb.select(Process, 'not-a-guid')).toThrow(
      new InvalidObjectError('Process id "not-a-guid" is neither a process GUID (36 characters) nor a unique id (GUID + segment)', {
        method: 'GET',
        path: '/api/v1/process',
      }),
    );
  });

  it('a process the server does not have is ObjectNotFoundError', async () => {
    await expect(fx.cb.fetch(Process, '0000abcd-0000-0554-01d1-3bc4553b8c9f')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });
});

describe('Process errors name the request they are about', () => {
  const GUID = '00000001-0000-0554-01d1-3bc4553b8c9f';

  it('an unknown default segment (no /api/info read yet) names the process URL', () => {
    const p = fx.api().select(Process, GUID);
    expect(() => p.segment).toThrow(NotLoadedError);
    expect(() => p.segment).toThrow(expect.objectContaining({ field: 'segment', method: 'GET', path: '/api/v1/process' }));
    // core's own NotLoadedError falls back to the same URL: the summary path needs the segment
    expect(() => p.process_name).toThrow(expect.objectContaining({ field: 'process_name', method: 'GET', path: '/api/v1/process' }));
  });

  it('a row without a valid GUID cannot be fetched and has no events (GET of the process URL)', async () => {
    const row = new Process(fx.cb, { doc: { id: 'bogus', segment_id: 1 }, state: 'full' });
    fx.takeRequests();
    await expect(row.refresh()).rejects.toThrow(
      new ApiError('Process "bogus" has no valid process GUID; it cannot be fetched', { method: 'GET', path: '/api/v1/process' }),
    );
    await expect(row.eventDocument()).rejects.toMatchObject({ message: 'Process "bogus" has no valid process GUID; it has no events', method: 'GET', path: '/api/v1/process' });
    expect(fx.takeRequests()).toEqual([]);
  });

  it('joins without a key name the joined model’s URL', async () => {
    // suppressed children are never fetched: what the event said is all there is
    const orphan = new Process(fx.cb, { doc: { id: '00000000-0000-0777-01cf-c209d9f1c431', segment_id: 1 }, state: 'full', suppressed: true });
    await expect(orphan.binary).rejects.toMatchObject({ message: /has no process_md5/, method: 'GET', path: '/api/v1/binary' });
    await expect(orphan.sensor).rejects.toMatchObject({ message: /names no sensor/, method: 'GET', path: '/api/v1/sensor' });
  });
});

describe('Process typed fields', () => {
  it('read-only table fields keep their wire types (not never)', async () => {
    const p = await notepad();
    expectTypeOf(p.process_name).toEqualTypeOf<string>();
    expectTypeOf(p.sensor_id).toEqualTypeOf<number>();
    expectTypeOf(p.last_update).toEqualTypeOf<Date>();
    expectTypeOf(p.terminated).toEqualTypeOf<boolean>();
    expect(typeof p.process_name).toBe('string');
    expect(typeof p.sensor_id).toBe('number');
    expect(p.last_update).toBeInstanceOf(Date);
  });
});

describe('Process derived fields', () => {
  it('start/end/lastUpdate/lastServerUpdate and min/max variants are Dates', async () => {
    const p = await notepad();
    expect(p.start).toBeInstanceOf(Date);
    const doc = p.toJSON();
    expect(p.start!.toISOString()).toBe(doc.start);
    expect(p.lastUpdate.toISOString()).toBe(doc.last_update);
    expect(p.lastServerUpdate.toISOString()).toBe(doc.last_server_update);
    expect(p.minLastUpdate.toISOString()).toBe(doc.min_last_update);
    expect(p.maxLastServerUpdate.toISOString()).toBe(doc.max_last_server_update);
    expect(p.maxLastUpdate.getTime()).toBeGreaterThanOrEqual(p.minLastUpdate.getTime());
    expect(p.minLastServerUpdate.getTime()).toBeLessThanOrEqual(p.maxLastServerUpdate.getTime());
    if (p.terminated) expect(p.end).toBeInstanceOf(Date);
    const running = await fx.cb.select(Process).where('terminated:false').first();
    expect(running?.end).toBeNull();
  });

  it('end falls back to last_update for terminated processes without an end field', () => {
    const p = new Process(fx.cb, { doc: { id: '00000001-0000-0554-01d1-3bc4553b8c9f', segment_id: 1, terminated: true, last_update: '2017-01-01T00:00:00Z', start: '2016-01-01T00:00:00Z', process_pid: 1364 } });
    expect(p.end?.toISOString()).toBe('2017-01-01T00:00:00.000Z');
  });

  it('cmdline falls back to the path; commsIp/interfaceIp are dotted quads', async () => {
    const p = await notepad();
    expect(p.cmdline).toBe(p.get('cmdline'));
    expect(p.commsIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(p.interfaceIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const bare = new Process(fx.cb, {
      doc: { id: '00000001-0000-0554-01d1-3bc4553b8c9f', segment_id: 1, path: 'c:\\x.exe', cmdline: '', comms_ip: -1062731519, interface_ip: 'fe80::1' },
    });
    expect(bare.cmdline).toBe('c:\\x.exe');
    expect(bare.commsIp).toBe('192.168.1.1');
    expect(bare.interfaceIp).toBe('fe80::1');
  });

  it('derives sensor id, pid and start from the GUID when the document has -1', () => {
    const p = new Process(fx.cb, { doc: { id: '00000003-0000-036c-01d2-2efd3af51186', segment_id: 1, process_pid: -1, start: -1 } });
    expect(p.sensor_id).toBe(3);
    expect(p.process_pid).toBe(0x36c);
    expect(p.start?.toISOString()).toBe('2016-10-25T20:20:29.790Z');
  });

  it('tags group alliance_<kind>_<feed> fields by feed', async () => {
    const tagged = await fx.cb.select(Process).where('alliance_score_virustotal:[1 TO *]').first();
    if (tagged) {
      const vt = tagged.tags.find((t) => t.feed === 'virustotal');
      expect(vt?.score).toBeGreaterThan(0);
    }
    const p = new Process(fx.cb, {
      doc: { id: '00000001-0000-0554-01d1-3bc4553b8c9f', segment_id: 1, alliance_score_srstrust: -100, alliance_link_srstrust: 'https://x', alliance_data_srstrust: ['a'], alliance_score_two_parts: 5 },
    });
    expect(p.tags).toEqual([{ feed: 'srstrust', score: -100, link: 'https://x', data: ['a'], info: { score: -100, link: 'https://x', data: ['a'] } }]);
  });

  it('webuiLink is {url}/#analyze/{guid}/{segment}', async () => {
    const p = await notepad();
    expect(p.webuiLink).toBe(`${fx.emu.url}/#analyze/${p.guid}/${p.segment_id}`);
  });
});

describe('Process joins', () => {
  it('binary is the cached Binary of process_md5 (upper case); sensor comes from sensor_id', async () => {
    const p = await notepad();
    const binary = await p.binary;
    expect(binary).toBeInstanceOf(Binary);
    expect(binary!.md5).toBe(p.process_md5.toUpperCase());
    expect(fx.cb.select(Binary, p.process_md5.toUpperCase())).toBe(binary);
    const sensor = await p.sensor;
    expect(sensor).toBeInstanceOf(Sensor);
    expect(sensor!.id).toBe(p.sensor_id);
    expect(sensor!.computer_name).toBe(p.hostname);
  });

  it('sensor needs no process request for a bare reference (the id is in the GUID)', async () => {
    const row = await notepad();
    const cb = fx.api();
    await cb.info();
    fx.takeRequests();
    const sensor = await cb.select(Process, row.guid).sensor;
    expect(sensor!.id).toBe(row.sensor_id);
    expect(fx.takeRequests()).toEqual([`GET /api/v1/sensor/${row.sensor_id}`]);
  });

  it('parent is the loaded parent process; null for a root', async () => {
    const p = await notepad();
    const parent = await p.parent;
    expect(parent).toBeInstanceOf(Process);
    expect(parent!.guid).toBe(p.parent_id);
    expect(parent!.process_name).toBe(p.parent_name);
    let root: Process = parent!;
    for (let next = await root.parent; next; next = await root.parent) root = next;
    expect(await root.parentGuid()).toBeUndefined();
    expect(await root.parent).toBeNull();
  });

  it('parentGuid prefers parent_unique_id, but not from another sensor', async () => {
    const p = new Process(fx.cb, {
      doc: { id: '00000003-0000-036c-01d2-2efd3af51186', segment_id: 1, sensor_id: 3, parent_unique_id: '00000009-0000-0001-01d2-2efd3af51186-00000001', parent_id: '00000003-0000-0002-01d2-2efd3af51186' },
      state: 'full',
    });
    expect(await p.parentGuid()).toBe('00000003-0000-0002-01d2-2efd3af51186');
    const same = new Process(fx.cb, {
      doc: { id: '00000003-0000-036c-01d2-2efd3af51186', segment_id: 1, sensor_id: 3, parent_unique_id: '00000003-0000-0001-01d2-2efd3af51186-00000001', parent_id: '' },
      state: 'full',
    });
    expect(await same.parentGuid()).toBe('00000003-0000-0001-01d2-2efd3af51186');
  });

  it('threatIntelHits() returns the server list for the current segment', async () => {
    const p = await notepad();
    fx.takeRequests();
    expect(Array.isArray(await p.threatIntelHits())).toBe(true);
    expect(fx.takeRequests()).toEqual([`GET /api/v1/process/${p.guid}/${p.segment_id}/threat_intel_hits`]);
    fx.emu.faults.add({ match: { path: '*/threat_intel_hits' }, status: 500, times: 1 });
    await expect(fx.api({ retry: false }).select(Process, p.unique_id).threatIntelHits()).rejects.toThrow(/Sharing IOCs not set up/);
    fx.emu.faults.add({ match: { path: '*/threat_intel_hits' }, status: 500, times: 1 });
    await expect(fx.api({ retry: false }).select(Process, p.unique_id).threatIntelHits()).rejects.toMatchObject({
      method: 'GET',
      path: `/api/v1/process/${p.guid}/${p.segment_id}/threat_intel_hits`,
    });
    expect(ApiError).toBeDefined();
  });
});
