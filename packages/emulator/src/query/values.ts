// Value coercion shared by the query languages: dates (absolute with precision, relative),
// IPv4 addresses, booleans and numbers. Pure functions; "now" is always passed in.

/** A date written with limited precision covers an interval: `2020-01-01` is the whole day. */
export interface DateSpan {
  /** Inclusive start, epoch ms. */
  lo: number;
  /** Exclusive end, epoch ms. */
  hi: number;
  /** Relative spec (`-60m`): as a term it means "from then until now and later". */
  relative: boolean;
}

const ABS_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const REL_DATE = /^-(\d+)([smhdw])$/i;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parse a date written in a query or filter parameter. Returns null when it is not a date. */
export function parseDateSpan(text: string, now: number): DateSpan | null {
  const t = text.trim();
  const rel = REL_DATE.exec(t);
  if (rel) {
    const at = now - Number(rel[1]) * UNIT_MS[rel[2].toLowerCase()];
    return { lo: at, hi: at + 1, relative: true };
  }
  if (t.toUpperCase() === 'NOW') return { lo: now, hi: now + 1, relative: false };
  const m = ABS_DATE.exec(t);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  if (Number.isNaN(ms) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  let unit = 86_400_000;
  if (h !== undefined) unit = 60_000;
  if (s !== undefined) unit = 1000;
  if (frac !== undefined) {
    ms += Math.floor(Number(`0.${frac}`) * 1000);
    unit = frac.length >= 3 ? 1 : 10 ** (3 - frac.length);
  }
  ms -= zoneOffsetMs(zone);
  return { lo: ms, hi: ms + unit, relative: false };
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/**
 * Epoch ms of a document's date value: ISO strings (with or without zone – no zone means UTC,
 * like the sensor-local times the server stores), Solr `...Z`, epoch numbers, Date objects.
 */
export function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string' || value === '') return null;
  const fast = fastIsoMs(value);
  if (fast !== null) return fast;
  const span = parseDateSpan(value, 0);
  return span && !span.relative ? span.lo : null;
}

const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/**
 * Allocation-free parse of `YYYY-MM-DD(T| )HH:MM:SS[.fff...][Z]` (the Solr form every stored
 * document uses); null for anything else. Date.parse costs ~0.4µs a call, this ~10× less, which
 * matters when sorting 200k documents by date.
 */
function fastIsoMs(s: string): number | null {
  const n = s.length;
  if (n < 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return null;
  for (const i of DIGIT_POSITIONS) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  let end = n;
  if (s.charCodeAt(end - 1) === 90 /* Z */) end -= 1;
  let ms = 0;
  if (end > 19) {
    if (s.charCodeAt(19) !== 46 || end === 20) return null;
    let scale = 100;
    for (let i = 20; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      if (scale >= 1) ms += (c - 48) * scale;
      scale /= 10;
    }
    ms = Math.floor(ms);
  }
  const y = twoDigits(s, 0) * 100 + twoDigits(s, 2);
  const mo = twoDigits(s, 5);
  const d = twoDigits(s, 8);
  const h = twoDigits(s, 11);
  const mi = twoDigits(s, 14);
  const sec = twoDigits(s, 17);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return null;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms;
}

// Module-level rather than a closure in fastIsoMs: no per-call allocation on this hot path.
function twoDigits(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Solr date rendering: `YYYY-MM-DDTHH:MM:SSZ`. */
export function formatSolrDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** IPv4 as an unsigned 32-bit number: dotted quad, or a (signed or unsigned) integer as the v1/v2 APIs store it. */
export function parseIPv4(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value >>> 0 : null;
  if (typeof value !== 'string') return null;
  const t = value.trim();
  if (/^-?\d+$/.test(t)) {
    const n = Number(t);
    return n >= -2147483648 && n <= 4294967295 ? n >>> 0 : null;
  }
  const parts = t.split('.');
  if (parts.length !== 4) return null;
  let out = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out = out * 256 + n;
  }
  return out;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** `a.b.c.d/n` → inclusive unsigned range. */
export function parseCidr(text: string): { lo: number; hi: number } | null {
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const base = parseIPv4(m[1]);
  const bits = Number(m[2]);
  if (base === null || bits > 32) return null;
  const size = 2 ** (32 - bits);
  const lo = Math.floor(base / size) * size;
  return { lo, hi: lo + size - 1 };
}

export function parseBool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return null;
  switch (value.trim().toLowerCase()) {
    case 'true':
    case '1':
    case 'yes':
    case 't':
      return true;
    case 'false':
    case '0':
    case 'no':
    case 'f':
      return false;
    default:
      return null;
  }
}

export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return parseNumber(value);
  return null;
}

/** Empty values never satisfy `field:*`. */
export function isPresent(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  return true;
}
