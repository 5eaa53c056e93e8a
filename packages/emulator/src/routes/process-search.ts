// Process search over the column store without materialising rows: the searched documents are
// row indices, stored fields are read column by column (ColumnProcessStore.reader), event fields
// come from the store's EventFieldIndex, the whole store's order is ranked once per sort spec,
// and only the returned page is built into documents. Results equal a search over the
// materialised rows (test/routes/process-search.test.ts compares both).
import { storeOf } from '../data/events.js';
import type { ColumnProcessStore } from '../data/process-store.js';
import type { EmulatorState, ProcessDocument, RowIndex } from '../data/types.js';
import {
  EVENT_FIELDS,
  processProfile,
  processSchema,
  rankDocs,
  type FieldDef,
  type FieldSchema,
  type SearchProfile,
  type SortIndex,
  type SortKey,
} from '../query/index.js';
import { eventFieldIndex } from './events.js';

/** Sort specs whose ranking is kept per store (3 × 4 bytes per row each). */
const SORT_CACHE_LIMIT = 8;

interface ProcessSearch {
  docs: readonly RowIndex[];
  profile: SearchProfile<RowIndex, ProcessDocument>;
}

// Rows are generated once and never mutated by the API (snapshot/reset leave the store alone),
// so everything derived from a store stays valid for the store's lifetime.
const searches = new WeakMap<ColumnProcessStore, ProcessSearch>();

/** Row indices to search and the row-index profile for a state's process store. */
export function processSearch(state: EmulatorState): ProcessSearch {
  const store = storeOf(state);
  let s = searches.get(store);
  if (!s) {
    const docs = Array.from({ length: store.rowCount }, (_, i) => i);
    s = { docs, profile: buildProfile(state, store, docs) };
    searches.set(store, s);
  }
  return s;
}

function buildProfile(state: EmulatorState, store: ColumnProcessStore, docs: readonly RowIndex[]): SearchProfile<RowIndex, ProcessDocument> {
  const events = eventFieldIndex(state);
  const fields: Record<string, FieldDef<RowIndex>> = {};
  for (const [name, def] of Object.entries(processSchema<RowIndex>().fields)) {
    if (name in EVENT_FIELDS) {
      fields[name] = { ...def, compute: (i) => events.values(name, i), index: (test, key) => events.matcher(name, test, key) };
      continue;
    }
    // Stored fields with few distinct values are tested, grouped and faceted per value.
    const source = def.source ?? name;
    if (!def.compute && store.hasDictionary(source)) fields[name] = { ...def, dictionary: () => store.dictionary(source)! };
  }
  const digsig = store.reader('digsig_result');
  const processDigsig = store.reader('process_digsig_result');
  fields.digsig_result = { type: 'keyword', compute: (i) => digsig(i) ?? processDigsig(i) };

  const base = processProfile<RowIndex, ProcessDocument>({ fields, project: (i) => store.row(i) });
  const schema: FieldSchema<RowIndex> = { ...base.schema, property: (path) => rowProperty(store, path) };
  return { ...base, schema, sortIndex: sortIndexCache(docs, schema) };
}

/** `path` of a row like propertyGetter reads it from the materialised document. */
function rowProperty(store: ColumnProcessStore, path: string): (i: RowIndex) => unknown {
  if (!path.includes('.')) return store.reader(path);
  const [head, ...rest] = path.split('.');
  const first = store.reader(head);
  return (i) => {
    let cur = first(i);
    for (const p of rest) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[p];
    }
    return cur;
  };
}

/** Rankings of all rows per sort spec, least recently used dropped first. */
function sortIndexCache(docs: readonly RowIndex[], schema: FieldSchema<RowIndex>): (keys: SortKey[]) => SortIndex<RowIndex> {
  const cache = new Map<string, SortIndex<RowIndex>>();
  return (keys) => {
    const spec = keys.map((k) => `${k.field} ${k.direction}`).join(',');
    let index = cache.get(spec);
    if (index) {
      cache.delete(spec);
    } else {
      const { order, rankOf, tieOf } = rankDocs(docs, keys, schema);
      index = { size: docs.length, at: (r) => order[r], rank: (i) => rankOf[i], tie: (i) => tieOf[i] };
    }
    cache.set(spec, index);
    if (cache.size > SORT_CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    return index;
  };
}
