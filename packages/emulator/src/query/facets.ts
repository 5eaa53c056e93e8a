// Facets as returned with `facet=true&facet.field=...` (response.md §2.1):
//   {"<field>": [{"name": "<value>", "value": <count>, "percent": <count/max*100>, "ratio": <count/sum*100>}, ...]}
// Term facets list the top 200 values by count (ties: name ascending, Solr's index order).
// Histogram facets (process `start`, `hour_of_day`, `day_of_week`; binary
// `server_added_timestamp`, `digsig_sign_time`) list every bucket in natural order, zeros included.

import { resolveField, type FieldSchema } from './schema.js';
import { formatSolrDate, toEpochMs } from './values.js';

export interface FacetEntry {
  name: string;
  value: number;
  /** count relative to the largest count, 0–100 (integer). */
  percent: number;
  /** count relative to the sum of all counts, 0–100 with one decimal. */
  ratio: number;
}

export type FacetResult = Record<string, FacetEntry[]>;

export type FacetSpec =
  /** Distinct values of `field` (each element of an array counts). */
  | { kind: 'terms'; field: string }
  /** Last `buckets` days/months up to and including the current one (UTC). */
  | { kind: 'date'; field: string; unit: 'day' | 'month'; buckets: number }
  /** 24 buckets "0".."23" by the hour of `field`. */
  | { kind: 'hour_of_day'; field: string }
  /** 7 buckets "0".."6" (0 = Sunday) by the weekday of `field`. */
  | { kind: 'day_of_week'; field: string };

export interface FacetOptions<T> {
  schema?: FieldSchema<T>;
  /** Facet names with special meaning; any other name is a terms facet over that field. */
  specs?: Readonly<Record<string, FacetSpec>>;
  now?: number;
  /** Max entries of a terms facet (server: 200). */
  limit?: number;
}

const DAY_MS = 86_400_000;

export function computeFacets<T>(docs: readonly T[], fields: readonly string[], options: FacetOptions<T> = {}): FacetResult {
  const out: FacetResult = {};
  for (const name of fields) {
    if (name in out) continue;
    const spec = options.specs?.[name] ?? { kind: 'terms', field: name };
    out[name] = facetFor(docs, spec, options);
  }
  return out;
}

/**
 * Values to count: one per document, or — with a field dictionary — each distinct value once
 * with its number of documents.
 */
type Tally<T, V> = (docs: readonly T[], visit: (value: V, count: number) => void) => void;

function tally<T, V>(field: string, schema: FieldSchema<T> | undefined, convert: (v: unknown) => V, convertAll: (values: readonly unknown[]) => readonly V[]): Tally<T, V> {
  const f = resolveField(schema ?? { fields: {}, defaultFields: [] }, field);
  if (!f) return (docs, visit) => docs.forEach(() => visit(convert(undefined), 1));
  if (f.dictionary) {
    const dictionary = f.dictionary;
    return (docs, visit) => {
      const { values, code } = dictionary();
      const converted = convertAll(values);
      const counts = new Uint32Array(values.length);
      for (const d of docs) counts[code(d)] += 1;
      for (let c = 0; c < counts.length; c++) if (counts[c] > 0) visit(converted[c], counts[c]);
    };
  }
  const get = f.get;
  return (docs, visit) => {
    for (const d of docs) visit(convert(get(d)), 1);
  };
}

const valueTally = <T>(field: string, schema: FieldSchema<T> | undefined): Tally<T, unknown> =>
  tally(field, schema, (v) => v, (values) => values);

/** Histograms count epoch ms (null = no time). */
const timeTally = <T>(field: string, schema: FieldSchema<T> | undefined): Tally<T, number | null> =>
  tally(field, schema, (v) => toEpochMs(firstValue(v)), dictionaryTimes);

// Dictionary values never change, so their parsed times are kept with them.
const timesCache = new WeakMap<readonly unknown[], Array<number | null>>();

function dictionaryTimes(values: readonly unknown[]): Array<number | null> {
  let times = timesCache.get(values);
  if (!times) {
    times = values.map((v) => toEpochMs(firstValue(v)));
    timesCache.set(values, times);
  }
  return times;
}

const HOUR_MS = 3_600_000;

