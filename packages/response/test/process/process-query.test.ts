import { describe, expect, it } from 'vitest';
import { Process, ProcessQuery, formatProcessTime } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { multiSegmentGuid } from '../support/process-data.js';

const fx = useEmulator();

describe('ProcessQuery filters (6.0+ server)', () => {
  it('groupBy() sends cb.group and gives one row per process', async () => {
    const guid = await multiSegmentGuid(fx.cb);
    const perSegment = await fx.cb.select(Process).where(`process_id:${guid}`).all();
    expect(perSegment.length).toBeGreaterThan(1);
    fx.takeRequests();
    const grouped = await fx.cb.select(Process).where(`process_id:${guid}`).groupBy('id').all();
    expect(grouped).toHaveLength(1);
    expect(fx.takeRequests()[0]).toContain('cb.group=id');
  });

  it('keeps every segment row of a process while paging (rows are keyed by unique id)', async () => {
    const guid = await multiSegmentGuid(fx.cb);
    const rows = await fx.cb.select(Process).where(`process_id:${guid}`).batchSize(1).all();
    expect(rows.length).toBe(await fx.cb.select(Process).where(`process_id:${guid}`).count());
    expect(new Set(rows.map((r) => r.segment)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.guid))).toEqual(new Set([guid]));
  });

  it('min/max (server) update filters take a Date (sent as UTC seconds) or text, and filter', async () => {
    const newest = (await fx.cb.select(Process).first())!;
    const cut = newest.lastUpdate;
    fx.takeRequests();
    const q = fx.cb.select(Process).minLastUpdate(cut).maxLastUpdate('2100-01-01T00:00:00Z');
    const rows = await q.all();
    expect(rows.length).toBeGreaterThan(0);
    for (const p of rows) expect(p.maxLastUpdate.getTime()).toBeGreaterThanOrEqual(Math.floor(cut.getTime() / 1000) * 1000);
    const [first] = fx.takeRequests();
    expect(first).toContain(`cb.min_last_update=${encodeURIComponent(formatProcessTime(cut))}`);
    expect(first).toContain('cb.max_last_update=2100-01-01T00%3A00%3A00Z');

    await fx.cb.select(Process).minLastServerUpdate(new Date('2000-01-02T03:04:05.678Z')).maxLastServerUpdate(new Date('2100-01-01T00:00:00Z')).first();
    const [server] = fx.takeRequests();
    expect(server).toContain('cb.min_last_server_update=2000-01-02T03%3A04%3A05Z');
    expect(server).toContain('cb.max_last_server_update=2100-01-01T00%3A00%3A00Z');
  });

  it('a filter on a derived query never changes the query it came from (cbapi shared the map)', async () => {
    const base = fx.cb.select(Process).where('process_name:cmd.exe');
    base.groupBy('id').minLastUpdate('2017-01-01T00:00:00Z');
    fx.takeRequests();
    await base.first();
    const [sent] = fx.takeRequests();
    expect(sent).not.toContain('cb.group');
    expect(sent).not.toContain('cb.min_last_update');
  });

  it('fromRaw() builds a raw query; the filters still apply to it', async () => {
    const q = ProcessQuery.fromRaw(fx.cb, 'cb.urlver=1&q=process_name%3Acmd.exe').groupBy('id');
    fx.takeRequests();
    const rows = await q.slice(0, 3);
    expect(rows.every((p) => p.process_name === 'cmd.exe')).toBe(true);
    expect(fx.takeRequests()[0]).toContain('cb.group=id');
  });

  it('formatProcessTime() drops milliseconds and keeps text as given', () => {
    expect(formatProcessTime(new Date('2017-05-21T18:41:58.999Z'))).toBe('2017-05-21T18:41:58Z');
    expect(formatProcessTime('-1d')).toBe('-1d');
  });
});

describe('ProcessQuery on a 5.x server', () => {
  const old = useEmulator({ serverVersion: '5.1.0.150625.500' });

  it('omits facet=false before 5.1.1 and does not send the 6.0 filters (with a warning)', async () => {
    const warnings: string[] = [];
    const cb = old.api({ logger: { debug: () => {}, info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} } });
    old.takeRequests();
    const rows = await cb.select(Process).where('process_name:cmd.exe').groupBy('id').minLastUpdate('2017-01-01T00:00:00Z').slice(0, 2);
    expect(rows).toHaveLength(2);
    const search = old.takeRequests().find((r) => r.startsWith('GET /api/v1/process'))!;
    expect(search).not.toContain('facet=');
    expect(search).not.toContain('cb.group');
    expect(search).not.toContain('cb.min_last_update');
    expect(warnings.join('\n')).toContain('cb.group');
  });
});
