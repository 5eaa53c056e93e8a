// Process-only search parameters (response.md §2.2) and the generic `cb.fq.<field>` filter:
//  * cb.group=<field>            one row per distinct value (typically `id`: per process, not per segment)
//  * cb.min_last_update=T        segments with events at/after T (sensor clock)
//  * cb.max_last_update=T        segments with events at/before T (sensor clock)
//  * cb.min_last_server_update=T / cb.max_last_server_update=T   the same on the server clock
//  * cb.fq.<field>=<value>       exact filter on one field (HEAD cbapi: cb.fq.unique_id=<id>)
// Times are `%Y-%m-%dT%H:%M:%SZ` (or Python's str(datetime)); bounds are inclusive.

import type { TermNode } from './ast.js';
import { compileQuery, type Predicate } from './compile.js';
import { SearchParamError } from './errors.js';
import type { ParamReader } from './params.js';
import { propertyGetter, resolveField, type FieldDictionary, type FieldSchema } from './schema.js';
import { parseDateSpan, toEpochMs } from './values.js';

/** Which document fields hold a segment's earliest/latest event times (first present wins). */
export interface UpdateBoundsConfig {
  /** Sensor clock: earliest event (default start, then last_update). */
  earliestUpdate: readonly string[];
  /** Sensor clock: latest event (default last_update). */
  latestUpdate: readonly string[];
  /** Server clock: earliest (default min_last_server_update, then last_server_update). */
  earliestServerUpdate: readonly string[];
  /** Server clock: latest (default max_last_server_update, then last_server_update). */
  latestServerUpdate: readonly string[];
}

export const DEFAULT_UPDATE_BOUNDS: UpdateBoundsConfig = {
  earliestUpdate: ['min_last_update', 'start', 'last_update'],
  latestUpdate: ['max_last_update', 'last_update'],
  earliestServerUpdate: ['min_last_server_update', 'last_server_update'],
  latestServerUpdate: ['max_last_server_update', 'last_server_update'],
};

type PropertyReader<T> = (path: string) => (doc: T) => unknown;

function firstTime<T>(fields: readonly string[], property: PropertyReader<T>): (doc: T) => number | null {
  const getters = fields.map((f) => property(f));
  return (doc) => {
    for (const g of getters) {
      const ms = toEpochMs(g(doc));
      if (ms !== null) return ms;
    }
    return null;
  };
}

function timeParam(reader: ParamReader, name: string, now: number): { lo: number; hi: number } | null {
  const raw = reader.get(name);
  if (raw === undefined || raw.trim() === '') return null;
  const span = parseDateSpan(raw, now);
  if (!span) throw new SearchParamError(name, `Parameter '${name}' is not a valid time: '${raw}'`);
  return span;
}

/**
 * Predicates for the four cb.*_last_*update bounds present in the request. `property` reads the
 * raw time fields (the schema's `property` reader when it has one).
 */
export function updateBoundFilters<T>(
  reader: ParamReader,
  config: UpdateBoundsConfig = DEFAULT_UPDATE_BOUNDS,
  now = Date.now(),
  property: PropertyReader<T> = propertyGetter<T>,
): Predicate<T>[] {
  const out: Predicate<T>[] = [];
  const after = (param: string, fields: readonly string[]): void => {
    const t = timeParam(reader, param, now);
    if (!t) return;
    const get = firstTime<T>(fields, property);
    out.push((d) => (get(d) ?? -Infinity) >= t.lo);
  };
  const before = (param: string, fields: readonly string[]): void => {
    const t = timeParam(reader, param, now);
    if (!t) return;
    const get = firstTime<T>(fields, property);
    out.push((d) => (get(d) ?? Infinity) < t.hi);
  };
  after('cb.min_last_update', config.latestUpdate);
  before('cb.max_last_update', config.earliestUpdate);
  after('cb.min_last_server_update', config.latestServerUpdate);
  before('cb.max_last_server_update', config.earliestServerUpdate);
  return out;
}

/** `cb.fq.<field>=<value>`: literal (no wildcard) match on that field, ANDed. */
export function fqFilters<T>(reader: ParamReader, schema: FieldSchema<T>, now = Date.now()): Predicate<T>[] {
  const out: Predicate<T>[] = [];
  for (const name of reader.names()) {
    if (!name.startsWith('cb.fq.')) continue;
    const field = name.slice('cb.fq.'.length);
    for (const value of reader.getAll(name)) {
      const node: TermNode = { kind: 'term', field, value: { text: value, wildcards: [] }, source: `${field}:${value}`, position: 0 };
      try {
        out.push(compileQuery(node, schema, { now }));
      } catch (e) {
        throw new SearchParamError(name, e instanceof Error ? e.message : String(e));
      }
    }
  }
  return out;
}

/**
 * cb.group: keep one document per distinct value of `field` – the first in `order` (the
 * request's sort, like Solr grouping's top document). Documents lacking the field form one group.
 */
export function groupDocs<T>(docs: readonly T[], field: string, schema: FieldSchema<T>, order?: (a: T, b: T) => number): T[] {
  const f = resolveField(schema, field);
  if (!f) throw new SearchParamError('cb.group', `Cannot group on unknown field '${field}'`);
  if (f.dictionary) return groupByCode(docs, f.dictionary(), order);
  const best = new Map<string, T>();
  for (const d of docs) {
    const raw = f.get(d);
    const v = Array.isArray(raw) ? raw[0] : raw;
    const key = v === null || v === undefined ? '\u0000missing' : String(v);
    const cur = best.get(key);
    if (cur === undefined || (order !== undefined && order(d, cur) < 0)) best.set(key, d);
  }
  return [...best.values()];
}

/** groupDocs over a field dictionary: distinct codes are distinct group keys (its contract). */
function groupByCode<T>(docs: readonly T[], dict: FieldDictionary<T>, order?: (a: T, b: T) => number): T[] {
  const { code } = dict;
  // Group slot per code, and per slot the position in `docs` of its top document. Positions in
  // typed arrays, not a growing array of documents: that allocation dominated at 100k+ groups.
  const slot = new Int32Array(dict.values.length).fill(-1);
  const top = new Int32Array(Math.min(docs.length, dict.values.length));
  let groups = 0;
  for (let j = 0; j < docs.length; j++) {
    const c = code(docs[j]);
    const k = slot[c];
    if (k < 0) {
      slot[c] = groups;
      top[groups++] = j;
    } else if (order !== undefined && order(docs[j], docs[top[k]]) < 0) {
      top[k] = j;
    }
  }
  const out = new Array<T>(groups);
  for (let k = 0; k < groups; k++) out[k] = docs[top[k]];
  return out;
}
