// Cb Protection (Bit9 platform API v1) list filtering, protection.md §A2.2:
//   q=<field><op><value> (repeatable, ANDed), op one of  :  !  <  >  +  -
//   `|` separates alternatives (positive ops: any matches; negative ops `!`/`-`: excluded when
//   any alternative matches), `q=field!` = not empty, `q=field:` = empty, `*` wildcards for
//   strings, relative dates (`-10h`, `-3600s`), case-insensitive strings throughout.
//   sort=<field> [ASC|DESC]; offset/limit (absent → 1000 rows, -1 → {"count": N}, 0 → all);
//   group=<field> → [{"value": v, "count": n}].

import type { Predicate } from './compile.js';
import { SearchParamError } from './errors.js';
import { paramReader, type ParamReader, type SearchParams } from './params.js';
import { propertyGetter } from './schema.js';
import { wildcardMatcher } from './text.js';
import { parseBool, parseDateSpan, toEpochMs, toNumber } from './values.js';

export type ProtectionFieldType = 'string' | 'int' | 'date' | 'bool';
export type ProtectionOperator = ':' | '!' | '<' | '>' | '+' | '-';

export interface ProtectionSchema {
  /** Declared field types by canonical (camelCase) name; undeclared fields infer a type per value. */
  fields?: Readonly<Record<string, ProtectionFieldType>>;
  /** Reject fields not in `fields` with HTTP 400 (real servers do). Default false. */
  strict?: boolean;
}

export interface ProtectionCondition {
  field: string;
  op: ProtectionOperator;
  /** Alternatives (split on `|`). */
  values: string[];
}

export type ProtectionResult<T> =
  | { kind: 'count'; body: { count: number } }
  | { kind: 'rows'; body: T[]; total: number }
  | { kind: 'groups'; body: Array<{ value: unknown; count: number }> };

export const PROTECTION_DEFAULT_LIMIT = 1000;

const CONDITION = /^([A-Za-z_][A-Za-z0-9_]*)([:!<>+-])([\s\S]*)$/;

export function parseProtectionCondition(q: string): ProtectionCondition {
  const m = CONDITION.exec(q.trim());
  if (!m) throw new SearchParamError('q', `Invalid condition '${q}' (expected <field><op><value>, op one of : ! < > + -)`);
  return { field: m[1], op: m[2] as ProtectionOperator, values: m[3].split('|') };
}

