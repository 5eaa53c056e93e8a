import { describe, expect, it } from 'vitest';
import {
  alertProfile,
  binaryProfile,
  executeSearch,
  processProfile,
  QuerySyntaxError,
  runSearch,
  SearchParamError,
  threatReportProfile,
} from '../../src/query/index.js';
import { PROCS, type ProcDoc } from './fixtures.js';

const NOW = Date.parse('2022-01-01T00:30:00Z');
const letters = (rows: Array<{ id: string }>): string => rows.map((r) => r.id.slice(5)).join('');

describe('runSearch (process)', () => {
  const profile = processProfile<ProcDoc>();

  it('returns the server reply shape with the default sort last_update desc', () => {
    const body = runSearch(PROCS, new URLSearchParams('cb.urlver=1&facet=false&q=hostname%3AWIN-A&start=0'), profile, { now: NOW });
    expect(letters(body.results as ProcDoc[])).toBe('bcah');
    expect(body).toMatchObject({
      total_results: 4,
      start: 0,
      terms: ['hostname:WIN-A'],
      facets: {},
      highlights: [],
      tagged_pids: {},
      filtered: {},
      comprehensive_search: false,
      all_segments: true,
      incomplete_results: false,
    });
    expect(typeof body.elapsed).toBe('number');
  });

  it('pages with 0-based start and a default of 10 rows', () => {
    const many = Array.from({ length: 3 }, () => PROCS).flat();
    expect(runSearch(many, {}, profile).results).toHaveLength(10);
    const page = runSearch(many, { start: '20', rows: '10' }, profile);
    expect(page.results).toHaveLength(4);
    expect(page.total_results).toBe(24);
    expect(runSearch(many, { start: '30' }, profile)).toMatchObject({ results: [], total_results: 24, start: 30 });
  });

  it('answers rows=0 with a count only (facets still computed)', () => {
    const body = runSearch(PROCS, { q: 'group:Servers', rows: '0', facet: 'true', 'facet.field': ['process_name', 'username'] }, profile);
    expect(body.results).toEqual([]);
    expect(body.total_results).toBe(2);
    expect(body.facets).toEqual({
      process_name: [
        { name: 'powershell.exe', value: 1, percent: 100, ratio: 50 },
        { name: 'svchost.exe', value: 1, percent: 100, ratio: 50 },
      ],
      username: [{ name: 'NT AUTHORITY\\SYSTEM', value: 2, percent: 100, ratio: 100 }],
    });
  });

  it('returns every documented process facet for facet=true without facet.field', () => {
    const body = runSearch(PROCS, { facet: ['true', 'true'], rows: '0' }, profile, { now: NOW });
    expect(Object.keys(body.facets)).toEqual([
      'process_md5',
      'hostname',
      'group',
      'path_full',
      'parent_name',
      'process_name',
      'host_type',
      'hour_of_day',
      'day_of_week',
      'start',
    ]);
  });

  it('ANDs repeated q parameters and honours an explicit sort', () => {
    const body = runSearch(PROCS, { q: ['hostname:WIN-A', '-process_name:wermgr.exe'], sort: 'start asc' }, profile);
    expect(letters(body.results as ProcDoc[])).toBe('abc');
    expect(body.terms).toEqual(['hostname:WIN-A', 'process_name:wermgr.exe']);
    expect(letters(runSearch(PROCS, { sort: 'netconn_count desc, start asc', rows: '3' }, profile).results as ProcDoc[])).toBe('efd');
  });

  it('uses the default sort for a blank sort parameter', () => {
    expect(letters(runSearch(PROCS, { sort: '  ', rows: '2' }, profile).results as ProcDoc[])).toBe('fe');
  });

  it('applies the caps silently: rows clamped, nothing past the window, total unchanged', () => {
    const capped = processProfile<ProcDoc>({ caps: { maxRows: 5, maxResultWindow: 6 } });
    expect(runSearch(PROCS, { rows: '100' }, capped).results).toHaveLength(5);
    const out = executeSearch(PROCS, { start: '4', rows: '4' }, capped);
    expect(out.body.results).toHaveLength(2);
    expect(out.body.total_results).toBe(8);
    expect(out.page.capped).toBe(true);
    expect(runSearch(PROCS, { start: '6', rows: '4' }, capped)).toMatchObject({ results: [], total_results: 8, start: 6 });
  });

  it('projects only the returned rows', () => {
    let calls = 0;
    const projected = processProfile<ProcDoc, { id: string; segment_id: number }>({
      project: (d) => {
        calls += 1;
        return { id: d.id, segment_id: d.segment_id };
      },
    });
    const body = runSearch(PROCS, { rows: '2' }, projected);
    expect(body.results).toEqual([
      { id: 'proc-f', segment_id: 1 },
      { id: 'proc-e', segment_id: 1 },
    ]);
    expect(calls).toBe(2);
  });

  it('accepts any iterable and reports bad parameters as typed errors', () => {
    function* gen(): Generator<ProcDoc> {
      yield* PROCS;
    }
    expect(runSearch(gen(), { q: 'process_name:cmd.exe' }, profile).total_results).toBe(1);
    expect(() => runSearch(PROCS, { q: 'process_name:(cmd.exe' }, profile)).toThrow(QuerySyntaxError);
    expect(() => runSearch(PROCS, { start: '-1' }, profile)).toThrow(SearchParamError);
    expect(() => runSearch(PROCS, { rows: 'ten' }, profile)).toThrow(/'rows' must be an integer/);
    expect(() => runSearch(PROCS, { sort: 'start up' }, profile)).toThrow(SearchParamError);
  });
});

