// Adapter between the Solr-style search routes and the query engine (src/query): picks the
// collection and profile, accepts GET query strings and the legacy JSON-body POST, and maps
// query errors to the 400 bodies clients key on.
import type { EmulatorState } from '../data/types.js';
import {
  alertProfile,
  binaryProfile,
  compileQuery,
  parseQueryCached,
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
import { processSearch } from './process-search.js';
import type { JsonObject } from './util.js';

export type Collection = 'process' | 'binary' | 'alert' | 'threat_report';

// Binary, alert and threat-report searches scan the state's maps of plain documents.
const PROFILES: Readonly<Record<Exclude<Collection, 'process'>, SearchProfile<unknown>>> = {
  binary: binaryProfile(),
  alert: alertProfile(),
  threat_report: threatReportProfile(),
};

function documents(state: EmulatorState, collection: Exclude<Collection, 'process'>): Iterable<unknown> {
  switch (collection) {
    case 'binary':
      return state.binaries.values();
    case 'alert':
      return state.alerts.values();
    case 'threat_report':
      return state.threatReports.values();
  }
}

/** Documents and profile of a collection. Processes are searched as row indices (see process-search.ts). */
function searchable(state: EmulatorState, collection: Collection): { docs: Iterable<unknown>; profile: SearchProfile<unknown> } {
  if (collection === 'process') {
    const s = processSearch(state);
    return { docs: s.docs, profile: s.profile as SearchProfile<unknown> };
  }
  return { docs: documents(state, collection), profile: PROFILES[collection] };
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
  if (ctx.method !== 'POST') return withFieldQueries(ctx.query);
  const body = (ctx.body() ?? {}) as JsonObject;
  const params = new URLSearchParams(ctx.query);
  for (const [key, value] of Object.entries(body)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== null) params.append(key, String(v));
  }
  return withFieldQueries(params);
}

/**
 * `cb.q.<field>=<value>` (the watchlist `search_query` form, response.md §9) is one more query
 * term `<field>:<value>`, ANDed with `q` like a repeated `q`.
 */
function withFieldQueries(params: URLSearchParams): URLSearchParams {
  const terms = [...params].filter(([name, value]) => name.startsWith('cb.q.') && name.length > 5 && value.trim() !== '');
  if (terms.length === 0) return params;
  const out = new URLSearchParams(params);
  for (const [name, value] of terms) out.append('q', `${name.slice('cb.q.'.length)}:${value}`);
  return out;
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
      const { docs, profile } = searchable(ctx.state, collection);
      return json(runSearch(docs, params, withServerLimits(ctx.state, collection, profile)));
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
  const texts = withFieldQueries(params).getAll('q').filter((q) => q.trim() !== '');
  try {
    const schema = threatReportSchema<unknown>();
    const predicates = texts.map((q) => compileQuery(parseQueryCached(q), schema));
    return [...documents(ctx.state, collection)].filter((d) => predicates.every((p) => p(d)));
  } catch (err) {
    return queryError(err);
  }
}