function canonical(schema: ProtectionSchema | undefined, field: string): string {
  const fields = schema?.fields ?? {};
  if (field in fields) return field;
  const lower = field.toLowerCase();
  const hit = Object.keys(fields).find((k) => k.toLowerCase() === lower);
  if (hit) return hit;
  if (schema?.strict) throw new SearchParamError('q', `Unknown field '${field}'`);
  return field;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

type Test = (v: unknown) => boolean;

/** Test for one alternative; `v` is never null/undefined here. */
function altTest(op: ProtectionOperator, alt: string, type: ProtectionFieldType | undefined, now: number): Test {
  // An empty alternative means "empty": a present value never equals it.
  if (alt === '' && (op === ':' || op === '!')) return () => op === '!';
  const likeText = (): Test => {
    const m = wildcardMatcher({ text: alt, wildcards: [...alt].flatMap((c, i) => (c === '*' ? [i] : [])) }, true);
    return (v) => m(String(v).toLowerCase());
  };
  const dateSpan = parseDateSpan(alt, now);
  const num = toNumber(alt);
  const effective = (v: unknown): ProtectionFieldType => {
    if (type) return type;
    if (typeof v === 'number') return 'int';
    if (typeof v === 'boolean') return 'bool';
    // Undeclared string fields compare as dates when both sides parse as dates (e.g. dateCreated>-10h).
    if (dateSpan && (op === '<' || op === '>' || dateSpan.relative) && toEpochMs(v) !== null) return 'date';
    return 'string';
  };
  const like = likeText();
  const lowerAlt = alt.toLowerCase();
  const bits = num !== null && Number.isInteger(num) ? BigInt(num) : null;
  return (v) => {
    const kind = effective(v);
    switch (op) {
      case ':':
      case '!': {
        let eq: boolean;
        if (kind === 'int' && !alt.includes('*')) eq = num !== null && toNumber(v) === num;
        else if (kind === 'bool') eq = parseBool(v) === parseBool(alt);
        else if (kind === 'date' && dateSpan && !alt.includes('*')) {
          const ms = toEpochMs(v);
          eq = ms !== null && ms >= dateSpan.lo && ms < dateSpan.hi;
        } else eq = like(v);
        return op === ':' ? eq : !eq;
      }
      case '<':
      case '>': {
        const sign = op === '<' ? -1 : 1;
        if (kind === 'int') {
          const n = toNumber(v);
          return n !== null && num !== null && Math.sign(n - num) === sign;
        }
        if (kind === 'date') {
          const ms = toEpochMs(v);
          return ms !== null && dateSpan !== null && Math.sign(ms - dateSpan.lo) === sign;
        }
        const s = String(v).toLowerCase();
        return s === lowerAlt ? false : (s < lowerAlt ? -1 : 1) === sign;
      }
      case '+':
      case '-': {
        const n = toNumber(v);
        if (n === null || !Number.isInteger(n) || bits === null) return false;
        const masked = BigInt(n) & bits;
        return op === '+' ? masked === bits : masked === 0n;
      }
    }
  };
}

function conditionTest<T>(cond: ProtectionCondition, schema: ProtectionSchema | undefined, now: number): Predicate<T> {
  const field = canonical(schema, cond.field);
  const get = propertyGetter<T>(field);
  const type = schema?.fields?.[field];
  const { op } = cond;
  const tests = cond.values.map((alt) => altTest(op, alt, type, now));
  const negative = op === '!' || op === '-';
  const wantsEmpty = cond.values.includes('');
  return (d) => {
    const v = get(d);
    if (isEmpty(v)) {
      // `field:` matches empty values; `field!` requires a value; a missing value is
      // "not equal" to any real value but never satisfies a comparison.
      if (op === ':') return wantsEmpty;
      if (op === '!') return !wantsEmpty;
      return false;
    }
    return negative ? tests.every((t) => t(v)) : tests.some((t) => t(v));
  };
}

/** AND of all `q` conditions. Throws SearchParamError (HTTP 400) for malformed conditions. */
export function compileProtectionFilters<T>(qParams: readonly string[], schema?: ProtectionSchema, options: { now?: number } = {}): Predicate<T> {
  const now = options.now ?? Date.now();
  const tests = qParams.filter((q) => q.trim() !== '').map((q) => conditionTest<T>(parseProtectionCondition(q), schema, now));
  if (tests.length === 0) return () => true;
  return (d) => tests.every((t) => t(d));
}

/** `sort=<field> [ASC|DESC]`: one field; strings compare case-insensitively, empty values first (SQL order). */
export function parseProtectionSort(spec: string): { field: string; descending: boolean } | null {
  const words = spec.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return null;
  const dir = (words[1] ?? 'ASC').toUpperCase();
  if (words.length > 2 || (dir !== 'ASC' && dir !== 'DESC')) throw new SearchParamError('sort', `Invalid sort '${spec}' (expected <field> [ASC|DESC])`);
  return { field: words[0], descending: dir === 'DESC' };
}

function sortKey(v: unknown): number | string | null {
  if (isEmpty(v)) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return Number(v);
  return String(v).toLowerCase();
}

function compareKey(a: number | string | null, b: number | string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : 1;
}

function protectionSort<T>(docs: T[], spec: { field: string; descending: boolean }, schema?: ProtectionSchema): T[] {
  const get = propertyGetter<T>(canonical(schema, spec.field));
  const keys = docs.map((d) => sortKey(get(d)));
  const dir = spec.descending ? -1 : 1;
  return docs
    .map((_, i) => i)
    .sort((i, j) => compareKey(keys[i], keys[j]) * dir || i - j)
    .map((i) => docs[i]);
}

function intOrError(reader: ParamReader, name: string, fallback: number, min: number): number {
  const raw = reader.get(name);
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim()) || Number(raw) < min) throw new SearchParamError(name, `Invalid ${name} '${raw}'`);
  return Number(raw);
}

/** Whole list request: filter, then count / group / sort + offset/limit. */
export function runProtectionQuery<T>(
  docs: Iterable<T>,
  params: SearchParams,
  schema?: ProtectionSchema,
  options: { now?: number } = {},
): ProtectionResult<T> {
  const reader = paramReader(params);
  const pred = compileProtectionFilters<T>(reader.getAll('q'), schema, options);
  const limit = intOrError(reader, 'limit', PROTECTION_DEFAULT_LIMIT, -1);
  const offset = intOrError(reader, 'offset', 0, 0);
  const sort = parseProtectionSort(reader.get('sort') ?? '');
  const group = reader.get('group')?.trim();

  const matches: T[] = [];
  for (const d of docs) if (pred(d)) matches.push(d);

  if (limit === -1) return { kind: 'count', body: { count: matches.length } };
  if (group) {
    const get = propertyGetter<T>(canonical(schema, group));
    const counts = new Map<string, { value: unknown; count: number }>();
    for (const d of matches) {
      const v = get(d) ?? null;
      const k = `${typeof v}:${String(v).toLowerCase()}`;
      const g = counts.get(k) ?? { value: v, count: 0 };
      g.count += 1;
      counts.set(k, g);
    }
    return { kind: 'groups', body: [...counts.values()].sort((a, b) => compareKey(sortKey(a.value), sortKey(b.value))) };
  }
  const ordered = sort ? protectionSort(matches, sort, schema) : matches;
  const rows = limit === 0 ? ordered : ordered.slice(offset, offset + limit);
  return { kind: 'rows', body: rows, total: matches.length };
}
