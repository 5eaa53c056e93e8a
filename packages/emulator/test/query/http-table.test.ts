// Query semantics over HTTP: a table of queries sent with plain fetch as
// `GET /api/v1/process?q=...` and `GET /api/v1/binary?q=...`, each checked against the hits
// computed here, straight from the seeded state with plain JavaScript (no query engine), by
// the rules of response.md / src/query/README.md: keyword fields match whole values without
// regard to case, path fields by `\`-separated segments, text fields by words, ranges with
// their inclusive/exclusive ends, dates at their written precision (UTC), and the four
// cb.*_last_*update bounds against a segment's latest/earliest event times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BinaryDocument, ProcessDocument } from '../../src/index.js';
import { startTestServer, type TestServer } from '../server/helpers.js';

let t: TestServer;
let procs: ProcessDocument[];
let binaries: BinaryDocument[];
beforeAll(async () => {
  t = await startTestServer();
  procs = [...t.emu.state.processes.rows()];
  binaries = [...t.emu.state.binaries.values()];
});
afterAll(async () => {
  await t.close();
});

// --- independent expectations --------------------------------------------------------------

const lc = (s: string) => s.toLowerCase();
const is = (value: string) => (s: string | undefined) => s !== undefined && lc(s) === lc(value);
/** Path segments (`\` or `/` separated), lower case. */
const segments = (s: string) => lc(s).split(/[\\/]+/).filter(Boolean);
/** Command-line / text words: split on white space, path separators, quotes and punctuation. */
const words = (s: string) => lc(s).split(/[\s\\/"',;=|()]+/).filter(Boolean);
/** `needle` occurs as consecutive elements of `hay`. */
const hasRun = (hay: string[], needle: string[]) => hay.some((_, i) => needle.every((w, j) => hay[i + j] === w));
const ms = (iso: string) => Date.parse(iso.endsWith('Z') ? iso : `${iso}Z`);
/** Floor to the second: bounds written with second precision include that whole second. */
const sec = (iso: string) => Math.floor(ms(iso) / 1000) * 1000;

type ProcCase = [query: string, expected: (p: ProcessDocument) => boolean];
const name = (p: ProcessDocument) => lc(p.process_name);

const PROCESS_TABLE: ProcCase[] = [
  // field:value — whole keyword values, any case
  ['process_name:cmd.exe', (p) => name(p) === 'cmd.exe'],
  ['process_name:CMD.EXE', (p) => name(p) === 'cmd.exe'],
  ['hostname:wks-leg-5115', (p) => p.hostname === 'WKS-LEG-5115'],
  ['parent_name:explorer.exe', (p) => is('explorer.exe')(p.parent_name)],
  ['username:bit9rad', (p) => segments(p.username).includes('bit9rad')],
  ['group:"Default Group"', (p) => p.group === 'Default Group'],
  ['terminated:true', (p) => p.terminated],
  ['terminated:false', (p) => !p.terminated],
  // wildcards: trailing, leading, single character, inside
  ['process_name:svc*', (p) => name(p).startsWith('svc')],
  ['process_name:*host.exe', (p) => name(p).endsWith('host.exe')],
  ['process_name:svch?st.exe', (p) => /^svch.st\.exe$/.test(name(p))],
  ['process_name:net*.exe', (p) => /^net.*\.exe$/.test(name(p))],
  ['path:c:\\windows\\system32\\*', (p) => lc(p.path).startsWith('c:\\windows\\system32\\')],
  ['path:*\\appdata\\local\\temp\\*', (p) => lc(p.path).includes('\\appdata\\local\\temp\\')],
  ['path:system32\\cmd.exe', (p) => hasRun(segments(p.path), ['system32', 'cmd.exe'])],
  // quoted phrases: consecutive words / segments, in order; wildcards inside quotes are literal
  ['cmdline:"ipconfig /all"', (p) => hasRun(words(p.cmdline), ['ipconfig', 'all'])],
  ['cmdline:"/all ipconfig"', () => false],
  ['cmdline:"who*"', () => false],
  ['"net use"', (p) => hasRun(words(p.cmdline), ['net', 'use'])],
  ['path:"c:\\program files (x86)\\microsoft\\edge\\application\\msedge.exe"', (p) => lc(p.path) === 'c:\\program files (x86)\\microsoft\\edge\\application\\msedge.exe'],
  // a bare term searches the default fields
  [
    'whoami.exe',
    (p) =>
      [p.process_name, p.hostname, p.group, p.process_md5, p.parent_name].some(is('whoami.exe')) ||
      segments(p.username).includes('whoami.exe') ||
      segments(p.path).includes('whoami.exe') ||
      words(p.cmdline).includes('whoami.exe'),
  ],
  // AND / OR / NOT, implicit AND, -, +, && ||, parentheses, field groups; NOT > AND > OR
  ['process_name:cmd.exe AND hostname:WKS-LEG-5115', (p) => name(p) === 'cmd.exe' && p.hostname === 'WKS-LEG-5115'],
  ['process_name:cmd.exe hostname:WKS-LEG-5115', (p) => name(p) === 'cmd.exe' && p.hostname === 'WKS-LEG-5115'],
  ['process_name:cmd.exe && username:bit9rad', (p) => name(p) === 'cmd.exe' && p.username === 'bit9rad'],
  ['+process_name:svchost.exe +hostname:WKS-IT-0649', (p) => name(p) === 'svchost.exe' && p.hostname === 'WKS-IT-0649'],
  ['process_name:whoami.exe OR process_name:ipconfig.exe', (p) => ['whoami.exe', 'ipconfig.exe'].includes(name(p))],
  ['process_name:whoami.exe || process_name:ipconfig.exe', (p) => ['whoami.exe', 'ipconfig.exe'].includes(name(p))],
  ['process_name:(whoami.exe OR ipconfig.exe OR tasklist.exe)', (p) => ['whoami.exe', 'ipconfig.exe', 'tasklist.exe'].includes(name(p))],
  ['process_name:svchost.exe AND NOT hostname:WKS-LEG-5115', (p) => name(p) === 'svchost.exe' && p.hostname !== 'WKS-LEG-5115'],
  ['process_name:svchost.exe -hostname:WKS-LEG-5115', (p) => name(p) === 'svchost.exe' && p.hostname !== 'WKS-LEG-5115'],
  ['-process_name:svchost.exe', (p) => name(p) !== 'svchost.exe'],
  ['NOT process_name:svchost.exe', (p) => name(p) !== 'svchost.exe'],
  ['!process_name:svchost.exe hostname:WKS-OPS-6903', (p) => name(p) !== 'svchost.exe' && p.hostname === 'WKS-OPS-6903'],
  ['NOT (process_name:svchost.exe OR username:SYSTEM)', (p) => name(p) !== 'svchost.exe' && p.username !== 'SYSTEM'],
  ['(process_name:cmd.exe OR process_name:net.exe) -username:SYSTEM', (p) => ['cmd.exe', 'net.exe'].includes(name(p)) && p.username !== 'SYSTEM'],
  ['process_name:cmd.exe OR process_name:svchost.exe hostname:WKS-IT-0649', (p) => name(p) === 'cmd.exe' || (name(p) === 'svchost.exe' && p.hostname === 'WKS-IT-0649')],
  ['(process_name:cmd.exe OR process_name:svchost.exe) hostname:WKS-IT-0649', (p) => ['cmd.exe', 'svchost.exe'].includes(name(p)) && p.hostname === 'WKS-IT-0649'],
  // numeric ranges: inclusive [ ], exclusive { }, mixed, open ends
  ['modload_count:[10 TO *]', (p) => p.modload_count >= 10],
  ['modload_count:[1 TO 10}', (p) => p.modload_count >= 1 && p.modload_count < 10],
  ['filemod_count:{0 TO 3]', (p) => p.filemod_count > 0 && p.filemod_count <= 3],
  ['netconn_count:[* TO 0]', (p) => p.netconn_count <= 0],
  ['regmod_count:3', (p) => p.regmod_count === 3],
  ['modload_count:([* TO 0] OR [20 TO *])', (p) => p.modload_count <= 0 || p.modload_count >= 20],
  // date ranges at their written precision, UTC
  ['start:[2024-04-10T00:00:00 TO *]', (p) => ms(p.start) >= ms('2024-04-10T00:00:00Z')],
  ['start:[* TO 2024-04-01]', (p) => ms(p.start) < ms('2024-04-02T00:00:00Z')],
  ['start:{* TO 2024-04-01}', (p) => ms(p.start) < ms('2024-04-01T00:00:00Z')],
  ['last_update:[2024-04-10 TO 2024-04-12]', (p) => ms(p.last_update) >= ms('2024-04-10T00:00:00Z') && ms(p.last_update) < ms('2024-04-13T00:00:00Z')],
  ['start:2024-04-02', (p) => p.start.startsWith('2024-04-02')],
  // combinations and match-all
  [
    'process_name:svchost.exe AND modload_count:[10 TO *] AND -hostname:WKS-IT-0649',
    (p) => name(p) === 'svchost.exe' && p.modload_count >= 10 && p.hostname !== 'WKS-IT-0649',
  ],
  ['*:*', () => true],
  ['', () => true],
];

type BinCase = [query: string, expected: (b: BinaryDocument) => boolean];

const BINARY_TABLE: BinCase[] = [
  ['digsig_result:Unsigned', (b) => b.digsig_result === 'Unsigned'],
  ['-digsig_result:Signed', (b) => b.digsig_result !== 'Signed'],
  ['is_64bit:false', (b) => !b.is_64bit],
  ['original_filename:kernel*', (b) => lc(b.original_filename).startsWith('kernel')],
  ['original_filename:*.drv', (b) => lc(b.original_filename).endsWith('.drv')],
  ['original_filename:net?.exe', (b) => /^net.\.exe$/.test(lc(b.original_filename))],
  ['company_name:"Microsoft Corporation"', (b) => hasRun(words(b.company_name), ['microsoft', 'corporation'])],
  ['company_name:microsoft -digsig_result:Signed', (b) => words(b.company_name).includes('microsoft') && b.digsig_result !== 'Signed'],
  ['product_name:"PuTTY suite"', (b) => hasRun(words(b.product_name), ['putty', 'suite'])],
  ['observed_filename:c:\\windows\\system32\\*', (b) => b.observed_filename.some((f) => lc(f).startsWith('c:\\windows\\system32\\'))],
  ['observed_filename:*\\temp\\*', (b) => b.observed_filename.some((f) => lc(f).includes('\\temp\\'))],
  ['orig_mod_len:[1000000 TO *]', (b) => b.orig_mod_len >= 1_000_000],
  ['orig_mod_len:{* TO 50000}', (b) => b.orig_mod_len < 50_000],
  ['host_count:[2 TO 3]', (b) => b.host_count >= 2 && b.host_count <= 3],
  ['md5:B07D38BF6072325EFC9FA4439DCF0BD2 OR md5:b777c34f9057ff61d1110eafa3e20915', (b) => ['B07D38BF6072325EFC9FA4439DCF0BD2', 'B777C34F9057FF61D1110EAFA3E20915'].includes(b.md5)],
  ['(is_64bit:false OR host_count:1) AND orig_mod_len:[* TO 100000]', (b) => (!b.is_64bit || b.host_count === 1) && b.orig_mod_len <= 100_000],
  ['NOT (company_name:microsoft OR is_64bit:true)', (b) => !words(b.company_name).includes('microsoft') && !b.is_64bit],
  [
    'evil.exe',
    (b) =>
      [b.md5, b.original_filename, b.internal_name].some(is('evil.exe')) ||
      [b.product_name, b.company_name, b.file_desc, b.digsig_publisher].some((s) => words(s).includes('evil.exe')) ||
      b.observed_filename.some((f) => segments(f).includes('evil.exe')),
  ],
  ['*', () => true],
];

// --- HTTP -------------------------------------------------------------------------------------

interface Page<R> {
  results: R[];
  total_results: number;
  start: number;
}

async function search<R>(collection: 'process' | 'binary', params: Record<string, string>): Promise<Page<R>> {
  // Rows well above the small dataset, still under the server's 10,000-row page cap.
  const query = new URLSearchParams({ rows: '1000', start: '0', ...params });
  const res = await t.fetch(`${t.emu.url}/api/v1/${collection}?${query}`, { headers: { 'X-Auth-Token': t.emu.token } });
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(200);
  return JSON.parse(text) as Page<R>;
}

const sorted = (ids: string[]) => [...ids].sort();

describe('process search over HTTP', () => {
  it('has a table covering every syntax element', () => {
    expect(PROCESS_TABLE.length).toBeGreaterThanOrEqual(40);
    expect(procs.length).toBeLessThan(1000);
  });

  it.each(PROCESS_TABLE)('q=%s', async (q, expected) => {
    const want = procs.filter(expected).map((p) => p.unique_id);
    const page = await search<ProcessDocument>('process', { q });
    expect(page.total_results).toBe(want.length);
    expect(sorted(page.results.map((r) => r.unique_id))).toEqual(sorted(want));
  });

  it('answers most rows with neither nothing nor everything (the table discriminates)', () => {
    const partial = PROCESS_TABLE.filter(([, f]) => {
      const n = procs.filter(f).length;
      return n > 0 && n < procs.length;
    });
    expect(partial.length).toBeGreaterThanOrEqual(PROCESS_TABLE.length - 6);
  });

  it('counts processes, not segments, with cb.group=id', async () => {
    const q = 'process_name:svchost.exe';
    const want = new Set(procs.filter((p) => name(p) === 'svchost.exe').map((p) => p.id));
    const page = await search<ProcessDocument>('process', { q, 'cb.group': 'id' });
    expect(page.total_results).toBe(want.size);
    expect(new Set(page.results.map((r) => r.id))).toEqual(want);
    expect(page.results).toHaveLength(want.size);
  });

  it('pages one query with start/rows into exactly its hits', async () => {
    const q = 'process_name:svchost.exe -hostname:WKS-LEG-5115';
    const want = procs.filter((p) => name(p) === 'svchost.exe' && p.hostname !== 'WKS-LEG-5115').map((p) => p.unique_id);
    const seen: string[] = [];
    for (let start = 0; start < want.length; start += 13) {
      const page = await search<ProcessDocument>('process', { q, start: String(start), rows: '13', sort: 'start asc' });
      expect(page.total_results).toBe(want.length);
      seen.push(...page.results.map((r) => r.unique_id));
    }
    expect(seen).toHaveLength(want.length);
    expect(sorted(seen)).toEqual(sorted(want));
  });
});

describe('the four last-update bounds over HTTP', () => {
  /** A second-precision time at fraction `f` of the way through the rows' `field` values. */
  function at(field: 'last_update' | 'last_server_update', f: number): string {
    const times = procs.map((p) => ms(p[field])).sort((a, b) => a - b);
    return new Date(times[Math.floor(times.length * f)]!).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  // Each bound against the segment's event span: "has events at/after T" = latest >= T,
  // "has events at/before T" = earliest <= T (T written to the second covers that second).
  const after = (latest: string, T: string) => ms(latest) >= ms(T);
  const before = (earliest: string, T: string) => sec(earliest) <= ms(T);

  const cases: Array<[string, () => Record<string, string>, (p: ProcessDocument, params: Record<string, string>) => boolean]> = [
    ['cb.min_last_update', () => ({ 'cb.min_last_update': at('last_update', 0.5) }), (p, x) => after(p.max_last_update, x['cb.min_last_update']!)],
    ['cb.max_last_update', () => ({ 'cb.max_last_update': at('last_update', 0.4) }), (p, x) => before(p.min_last_update, x['cb.max_last_update']!)],
    [
      'cb.min_last_server_update',
      () => ({ 'cb.min_last_server_update': at('last_server_update', 0.7) }),
      (p, x) => after(p.max_last_server_update, x['cb.min_last_server_update']!),
    ],
    [
      'cb.max_last_server_update',
      () => ({ 'cb.max_last_server_update': at('last_server_update', 0.3) }),
      (p, x) => before(p.min_last_server_update, x['cb.max_last_server_update']!),
    ],
    [
      'cb.min_last_update + cb.max_last_update (a window)',
      () => ({ 'cb.min_last_update': at('last_update', 0.3), 'cb.max_last_update': at('last_update', 0.6) }),
      (p, x) => after(p.max_last_update, x['cb.min_last_update']!) && before(p.min_last_update, x['cb.max_last_update']!),
    ],
    [
      'cb.min_last_server_update + cb.max_last_server_update with q',
      () => ({ q: 'process_name:svchost.exe', 'cb.min_last_server_update': at('last_server_update', 0.2), 'cb.max_last_server_update': at('last_server_update', 0.8) }),
      (p, x) =>
        name(p) === 'svchost.exe' && after(p.max_last_server_update, x['cb.min_last_server_update']!) && before(p.min_last_server_update, x['cb.max_last_server_update']!),
    ],
    [
      "cb.min_last_update in Python's str(datetime) form",
      () => ({ 'cb.min_last_update': at('last_update', 0.5).replace('T', ' ').replace('Z', '') }),
      (p, x) => after(p.max_last_update, `${x['cb.min_last_update']!.replace(' ', 'T')}Z`),
    ],
  ];

  it.each(cases)('%s', async (_label, params, expected) => {
    const x = params();
    const want = procs.filter((p) => expected(p, x)).map((p) => p.unique_id);
    // The bound must cut the data: neither nothing nor everything.
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(procs.length);
    const page = await search<ProcessDocument>('process', x);
    expect(page.total_results).toBe(want.length);
    expect(sorted(page.results.map((r) => r.unique_id))).toEqual(sorted(want));
  });

  it('rejects a bound that is not a time with a 400', async () => {
    const res = await t.api(`/api/v1/process?${new URLSearchParams({ 'cb.min_last_server_update': 'yesterday' })}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ reason: 'invalid_parameter' });
  });
});

describe('binary search over HTTP', () => {
  it.each(BINARY_TABLE)('q=%s', async (q, expected) => {
    const want = binaries.filter(expected).map((b) => b.md5);
    const page = await search<BinaryDocument>('binary', { q });
    expect(page.total_results).toBe(want.length);
    expect(sorted(page.results.map((r) => r.md5))).toEqual(sorted(want));
  });

  it('answers most rows with neither nothing nor everything (the table discriminates)', () => {
    const partial = BINARY_TABLE.filter(([, f]) => {
      const n = binaries.filter(f).length;
      return n > 0 && n < binaries.length;
    });
    expect(partial.length).toBeGreaterThanOrEqual(BINARY_TABLE.length - 1);
  });
});
