// The column-level process search (row indices, readers, dictionaries, cached rankings, event
// index) must answer exactly like the old search over materialised rows (bench/naive-search.ts):
// same JSON bytes apart from `elapsed`, same errors, for a table of queries on small and medium.
import { describe, expect, it } from 'vitest';
import { naiveSearch, withServerLimits } from '../../bench/naive-search.js';
import { createState } from '../../src/data/index.js';
import type { EmulatorState } from '../../src/data/types.js';
import { runSearch } from '../../src/query/index.js';
import { processSearch } from '../../src/routes/process-search.js';

type Params = Record<string, string | string[]>;

function toParams(p: Params): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) for (const x of Array.isArray(v) ? v : [v]) out.append(k, x);
  return out;
}

function answer(run: () => unknown): string {
  try {
    const { elapsed: _elapsed, ...body } = run() as Record<string, unknown>;
    return JSON.stringify(body);
  } catch (err) {
    return `throws ${(err as Error).constructor.name}: ${(err as Error).message}`;
  }
}

function compare(state: EmulatorState, p: Params): void {
  // One reference time for both (relative dates, date facets).
  const now = state.epochMs;
  const params = toParams(p);
  const s = processSearch(state);
  const fast = answer(() => runSearch(s.docs, params, withServerLimits(state, s.profile), { now }));
  const slow = answer(() => naiveSearch(state, params, { now }));
  if (fast !== slow) expect(fast.slice(0, 2000), JSON.stringify(p)).toBe(slow.slice(0, 2000));
  expect(fast === slow, JSON.stringify(p)).toBe(true);
}

