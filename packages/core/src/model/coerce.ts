// Field coercion between wire values and typed values (core.md §3.1 table).
import { InvalidObjectError, type ErrorContext } from '../errors.js';
import type { FieldDecl, FieldSpec, FieldType } from './types.js';

export function specOf(decl: FieldDecl): FieldSpec {
  return typeof decl === 'string' ? { type: decl } : decl;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['', '0', 'false', 'no', 'off']);

function toBoolean(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw !== 0;
  if (typeof raw === 'string') {
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return undefined;
}

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && raw.trim() !== '') {
    const n = Number(raw);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

// "2018-02-06 12:44:33.883886-06:00", "2016-10-17T19:08:09.645Z", "2017-05-21T18:41:58Z".
const CB_DATE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Liberal date parser; values without a zone are taken as UTC. `-1` means "invalid" (epoch). */
export function parseCbDate(raw: unknown): Date {
  if (raw instanceof Date) return raw;
  if (typeof raw === 'number') return new Date(raw);
  if (typeof raw !== 'string' || raw === '-1') return new Date(0);
  const m = CB_DATE.exec(raw.trim());
  if (m) {
    const [, day, time, fraction, zone] = m;
    const millis = fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : '';
    const tz = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    return new Date(`${day}T${time}${millis}${tz}`);
  }
  return new Date(raw);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS.ffffff` in UTC: the date-time format cbapi writes. */
export function formatCbDate(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.` +
    `${pad(date.getUTCMilliseconds(), 3)}000`
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

const DATE_TYPES: ReadonlySet<FieldType> = new Set(['date', 'iso-date', 'epoch-ms']);

/** Wire value → typed value. `raw` is undefined when the field is absent from a loaded document. */
export function readValue(spec: FieldSpec, raw: unknown): unknown {
  if (raw === undefined || raw === null) {
    if (spec.nullable) return null;
    if (spec.type === 'array') return [];
    if (spec.type === 'object') return {};
    if (DATE_TYPES.has(spec.type)) return new Date(0);
    return raw;
  }
  switch (spec.type) {
    case 'int': {
      const n = toNumber(raw);
      return n === undefined ? raw : Math.trunc(n);
    }
    case 'float':
      return toNumber(raw) ?? raw;
    case 'boolean':
      return toBoolean(raw) ?? raw;
    case 'date':
    case 'iso-date':
      return parseCbDate(raw);
    case 'epoch-ms': {
      const n = toNumber(raw);
      return n === undefined ? new Date(0) : new Date(n);
    }
    case 'bytes':
      return typeof raw === 'string' ? new Uint8Array(Buffer.from(raw, 'base64')) : raw;
    default:
      return raw;
  }
}

/** Whether reading an absent field yields a value (instead of a NotLoadedError). */
export function hasDefaultWhenAbsent(spec: FieldSpec): boolean {
  return spec.nullable === true || spec.type === 'array' || spec.type === 'object' || DATE_TYPES.has(spec.type);
}

/**
 * Typed value → wire value. Throws InvalidObjectError for values that cannot be coerced;
 * `target` names the save request the value was meant for (computed only on failure).
 */
export function writeValue(spec: FieldSpec, value: unknown, label: string, target?: () => ErrorContext): unknown {
  if (value === null || value === undefined) return null;
  const invalid = (what: string): never => {
    throw new InvalidObjectError(`${label} must be ${what}, got ${JSON.stringify(value)}`, target?.() ?? {});
  };
  switch (spec.type) {
    case 'int': {
      const n = toNumber(value);
      return n === undefined ? invalid('an integer') : Math.trunc(n);
    }
    case 'float':
      return toNumber(value) ?? invalid('a number');
    case 'boolean':
      return toBoolean(value) ?? invalid('a boolean');
    case 'date':
      return value instanceof Date ? formatCbDate(value) : typeof value === 'number' ? formatCbDate(new Date(value)) : value;
    case 'iso-date':
      return value instanceof Date ? value.toISOString() : value;
    case 'epoch-ms':
      return value instanceof Date ? value.getTime() : value;
    case 'bytes':
      return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
    case 'array':
      return Array.isArray(value) ? value : invalid('an array');
    case 'object':
      return isPlainObject(value) ? value : invalid('an object');
    default:
      return value;
  }
}

/** Structural equality of two wire values (JSON documents). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
