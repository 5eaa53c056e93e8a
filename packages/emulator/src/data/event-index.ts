// Index of the values searchable inside process event lists (filemod:, modload:, domain:, ...).
// Events are regenerated on demand, so scanning them per query costs seconds at large scale.
// Instead, each event kind is generated once for every segment (lazily, on the first query that
// needs it) and its values are stored dictionary-encoded: per field a list of distinct strings
// and, per row, the ids of the row's values (CSR). A clause's value test then runs once per
// distinct value, and its result is kept as a row bitset so paging the same query is a lookup.
// Memory is bounded: kinds over the budget are dropped least recently used first, and the
// bitset cache holds a fixed number of clauses.

export interface EventFieldSpec<K extends string> {
  kind: K;
  /** The field's values in a row's raw event entries (as the query engine extracts them). */
  values: (entries: readonly unknown[] | null | undefined) => string[];
}

/** A row's raw entries of one event kind. */
export type RowEventSource<K extends string> = (row: number, kind: K) => readonly unknown[] | null | undefined;

export interface EventIndexOptions {
  /** Budget for the value columns of all kinds together, in bytes (approximate). Default 192 MiB. */
  maxBytes?: number;
  /** Clause results kept as row bitsets (rowCount/8 bytes each). Default 64. */
  maxClauses?: number;
}

export const DEFAULT_EVENT_INDEX_BYTES = 192 * 1024 * 1024;
const DEFAULT_MAX_CLAUSES = 64;

interface FieldColumn {
  /** Distinct values, by id. */
  dict: string[];
  /** Row r's value ids are ids[offsets[r] .. offsets[r + 1]). */
  offsets: Uint32Array;
  ids: Uint16Array | Uint32Array;
}

interface KindIndex {
  columns: Map<string, FieldColumn>;
  bytes: number;
}

export interface EventIndexStats {
  /** Bytes of the retained kinds and the cached clause bitsets. */
  bytes: number;
  kinds: Array<{ kind: string; bytes: number; fields: Array<{ field: string; values: number; distinct: number }> }>;
  clauses: number;
}

const EMPTY: readonly string[] = Object.freeze([]);

export class EventFieldIndex<K extends string> {
  private readonly maxBytes: number;
  private readonly maxClauses: number;
  /** Retained kinds in least-recently-used-first order. */
  private readonly kinds = new Map<K, KindIndex>();
  /** Clause bitsets in least-recently-used-first order. */
  private readonly clauses = new Map<string, Uint8Array>();
  /** Kinds whose index alone exceeds the budget. */
  private readonly oversized = new Set<K>();

  constructor(
    readonly rowCount: number,
    private readonly fields: Readonly<Record<string, EventFieldSpec<K>>>,
    private readonly source: RowEventSource<K>,
    options: EventIndexOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_EVENT_INDEX_BYTES;
    this.maxClauses = options.maxClauses ?? DEFAULT_MAX_CLAUSES;
  }

  /** The field's values of one row, equal to `spec.values(source(row, kind))`. */
  values(field: string, row: number): readonly string[] {
    const spec = this.spec(field);
    // A kind over the budget is never retained: read the row directly instead.
    if (this.oversized.has(spec.kind)) return spec.values(this.source(row, spec.kind));
    const col = this.retained(spec.kind).columns.get(field)!;
    const from = col.offsets[row];
    const to = col.offsets[row + 1];
    if (from === to) return EMPTY;
    const out = new Array<string>(to - from);
    for (let j = from; j < to; j++) out[j - from] = col.dict[col.ids[j]];
    return out;
  }

  /**
   * Rows having a value of `field` that passes `test`; `key` identifies the test (same key, same
   * test), so a repeated clause is answered from the bitset cache.
   */
  matcher(field: string, test: (value: unknown) => boolean, key: string): (row: number) => boolean {
    const cacheKey = `${field}\u0000${key}`;
    let bits = this.clauses.get(cacheKey);
    if (bits) {
      this.clauses.delete(cacheKey);
    } else {
      const spec = this.spec(field);
      // An oversized kind is built for this clause only and then dropped.
      const index = this.oversized.has(spec.kind) ? this.build(spec.kind) : this.retained(spec.kind);
      bits = matchRows(index.columns.get(field)!, this.rowCount, test);
    }
    this.clauses.set(cacheKey, bits);
    if (this.clauses.size > this.maxClauses) this.clauses.delete(this.clauses.keys().next().value as string);
    const found = bits;
    return (row) => (found[row >>> 3] & (1 << (row & 7))) !== 0;
  }