/** Queries built from the data so that every clause kind matches something. */
function queries(state: EmulatorState): Params[] {
  const store = state.processes;
  const mid = store.row(Math.floor(store.rowCount / 2));
  const tagged = [...store.rows()].find((r) => Object.keys(r).some((k) => k.startsWith('alliance_score_')));
  const allianceKey = tagged ? Object.keys(tagged).find((k) => k.startsWith('alliance_score_'))! : 'alliance_score_none';
  const watchKey = tagged ? (Object.keys(tagged).find((k) => k.startsWith('watchlist_') && k !== 'watchlists') ?? 'watchlist_1') : 'watchlist_1';
  const host = mid.hostname;
  const rows = '25';
  return [
    {},
    { rows },
    { rows, start: '40' },
    { rows: '0' },
    { rows, start: String(store.rowCount - 5) },
    { rows, start: String(store.rowCount + 5) },
    { rows: '20000' },
    { rows, sort: 'start asc' },
    { rows, sort: 'process_name asc, start desc' },
    { rows, sort: 'hostname desc, last_update asc', start: '30' },
    { rows, sort: 'process_pid asc' },
    { rows, sort: 'terminated desc, segment_id asc' },
    { rows, sort: 'comms_ip asc, id desc' },
    { rows, sort: `${allianceKey} desc` },
    { rows, sort: 'no_such_field asc' },
    { rows, sort: ' , ' },
    { rows, sort: 'start sideways' },
    { q: 'process_name:svchost.exe', rows },
    { q: 'process_name:SVCHOST.EXE', rows, start: '10', sort: 'start asc' },
    { q: 'process_name:svc*', rows },
    { q: 'process_name:(cmd.exe OR powershell.exe) -username:system', rows },
    { q: `hostname:${host}`, rows, sort: 'process_name asc' },
    { q: `hostname:${host} AND NOT process_name:svchost.exe`, rows },
    { q: 'path:system32\\cmd.exe', rows },
    { q: 'path:c:\\windows\\*', rows, start: '5' },
    { q: 'cmdline:-k', rows },
    { q: 'cmdline:"netsvcs"', rows },
    { q: 'username:system', rows },
    { q: 'svchost.exe', rows },
    { q: mid.process_md5, rows },
    { q: `md5:${mid.process_md5.toUpperCase()}`, rows },
    { q: `parent_name:${mid.parent_name || 'services.exe'}`, rows },
    { q: `parent_md5:${mid.parent_md5}`, rows },
    { q: `id:${mid.id}`, rows },
    { q: `process_id:${mid.id.toUpperCase()}`, rows },
    { q: `unique_id:${mid.unique_id}`, rows },
    { q: `parent_id:${mid.parent_id || mid.id}`, rows },
    { q: `sensor_id:${mid.sensor_id}`, rows },
    { q: `group:"${mid.group}"`, rows },
    { q: 'host_type:server OR os_type:linux', rows },
    { q: 'terminated:true', rows },
    { q: 'segment_id:[2 TO *]', rows },
    { q: 'netconn_count:[1 TO 5] AND filemod_count:{0 TO *]', rows },
    { q: `start:[* TO ${mid.start}]`, rows },
    { q: `last_update:${mid.last_update.slice(0, 10)}`, rows },
    { q: 'start:-30d', rows },
    { q: 'last_server_update:[2000-01-01 TO 2100-01-01]', rows },
    { q: 'comms_ip:10.0.0.0/8', rows },
    { q: 'interface_ip:[0.0.0.0 TO 200.0.0.0]', rows },
    { q: 'process_pid:[100 TO 2000]', rows },
    { q: 'digsig_result:*', rows },
    { q: 'cmdline:*', rows: '5' },
    { q: `${allianceKey}:[1 TO *]`, rows },
    { q: `${watchKey}:*`, rows },
    { q: 'no_such_field:x', rows },
    { q: 'emet_count:0 AND filtering_known_dlls:false', rows: '3' },
    { q: 'filemod:temp', rows },
    { q: 'filemod:*.tmp', rows, start: '3' },
    { q: 'filemod:temp AND process_name:svchost.exe', rows },
    { q: '-filemod:temp', rows },
    { q: 'filewrite_md5:*', rows },
    { q: 'modload:kernel32.dll', rows, sort: 'start asc' },
    { q: 'modload:system32\\ntdll.dll OR regmod:services', rows },
    { q: 'modload_md5:*', rows: '5' },
    { q: 'regmod:*run*', rows },
    { q: 'childproc_name:cmd.exe', rows },
    { q: 'childproc_md5:*', rows },
    { q: 'crossproc_name:lsass.exe', rows },
    { q: 'crossproc_md5:*', rows },
    { q: 'domain:*.com', rows },
    { q: 'ipaddr:0.0.0.0/0', rows },
    { q: 'ipport:443', rows },
    { q: 'ipport:[1 TO 1024]', rows },
    { q: ['process_name:svchost.exe', 'filemod:*'], rows },
    { q: '*', rows },
    { q: '*:*', rows, start: '7' },
    { q: 'process_name:(cmd.exe', rows },
    { q: 'start:notadate', rows },
    { q: 'ipaddr:not.an.ip', rows },
    { 'cb.group': 'id', rows },
    { 'cb.group': 'id', rows, start: '50', sort: 'start asc' },
    { 'cb.group': 'id', rows, sort: 'process_name asc' },
    { 'cb.group': 'hostname', rows, sort: 'last_update asc' },
    { 'cb.group': 'process_name', rows: '100', sort: 'terminated desc' },
    { 'cb.group': 'parent_name', rows },
    // Tied tops whose order (first appearance of the group) differs from the tops' own order.
    { 'cb.group': 'process_name', rows: '100', sort: 'hostname desc' },
    { 'cb.group': 'username', rows: '100', sort: 'sensor_id desc' },
    { 'cb.group': 'cmdline', rows: '100', start: '20', sort: 'host_type desc, os_type asc' },
    { 'cb.group': 'segment_id', rows },
    { 'cb.group': 'filemod', rows: '10' },
    { 'cb.group': 'id', rows, sort: ' , ' },
    { 'cb.group': 'id', q: 'process_name:svchost.exe', rows },
    { 'cb.group': 'no_such_field', rows },
    { facet: 'true', rows: '0' },
    { facet: 'true', rows: '5', q: 'process_name:svchost.exe' },
    { facet: 'true', 'facet.field': ['process_name', 'username', 'path_full', 'terminated', 'sensor_id', 'segment_id'], rows: '0' },
    { facet: 'true', 'facet.field': ['filemod', 'domain', allianceKey, 'watchlists'], rows: '0', q: 'filemod_count:[1 TO *]' },
    { facet: 'true', 'cb.group': 'id', rows: '0' },
    { 'cb.min_last_update': mid.last_update, rows },
    { 'cb.max_last_update': mid.last_update, rows, sort: 'start asc' },
    { 'cb.min_last_server_update': mid.last_server_update, 'cb.max_last_server_update': mid.last_server_update, rows },
    { 'cb.min_last_update': 'garbage', rows },
    { 'cb.fq.unique_id': mid.unique_id, rows },
    { 'cb.fq.process_name': 'svchost.exe', 'cb.fq.hostname': host, rows },
    { start: '-1', rows },
    { rows: 'ten' },
  ];
}

describe.each([
  ['small', createState({ seed: 42, scale: 'small' })],
  ['small 5.x', createState({ seed: 7, scale: 'small', serverVersion: '5.1.1.60603' })],
  ['medium', createState({ seed: 42, scale: 'medium' })],
])('process search over the column store equals the materialised-row search (%s)', (_label, state) => {
  for (const p of queries(state)) {
    it(JSON.stringify(p).slice(0, 140), () => compare(state, p));
  }

  it('gives the same answers when repeated (cached rankings, dictionaries and clause bitsets)', () => {
    for (const p of queries(state).slice(0, 30)) compare(state, p);
  });
});
