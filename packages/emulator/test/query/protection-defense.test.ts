import { describe, expect, it } from 'vitest';
import {
  compileDefenseFilters,
  compileProtectionFilters,
  parseProtectionCondition,
  runDefenseQuery,
  runProtectionQuery,
  SearchParamError,
  type ProtectionSchema,
} from '../../src/query/index.js';

const NOW = Date.parse('2022-01-01T00:30:00Z');

interface FileDoc {
  id: number;
  fileName: string | null;
  computerId: number;
  prevalence: number;
  dateCreated?: string;
  deleted: boolean;
  flags: number;
  computerTag?: string;
}

const FILES: FileDoc[] = [
  { id: 1, fileName: 'notepad.exe', computerId: 3, prevalence: 10, dateCreated: '2017-01-01T10:00:00Z', deleted: false, flags: 5 },
  { id: 2, fileName: 'Test1.exe', computerId: 5, prevalence: 1, dateCreated: '2021-12-31T20:00:00Z', deleted: false, flags: 4, computerTag: 'kiosk' },
  { id: 3, fileName: 'test2.EXE', computerId: 7, prevalence: 3, dateCreated: '2020-06-01T00:00:00Z', deleted: true, flags: 3 },
  { id: 4, fileName: 'calc.exe', computerId: 6, prevalence: 100, dateCreated: '2021-12-31T23:00:00Z', deleted: false, flags: 0, computerTag: '' },
  { id: 5, fileName: null, computerId: 10, prevalence: 7, deleted: false, flags: 8 },
];

const SCHEMA: ProtectionSchema = {
  fields: { fileName: 'string', computerId: 'int', prevalence: 'int', dateCreated: 'date', deleted: 'bool', flags: 'int', computerTag: 'string' },
};

function ids(qs: string[], schema: ProtectionSchema | undefined = SCHEMA): number[] {
  const pred = compileProtectionFilters<FileDoc>(qs, schema, { now: NOW });
  return FILES.filter(pred).map((f) => f.id);
}

// [q parameters, expected ids] – with declared types and (second run) with inferred types.
const CASES: Array<[string[], number[]]> = [
  [['fileName:notepad.exe'], [1]],
  [['fileName:NOTEPAD.EXE'], [1]],
  [['fileName:test*'], [2, 3]],
  [['fileName:*.exe'], [1, 2, 3, 4]],
  [['fileName:test1.exe|test2.exe'], [2, 3]],
  [['fileName!test1.exe|test2.exe'], [1, 4, 5]],
  [['fileName!notepad.exe'], [2, 3, 4, 5]],
  [['fileName>m'], [1, 2, 3]],
  [['computerId>5'], [3, 4, 5]],
  [['computerId<5'], [1]],
  [['computerId:5'], [2]],
  [['computerId:5|7'], [2, 3]],
  [['computerId!5'], [1, 3, 4, 5]],
  [['deleted:false'], [1, 2, 4, 5]],
  [['deleted:true'], [3]],
  [['flags+4'], [1, 2]],
  [['flags+5'], [1]],
  [['flags-4'], [3, 4, 5]],
  [['flags-1|2'], [2, 4, 5]],
  [['computerTag!'], [2]],
  [['computerTag:'], [1, 3, 4, 5]],
  [['computerTag:kiosk|'], [1, 2, 3, 4, 5]],
  [['fileName:calc.exe|'], [4, 5]],
  [['dateCreated>-10h'], [2, 4]],
  [['dateCreated>-7200s'], [4]],
  [['dateCreated<2018-01-01'], [1]],
  [['deleted:false', 'fileName:*.exe'], [1, 2, 4]],
  [[], [1, 2, 3, 4, 5]],
];

