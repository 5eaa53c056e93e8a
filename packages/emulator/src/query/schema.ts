// Field schema: per collection, which query field names exist, their types, aliases, default
// (bare-term) fields and computed values (e.g. event text supplied lazily by the data layer).

/**
 * keyword: whole-value match (case-insensitive unless caseSensitive); text: tokenised like a
 * command line; path: tokenised on `\` and `/`; int/float: numeric; date: ISO/Solr dates;
 * bool; ip: IPv4 (dotted or 32-bit integer), supports CIDR and ranges.
 */
export type FieldType = 'keyword' | 'text' | 'path' | 'int' | 'float' | 'date' | 'bool' | 'ip';

export interface FieldDef<T = unknown> {
  type: FieldType;
  /** Document property (dotted path allowed) holding the value; defaults to the field name. */
  source?: string;
  /** Lazily computes the value (array = multi-valued); evaluated only when a clause needs it. */
  compute?: (doc: T) => unknown;
  /** keyword only: exact-case comparison (ids, GUIDs). */
  caseSensitive?: boolean;
  /** Other names the server accepts for this field. */
  aliases?: readonly string[];
  /**
   * Set-at-a-time matching over an index of the whole collection, for fields too costly to
   * compute per document (events). Called once per compiled clause with the clause's value test
   * and a key that identifies that test (same key, same test); returns whether a document has a
   * value passing it. Must agree with the field's values (`compute`/the stored property).
   */
  index?: FieldIndex<T>;
  /**
   * The field's single (non-array) value as a code into a list of distinct values, built on first
   * use. Lets clauses test each distinct value once, and cb.group and facets count by code.
   */
  dictionary?: () => FieldDictionary<T>;
}

export type FieldIndex<T> = (test: (value: unknown) => boolean, key: string) => (doc: T) => boolean;

export interface FieldDictionary<T> {
  /**
   * Distinct values: no two with the same String() form, at most one null or undefined. Never
   * changed once handed out (derived data, e.g. parsed times, is cached per values array).
   */
  values: readonly unknown[];
  /** values[code(doc)] is the document's value of the field. */
  code: (doc: T) => number;
}

export interface FieldSchema<T = unknown> {
  fields: Readonly<Record<string, FieldDef<T>>>;
  /** Fields searched by a bare term / phrase (OR-ed), cheapest first. */
  defaultFields: readonly string[];
  /** Unknown field names read the raw document property with a type inferred per value (default true). */
  allowUnknownFields?: boolean;
  /**
   * Reader of a stored property (dotted path allowed) for stored fields, unknown fields and the
   * process update bounds. Default: plain property access; a column store can supply field-level
   * reads so documents never have to be materialised for searching.
   */
  property?: (path: string) => (doc: T) => unknown;
}

export interface ResolvedField<T> {
  /** Canonical field name. */
  name: string;
  /** 'auto' = not in the schema; the type is inferred from each value. */
  type: FieldType | 'auto';
  caseSensitive: boolean;
  /** Computed (potentially expensive) – evaluated after plain fields. */
  computed: boolean;
  get: (doc: T) => unknown;
  /** The field's set-at-a-time matcher, when it has one (see FieldDef.index). */
  index?: FieldIndex<T>;
  /** See FieldDef.dictionary. */
  dictionary?: () => FieldDictionary<T>;
}

const indexCache = new WeakMap<object, Map<string, string>>();

function nameIndex<T>(schema: FieldSchema<T>): Map<string, string> {
  let idx = indexCache.get(schema);
  if (idx) return idx;
  idx = new Map();
  // Exact names first so an alias can never shadow a real field.
  for (const [name, def] of Object.entries(schema.fields)) {
    for (const alias of def.aliases ?? []) if (!idx.has(alias)) idx.set(alias, name);
  }
  for (const name of Object.keys(schema.fields)) idx.set(name, name);
  for (const [key, name] of [...idx]) if (!idx.has(key.toLowerCase())) idx.set(key.toLowerCase(), name);
  indexCache.set(schema, idx);
  return idx;
}

/** Canonical name for a field or alias, or null when the schema does not know it. */
export function canonicalFieldName<T>(schema: FieldSchema<T>, name: string): string | null {
  const idx = nameIndex(schema);
  return idx.get(name) ?? idx.get(name.toLowerCase()) ?? null;
}

/** Read a property or a dotted path from a plain document. */
export function propertyGetter<T>(path: string): (doc: T) => unknown {
  if (!path.includes('.')) return (doc) => (doc as Record<string, unknown>)[path];
  const parts = path.split('.');
  return (doc) => {
    let cur: unknown = doc;
    for (const p of parts) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[p];
    }
    return cur;
  };
}

/**
 * Resolve a field name. Computed getters memoise the last document so several clauses over the
 * same field cost one computation per document. Returns null for unknown fields when the schema
 * forbids them.
 */
export function resolveField<T>(schema: FieldSchema<T>, name: string): ResolvedField<T> | null {
  const canonical = canonicalFieldName(schema, name);
  const property = schema.property ?? propertyGetter<T>;
  if (canonical === null) {
    if (schema.allowUnknownFields === false) return null;
    return { name, type: 'auto', caseSensitive: false, computed: false, get: property(name) };
  }
  const def = schema.fields[canonical];
  let get: (doc: T) => unknown;
  if (def.compute) {
    const compute = def.compute;
    let lastDoc: T | undefined;
    let lastValue: unknown;
    get = (doc) => {
      if (doc !== lastDoc) {
        lastValue = compute(doc);
        lastDoc = doc;
      }
      return lastValue;
    };
  } else {
    get = property(def.source ?? canonical);
  }
  return {
    name: canonical,
    type: def.type,
    caseSensitive: def.type === 'keyword' && def.caseSensitive === true,
    computed: def.compute !== undefined,
    get,
    ...(def.index ? { index: def.index } : {}),
    ...(def.dictionary ? { dictionary: def.dictionary } : {}),
  };
}

/** Per-compilation resolver: one ResolvedField (and one memo) per field name. */
export function fieldResolver<T>(schema: FieldSchema<T>): (name: string) => ResolvedField<T> | null {
  const cache = new Map<string, ResolvedField<T> | null>();
  return (name) => {
    const key = canonicalFieldName(schema, name) ?? name;
    if (!cache.has(key)) cache.set(key, resolveField(schema, name));
    return cache.get(key) ?? null;
  };
}
