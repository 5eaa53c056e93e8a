// Cb Defense (integrationServices v3) list filtering: plain `key=value` parameters
// (protection.md §B2, defense.md §2), 1-based `start`, `rows`, and `limit=0` as a count request.
// Field locations are configurable because event documents nest device/app details.

import type { Predicate } from './compile.js';
import { SearchParamError } from './errors.js';
import { intParam, paramReader, type SearchParams } from './params.js';
import { propertyGetter } from './schema.js';
import { parseDateSpan, toEpochMs } from './values.js';

export type DefenseKind = 'device' | 'event' | 'policy';

export interface DefenseFilterSpec {
  /** Candidate document paths (dotted); a document matches when any of them matches. */
  paths: readonly string[];
  /** contains: case-insensitive substring; exact: case-insensitive equality. */
  match: 'contains' | 'exact';
}

export const DEVICE_FILTERS: Readonly<Record<string, DefenseFilterSpec>> = {
  hostName: { paths: ['name'], match: 'contains' },
  hostNameExact: { paths: ['name'], match: 'exact' },
  ipAddress: { paths: ['lastInternalIpAddress', 'lastExternalIpAddress'], match: 'exact' },
  ownerName: { paths: ['email', 'assignedToName', 'firstName', 'lastName'], match: 'contains' },
  ownerNameExact: { paths: ['email', 'assignedToName'], match: 'exact' },
};

export const EVENT_FILTERS: Readonly<Record<string, DefenseFilterSpec>> = {
  hostName: { paths: ['deviceDetails.deviceName', 'deviceName', 'hostName'], match: 'contains' },
  hostNameExact: { paths: ['deviceDetails.deviceName', 'deviceName', 'hostName'], match: 'exact' },
  ownerName: { paths: ['deviceDetails.email', 'email', 'userName', 'ownerName'], match: 'contains' },
  ownerNameExact: { paths: ['deviceDetails.email', 'email', 'userName', 'ownerName'], match: 'exact' },
  ipAddress: { paths: ['deviceDetails.deviceIpAddress', 'deviceDetails.deviceIpV4Address', 'ipAddress'], match: 'exact' },
  sha256hash: { paths: ['selectedApp.sha256Hash', 'processDetails.sha256Hash', 'sha256Hash'], match: 'exact' },
  applicationName: { paths: ['selectedApp.applicationName', 'processDetails.name', 'applicationName'], match: 'exact' },
  eventType: { paths: ['eventType'], match: 'exact' },
};

/** Event time fields for searchWindow/startTime/endTime. */
export const EVENT_TIME_PATHS: readonly string[] = ['eventTime', 'createTime'];

const SEARCH_WINDOWS: Readonly<Record<string, number>> = {
  '1h': 3_600_000,
  '3h': 3 * 3_600_000,
  '1d': 86_400_000,
  '1w': 7 * 86_400_000,
  '2w': 14 * 86_400_000,
};

/** Parameters that control paging, not filtering. */
const RESERVED = new Set(['rows', 'start', 'limit', 'searchWindow', 'startTime', 'endTime']);

export interface DefenseOptions {
  now?: number;
  /** Replaces the default filter table of the kind. */
  filters?: Readonly<Record<string, DefenseFilterSpec>>;
  /** Page size when `rows` is absent (default 20). */
  defaultRows?: number;
  /** Largest page (default 10000). */
  maxRows?: number;
}

function filterTable(kind: DefenseKind, options: DefenseOptions): Readonly<Record<string, DefenseFilterSpec>> {
  if (options.filters) return options.filters;
  return kind === 'device' ? DEVICE_FILTERS : kind === 'event' ? EVENT_FILTERS : {};
}

function specTest<T>(spec: DefenseFilterSpec, value: string): Predicate<T> {
  const getters = spec.paths.map((p) => propertyGetter<T>(p));
  const want = value.toLowerCase();
  const hit = spec.match === 'exact' ? (s: string) => s === want : (s: string) => s.includes(want);
  return (d) =>
    getters.some((g) => {
      const v = g(d);
      if (v === null || v === undefined) return false;
      return (Array.isArray(v) ? v : [v]).some((x) => x !== null && x !== undefined && hit(String(x).toLowerCase()));
    });
}

function timeValue(raw: string, name: string, now: number): number {
  if (/^\d+$/.test(raw.trim())) return Number(raw);
  const span = parseDateSpan(raw, now);
  if (!span) throw new SearchParamError(name, `Invalid ${name} '${raw}'`);
  return span.lo;
}

/** AND of the documented key=value filters present in `params`; unknown keys are ignored. */
export function compileDefenseFilters<T>(params: SearchParams, kind: DefenseKind, options: DefenseOptions = {}): Predicate<T> {
  const reader = paramReader(params);
  const now = options.now ?? Date.now();
  const table = filterTable(kind, options);
  const tests: Predicate<T>[] = [];
  for (const name of reader.names()) {
    if (RESERVED.has(name) || !(name in table)) continue;
    // A repeated key keeps its last value, as the client's dict does.
    const values = reader.getAll(name);
    tests.push(specTest<T>(table[name], values[values.length - 1]));
  }
  if (kind === 'event') {
    const times = EVENT_TIME_PATHS.map((p) => propertyGetter<T>(p));
    const timeOf = (d: T): number | null => {
      for (const g of times) {
        const ms = toEpochMs(g(d));
        if (ms !== null) return ms;
      }
      return null;
    };
    const win = reader.get('searchWindow');
    if (win !== undefined && win !== '') {
      const span = SEARCH_WINDOWS[win];
      if (span === undefined) throw new SearchParamError('searchWindow', `Invalid searchWindow '${win}' (1h, 3h, 1d, 1w, 2w)`);
      tests.push((d) => (timeOf(d) ?? -Infinity) >= now - span);
    }
    const startTime = reader.get('startTime');
    if (startTime) {
      const lo = timeValue(startTime, 'startTime', now);
      tests.push((d) => (timeOf(d) ?? -Infinity) >= lo);
    }
    const endTime = reader.get('endTime');
    if (endTime) {
      const hi = timeValue(endTime, 'endTime', now);
      tests.push((d) => (timeOf(d) ?? Infinity) <= hi);
    }
  }
  if (tests.length === 0) return () => true;
  return (d) => tests.every((t) => t(d));
}

export interface DefenseListResult<T> {
  results: T[];
  totalResults: number;
}

/** Filter and page a v3 list: `start` is 1-based (absent/0 → first row), `limit=0` → count only. */
export function runDefenseQuery<T>(docs: Iterable<T>, params: SearchParams, kind: DefenseKind, options: DefenseOptions = {}): DefenseListResult<T> {
  const reader = paramReader(params);
  const pred = compileDefenseFilters<T>(params, kind, options);
  const rows = Math.min(intParam(reader, 'rows', options.defaultRows ?? 20), options.maxRows ?? 10_000);
  const start = Math.max(1, intParam(reader, 'start', 1));
  const matches: T[] = [];
  for (const d of docs) if (pred(d)) matches.push(d);
  if (reader.get('limit') === '0') return { results: [], totalResults: matches.length };
  return { results: matches.slice(start - 1, start - 1 + rows), totalResults: matches.length };
}