  stats(): EventIndexStats {
    let bytes = 0;
    const kinds: EventIndexStats['kinds'] = [];
    for (const [kind, index] of this.kinds) {
      bytes += index.bytes;
      const fields = [...index.columns].map(([field, col]) => ({ field, values: col.ids.length, distinct: col.dict.length }));
      kinds.push({ kind, bytes: index.bytes, fields });
    }
    for (const bits of this.clauses.values()) bytes += bits.byteLength;
    return { bytes, kinds, clauses: this.clauses.size };
  }

  private spec(field: string): EventFieldSpec<K> {
    const spec = this.fields[field];
    if (!spec) throw new Error(`not an event field: ${field}`);
    return spec;
  }

  /**
   * The kind's index, built and retained (evicting others) when it fits the budget. A kind that
   * alone exceeds it is marked oversized, and its fresh index is returned without keeping it.
   */
  private retained(kind: K): KindIndex {
    const hit = this.kinds.get(kind);
    if (hit) {
      this.kinds.delete(kind);
      this.kinds.set(kind, hit);
      return hit;
    }
    const index = this.build(kind);
    if (index.bytes > this.maxBytes) {
      this.oversized.add(kind);
      return index;
    }
    this.kinds.set(kind, index);
    let total = 0;
    for (const k of this.kinds.values()) total += k.bytes;
    for (const [k, old] of this.kinds) {
      if (total <= this.maxBytes || k === kind) break;
      this.kinds.delete(k);
      total -= old.bytes;
    }
    return index;
  }

  /** Generate the kind for every row once and encode all its fields. */
  private build(kind: K): KindIndex {
    const names = Object.keys(this.fields).filter((f) => this.fields[f].kind === kind);
    const builders = names.map(() => new ColumnBuilder(this.rowCount));
    for (let row = 0; row < this.rowCount; row++) {
      const entries = this.source(row, kind);
      for (let f = 0; f < names.length; f++) builders[f].addRow(this.fields[names[f]].values(entries));
    }
    const columns = new Map<string, FieldColumn>();
    let bytes = 0;
    names.forEach((name, f) => {
      const col = builders[f].done();
      columns.set(name, col);
      bytes += columnBytes(col);
    });
    return { columns, bytes };
  }
}

function matchRows(col: FieldColumn, rowCount: number, test: (value: unknown) => boolean): Uint8Array {
  const ok = new Uint8Array(col.dict.length);
  for (let d = 0; d < col.dict.length; d++) if (test(col.dict[d])) ok[d] = 1;
  const bits = new Uint8Array((rowCount + 7) >>> 3);
  const { offsets, ids } = col;
  for (let row = 0; row < rowCount; row++) {
    for (let j = offsets[row], end = offsets[row + 1]; j < end; j++) {
      if (ok[ids[j]] === 1) {
        bits[row >>> 3] |= 1 << (row & 7);
        break;
      }
    }
  }
  return bits;
}

/** Rough heap size: typed arrays plus each distinct string (header + chars) and its slot. */
function columnBytes(col: FieldColumn): number {
  let strings = 0;
  for (const s of col.dict) strings += 32 + s.length;
  return col.ids.byteLength + col.offsets.byteLength + strings;
}

class ColumnBuilder {
  private readonly dict: string[] = [];
  private readonly idOf = new Map<string, number>();
  private readonly offsets: Uint32Array;
  private ids = new Uint32Array(1024);
  private n = 0;
  private row = 0;

  constructor(rowCount: number) {
    this.offsets = new Uint32Array(rowCount + 1);
  }

  addRow(values: readonly string[]): void {
    if (this.n + values.length > this.ids.length) {
      const grown = new Uint32Array(Math.max(this.ids.length * 2, this.n + values.length));
      grown.set(this.ids);
      this.ids = grown;
    }
    for (const v of values) {
      let id = this.idOf.get(v);
      if (id === undefined) {
        id = this.dict.length;
        this.dict.push(v);
        this.idOf.set(v, id);
      }
      this.ids[this.n++] = id;
    }
    this.offsets[++this.row] = this.n;
  }

  done(): FieldColumn {
    const used = this.ids.subarray(0, this.n);
    // Most kinds have few distinct values (modules, domains): 16-bit ids halve the column.
    const ids = this.dict.length <= 0x10000 ? Uint16Array.from(used) : used.slice();
    return { dict: this.dict, offsets: this.offsets, ids };
  }
}