describe('Cb Protection q= filters', () => {
  it.each(CASES)('%j → %j (declared types)', (qs, expected) => {
    expect(ids(qs)).toEqual(expected);
  });

  it.each(CASES)('%j → %j (types inferred from values)', (qs, expected) => {
    expect(ids(qs, undefined)).toEqual(expected);
  });

  it('parses field, operator and alternatives', () => {
    expect(parseProtectionCondition('fileName:a.exe|b.exe')).toEqual({ field: 'fileName', op: ':', values: ['a.exe', 'b.exe'] });
    expect(parseProtectionCondition('computerTag!')).toEqual({ field: 'computerTag', op: '!', values: [''] });
    expect(parseProtectionCondition('dateCreated>-10h')).toEqual({ field: 'dateCreated', op: '>', values: ['-10h'] });
  });

  it('matches declared field names case-insensitively and rejects unknown ones when strict', () => {
    expect(ids(['FILENAME:calc.exe'])).toEqual([4]);
    expect(() => ids(['bogus:1'], { ...SCHEMA, strict: true })).toThrow(SearchParamError);
    expect(() => ids(['fileName'])).toThrow(/Invalid condition/);
  });
});

describe('runProtectionQuery', () => {
  const many = Array.from({ length: 1500 }, (_, i) => ({ id: i, n: i % 3 }));
  const rowIds = (r: ReturnType<typeof runProtectionQuery<{ id: number }>>): number[] =>
    r.kind === 'rows' ? r.body.map((x) => x.id) : [];

  it('limit=-1 returns only the count', () => {
    expect(runProtectionQuery(FILES, { q: 'deleted:false', limit: '-1', offset: '3' }, SCHEMA)).toEqual({ kind: 'count', body: { count: 4 } });
  });

  it('no limit returns the first 1000 rows; limit=0 returns all rows and ignores offset', () => {
    const first = runProtectionQuery(many, {});
    expect(first.kind === 'rows' && first.body.length).toBe(1000);
    const all = runProtectionQuery(many, { limit: '0', offset: '100' });
    expect(all.kind === 'rows' && all.body.length).toBe(1500);
    expect(rowIds(runProtectionQuery(many, { offset: '10', limit: '3' }))).toEqual([10, 11, 12]);
    expect(rowIds(runProtectionQuery(many, { offset: '1499', limit: '3' }))).toEqual([1499]);
  });

  it('sorts by one field, ASC by default, strings case-insensitive with empty values first', () => {
    expect(rowIds(runProtectionQuery(FILES, { sort: 'fileName' }, SCHEMA))).toEqual([5, 4, 1, 2, 3]);
    expect(rowIds(runProtectionQuery(FILES, { sort: 'prevalence DESC' }, SCHEMA))).toEqual([4, 1, 5, 3, 2]);
    expect(rowIds(runProtectionQuery(FILES, { sort: 'deleted desc', limit: '2' }, SCHEMA))).toEqual([3, 1]);
  });

  it('group=<field> returns value/count pairs sorted by value', () => {
    expect(runProtectionQuery(FILES, { group: 'deleted' }, SCHEMA)).toEqual({
      kind: 'groups',
      body: [
        { value: false, count: 4 },
        { value: true, count: 1 },
      ],
    });
  });

  it('rejects malformed paging and sort parameters', () => {
    expect(() => runProtectionQuery(FILES, { limit: 'abc' })).toThrow(SearchParamError);
    expect(() => runProtectionQuery(FILES, { limit: '-2' })).toThrow(SearchParamError);
    expect(() => runProtectionQuery(FILES, { offset: '-1' })).toThrow(SearchParamError);
    expect(() => runProtectionQuery(FILES, { sort: 'fileName UP' })).toThrow(SearchParamError);
  });
});

