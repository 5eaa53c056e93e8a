// Field-level access to the process store (what searches read instead of materialised rows):
// readers and dictionaries equal the row's values, one-kind event generation equals the full
// generation, and the event-field index equals direct extraction while staying within its budget.
import { describe, expect, it } from 'vitest';
import { encodeFilemod, encodeModload, encodeNetconnPipe } from '../../src/data/encode.js';
import { EventFieldIndex, type EventFieldSpec } from '../../src/data/event-index.js';
import { segmentEvents, segmentEventsOfKind, storeOf, type SegmentEventKind } from '../../src/data/events.js';
import { createState } from '../../src/data/index.js';
import type { EmulatorState } from '../../src/data/types.js';
import { EVENT_FIELDS, type EventKind } from '../../src/query/index.js';

const states: Array<[string, EmulatorState]> = [
  ['small 6.x', createState({ seed: 42, scale: 'small' })],
  ['small 5.x', createState({ seed: 7, scale: 'small', serverVersion: '5.1.1.60603' })],
  ['medium', createState({ seed: 42, scale: 'medium' })],
];

const KINDS: SegmentEventKind[] = ['modload', 'filemod', 'regmod', 'netconn', 'childproc', 'crossproc'];

describe.each(states)('process store field access (%s)', (_label, state) => {
  const store = storeOf(state);

  it('reader(name)(i) equals row(i)[name] for every key of every row, and for absent keys', () => {
    const absent = ['end', 'watchlists', 'alliance_score_srstrust', 'watchlist_1', 'no_such_field', 'constructor', 'toString', 'digsig_result'];
    const keys = new Set<string>(absent);
    for (let i = 0; i < store.rowCount; i++) for (const k of Object.keys(store.row(i))) keys.add(k);
    for (const k of keys) {
      const read = store.reader(k);
      for (let i = 0; i < store.rowCount; i++) {
        const row = store.row(i) as unknown as Record<string, unknown>;
        const got = read(i);
        if (got !== row[k]) expect(got, `${k} @ ${i}`).toEqual(row[k]);
      }
    }
  });

  it('dictionaries: values[code(i)] is the field value, values distinct as strings', () => {
    const names = ['process_name', 'process_md5', 'parent_name', 'parent_md5', 'path', 'cmdline', 'username', 'hostname', 'sensor_id', 'group', 'host_type', 'os_type', 'comms_ip', 'interface_ip', 'id', 'parent_id', 'start', 'terminated'];
    for (const name of names) {
      expect(store.hasDictionary(name), name).toBe(true);
      const dict = store.dictionary(name)!;
      expect(new Set(dict.values.map(String)).size, name).toBe(dict.values.length);
      const read = store.reader(name);
      for (let i = 0; i < store.rowCount; i++) {
        if (dict.values[dict.code(i)] !== read(i)) expect(dict.values[dict.code(i)], `${name} @ ${i}`).toEqual(read(i));
      }
    }
    expect(store.hasDictionary('last_update')).toBe(false);
    expect(store.dictionary('segment_id')).toBeUndefined();
  });

  it('segmentEventsOfKind equals segmentEvents(...)[kind] for every row and kind', () => {
    for (let i = 0; i < store.rowCount; i++) {
      const all = segmentEvents(store, i);
      for (const kind of KINDS) expect(segmentEventsOfKind(store, i, kind), `${kind} @ ${i}`).toEqual(all[kind]);
    }
  });
});

describe('EventFieldIndex', () => {
  const state = states[0][1];
  const store = storeOf(state);
  const encoded = (row: number, kind: EventKind): string[] => {
    const e = segmentEvents(store, row);
    return kind === 'filemod' ? e.filemod.map(encodeFilemod) : kind === 'modload' ? e.modload.map(encodeModload) : kind === 'netconn' ? e.netconn.map(encodeNetconnPipe) : [];
  };
  const fields: Record<string, EventFieldSpec<EventKind>> = {
    filemod: EVENT_FIELDS.filemod,
    filewrite_md5: EVENT_FIELDS.filewrite_md5,
    modload: EVENT_FIELDS.modload,
    domain: EVENT_FIELDS.domain,
    ipport: EVENT_FIELDS.ipport,
  };
  const direct = (field: string, row: number) => fields[field].values(encoded(row, fields[field].kind));

  it('values() and matcher() equal extraction from the regenerated events', () => {
    const index = new EventFieldIndex(store.rowCount, fields, encoded);
    const test = (v: unknown) => String(v).includes('.dll');
    const match = index.matcher('modload', test, 'dll');
    for (let i = 0; i < store.rowCount; i++) {
      for (const f of Object.keys(fields)) expect(index.values(f, i), `${f} @ ${i}`).toEqual(direct(f, i));
      expect(match(i), `row ${i}`).toBe(direct('modload', i).some(test));
    }
  });

  it('keeps the kinds within maxBytes (least recently used dropped) and a fixed number of clauses', () => {
    const probe = new EventFieldIndex(store.rowCount, fields, encoded);
    probe.values('filemod', 0);
    probe.values('modload', 0);
    const [filemodBytes, modloadBytes] = probe.stats().kinds.map((k) => k.bytes);
    const maxBytes = Math.max(filemodBytes, modloadBytes) + 1;
    const index = new EventFieldIndex(store.rowCount, fields, encoded, { maxBytes, maxClauses: 3 });
    index.values('filemod', 0);
    index.values('modload', 0);
    const kept = index.stats().kinds.map((k) => k.kind);
    expect(kept).toEqual(['modload']);
    for (let k = 0; k < 10; k++) index.matcher('domain', (v) => String(v).length > k, `len>${k}`);
    const stats = index.stats();
    expect(stats.clauses).toBe(3);
    expect(stats.bytes - 3 * Math.ceil(store.rowCount / 8)).toBeLessThanOrEqual(maxBytes);
    // Results stay right after evictions.
    for (let i = 0; i < store.rowCount; i++) expect(index.values('filemod', i)).toEqual(direct('filemod', i));
  });

  it('a kind larger than the whole budget is never kept but still answers', () => {
    const index = new EventFieldIndex(store.rowCount, fields, encoded, { maxBytes: 1 });
    const test = (v: unknown) => String(v).startsWith('c:');
    const match = index.matcher('filemod', test, 'c:');
    for (let i = 0; i < store.rowCount; i++) {
      expect(index.values('filemod', i)).toEqual(direct('filemod', i));
      expect(match(i)).toBe(direct('filemod', i).some(test));
    }
    expect(index.stats().kinds).toEqual([]);
  });
});