interface Seg {
  id: string;
  unique_id: string;
  segment_id: number;
  process_name: string;
  start?: string;
  last_update: string;
  last_server_update?: string;
}

const SEGS: Seg[] = [
  { id: 'P1', unique_id: 'P1-01', segment_id: 1, process_name: 'cmd.exe', start: '2020-01-01T00:00:00Z', last_update: '2020-01-01T00:10:00Z', last_server_update: '2020-01-01T00:10:05Z' },
  { id: 'P1', unique_id: 'P1-02', segment_id: 2, process_name: 'cmd.exe', start: '2020-01-01T00:20:00Z', last_update: '2020-01-01T00:30:00Z', last_server_update: '2020-01-01T00:30:05Z' },
  { id: 'P1', unique_id: 'P1-03', segment_id: 3, process_name: 'cmd.exe', start: '2020-01-01T00:15:00Z', last_update: '2020-01-01T00:20:00Z', last_server_update: '2020-01-01T00:20:05Z' },
  { id: 'P2', unique_id: 'P2-01', segment_id: 1, process_name: 'cmd.exe', start: '2020-01-01T00:24:00Z', last_update: '2020-01-01T00:25:00Z', last_server_update: '2020-01-01T00:25:05Z' },
  { id: 'P3', unique_id: 'P3-01', segment_id: 1, process_name: 'net.exe', last_update: '2020-01-01T00:05:00Z' },
];
const uids = (rows: unknown[]): string[] => (rows as Seg[]).map((r) => r.unique_id);