describe('Cb Defense key=value filters', () => {
  const DEVICES = [
    { deviceId: 1, name: 'WIN-IA9NQ1GN8OI', lastInternalIpAddress: '192.168.215.150', lastExternalIpAddress: '1.2.3.4', email: 'bob@example.com', assignedToName: 'Bob Smith' },
    { deviceId: 2, name: 'WIN-IA9NQ1GN8OI-2', lastInternalIpAddress: '192.168.215.151', email: 'alice@example.com' },
    { deviceId: 3, name: 'mac-laptop', lastInternalIpAddress: '10.0.0.1', email: 'carol@example.com' },
  ];
  const dev = (params: Record<string, string>): number[] =>
    DEVICES.filter(compileDefenseFilters<(typeof DEVICES)[number]>(params, 'device')).map((d) => d.deviceId);

  it('device filters from the docs and the v3 API', () => {
    expect(dev({ hostNameExact: 'WIN-IA9NQ1GN8OI' })).toEqual([1]);
    expect(dev({ hostNameExact: 'win-ia9nq1gn8oi' })).toEqual([1]);
    expect(dev({ hostName: 'IA9' })).toEqual([1, 2]);
    expect(dev({ hostNameExact: 'WIN-IA9NQ1GN8OI', ipAddress: '192.168.215.150' })).toEqual([1]);
    expect(dev({ ipAddress: '1.2.3.4' })).toEqual([1]);
    expect(dev({ ownerName: 'alice' })).toEqual([2]);
    expect(dev({ ownerNameExact: 'bob@example.com' })).toEqual([1]);
    expect(dev({ somethingElse: 'x', rows: '1' })).toEqual([1, 2, 3]);
  });

  it('keeps the last value of a repeated key', () => {
    const p = new URLSearchParams('hostNameExact=mac-laptop&hostNameExact=WIN-IA9NQ1GN8OI');
    expect(DEVICES.filter(compileDefenseFilters(p, 'device')).map((d) => d.deviceId)).toEqual([1]);
  });

  it('pages 1-based and answers limit=0 with the count only', () => {
    const page = (params: Record<string, string>): number[] => runDefenseQuery(DEVICES, params, 'device').results.map((d) => d.deviceId);
    expect(page({ rows: '2' })).toEqual([1, 2]);
    expect(page({ rows: '2', start: '3' })).toEqual([3]);
    expect(page({ rows: '100', start: '2' })).toEqual([2, 3]);
    expect(page({ start: '0' })).toEqual([1, 2, 3]);
    expect(runDefenseQuery(DEVICES, { limit: '0', hostName: 'win' }, 'device')).toEqual({ results: [], totalResults: 2 });
    expect(runDefenseQuery(DEVICES, { rows: '1', start: '9' }, 'device')).toEqual({ results: [], totalResults: 3 });
  });

  const EVENTS = [
    { eventId: 'e1', eventTime: NOW - 30 * 60_000, eventType: 'NETWORK', deviceDetails: { deviceName: 'WIN-A', deviceIpAddress: '10.0.0.5', email: 'bob@x' }, selectedApp: { sha256Hash: 'AB12', applicationName: 'chrome.exe' } },
    { eventId: 'e2', eventTime: NOW - 2 * 86_400_000, eventType: 'FILE_CREATE', deviceDetails: { deviceName: 'WIN-B' }, selectedApp: { applicationName: 'notepad.exe' } },
    { eventId: 'e3', eventTime: NOW - 10 * 86_400_000, eventType: 'NETWORK', deviceDetails: { deviceName: 'WIN-A' } },
  ];
  const ev = (params: Record<string, string>): string[] =>
    EVENTS.filter(compileDefenseFilters<(typeof EVENTS)[number]>(params, 'event', { now: NOW })).map((e) => e.eventId);

  it('event filters, searchWindow and start/end times', () => {
    expect(ev({ hostNameExact: 'win-a' })).toEqual(['e1', 'e3']);
    expect(ev({ eventType: 'NETWORK', ipAddress: '10.0.0.5' })).toEqual(['e1']);
    expect(ev({ sha256hash: 'ab12' })).toEqual(['e1']);
    expect(ev({ applicationName: 'notepad.exe' })).toEqual(['e2']);
    expect(ev({ searchWindow: '1h' })).toEqual(['e1']);
    expect(ev({ searchWindow: '1w' })).toEqual(['e1', 'e2']);
    expect(ev({ searchWindow: '2w' })).toEqual(['e1', 'e2', 'e3']);
    expect(ev({ startTime: '2021-12-25T00:00:00Z' })).toEqual(['e1', 'e2']);
    expect(ev({ endTime: String(NOW - 86_400_000) })).toEqual(['e2', 'e3']);
    expect(() => ev({ searchWindow: '5m' })).toThrow(SearchParamError);
  });
});
