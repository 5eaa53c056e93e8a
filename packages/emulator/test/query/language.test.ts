import { describe, expect, it } from 'vitest';
import { compileQuery, parseQuery, processSchema, QuerySyntaxError, collectTerms } from '../../src/query/index.js';
import { ALL_IDS, PROCS, type ProcDoc } from './fixtures.js';

const schema = processSchema<ProcDoc>();
const NOW = Date.parse('2022-01-01T00:30:00Z');

/** Letters of the matching fixture documents, in fixture order. */
function hits(q: string): string {
  const pred = compileQuery(parseQuery(q), schema, { now: NOW });
  return PROCS.filter(pred)
    .map((p) => p.id.slice(5))
    .join('');
}

// [query, expected hits] – every syntax element of the language, including the tricky ones.
const TABLE: Array<[string, string]> = [
  // field:value, case-insensitivity, exact ids
  ['process_name:notepad.exe', 'af'],
  ['process_name:NOTEPAD.EXE', 'af'],
  ['hostname:win-a', 'abch'],
  ['md5:AA11', 'a'],
  ['process_id:proc-a', 'a'],
  ['id:PROC-A', ''],
  ['sensor_id:1', 'abch'],
  ['host_type:server', 'dg'],
  ['parent_name:explorer.exe', 'abe'],
  ['terminated:true', 'a'],
  ['terminated:false', 'b'],
  ['comms_ip:10.0.0.5', 'a'],
  // wildcards (trailing, leading, single-char)
  ['process_name:note*', 'af'],
  ['process_name:*host.exe', 'g'],
  ['process_name:n?t.exe', 'c'],
  ['group:default*', 'abcefh'],
  // paths: unescaped, Lucene-escaped, escaped colon, leading wildcard, partial path, escaped spaces/parens
  ['path:c:\\windows\\system32\\*', 'abcdgh'],
  ['path:c:\\\\windows\\\\system32\\\\*', 'abcdgh'],
  ['path:c\\:\\\\windows\\\\system32\\\\*', 'abcdgh'],
  ['path:c:\\\\windows\\\\system32\\\\cmd.exe', 'b'],
  ['path:system32\\cmd.exe', 'b'],
  ['path:*\\temp\\*', 'f'],
  ['path:c:\\program\\ files\\ \\(x86\\)\\google\\*', 'e'],
  ['path:"c:\\program files (x86)\\google"', 'e'],
  ['path:"c:\\program files (x86)\\google\\*"', ''],
  // bare terms over default fields (incl. lazily computed event fields)
  ['notepad.exe', 'af'],
  ['bob', 'abc'],
  ['wermgr.exe', 'h'],
  // phrases; wildcard characters inside quotes are literal
  ['cmdline:"net use"', 'bc'],
  ['cmdline:"use net"', ''],
  ['"net use"', 'bc'],
  ['cmdline:\\\\test\\blah', 'bc'],
  ['cmdline:*.txt', 'a'],
  ['cmdline:"*.txt"', ''],
  ['cmdline:"*.log"', 'h'],
  ['cmdline:-enc', 'd'],
  ['group:"Default Group"', 'abcefh'],
  ['username:system', 'dg'],
  // negation, NOT precedence, parentheses, implicit AND, OR grouping, +/-/!, && ||
  ['-process_name:notepad.exe', 'bcdegh'],
  ['hostname:WIN-A AND NOT process_name:notepad.exe', 'bch'],
  ['NOT process_name:notepad.exe AND hostname:WIN-A', 'bch'],
  ['NOT (process_name:notepad.exe AND hostname:WIN-A)', 'bcdefgh'],
  ['hostname:WIN-A -(process_name:notepad.exe OR process_name:cmd.exe)', 'ch'],
  ['hostname:WIN-B process_name:chrome.exe', 'e'],
  ['process_name:chrome.exe OR process_name:svchost.exe hostname:SRV-DB01', 'eg'],
  ['(process_name:chrome.exe OR process_name:svchost.exe) hostname:SRV-DB01', 'g'],
  ['process_name:(cmd.exe OR net.exe)', 'bc'],
  ['process_name:cmd.exe OR process_name:net.exe', 'bc'],
  ['+hostname:SRV-DB01 +process_name:svchost.exe', 'g'],
  ['process_name:cmd.exe || process_name:net.exe', 'bc'],
  ['process_name:cmd.exe && hostname:WIN-A', 'b'],
  ['!process_name:notepad.exe hostname:WIN-B', 'e'],
  ['process_name:cmd.exe and', ''],
  // numeric ranges, inclusive/exclusive/open
  ['netconn_count:[10 TO 20]', 'cdg'],
  ['netconn_count:{10 TO 20}', 'g'],
  ['netconn_count:[20 TO 21}', 'd'],
  ['netconn_count:[100 TO *]', 'e'],
  ['netconn_count:[* TO 0]', 'ah'],
  ['netconn_count:10', 'c'],
  ['netconn_count:([* TO 0] OR [100 TO *])', 'aeh'],
  ['process_name: cmd.exe', 'b'],
  ['"c:\\temp\\notepad.exe"', 'f'],
  ['c\\:\\temp\\notepad.exe', 'f'],
  // date ranges keep their precision; relative dates
  ['start:[2021-01-01T00:00:00 TO *]', 'def'],
  ['start:[* TO 2020-01-01]', 'gh'],
  ['start:{* TO 2020-01-01}', 'g'],
  ['start:[2020-02-10 TO 2020-02-10]', 'bc'],
  ['start:2020-02-10', 'bc'],
  ['last_update:{2021-12-31T00:00:00Z TO 2022-01-02}', 'f'],
  ['last_update:-60m', 'f'],
  // exists
  ['username:*', 'abcdefg'],
  ['-username:*', 'h'],
  // event-derived fields
  ['filemod:todo.txt', 'a'],
  ['filemod:c:\\users\\bob\\*', 'a'],
  ['regmod:*\\currentversion\\run\\*', 'f'],
  // a wildcard term with separators also matches a run of tokens (no leading backslash needed)
  ['regmod:registry\\machine\\software\\microsoft\\windows\\currentversion\\run\\*', 'f'],
  ['regmod:currentversion\\run\\ev*', 'f'],
  ['regmod:registry\\machine\\software\\microsoft\\windows\\currentversion\\run', 'f'],
  ['regmod:machine\\software\\*\\windows\\currentversion\\run\\*', 'f'],
  ['regmod:software\\windows\\*', ''],
  ['path:windows\\system32\\*', 'abcdgh'],
  // one token per query token: powershell.exe sits one directory deeper
  ['path:system32\\*.exe', 'abcgh'],
  ['modload:ntdll.dll', 'e'],
  ['domain:dns.google', 'd'],
  ['domain:dl.javafx.com', 'e'],
  ['ipaddr:8.8.8.8', 'd'],
  ['ipaddr:8.8.8.0/24', 'd'],
  ['ipaddr:[137.0.0.0 TO 137.255.255.255]', 'e'],
  ['ipport:53', 'd'],
  ['childproc_name:wermgr.exe', 'g'],
  // fields outside the schema (alliance_*): type inferred from the value
  ['alliance_score_srstrust:-100', 'g'],
  ['alliance_score_srstrust:[-200 TO 0]', 'g'],
  // match-all forms
  ['*:*', ALL_IDS],
  ['*', ALL_IDS],
  ['', ALL_IDS],
  ['   ', ALL_IDS],
];