describe('process-only filters', () => {
  const profile = processProfile<Seg>();

  it('cb.group=id returns one row per process: the top segment under the request sort', () => {
    const q = { q: 'process_name:cmd.exe', 'cb.group': 'id' };
    const desc = runSearch(SEGS, q, profile);
    expect(uids(desc.results)).toEqual(['P1-02', 'P2-01']);
    expect(desc.total_results).toBe(2);
    expect(desc.all_segments).toBe(false);
    expect(uids(runSearch(SEGS, { ...q, sort: 'last_update asc' }, profile).results)).toEqual(['P1-01', 'P2-01']);
    expect(runSearch(SEGS, { q: 'process_name:cmd.exe' }, profile).total_results).toBe(4);
  });

  it('cb.group is ignored outside process searches', () => {
    expect(runSearch(SEGS, { 'cb.group': 'id' }, alertProfile<Seg>()).total_results).toBe(5);
  });

  it('cb.min_last_update keeps segments with events at/after the time (inclusive)', () => {
    const body = runSearch(SEGS, { 'cb.min_last_update': '2020-01-01T00:20:00Z', sort: 'last_update asc' }, profile);
    expect(uids(body.results)).toEqual(['P1-03', 'P2-01', 'P1-02']);
  });

  it('cb.max_last_update keeps segments with events at/before the time (inclusive)', () => {
    const body = runSearch(SEGS, { 'cb.max_last_update': '2020-01-01T00:15:00Z', sort: 'last_update asc' }, profile);
    expect(uids(body.results)).toEqual(['P3-01', 'P1-01', 'P1-03']);
  });

  it('combines both bounds and accepts Python str(datetime) values', () => {
    const body = runSearch(
      SEGS,
      { 'cb.min_last_update': '2020-01-01 00:10:00', 'cb.max_last_update': '2020-01-01T00:20:00Z', sort: 'last_update asc' },
      profile,
    );
    expect(uids(body.results)).toEqual(['P1-01', 'P1-03', 'P1-02']);
  });

  it('server-clock bounds use last_server_update', () => {
    const min = runSearch(SEGS, { 'cb.min_last_server_update': '2020-01-01T00:25:05Z' }, profile);
    expect(uids(min.results)).toEqual(['P1-02', 'P2-01']);
    const max = runSearch(SEGS, { 'cb.max_last_server_update': '2020-01-01T00:10:05Z' }, profile);
    expect(uids(max.results)).toEqual(['P1-01']);
  });

  it('rejects unparsable bound times', () => {
    expect(() => runSearch(SEGS, { 'cb.min_last_update': 'yesterday' }, profile)).toThrow(SearchParamError);
  });

  it('cb.fq.<field> is a literal filter (HEAD alert refresh uses cb.fq.unique_id)', () => {
    expect(uids(runSearch(SEGS, { 'cb.fq.unique_id': 'P1-03' }, profile).results)).toEqual(['P1-03']);
    expect(runSearch(SEGS, { 'cb.fq.unique_id': 'P1-0*' }, profile).total_results).toBe(0);
  });
});

