// Sorting for Solr-style `sort=field dir[, field dir...]`. Keys are extracted once per document
// (typed by the schema), order is stable (ties keep input order), documents without a value sort
// last in either direction (Solr's sortMissingLast), and a page can be selected without sorting
// the whole match set.

import { SearchParamError } from './errors.js';
import { resolveField, type FieldSchema, type ResolvedField } from './schema.js';
import { parseBool, parseIPv4, toEpochMs, toNumber } from './values.js';

export type SortDirection = 'asc' | 'desc';

export interface SortKey {
  field: string;
  direction: SortDirection;
}

type Key = number | string | null;

/** Parse `last_update desc, start asc`. A missing direction means ascending. */
export function parseSortSpec(spec: string): SortKey[] {
  const keys: SortKey[] = [];
  for (const part of spec.split(',')) {
    const words = part.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    if (words.length > 2) throw new SearchParamError('sort', `Invalid sort clause '${part.trim()}'`);
    const dir = (words[1] ?? 'asc').toLowerCase();
    if (dir !== 'asc' && dir !== 'desc') {
      throw new SearchParamError('sort', `Unknown sort direction '${words[1]}' (expected asc or desc)`);
    }
    keys.push({ field: words[0], direction: dir });
  }
  return keys;
}

function first(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  for (const el of v) if (el !== null && el !== undefined) return el;
  return undefined;
}

/** Sortable key of one document for one field (computed once per distinct value with a dictionary). */
function keyExtractor<T>(f: ResolvedField<T>): (doc: T) => Key {
  if (!f.dictionary) return valueKeyExtractor(f);
  const { values, code } = f.dictionary();
  const valueKey = valueKeyExtractor<unknown>({ name: f.name, type: f.type, caseSensitive: f.caseSensitive, computed: f.computed, get: (v) => v });
  const keys = new Array<Key | undefined>(values.length);
  return (d) => {
    const c = code(d);
    let k = keys[c];
    if (k === undefined) {
      k = valueKey(values[c]);
      keys[c] = k;
    }
    return k;
  };
}

function valueKeyExtractor<T>(f: ResolvedField<T>): (doc: T) => Key {
  const get = f.get;
  switch (f.type) {
    case 'date':
      return (d) => toEpochMs(first(get(d)));
    case 'int':
    case 'float':
      return (d) => toNumber(first(get(d)));
    case 'ip':
      return (d) => parseIPv4(first(get(d)));
    case 'bool':
      return (d) => {
        const b = parseBool(first(get(d)));
        return b === null ? null : Number(b);
      };
    case 'auto':
      return (d) => {
        const v = first(get(d));
        if (v === null || v === undefined) return null;
        if (typeof v === 'number') return v;
        if (typeof v === 'boolean') return Number(v);
        return String(v);
      };
    default: {
      const cs = f.caseSensitive;
      return (d) => {
        const v = first(get(d));
        if (v === null || v === undefined) return null;
        return cs ? String(v) : String(v).toLowerCase();
      };
    }
  }
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === typeof b) return a! < b! ? -1 : a! > b! ? 1 : 0;
  return typeof a === 'number' ? -1 : 1; // numbers before strings in mixed (untyped) columns
}

/** Index comparator over precomputed key columns; ties fall back to input order. */
export function indexComparator(columns: Key[][], keys: SortKey[]): (i: number, j: number) => number {
  const byKeys = keyComparator(columns, keys);
  return (i, j) => byKeys(i, j) || i - j;
}

/** Comparison of the key columns only (0 = equal keys, in either direction). */
function keyComparator(columns: Key[][], keys: SortKey[]): (i: number, j: number) => number {
  const dirs = keys.map((k) => (k.direction === 'desc' ? -1 : 1));
  if (columns.length === 1) {
    // The common single-key sort, without the column loop.
    const col = columns[0];
    const dir = dirs[0];
    return (i, j) => {
      const a = col[i];
      const b = col[j];
      if (a === b) return 0;
      if (a === null) return 1;
      if (b === null) return -1;
      return compareKeys(a, b) * dir;
    };
  }
  return (i, j) => {
    for (let c = 0; c < columns.length; c++) {
      const a = columns[c][i];
      const b = columns[c][j];
      if (a === b) continue;
      if (a === null) return 1;
      if (b === null) return -1;
      const r = compareKeys(a, b);
      if (r !== 0) return r * dirs[c];
    }
    return 0;
  };
}

function extractors<T>(keys: SortKey[], schema: FieldSchema<T> | undefined): Array<(doc: T) => Key> {
  const s: FieldSchema<T> = schema ?? { fields: {}, defaultFields: [] };
  return keys.map((k) => {
    const f = resolveField(s, k.field);
    if (!f) throw new SearchParamError('sort', `Cannot sort on unknown field '${k.field}'`);
    return keyExtractor(f);
  });
}

/** Key columns for `docs` (one array per sort key). */
export function keyColumns<T>(docs: readonly T[], keys: SortKey[], schema?: FieldSchema<T>): Key[][] {
  return extractors(keys, schema).map((x) => docs.map(x));
}

