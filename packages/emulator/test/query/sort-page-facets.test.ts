import { describe, expect, it } from 'vitest';
import {
  computeFacets,
  paginate,
  parseSortSpec,
  processSchema,
  PROCESS_FACETS,
  BINARY_FACETS,
  SearchParamError,
  sortDocs,
  sortedWindow,
} from '../../src/query/index.js';
import { PROCS, type ProcDoc } from './fixtures.js';

const schema = processSchema<ProcDoc>();

describe('parseSortSpec', () => {
  it('parses single and multiple keys, defaulting to ascending', () => {
    expect(parseSortSpec('last_update desc')).toEqual([{ field: 'last_update', direction: 'desc' }]);
    expect(parseSortSpec('start')).toEqual([{ field: 'start', direction: 'asc' }]);
    expect(parseSortSpec(' a ASC ,b desc ')).toEqual([
      { field: 'a', direction: 'asc' },
      { field: 'b', direction: 'desc' },
    ]);
    expect(parseSortSpec('  ')).toEqual([]);
  });

  it('rejects unknown directions', () => {
    expect(() => parseSortSpec('start sideways')).toThrow(SearchParamError);
    expect(() => parseSortSpec('start asc extra')).toThrow(SearchParamError);
  });
});

describe('sortDocs', () => {
  const rows = [
    { id: 1, host: 'b', n: 2, t: '2020-01-02T00:00:00Z' },
    { id: 2, host: 'a', n: 1, t: '2020-01-01T00:00:00Z' },
    { id: 3, host: 'B', n: 2, t: '2020-01-03T00:00:00Z' },
    { id: 4, host: 'a', n: 3 },
    { id: 5, host: 'c', n: 2, t: '2020-01-02T00:00:00Z' },
  ];
  const rowSchema = {
    fields: { host: { type: 'keyword' as const }, n: { type: 'int' as const }, t: { type: 'date' as const } },
    defaultFields: [],
  };
  const ids = (xs: Array<{ id: number }>): number[] => xs.map((x) => x.id);

  it('is stable for equal keys in both directions', () => {
    expect(ids(sortDocs(rows, 'n asc', rowSchema))).toEqual([2, 1, 3, 5, 4]);
    expect(ids(sortDocs(rows, 'n desc', rowSchema))).toEqual([4, 1, 3, 5, 2]);
  });

  it('sorts on several keys; keyword fields compare case-insensitively', () => {
    expect(ids(sortDocs(rows, 'host asc, n desc', rowSchema))).toEqual([4, 2, 1, 3, 5]);
  });

  it('puts documents without a value last in either direction', () => {
    expect(ids(sortDocs(rows, 't asc', rowSchema))).toEqual([2, 1, 5, 3, 4]);
    expect(ids(sortDocs(rows, 't desc', rowSchema))).toEqual([3, 1, 5, 2, 4]);
  });

  it('does not mutate its input and keeps order for an empty spec', () => {
    const copy = rows.slice();
    expect(ids(sortDocs(rows, '', rowSchema))).toEqual([1, 2, 3, 4, 5]);
    sortDocs(rows, 'n desc', rowSchema);
    expect(rows).toEqual(copy);
  });

  it('sorts process segments by typed dates (default last_update desc)', () => {
    expect(sortDocs(PROCS, 'last_update desc', schema).map((p) => p.id.slice(5)).join('')).toBe('fedbcagh');
  });

  it('selects a page with a bounded heap exactly like a full stable sort', () => {
    // Many duplicate keys so stability is exercised; n > 1024 triggers the heap path.
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const big = Array.from({ length: 5000 }, (_, i) => ({ id: i, n: Math.floor(rand() * 50), t: rand() < 0.1 ? undefined : Math.floor(rand() * 20) }));
    const bigSchema = { fields: { n: { type: 'int' as const }, t: { type: 'int' as const } }, defaultFields: [] };
    const keys = parseSortSpec('n desc, t asc');
    const full = sortDocs(big, keys, bigSchema);
    expect(ids(sortedWindow(big, keys, 100, 130, bigSchema))).toEqual(ids(full.slice(100, 130)));
    expect(ids(sortedWindow(big, keys, 0, 10, bigSchema))).toEqual(ids(full.slice(0, 10)));
    expect(sortedWindow(big, keys, 4990, 6000, bigSchema)).toHaveLength(10);
  });
});