describe('binary, alert and threat report profiles', () => {
  const binaries = [
    {
      md5: 'F2C7BB8ACC97F92E987A2D4087D021B1',
      original_filename: 'NOTEPAD.EXE',
      observed_filename: ['c:\\windows\\system32\\notepad.exe'],
      server_added_timestamp: '2013-08-16T11:26:48.321Z',
      endpoint: ['WIN-EP7RMLTCLAJ|2'],
      digsig_result: 'Signed',
      company_name: 'Microsoft Corporation',
    },
    {
      md5: '6D778E0F95447E6546553EEEA709D03C',
      original_filename: 'Cmd.Exe',
      observed_filename: ['c:\\windows\\system32\\cmd.exe'],
      server_added_timestamp: '2014-01-13T14:49:55.189Z',
      endpoint: ['WIN-A|1', 'WIN-B|3'],
      digsig_result: 'Signed',
      company_name: 'Microsoft Corporation',
    },
    { md5: '00000000000000000000000000000001', original_filename: 'evil.exe', server_added_timestamp: '2015-01-01T00:00:00Z', digsig_result: 'Unsigned' },
  ];
  const bp = binaryProfile<(typeof binaries)[number]>();
  const md5s = (rows: unknown[]): string[] => (rows as Array<{ md5: string }>).map((r) => r.md5.slice(0, 4));

  it('binary: default sort server_added_timestamp desc, bare terms over filenames, computed hostname', () => {
    expect(md5s(runSearch(binaries, {}, bp).results)).toEqual(['0000', '6D77', 'F2C7']);
    expect(md5s(runSearch(binaries, { q: 'notepad.exe' }, bp).results)).toEqual(['F2C7']);
    expect(md5s(runSearch(binaries, { q: 'hostname:win-b' }, bp).results)).toEqual(['6D77']);
    expect(md5s(runSearch(binaries, { q: 'filename:cmd.exe' }, bp).results)).toEqual(['6D77']);
    expect(md5s(runSearch(binaries, { q: 'md5:f2c7bb8acc97f92e987a2d4087d021b1' }, bp).results)).toEqual(['F2C7']);
    expect(md5s(runSearch(binaries, { q: '-digsig_result:Signed' }, bp).results)).toEqual(['0000']);
    expect(md5s(runSearch(binaries, { q: 'company_name:microsoft' }, bp).results)).toEqual(['6D77', 'F2C7']);
  });

  it('binary: *_facet names facet the underlying fields', () => {
    const body = runSearch(binaries, { facet: 'true', 'facet.field': ['company_name_facet', 'digsig_result'], rows: '0' }, bp);
    expect(body.facets).toEqual({
      company_name_facet: [{ name: 'Microsoft Corporation', value: 2, percent: 100, ratio: 100 }],
      digsig_result: [
        { name: 'Signed', value: 2, percent: 100, ratio: 66.7 },
        { name: 'Unsigned', value: 1, percent: 50, ratio: 33.3 },
      ],
    });
  });

  it('alert: default sort created_time desc, typed fields', () => {
    const alerts = [
      { unique_id: 'a1', created_time: '2020-01-01T00:00:00Z', status: 'Unresolved', report_score: 75, is_ignored: false, hostname: 'WIN-A' },
      { unique_id: 'a2', created_time: '2020-01-03T00:00:00Z', status: 'Resolved', report_score: 100, is_ignored: true, hostname: 'WIN-B' },
      { unique_id: 'a3', created_time: '2020-01-02T00:00:00Z', status: 'In Progress', report_score: 50, is_ignored: false, hostname: 'WIN-A' },
    ];
    const ap = alertProfile<(typeof alerts)[number]>();
    const ids = (rows: unknown[]): string => (rows as typeof alerts).map((r) => r.unique_id).join(',');
    expect(ids(runSearch(alerts, {}, ap).results)).toBe('a2,a3,a1');
    expect(ids(runSearch(alerts, { q: 'status:"in progress" OR report_score:[80 TO *]' }, ap).results)).toBe('a2,a3');
    expect(ids(runSearch(alerts, { q: 'is_ignored:false win-a' }, ap).results)).toBe('a3,a1');
    expect(ids(runSearch(alerts, { 'cb.fq.unique_id': 'a1' }, ap).results)).toBe('a1');
  });

  it('threat report: default sort severity_score desc (= score), IOC values searchable', () => {
    const reports = [
      { id: 'r1', feed_id: 7, title: 'Emotet dropper', score: 40, iocs: { md5: ['aa11'] } },
      { id: 'r2', feed_id: 7, title: 'Cobalt Strike beacon', score: 90, iocs: { ipv4: ['1.2.3.4'], dns: ['evil.example'] } },
    ];
    const tp = threatReportProfile<(typeof reports)[number]>();
    const ids = (rows: unknown[]): string => (rows as typeof reports).map((r) => r.id).join(',');
    expect(ids(runSearch(reports, {}, tp).results)).toBe('r2,r1');
    expect(ids(runSearch(reports, { q: 'evil.example' }, tp).results)).toBe('r2');
    expect(ids(runSearch(reports, { q: 'title:emotet' }, tp).results)).toBe('r1');
    expect(ids(runSearch(reports, { q: 'feed_id:7', sort: 'score asc' }, tp).results)).toBe('r1,r2');
  });
});