describe('Cb Response query language', () => {
  it('has a table of at least 40 rows', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
  });

  it.each(TABLE)('%s → %s', (q, expected) => {
    expect(hits(q)).toBe(expected);
  });

  it('keeps the backslash before a GUID inside a path (`...\\deviceclasses\\{53f56307-...}\\*`), escapes a leading brace', () => {
    const guid = '{53f56307-b6bf-11d0-94f2-00a0c91efb8b}';
    expect(parseQuery(`regmod:registry\\deviceclasses\\${guid}\\*`)).toMatchObject({ value: { text: `registry\\deviceclasses\\${guid}\\*` } });
    // Lucene-escaped backslash before it: one backslash, not two
    expect(parseQuery(`regmod:deviceclasses\\\\\\${guid}`)).toMatchObject({ value: { text: `deviceclasses\\${guid}` } });
    // at the start of a value `\{` still means a literal brace (an unescaped one opens a range)
    expect(parseQuery('process_name:\\{x}')).toMatchObject({ value: { text: '{x}' } });
    const doc = { regmod_complete: [`2|2024-04-18 18:19:24.255000|\\registry\\machine\\system\\currentcontrolset\\control\\deviceclasses\\${guid}\\##?#usbstor#disk&ven_x&prod_y&rev_1#0123&0#${guid}\\deviceinstance|false`] };
    const q = `regmod:registry\\machine\\system\\currentcontrolset\\control\\deviceclasses\\${guid}\\*`;
    expect(compileQuery(parseQuery(q), schema, { now: NOW })(doc as unknown as ProcDoc)).toBe(true);
    expect(compileQuery(parseQuery(q.replace('deviceclasses', 'deviceclasse')), schema, { now: NOW })(doc as unknown as ProcDoc)).toBe(false);
  });

  it('lowercase and/or are plain terms, not operators', () => {
    // `and` becomes a bare term over the default fields and matches nothing.
    expect(hits('process_name:cmd.exe and')).toBe('');
    expect(parseQuery('a or b')).toMatchObject({ kind: 'and' });
  });

  it('collects leaf terms for the response `terms` list', () => {
    expect(collectTerms(parseQuery('process_name:(cmd.exe OR net.exe) -hostname:x "net use" [1 TO 2]'))).toEqual([
      'process_name:cmd.exe',
      'process_name:net.exe',
      'hostname:x',
      '"net use"',
      '[1 TO 2]',
    ]);
  });

  it('searches event fields for bare terms only when enabled', () => {
    const withEvents = processSchema<ProcDoc>({ eventFieldsInDefaultSearch: true });
    const run = (q: string): string => PROCS.filter(compileQuery(parseQuery(q), withEvents)).map((p) => p.id.slice(5)).join('');
    expect(run('wermgr.exe')).toBe('gh');
    expect(run('dns.google')).toBe('d');
    expect(run('todo.txt')).toBe('a');
    expect(hits('dns.google')).toBe('');
  });

  it('computes event fields lazily, only when a clause needs them', () => {
    let calls = 0;
    const counted = processSchema<ProcDoc>({
      events: (doc, kind) => {
        calls += 1;
        return (doc as unknown as Record<string, string[] | undefined>)[`${kind}_complete`];
      },
    });
    const pred = compileQuery(parseQuery('process_name:cmd.exe OR filemod:todo.txt'), counted);
    expect(PROCS.filter(pred).map((p) => p.id)).toEqual(['proc-a', 'proc-b']);
    // proc-b matched on process_name, so its filemods were never requested.
    expect(calls).toBe(PROCS.length - 1);
    calls = 0;
    PROCS.filter(compileQuery(parseQuery('hostname:nothing filemod:todo.txt'), counted));
    expect(calls).toBe(0);
  });
});