/** Comparator between two documents (keys computed on the fly; used for per-group best picks). */
export function docComparator<T>(keys: SortKey[], schema?: FieldSchema<T>): (a: T, b: T) => number {
  const xs = extractors(keys, schema);
  const dirs = keys.map((k) => (k.direction === 'desc' ? -1 : 1));
  return (a, b) => {
    for (let c = 0; c < xs.length; c++) {
      const ka = xs[c](a);
      const kb = xs[c](b);
      if (ka === kb) continue;
      if (ka === null) return 1;
      if (kb === null) return -1;
      const r = compareKeys(ka, kb);
      if (r !== 0) return r * dirs[c];
    }
    return 0;
  };
}

/** Stable sort into a new array. */
export function sortDocs<T>(docs: readonly T[], spec: string | SortKey[], schema?: FieldSchema<T>): T[] {
  const keys = typeof spec === 'string' ? parseSortSpec(spec) : spec;
  if (keys.length === 0) return docs.slice();
  return sortedWindow(docs, keys, 0, docs.length, schema);
}

/**
 * Documents at sorted positions [from, to). When the window ends early in a large set a bounded
 * heap selects it in O(n log k) instead of sorting everything.
 */
export function sortedWindow<T>(docs: readonly T[], keys: SortKey[], from: number, to: number, schema?: FieldSchema<T>): T[] {
  const n = docs.length;
  const end = Math.min(to, n);
  if (end <= from) return [];
  if (keys.length === 0) return docs.slice(from, end);
  const cmp = indexComparator(keyColumns(docs, keys, schema), keys);
  return selectIndices(n, end, cmp)
    .slice(from, end)
    .map((i) => docs[i]);
}

/**
 * A whole collection ranked under one sort, for collections that never change: a search can
 * then order any match set by comparing integers instead of extracting keys per request.
 */
export interface SortIndex<T> {
  /** Number of ranked documents (the whole collection). */
  readonly size: number;
  /** Document at a sorted position. */
  at(rank: number): T;
  /** Sorted position of a document: sort keys, then collection order (distinct per document). */
  rank(doc: T): number;
  /** Equal exactly for documents with equal sort keys (ties). */
  tie(doc: T): number;
}

export interface Ranking {
  /** order[r] = collection position of the document at rank r. */
  order: Uint32Array;
  /** rankOf[i] = rank of the document at collection position i. */
  rankOf: Uint32Array;
  /** tieOf[i] = rank of the first document whose sort keys equal those of document i. */
  tieOf: Uint32Array;
}

/** Rank every document of `docs` under `keys` (the order sortDocs would produce). */
export function rankDocs<T>(docs: readonly T[], keys: SortKey[], schema?: FieldSchema<T>): Ranking {
  const n = docs.length;
  const columns = keyColumns(docs, keys, schema);
  const byKeys = keyComparator(columns, keys);
  const all = Array.from({ length: n }, (_, i) => i);
  all.sort((i, j) => byKeys(i, j) || i - j);
  const order = Uint32Array.from(all);
  const rankOf = new Uint32Array(n);
  const tieOf = new Uint32Array(n);
  let runStart = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    if (r > 0 && byKeys(order[r - 1], i) !== 0) runStart = r;
    rankOf[i] = r;
    tieOf[i] = runStart;
  }
  return { order, rankOf, tieOf };
}

/** Positions [from, to) of 0..n-1 in comparator order (bounded heap when the window ends early). */
export function selectWindow(n: number, from: number, to: number, cmp: (i: number, j: number) => number): number[] {
  const end = Math.min(to, n);
  if (end <= from) return [];
  return selectIndices(n, end, cmp).slice(from, end);
}

/** The first k indices of 0..n-1 in comparator order. */
function selectIndices(n: number, k: number, cmp: (i: number, j: number) => number): number[] {
  if (k * 4 >= n || n <= 1024) {
    const all = Array.from({ length: n }, (_, i) => i);
    all.sort(cmp);
    return all.slice(0, k);
  }
  // Max-heap of the k best so far; heap[0] is the worst of them.
  const heap: number[] = [];
  const worse = (a: number, b: number): boolean => cmp(a, b) > 0;
  const siftUp = (pos: number): void => {
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (!worse(heap[pos], heap[parent])) break;
      [heap[pos], heap[parent]] = [heap[parent], heap[pos]];
      pos = parent;
    }
  };
  const siftDown = (pos: number): void => {
    for (;;) {
      const l = 2 * pos + 1;
      const r = l + 1;
      let top = pos;
      if (l < heap.length && worse(heap[l], heap[top])) top = l;
      if (r < heap.length && worse(heap[r], heap[top])) top = r;
      if (top === pos) return;
      [heap[pos], heap[top]] = [heap[top], heap[pos]];
      pos = top;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      siftUp(heap.length - 1);
    } else if (cmp(i, heap[0]) < 0) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort(cmp);
}
