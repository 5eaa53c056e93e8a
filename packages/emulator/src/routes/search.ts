// Adapter between the Solr-style search routes and the query engine (src/query): picks the
// collection and profile, accepts GET query strings and the legacy JSON-body POST, and maps
// query errors to the 400 bodies clients key on.
import type { EmulatorState, ProcessDocument } from '../data/types.js';
import {
  alertProfile,
  binaryProfile,
  compileQuery,
  parseQueryCached,
  processProfile,
  QuerySyntaxError,
  runSearch,
  SearchParamError,
  threatReportProfile,
  threatReportSchema,
  type SearchParams,
  type SearchProfile,
} from '../query/index.js';
import type { RouteContext } from '../server/context.js';
import { HttpError } from '../server/errors.js';
import { json } from '../server/respond.js';
import { eventSource } from './events.js';
import type { JsonObject } from './util.js';

export type Collection = 'process' | 'binary' | 'alert' | 'threat_report';

interface Profiles {
  process: SearchProfile<ProcessDocument>;
  binary: SearchProfile<unknown>;
  alert: SearchProfile<unknown>;
  threat_report: SearchProfile<unknown>;
}

// Profiles close over the state (event lookups), so they are built once per state.
const profileCache = new WeakMap<EmulatorState, Profiles>();
// Process rows are materialised once per state: the store is read-only and searches then scan
// plain objects instead of rebuilding every row on every page.
const rowCache = new WeakMap<EmulatorState, ProcessDocument[]>();

function profiles(state: EmulatorState): Profiles {
  let p = profileCache.get(state);
  if (!p) {
    p = {
      process: processProfile<ProcessDocument>({ events: eventSource(state) }),
      binary: binaryProfile(),
      alert: alertProfile(),
      threat_report: threatReportProfile(),
    };
    profileCache.set(state, p);
  }
  return p;
}

export function processRows(state: EmulatorState): ProcessDocument[] {
  let rows = rowCache.get(state);
  if (!rows) {
    rows = [...state.processes.rows()];
    rowCache.set(state, rows);
  }
  return rows;
}

function documents(state: EmulatorState, collection: Collection): Iterable<unknown> {
  switch (collection) {
    case 'process':
      return processRows(state);
    case 'binary':
      return state.binaries.values();
    case 'alert':
      return state.alerts.values();
    case 'threat_report':
      return state.threatReports.values();
  }
}

/**
 * Page size default and caps follow what `/api/info` advertises (`processPageSize`,
 * `binaryPageSize`, `maxSearchResultRows`), so editing `state.info` changes the behaviour.
 */
function withServerLimits(state: EmulatorState, collection: Collection, profile: SearchProfile<unknown>): SearchProfile<unknown> {
  const info = state.info;
  const max = info.maxSearchResultRows > 0 ? info.maxSearchResultRows : undefined;
  const defaultRows = collection === 'process' ? info.processPageSize : collection === 'binary' ? info.binaryPageSize : profile.defaultRows;
  return { ...profile, defaultRows: defaultRows > 0 ? defaultRows : profile.defaultRows, caps: max ? { maxRows: max, maxResultWindow: max } : profile.caps };
}

/** Legacy clients POST the search dict as JSON (lists become repeated parameters). */
function paramsOf(ctx: RouteContext): SearchParams {
  if (ctx.method !== 'POST') return ctx.query;
  const body = (ctx.body() ?? {}) as JsonObject;
  const params = new URLSearchParams(ctx.query);
  for (const [key, value] of Object.entries(body)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== null) params.append(key, String(v));
  }
  return params;
}

export function queryError(err: unknown): never {
  if (err instanceof QuerySyntaxError || err instanceof SearchParamError) {
    throw new HttpError(400, json(err.toJSON(), 400));
  }
  throw err;
}

export function searchHandler(collection: Collection) {
  return (ctx: RouteContext) => {
    const params = paramsOf(ctx);
    try {
      const base = profiles(ctx.state)[collection] as SearchProfile<unknown>;
      return json(runSearch(documents(ctx.state, collection), params, withServerLimits(ctx.state, collection, base)));
    } catch (err) {
      return queryError(err);
    }
  };
}

/** 400 query_malformed_syntax when `text` does not parse (watchlist search_query validation). */
export function validateQueryText(text: string): void {
  if (text.trim() === '') return;
  try {
    parseQueryCached(text);
  } catch (err) {
    queryError(err);
  }
}

/** Every document of a collection matching the `q` of `params` (bulk updates by query). */
export function matchingDocs(ctx: RouteContext, collection: 'threat_report', params: URLSearchParams): unknown[] {
  const texts = params.getAll('q').filter((q) => q.trim() !== '');
  try {
    const schema = threatReportSchema<unknown>();
    const predicates = texts.map((q) => compileQuery(parseQueryCached(q), schema));
    return [...documents(ctx.state, collection)].filter((d) => predicates.every((p) => p(d)));
  } catch (err) {
    return queryError(err);
  }
}
