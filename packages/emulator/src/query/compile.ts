// Compile a parsed query into a document predicate. All parsing of query values (numbers, dates,
// wildcards, tokens) happens once here; the returned closure only touches document values.

import type { LeafNode, QueryNode, TermValue } from './ast.js';
import { QuerySyntaxError } from './errors.js';
import { fieldResolver, type FieldDictionary, type FieldSchema, type FieldType, type ResolvedField } from './schema.js';
import { containsSequence, PATH_SEPARATORS, splitPath, splitText, TEXT_SEPARATORS, wildcardMatcher } from './text.js';
import {
  formatIPv4,
  isPresent,
  parseBool,
  parseCidr,
  parseDateSpan,
  parseIPv4,
  parseNumber,
  toEpochMs,
  toNumber,
  type DateSpan,
} from './values.js';

export type Predicate<T> = (doc: T) => boolean;

export interface CompileOptions {
  /** Reference time for relative dates (`start:-60m`); defaults to Date.now(). */
  now?: number;
}

/** Test of one scalar value (the caller handles arrays: a match on one element is enough). */
type ValueTest = (v: unknown) => boolean;

interface Compiled<T> {
  test: Predicate<T>;
  /** Rough evaluation cost; cheaper clauses run first inside AND/OR. */
  cost: number;
}

interface Ctx<T> {
  resolve: (name: string) => ResolvedField<T> | null;
  schema: FieldSchema<T>;
  now: number;
}

/** Compile a query tree against a schema. Throws QuerySyntaxError for values a field cannot hold. */
export function compileQuery<T>(node: QueryNode, schema: FieldSchema<T>, options: CompileOptions = {}): Predicate<T> {
  const ctx: Ctx<T> = { resolve: fieldResolver(schema), schema, now: options.now ?? Date.now() };
  return compileNode(node, ctx).test;
}

function compileNode<T>(node: QueryNode, ctx: Ctx<T>): Compiled<T> {
  switch (node.kind) {
    case 'all':
      return { test: () => true, cost: 0 };
    case 'not': {
      const child = compileNode(node.child, ctx);
      return { test: (d) => !child.test(d), cost: child.cost };
    }
    case 'and':
    case 'or': {
      const parts = node.children.map((c) => compileNode(c, ctx)).sort((a, b) => a.cost - b.cost);
      const cost = parts.reduce((s, p) => s + p.cost, 0);
      return { test: node.kind === 'and' ? allOf(parts.map((p) => p.test)) : anyOf(parts.map((p) => p.test)), cost };
    }
    default:
      return compileLeaf(node, ctx);
  }
}

function allOf<T>(tests: Predicate<T>[]): Predicate<T> {
  if (tests.length === 2) {
    const [a, b] = tests;
    return (d) => a(d) && b(d);
  }
  return (d) => {
    for (const t of tests) if (!t(d)) return false;
    return true;
  };
}

function anyOf<T>(tests: Predicate<T>[]): Predicate<T> {
  if (tests.length === 0) return () => false;
  if (tests.length === 2) {
    const [a, b] = tests;
    return (d) => a(d) || b(d);
  }
  return (d) => {
    for (const t of tests) if (t(d)) return true;
    return false;
  };
}

function fieldCost<T>(f: ResolvedField<T>): number {
  if (f.computed) return 100;
  return f.type === 'text' || f.type === 'path' ? 5 : 1;
}

function compileLeaf<T>(leaf: LeafNode, ctx: Ctx<T>): Compiled<T> {
  if (leaf.field === null) {
    // Bare term: OR over the default fields that can hold the value.
    const parts: Compiled<T>[] = [];
    for (const name of ctx.schema.defaultFields) {
      const f = ctx.resolve(name);
      if (!f) continue;
      const c = fieldClause(leaf, f, ctx, false);
      if (c) parts.push(c);
    }
    return { test: anyOf(parts.map((p) => p.test)), cost: parts.reduce((s, p) => s + p.cost, 0) };
  }
  const f = ctx.resolve(leaf.field);
  if (!f) throw new QuerySyntaxError(`Unknown field '${leaf.field}'`, leaf.position);
  const c = fieldClause(leaf, f, ctx, true);
  // fieldClause only returns null when strict is false.
  return c ?? { test: () => false, cost: 0 };
}

