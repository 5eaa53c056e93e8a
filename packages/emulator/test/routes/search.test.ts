// Solr-style searches end to end: response shape, paging arithmetic across pages, a few query
// semantics, facets, cb.group, last-update bounds, legacy POST, syntax errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.emu.close();
});

const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

describe('process search', () => {
  it('returns the documented response shape', async () => {
    const body = await t.getJson(`/api/v1/process?${q({ 'cb.urlver': 1, facet: 'false', q: '', rows: 5, start: 0, sort: 'last_update desc' })}`);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['results', 'total_results', 'start', 'terms', 'facets', 'elapsed', 'highlights']));
    expect(body).toMatchObject({ tagged_pids: expect.anything(), filtered: expect.anything(), all_segments: true });
    expect(body.results).toHaveLength(5);
    expect(body.total_results).toBe(t.emu.state.processes.rowCount);
    for (const row of body.results) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.unique_id.startsWith(row.id)).toBe(true);
      expect(typeof row.segment_id).toBe('number');
      for (const f of ['process_name', 'hostname', 'sensor_id', 'start', 'last_update', 'process_pid', 'cmdline', 'username']) expect(row).toHaveProperty(f);
    }
    const updates = body.results.map((r: { last_update: string }) => r.last_update);
    expect([...updates].sort().reverse()).toEqual(updates);
  });

  it('pages with start/rows: consecutive pages tile the result set without gaps or duplicates', async () => {
    const query = 'process_name:svchost.exe';
    const first = await t.getJson(`/api/v1/process?${q({ q: query, rows: 0, start: 0 })}`);
    const total: number = first.total_results;
    expect(total).toBeGreaterThan(7);
    expect(first.results).toEqual([]);
    const seen: string[] = [];
    const rows = 7;
    for (let start = 0, guard = 0; start < total && guard < 1000; start += rows, guard++) {
      const page = await t.getJson(`/api/v1/process?${q({ q: query, rows, start, sort: 'start asc' })}`);
      expect(page.total_results).toBe(total);
      expect(page.start).toBe(start);
      expect(page.results.length).toBe(Math.min(rows, total - start));
      seen.push(...page.results.map((r: { unique_id: string }) => r.unique_id));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const past = await t.getJson(`/api/v1/process?${q({ q: query, rows, start: total + 5 })}`);
    expect(past.results).toEqual([]);
    expect(past.total_results).toBe(total);
  });

  it('applies field queries, boolean operators and negation', async () => {
    const cmd = await t.getJson(`/api/v1/process?${q({ q: 'process_name:cmd.exe', rows: 50 })}`);
    expect(cmd.total_results).toBeGreaterThan(0);
    for (const r of cmd.results) expect(r.process_name.toLowerCase()).toBe('cmd.exe');

    const host = cmd.results[0].hostname as string;
    const both = await t.getJson(`/api/v1/process?${q({ q: `process_name:cmd.exe hostname:${host}`, rows: 100 })}`);
    expect(both.total_results).toBeLessThanOrEqual(cmd.total_results);
    for (const r of both.results) expect(r.hostname.toLowerCase()).toBe(host.toLowerCase());

    const not = await t.getJson(`/api/v1/process?${q({ q: `process_name:cmd.exe -hostname:${host}`, rows: 0 })}`);
    expect(not.total_results + both.total_results).toBe(cmd.total_results);

    const or = await t.getJson(`/api/v1/process?${q({ q: 'process_name:cmd.exe OR process_name:svchost.exe', rows: 0 })}`);
    const svc = await t.getJson(`/api/v1/process?${q({ q: 'process_name:svchost.exe', rows: 0 })}`);
    expect(or.total_results).toBe(cmd.total_results + svc.total_results);
  });

  it('returns facets with name/value/percent/ratio', async () => {
    const body = await t.getJson(`/api/v1/process?${q({ 'cb.urlver': 1, facet: 'true', 'facet.field': 'process_name', rows: 0, start: 0 })}`);
    const facet = body.facets.process_name;
    expect(Array.isArray(facet)).toBe(true);
    expect(facet.length).toBeGreaterThan(0);
    expect(facet[0]).toEqual({ name: expect.any(String), value: expect.any(Number), percent: expect.any(Number), ratio: expect.any(Number) });
    expect(facet[0].percent).toBe(100);
  });

  it('groups segments per process with cb.group=id', async () => {
    const all = await t.getJson(`/api/v1/process?${q({ rows: 0 })}`);
    const grouped = await t.getJson(`/api/v1/process?${q({ 'cb.group': 'id', rows: 0 })}`);
    expect(grouped.total_results).toBe(t.emu.state.processes.processCount);
    expect(grouped.total_results).toBeLessThanOrEqual(all.total_results);
    expect(grouped.all_segments).toBe(false);
  });

  it('filters by cb.min_last_update / cb.max_last_update', async () => {
    const all = await t.getJson(`/api/v1/process?${q({ rows: 1, sort: 'last_update asc' })}`);
    const oldest = new Date(all.results[0].last_update).getTime();
    const newest = new Date(t.emu.state.epochMs).getTime();
    const mid = new Date(Math.floor((oldest + newest) / 2000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const after = await t.getJson(`/api/v1/process?${q({ 'cb.min_last_update': mid, rows: 20 })}`);
    const before = await t.getJson(`/api/v1/process?${q({ 'cb.max_last_update': mid, rows: 0 })}`);
    for (const r of after.results) expect(new Date(r.last_update).getTime()).toBeGreaterThanOrEqual(new Date(mid).getTime());
    expect(after.total_results).toBeLessThan(all.total_results);
    expect(after.total_results + before.total_results).toBeGreaterThanOrEqual(all.total_results);
  });

  it('accepts the legacy JSON-body POST search', async () => {
    const res = await t.send('POST', '/api/v1/process', { q: ['process_name:cmd.exe'], rows: 3, start: 0, 'cb.urlver': ['1'], facet: ['false', 'false'], sort: 'last_update desc' });
    expect(res.status).toBe(200);
    expect(res.body.results.length).toBeLessThanOrEqual(3);
    for (const r of res.body.results) expect(r.process_name.toLowerCase()).toBe('cmd.exe');
  });

  it('answers malformed query text with 400 query_malformed_syntax', async () => {
    const res = await t.api(`/api/v1/process?${q({ q: 'process_name:(cmd.exe' })}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ reason: 'query_malformed_syntax' });
  });

  it('caps page size and reachable window while total_results reports every match', async () => {
    const body = await t.getJson(`/api/v1/process?${q({ rows: 50_000, start: 0 })}`);
    expect(body.results.length).toBeLessThanOrEqual(t.emu.state.info.maxSearchResultRows);
    expect(body.total_results).toBe(t.emu.state.processes.rowCount);
    // The caps follow /api/info's maxSearchResultRows.
    const saved = t.emu.state.info.maxSearchResultRows;
    t.emu.state.info.maxSearchResultRows = 25;
    try {
      const total = t.emu.state.processes.rowCount;
      expect((await t.getJson(`/api/v1/process?${q({ rows: 100 })}`)).results).toHaveLength(25);
      const edge = await t.getJson(`/api/v1/process?${q({ rows: 10, start: 20 })}`);
      expect(edge.results).toHaveLength(5);
      expect(edge.total_results).toBe(total);
      expect((await t.getJson(`/api/v1/process?${q({ rows: 10, start: 30 })}`)).results).toHaveLength(0);
    } finally {
      t.emu.state.info.maxSearchResultRows = saved;
    }
  });

  it('uses the advertised page size when rows is absent', async () => {
    const body = await t.getJson('/api/v1/process');
    expect(body.results).toHaveLength(t.emu.state.info.processPageSize);
  });
});

describe('binary, alert and threat report search', () => {
  it('searches binaries by md5 and returns rows with md5', async () => {
    const page = await t.getJson(`/api/v1/binary?${q({ q: '', rows: 3 })}`);
    expect(page.total_results).toBe(t.emu.state.binaries.size);
    expect(page.results).toHaveLength(3);
    const md5 = page.results[0].md5 as string;
    expect(md5).toMatch(/^[0-9A-F]{32}$/);
    const one = await t.getJson(`/api/v1/binary?${q({ q: `md5:${md5}` })}`);
    expect(one.total_results).toBe(1);
    expect(one.results[0].md5).toBe(md5);
  });

  it('searches alerts and filters by status', async () => {
    const all = await t.getJson(`/api/v1/alert?${q({ q: '', rows: 10 })}`);
    expect(all.total_results).toBe(t.emu.state.alerts.size);
    expect(all.results[0]).toHaveProperty('unique_id');
    const unresolved = await t.getJson(`/api/v1/alert?${q({ q: 'status:Unresolved', rows: 100 })}`);
    for (const a of unresolved.results) expect(a.status).toBe('Unresolved');
    const id = all.results[0].unique_id as string;
    const v2 = await t.getJson(`/api/v2/alert?${q({ 'cb.fq.unique_id': id })}`);
    expect(v2.results.map((a: { unique_id: string }) => a.unique_id)).toEqual([id]);
  });

  it('searches threat reports by feed_id', async () => {
    const all = await t.getJson(`/api/v1/threat_report?${q({ q: '', rows: 5 })}`);
    expect(all.total_results).toBe(t.emu.state.threatReports.size);
    const feedId = all.results[0].feed_id as number;
    const byFeed = await t.getJson(`/api/v1/threat_report?${q({ q: `feed_id:${feedId}`, rows: 100 })}`);
    expect(byFeed.total_results).toBeGreaterThan(0);
    for (const r of byFeed.results) expect(r.feed_id).toBe(feedId);
  });
});