/** UTC hour and weekday (0 = Sunday; 1970-01-01 was a Thursday) without a Date per document. */
const utcHour = (ms: number): number => (((Math.floor(ms / HOUR_MS) % 24) + 24) % 24);
const utcWeekday = (ms: number): number => (((Math.floor(ms / DAY_MS) + 4) % 7) + 7) % 7;

function facetFor<T>(docs: readonly T[], spec: FacetSpec, options: FacetOptions<T>): FacetEntry[] {
  const now = options.now ?? Date.now();
  if (spec.kind === 'terms') return termsFacet(docs, valueTally(spec.field, options.schema), options.limit ?? 200);
  const get = timeTally(spec.field, options.schema);
  switch (spec.kind) {
    case 'hour_of_day':
      return bucketFacet(docs, get, 24, utcHour, (i) => String(i));
    case 'day_of_week':
      return bucketFacet(docs, get, 7, utcWeekday, (i) => String(i));
    case 'date':
      return spec.unit === 'day' ? dayHistogram(docs, get, spec.buckets, now) : monthHistogram(docs, get, spec.buckets, now);
  }
}

function termsFacet<T>(docs: readonly T[], get: Tally<T, unknown>, limit: number): FacetEntry[] {
  const counts = new Map<string, number>();
  const bump = (v: unknown, n: number): void => {
    if (v === null || v === undefined || v === '') return;
    const k = String(v);
    counts.set(k, (counts.get(k) ?? 0) + n);
  };
  get(docs, (v, n) => {
    if (Array.isArray(v)) new Set(v.map((x) => (x === null || x === undefined ? x : String(x)))).forEach((x) => bump(x, n));
    else bump(v, n);
  });
  const entries = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return withRatios(entries, limit);
}

/** Fixed buckets 0..n-1 computed from a date value. */
function bucketFacet<T>(
  docs: readonly T[],
  get: Tally<T, number | null>,
  n: number,
  bucketOf: (ms: number) => number,
  label: (i: number) => string,
): FacetEntry[] {
  const counts = new Array<number>(n).fill(0);
  get(docs, (ms, k) => {
    if (ms !== null) counts[bucketOf(ms)] += k;
  });
  return withRatios(counts.map((c, i) => [label(i), c]), n);
}

function dayHistogram<T>(docs: readonly T[], get: Tally<T, number | null>, buckets: number, now: number): FacetEntry[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const first = today - (buckets - 1) * DAY_MS;
  const counts = new Array<number>(buckets).fill(0);
  get(docs, (ms, k) => {
    if (ms === null || ms < first || ms >= today + DAY_MS) return;
    counts[Math.floor((ms - first) / DAY_MS)] += k;
  });
  return withRatios(counts.map((c, i) => [formatSolrDate(first + i * DAY_MS), c]), buckets);
}

function monthHistogram<T>(docs: readonly T[], get: Tally<T, number | null>, buckets: number, now: number): FacetEntry[] {
  const cur = new Date(now);
  const monthIndex = (y: number, m: number): number => y * 12 + m;
  const last = monthIndex(cur.getUTCFullYear(), cur.getUTCMonth());
  const firstIdx = last - buckets + 1;
  const counts = new Array<number>(buckets).fill(0);
  get(docs, (ms, k) => {
    if (ms === null) return;
    const t = new Date(ms);
    const idx = monthIndex(t.getUTCFullYear(), t.getUTCMonth()) - firstIdx;
    if (idx >= 0 && idx < buckets) counts[idx] += k;
  });
  return withRatios(
    counts.map((c, i) => {
      const idx = firstIdx + i;
      return [formatSolrDate(Date.UTC(Math.floor(idx / 12), idx % 12, 1)), c];
    }),
    buckets,
  );
}

function firstValue(v: unknown): unknown {
  return Array.isArray(v) ? v.find((x) => x !== null && x !== undefined) : v;
}

function withRatios(entries: Array<[string, number]>, limit: number): FacetEntry[] {
  let sum = 0;
  let max = 0;
  for (const [, c] of entries) {
    sum += c;
    if (c > max) max = c;
  }
  return entries.slice(0, limit).map(([name, value]) => ({
    name,
    value,
    percent: max === 0 ? 0 : Math.round((value * 100) / max),
    ratio: sum === 0 ? 0 : Math.round((value * 1000) / sum) / 10,
  }));
}
