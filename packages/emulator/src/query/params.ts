// Uniform read access to query parameters given either as URLSearchParams or a plain record
// (repeated parameters as arrays), plus strict integer parsing for paging parameters.

import { SearchParamError } from './errors.js';

export type SearchParams = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface ParamReader {
  /** First value, or undefined. */
  get(name: string): string | undefined;
  /** All values in order (repeated parameters). */
  getAll(name: string): string[];
  names(): string[];
}

export function paramReader(params: SearchParams): ParamReader {
  if (params instanceof URLSearchParams) {
    return {
      get: (n) => params.get(n) ?? undefined,
      getAll: (n) => params.getAll(n),
      names: () => [...new Set(params.keys())],
    };
  }
  const all = (n: string): string[] => {
    const v = params[n];
    if (v === undefined) return [];
    return typeof v === 'string' ? [v] : [...v];
  };
  return { get: (n) => all(n)[0], getAll: all, names: () => Object.keys(params).filter((k) => params[k] !== undefined) };
}

/** Integer parameter: absent/blank → fallback; anything but an integer ≥ min → SearchParamError. */
export function intParam(reader: ParamReader, name: string, fallback: number, min = 0): number {
  const raw = reader.get(name);
  if (raw === undefined || raw.trim() === '') return fallback;
  const t = raw.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new SearchParamError(name, `Parameter '${name}' must be an integer, got '${raw}'`);
  const n = Number(t);
  if (n < min) throw new SearchParamError(name, `Parameter '${name}' must be >= ${min}, got ${n}`);
  return n;
}

/** `true` when any value of the parameter is `true` (legacy clients repeat `facet=true`). */
export function boolParam(reader: ParamReader, name: string): boolean {
  return reader.getAll(name).some((v) => v.trim().toLowerCase() === 'true');
}