/** Clause over one resolved field; null (non-strict) or a syntax error (strict) when the value does not fit. */
function fieldClause<T>(leaf: LeafNode, f: ResolvedField<T>, ctx: Ctx<T>, strict: boolean): Compiled<T> | null {
  const get = f.get;
  const cost = fieldCost(f);
  if (leaf.kind === 'exists') {
    if (f.index) return { test: f.index(isPresent, testKey(leaf, f, ctx.now)), cost };
    if (f.dictionary) return { test: dictionaryTest(f.dictionary(), isPresent), cost };
    return { test: (d) => isPresent(get(d)), cost };
  }
  let vt: ValueTest | null;
  if (leaf.kind === 'range') {
    vt = rangeTest(f.type, f.caseSensitive, leaf.lower, leaf.upper, leaf.includeLower, leaf.includeUpper, ctx.now);
  } else if (leaf.kind === 'phrase') {
    vt = phraseTest(f.type, f.caseSensitive, leaf.text, ctx.now);
  } else {
    vt = termTest(f.type, f.caseSensitive, leaf.value, ctx.now);
  }
  if (!vt) {
    if (!strict) return null;
    throw new QuerySyntaxError(`Value is not valid for ${f.type} field '${f.name}'`, leaf.position);
  }
  const test = vt;
  if (f.index) return { test: f.index(test, testKey(leaf, f, ctx.now)), cost };
  const matches = (v: unknown): boolean => {
    if (v === null || v === undefined) return false;
    if (Array.isArray(v)) {
      for (const el of v) if (el !== null && el !== undefined && test(el)) return true;
      return false;
    }
    return test(v);
  };
  if (f.dictionary) return { test: dictionaryTest(f.dictionary(), matches), cost };
  return { test: (d) => matches(get(d)), cost };
}

/** Runs `passes` once per distinct value (on first sight) and answers by the document's code. */
function dictionaryTest<T>(dict: FieldDictionary<T>, passes: (v: unknown) => boolean): Predicate<T> {
  const { values, code } = dict;
  const memo = new Uint8Array(values.length); // 0 = not yet tested, 1 = passes, 2 = fails
  return (d) => {
    const c = code(d);
    let m = memo[c];
    if (m === 0) {
      m = passes(values[c]) ? 1 : 2;
      memo[c] = m;
    }
    return m === 1;
  };
}

/**
 * Identity of a clause's value test for FieldDef.index caches: everything the test depends on
 * (field, clause shape, values; `now` only for dates, where relative values depend on it).
 */
function testKey<T>(leaf: LeafNode, f: ResolvedField<T>, now: number): string {
  const when = f.type === 'date' || f.type === 'auto' ? now : 0;
  switch (leaf.kind) {
    case 'exists':
      return JSON.stringify([f.name, 'exists']);
    case 'term':
      return JSON.stringify([f.name, 'term', leaf.value.text, leaf.value.wildcards, when]);
    case 'phrase':
      return JSON.stringify([f.name, 'phrase', leaf.text, when]);
    case 'range':
      return JSON.stringify([f.name, 'range', leaf.lower, leaf.upper, leaf.includeLower, leaf.includeUpper, when]);
  }
}

// ---------------------------------------------------------------------------------------------
// Per-type value tests