// [query, position, message fragment]
const ERRORS: Array<[string, number, string]> = [
  ['(process_name:cmd.exe', 0, 'Unbalanced parenthesis'],
  ['a (b OR (c d)', 2, 'Unbalanced parenthesis'],
  ['process_name:cmd.exe)', 20, "Unexpected ')'"],
  ['cmdline:"net use', 8, 'Unterminated quoted phrase'],
  ['process_name:cmd.exe AND', 21, 'missing its right operand'],
  ['AND process_name:cmd.exe', 0, 'missing its left operand'],
  ['a OR OR b', 2, 'followed by operator OR'],
  ['a AND )', 2, 'missing its right operand'],
  ['NOT', 0, 'missing its right operand'],
  ['process_name:', 0, "Field 'process_name' has no value"],
  ['process_name: OR x', 0, "Field 'process_name' has no value"],
  ['netconn_count:[10 TO', 14, 'Unterminated range'],
  ['netconn_count:[10 20]', 18, "Expected 'TO'"],
  ['netconn_count:[10 TO 20', 14, 'Unterminated range'],
  ['()', 0, 'Empty parenthesised group'],
  ['a - b', 2, "Operator '-' must be followed by a clause"],
  ['netconn_count:abc', 0, "not valid for int field 'netconn_count'"],
  ['start:[yesterday TO *]', 0, "not valid for date field 'start'"],
  ['x AND terminated:maybe', 6, "not valid for bool field 'terminated'"],
];

describe('query syntax errors', () => {
  it.each(ERRORS)('%s → position %i', (q, position, fragment) => {
    let caught: unknown;
    try {
      compileQuery(parseQuery(q), schema);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(QuerySyntaxError);
    const err = caught as QuerySyntaxError;
    expect(err.position).toBe(position);
    expect(err.message).toContain(fragment);
  });

  it('serialises to the body the SDK maps to QuerySyntaxError', () => {
    try {
      parseQuery('(a');
      expect.unreachable();
    } catch (e) {
      expect(JSON.parse(JSON.stringify(e))).toEqual({
        reason: 'query_malformed_syntax',
        message: "Unbalanced parenthesis: '(' is never closed at position 0",
        position: 0,
      });
    }
  });

  it('rejects unknown fields only when the schema forbids them', () => {
    const strict = { ...schema, allowUnknownFields: false };
    expect(() => compileQuery(parseQuery('x AND bogus_field:1'), strict)).toThrow(/Unknown field 'bogus_field' at position 6/);
    expect(() => compileQuery(parseQuery('bogus_field:1'), schema)).not.toThrow();
  });
});
