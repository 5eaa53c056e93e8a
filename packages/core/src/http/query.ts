// Query strings as cbapi builds them (core.md §7.1): list values become repeated parameters,
// pairs are sorted by name then value, and everything is form-urlencoded (space → '+', only
// letters, digits and `_ . - ~` left as is). Booleans are sent as lower-case 'true'/'false':
// cbapi sends Python's True/False, but the servers accept both, and lower case is what every
// other client sends.
import type { QueryParams, QueryScalar } from './types.js';

function render(value: QueryScalar): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Python's quote_plus: encodeURIComponent plus the five characters it leaves alone. */
export function formEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `{ b: 1, a: ['y x', 'x'] }` → `a=x&a=y+x&b=1`. Empty string when nothing is set. */
export function encodeQuery(params: QueryParams | undefined): string {
  if (!params) return '';
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? (value as readonly QueryScalar[]) : [value as QueryScalar];
    for (const v of values) if (v !== undefined && v !== null) pairs.push([name, render(v)]);
  }
  pairs.sort((x, y) => compare(x[0], y[0]) || compare(x[1], y[1]));
  return pairs.map(([n, v]) => `${formEncode(n)}=${formEncode(v)}`).join('&');
}

/** Appends an encoded query to a path that may already carry one. */
export function withQuery(path: string, params: QueryParams | undefined): string {
  const query = encodeQuery(params);
  if (!query) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}