describe('paginate', () => {
  const caps = { maxRows: 100, maxResultWindow: 1000 };

  it('returns the requested slice', () => {
    expect(paginate(50, 10, 10, caps)).toEqual({ start: 10, rows: 10, from: 10, to: 20, capped: false });
  });

  it('returns a short last page', () => {
    expect(paginate(25, 20, 10, caps)).toMatchObject({ from: 20, to: 25, capped: false });
  });

  it('returns an empty page when start is beyond the total', () => {
    expect(paginate(5, 10, 10, caps)).toMatchObject({ start: 10, from: 10, to: 10, capped: false });
    expect(paginate(5, 5, 10, caps)).toMatchObject({ from: 5, to: 5 });
  });

  it('treats rows=0 as a count-only request', () => {
    expect(paginate(5, 0, 0, caps)).toMatchObject({ rows: 0, from: 0, to: 0, capped: false });
  });

  it('clamps rows to maxRows silently', () => {
    expect(paginate(500, 0, 250, caps)).toEqual({ start: 0, rows: 100, from: 0, to: 100, capped: true });
  });

  it('truncates at the result window but keeps the start', () => {
    expect(paginate(5000, 995, 10, caps)).toMatchObject({ from: 995, to: 1000, capped: true });
    expect(paginate(5000, 1000, 10, caps)).toMatchObject({ start: 1000, from: 1000, to: 1000, capped: true });
    expect(paginate(5000, 4000, 10, caps)).toMatchObject({ from: 4000, to: 4000, capped: true });
    // Within the window and past the total: not a cap.
    expect(paginate(900, 950, 10, caps)).toMatchObject({ from: 950, to: 950, capped: false });
  });

  it('has no caps unless given', () => {
    expect(paginate(1_000_000, 999_990, 50)).toMatchObject({ from: 999_990, to: 1_000_000, capped: false });
  });
});

describe('computeFacets', () => {
  const NOW = Date.parse('2020-02-11T12:00:00Z');

  it('returns name/value/percent/ratio sorted by count then name', () => {
    const docs = [
      { process_name: 'cmd.exe' },
      { process_name: 'cmd.exe' },
      { process_name: 'cmd.exe' },
      { process_name: 'net.exe' },
      { process_name: 'chrome.exe' },
      { process_name: 'net.exe' },
      {},
    ];
    expect(computeFacets(docs, ['process_name'])).toEqual({
      process_name: [
        { name: 'cmd.exe', value: 3, percent: 100, ratio: 50 },
        { name: 'net.exe', value: 2, percent: 67, ratio: 33.3 },
        { name: 'chrome.exe', value: 1, percent: 33, ratio: 16.7 },
      ],
    });
  });

  it('counts each distinct array element once per document and caps terms at 200', () => {
    const docs = [{ g: ['x', 'y', 'x'] }, { g: ['y'] }];
    expect(computeFacets(docs, ['g']).g).toEqual([
      { name: 'y', value: 2, percent: 100, ratio: 66.7 },
      { name: 'x', value: 1, percent: 50, ratio: 33.3 },
    ]);
    const many = Array.from({ length: 250 }, (_, i) => ({ v: `v${String(i).padStart(3, '0')}` }));
    expect(computeFacets(many, ['v']).v).toHaveLength(200);
  });

  it('maps path_full to path and builds the process histograms', () => {
    const f = computeFacets(PROCS, ['path_full', 'host_type', 'start', 'hour_of_day', 'day_of_week'], {
      schema,
      specs: PROCESS_FACETS,
      now: NOW,
    });
    // All counts tie at 1, so names come in index (code unit) order: upper-case first.
    expect(f.path_full[0]).toEqual({ name: 'C:\\Temp\\Notepad.EXE', value: 1, percent: 100, ratio: 12.5 });
    expect(f.path_full).toHaveLength(8);
    expect(f.host_type).toEqual([
      { name: 'workstation', value: 6, percent: 100, ratio: 75 },
      { name: 'server', value: 2, percent: 33, ratio: 25 },
    ]);
    // Last 30 days up to and including "today" (2020-02-11): b and c started on 2020-02-10.
    expect(f.start).toHaveLength(30);
    expect(f.start[0].name).toBe('2020-01-13T00:00:00Z');
    expect(f.start[29]).toEqual({ name: '2020-02-11T00:00:00Z', value: 0, percent: 0, ratio: 0 });
    expect(f.start[28]).toEqual({ name: '2020-02-10T00:00:00Z', value: 2, percent: 100, ratio: 100 });
    expect(f.hour_of_day).toHaveLength(24);
    expect(f.hour_of_day[8]).toEqual({ name: '8', value: 2, percent: 100, ratio: 25 });
    expect(f.hour_of_day.reduce((s, e) => s + e.value, 0)).toBe(8);
    expect(f.day_of_week.map((e) => e.name)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    // 2020-02-10 was a Monday.
    expect(f.day_of_week[1].value).toBe(2);
  });

  it('builds monthly binary signing-time buckets', () => {
    const docs = [{ digsig_sign_time: '2019-12-14T09:07:00Z' }, { digsig_sign_time: '2009-07-14T10:17:00Z' }];
    const f = computeFacets(docs, ['digsig_sign_time', 'company_name_facet'], { specs: BINARY_FACETS, now: NOW });
    expect(f.digsig_sign_time).toHaveLength(48);
    expect(f.digsig_sign_time[47].name).toBe('2020-02-01T00:00:00Z');
    expect(f.digsig_sign_time[45]).toEqual({ name: '2019-12-01T00:00:00Z', value: 1, percent: 100, ratio: 100 });
    expect(f.company_name_facet).toEqual([]);
  });
});