function str(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

function stringTest(value: TermValue, caseSensitive: boolean): ValueTest {
  const m = wildcardMatcher(value, !caseSensitive);
  return caseSensitive ? (v) => m(str(v)) : (v) => m(str(v).toLowerCase());
}

function exactString(text: string, caseSensitive: boolean): ValueTest {
  if (caseSensitive) return (v) => str(v) === text;
  const lower = text.toLowerCase();
  const len = lower.length;
  // For an ASCII query a length mismatch rules a match out (lower-casing non-ASCII text never
  // yields pure ASCII of another length), which skips most toLowerCase calls.
  const ascii = /^[\x00-\x7f]*$/.test(lower);
  return (v) => {
    const s = str(v);
    if (ascii && s.length !== len) return false;
    return s.toLowerCase() === lower;
  };
}

/** Tokenised match (text/path): query tokens must appear consecutively in the value's tokens. */
function tokenSequence(text: string, split: (lower: string) => string[]): ValueTest {
  const lower = text.toLowerCase();
  const needle = split(lower);
  if (needle.length === 0) return exactString(text, false);
  // Cheap substring pre-check on the longest token before tokenising the document value.
  const probe = needle.reduce((a, b) => (b.length > a.length ? b : a));
  return (v) => {
    const s = str(v).toLowerCase();
    return s.includes(probe) && containsSequence(split(s), needle);
  };
}

/** Splits a wildcard term on the analyser's separators, keeping each token's wildcard offsets. */
function termTokens(value: TermValue, separators: RegExp): TermValue[] {
  const tokens: TermValue[] = [];
  let cur: TermValue = { text: '', wildcards: [] };
  const wild = new Set(value.wildcards);
  for (let i = 0; i < value.text.length; i++) {
    const ch = value.text[i];
    if (!wild.has(i) && separators.test(ch)) {
      if (cur.text !== '') tokens.push(cur);
      cur = { text: '', wildcards: [] };
      continue;
    }
    if (wild.has(i)) cur.wildcards.push(cur.text.length);
    cur.text += ch;
  }
  if (cur.text !== '') tokens.push(cur);
  return tokens;
}

/** Token-run match of a wildcard term: each query token (a pattern) matches one value token, consecutively. */
function wildcardSequence(value: TermValue, separators: RegExp, split: (lower: string) => string[]): (lower: string) => boolean {
  const tokens = termTokens(value, separators);
  const tests = tokens.map((t): ((token: string) => boolean) => {
    if (t.wildcards.length) return wildcardMatcher(t, true);
    const lower = t.text.toLowerCase();
    return (token) => token === lower;
  });
  if (tests.length === 0) return () => false;
  // Cheap substring pre-check on the longest literal token before tokenising the value.
  const probe = tokens.filter((t) => t.wildcards.length === 0).reduce((a, t) => (t.text.length > a.length ? t.text.toLowerCase() : a), '');
  return (s) => {
    if (probe && !s.includes(probe)) return false;
    const hay = split(s);
    outer: for (let i = 0; i + tests.length <= hay.length; i++) {
      for (let j = 0; j < tests.length; j++) if (!tests[j](hay[i + j])) continue outer;
      return true;
    }
    return false;
  };
}

function splitterFor(type: FieldType): (lower: string) => string[] {
  return type === 'path' ? splitPath : splitText;
}

function termTest(type: FieldType | 'auto', caseSensitive: boolean, value: TermValue, now: number): ValueTest | null {
  const wild = value.wildcards.length > 0;
  switch (type) {
    case 'keyword':
      return wild ? stringTest(value, caseSensitive) : exactString(value.text, caseSensitive);
    case 'text':
    case 'path': {
      const split = splitterFor(type);
      if (!wild) return tokenSequence(value.text, split);
      const whole = wildcardMatcher(value, true);
      const separators = type === 'path' ? PATH_SEPARATORS : TEXT_SEPARATORS;
      // A pattern without separators may also match a single token (`path:note*`); one with
      // separators also matches a run of tokens (`regmod:registry\machine\...\run\*` inside
      // `\registry\machine\...`), like a partial path without wildcards does.
      const perToken = !separators.test(value.text);
      const sequence = perToken ? null : wildcardSequence(value, separators, split);
      return (v) => {
        const s = str(v).toLowerCase();
        if (whole(s)) return true;
        return perToken ? split(s).some(whole) : sequence!(s);
      };
    }
    case 'int':
    case 'float': {
      if (wild) return stringTest(value, true);
      const n = parseNumber(value.text);
      return n === null ? null : (v) => toNumber(v) === n;
    }
    case 'date': {
      if (wild) return stringTest(value, false);
      const span = parseDateSpan(value.text, now);
      return span ? dateSpanTest(span) : null;
    }
    case 'bool': {
      const b = parseBool(value.text);
      return b === null ? null : (v) => parseBool(v) === b;
    }
    case 'ip':
      return ipTermTest(value, wild);
    case 'auto':
      return wild ? stringTest(value, false) : autoEquals(value.text);
  }
}

function phraseTest(type: FieldType | 'auto', caseSensitive: boolean, text: string, now: number): ValueTest | null {
  const literal: TermValue = { text, wildcards: [] };
  if (type === 'text' || type === 'path') return tokenSequence(text, splitterFor(type));
  if (type === 'keyword') return exactString(text, caseSensitive);
  return termTest(type, caseSensitive, literal, now);
}

function dateSpanTest(span: DateSpan): ValueTest {
  // A relative term (`-60m`) means "since then".
  if (span.relative) return (v) => (toEpochMs(v) ?? -Infinity) >= span.lo;
  return (v) => {
    const ms = toEpochMs(v);
    return ms !== null && ms >= span.lo && ms < span.hi;
  };
}

function ipTermTest(value: TermValue, wild: boolean): ValueTest | null {
  if (wild) {
    const m = wildcardMatcher(value, false);
    return (v) => {
      const n = parseIPv4(v);
      return n !== null && m(formatIPv4(n));
    };
  }
  const cidr = parseCidr(value.text);
  if (cidr) {
    return (v) => {
      const n = parseIPv4(v);
      return n !== null && n >= cidr.lo && n <= cidr.hi;
    };
  }
  const ip = parseIPv4(value.text);
  return ip === null ? null : (v) => parseIPv4(v) === ip;
}

function autoEquals(text: string): ValueTest {
  const n = parseNumber(text);
  const b = parseBool(text);
  const s = exactString(text, false);
  return (v) => {
    if (typeof v === 'number') return v === n;
    if (typeof v === 'boolean') return v === b;
    return s(v);
  };
}

// ---------------------------------------------------------------------------------------------
// Ranges

function rangeTest(
  type: FieldType | 'auto',
  caseSensitive: boolean,
  lower: string | null,
  upper: string | null,
  incLo: boolean,
  incHi: boolean,
  now: number,
): ValueTest | null {
  if (lower === null && upper === null) return () => true; // [* TO *]: any value
  switch (type) {
    case 'int':
    case 'float':
      return numericRange(lower, upper, incLo, incHi, parseNumber, toNumber);
    case 'ip':
      return numericRange(lower, upper, incLo, incHi, parseIPv4, parseIPv4);
    case 'date':
      return dateRange(lower, upper, incLo, incHi, now);
    case 'bool':
      return null;
    case 'auto': {
      const num = numericRange(lower, upper, incLo, incHi, parseNumber, toNumber);
      const date = dateRange(lower, upper, incLo, incHi, now);
      const text = stringRange(lower, upper, incLo, incHi, false);
      return (v) => {
        if (typeof v === 'number') return num !== null && num(v);
        if (date !== null && toEpochMs(v) !== null) return date(v);
        return text(v);
      };
    }
    default:
      return stringRange(lower, upper, incLo, incHi, caseSensitive);
  }
}

function numericRange(
  lower: string | null,
  upper: string | null,
  incLo: boolean,
  incHi: boolean,
  parseBound: (s: string) => number | null,
  toValue: (v: unknown) => number | null,
): ValueTest | null {
  const lo = lower === null ? -Infinity : parseBound(lower);
  const hi = upper === null ? Infinity : parseBound(upper);
  if (lo === null || hi === null) return null;
  return (v) => {
    const n = toValue(v);
    if (n === null) return false;
    return (incLo ? n >= lo : n > lo) && (incHi ? n <= hi : n < hi);
  };
}

/**
 * Date bounds keep their written precision: `[2020-01-01 TO 2020-01-31]` covers all of Jan 31,
 * `{2020-01-01 TO *]` starts after Jan 1.
 */
function dateRange(lower: string | null, upper: string | null, incLo: boolean, incHi: boolean, now: number): ValueTest | null {
  const loSpan = lower === null ? null : parseDateSpan(lower, now);
  const hiSpan = upper === null ? null : parseDateSpan(upper, now);
  if ((lower !== null && !loSpan) || (upper !== null && !hiSpan)) return null;
  const min = loSpan ? (incLo ? loSpan.lo : loSpan.hi) : -Infinity;
  const max = hiSpan ? (incHi ? hiSpan.hi : hiSpan.lo) : Infinity; // exclusive
  return (v) => {
    const ms = toEpochMs(v);
    return ms !== null && ms >= min && ms < max;
  };
}

function stringRange(lower: string | null, upper: string | null, incLo: boolean, incHi: boolean, caseSensitive: boolean): ValueTest {
  const fold = (s: string): string => (caseSensitive ? s : s.toLowerCase());
  const lo = lower === null ? null : fold(lower);
  const hi = upper === null ? null : fold(upper);
  return (v) => {
    const s = fold(str(v));
    if (lo !== null && (incLo ? s < lo : s <= lo)) return false;
    if (hi !== null && (incHi ? s > hi : s >= hi)) return false;
    return true;
  };
}
