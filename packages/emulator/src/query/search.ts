// One entry point for the Solr-style search routes (/api/v1/process, /binary, /alert,
// /threat_report): parse + compile once, filter in a single pass, group, facet, then sort only
// what the page needs and project just the returned rows.

import { collectTerms, type QueryNode } from './ast.js';
import { compileQuery, type Predicate } from './compile.js';
import { computeFacets, type FacetResult, type FacetSpec } from './facets.js';
import { paginate, type Page, type PageCaps } from './paginate.js';
import { boolParam, intParam, paramReader, type ParamReader, type SearchParams } from './params.js';
import { parseQuery } from './parser.js';
import { DEFAULT_UPDATE_BOUNDS, fqFilters, groupDocs, updateBoundFilters, type UpdateBoundsConfig } from './process-filters.js';
import type { FieldSchema } from './schema.js';
import { docComparator, parseSortSpec, selectWindow, sortedWindow, type SortIndex, type SortKey } from './sort.js';

export interface SearchProfile<T, R = T> {
  /** Collection name, for diagnostics ('process', 'binary', 'alert', 'threat_report'). */
  name: string;
  schema: FieldSchema<T>;
  /** Applied when the request has no (or a blank) `sort`. Undefined = input order. */
  defaultSort?: string;
  /** `rows` when absent (server: 10). */
  defaultRows: number;
  caps: PageCaps;
  /** Special facet names (histograms, `*_facet` aliases). */
  facetSpecs?: Readonly<Record<string, FacetSpec>>;
  /** Facets returned for `facet=true` without any `facet.field`. */
  defaultFacetFields?: readonly string[];
  /** Enables cb.group and the cb.*_last_*update bounds (process searches only). */
  processFilters?: { updateBounds?: UpdateBoundsConfig };
  /** Stored document → row in `results` (called only for returned rows). */
  project?: (doc: T) => R;
  /** Extra top-level reply keys (process: tagged_pids, filtered, all_segments, ...). */
  extraResponse?: (ctx: { params: ParamReader; grouped: boolean; page: Page }) => Record<string, unknown>;
  /**
   * Ranking of the whole collection under a sort (typically cached), for collections that never
   * change. Pages and cb.group picks are then ordered by rank, with the same result as sorting.
   * The `docs` searched must be exactly the ranked collection, in collection order.
   */
  sortIndex?: (keys: SortKey[]) => SortIndex<T>;
}

export interface SearchResponse<R> {
  results: R[];
  total_results: number;
  start: number;
  terms: string[];
  facets: FacetResult;
  highlights: unknown[];
  /** Seconds spent, like the server's `elapsed`. */
  elapsed: number;
  [extra: string]: unknown;
}

export interface SearchOptions {
  /** Reference time for relative dates and date facets (default Date.now()). */
  now?: number;
}

export interface SearchOutcome<R> {
  body: SearchResponse<R>;
  page: Page;
  /** Matches before paging (after grouping) – equals body.total_results. */
  matched: number;
  sort: SortKey[];
}

// Parsing is pure, so parsed trees are shared across requests (paging re-sends the same q).
const AST_CACHE_LIMIT = 256;
const astCache = new Map<string, QueryNode>();

export function parseQueryCached(text: string): QueryNode {
  const hit = astCache.get(text);
  if (hit) {
    astCache.delete(text);
    astCache.set(text, hit);
    return hit;
  }
  const node = parseQuery(text);
  astCache.set(text, node);
  if (astCache.size > AST_CACHE_LIMIT) astCache.delete(astCache.keys().next().value as string);
  return node;
}

/** Run a search and return the JSON body the server sends. Throws QuerySyntaxError / SearchParamError. */
export function runSearch<T, R = T>(
  docs: Iterable<T>,
  params: SearchParams,
  profile: SearchProfile<T, R>,
  options: SearchOptions = {},
): SearchResponse<R> {
  return executeSearch(docs, params, profile, options).body;
}

/** runSearch plus paging metadata (e.g. whether a cap truncated the page). */
export function executeSearch<T, R = T>(
  docs: Iterable<T>,
  params: SearchParams,
  profile: SearchProfile<T, R>,
  options: SearchOptions = {},
): SearchOutcome<R> {
  const began = performance.now();
  const now = options.now ?? Date.now();
  const reader = paramReader(params);
  const schema = profile.schema;

  // Validate everything before touching documents.
  const queries = reader
    .getAll('q')
    .filter((q) => q.trim() !== '')
    .map((q) => parseQueryCached(q));
  const start = intParam(reader, 'start', 0);
  const rows = intParam(reader, 'rows', profile.defaultRows);
  const sortRaw = reader.get('sort');
  const sort = parseSortSpec(sortRaw !== undefined && sortRaw.trim() !== '' ? sortRaw : profile.defaultSort ?? '');
  const groupField = profile.processFilters ? reader.get('cb.group')?.trim() || undefined : undefined;

  // Match-all queries (`*`, `*:*`) add no filter, so an unfiltered array is not even copied.
  const filters: Predicate<T>[] = queries.filter((q) => q.kind !== 'all').map((q) => compileQuery(q, schema, { now }));
  filters.push(...fqFilters(reader, schema, now));
  if (profile.processFilters) {
    filters.push(...updateBoundFilters<T>(reader, profile.processFilters.updateBounds ?? DEFAULT_UPDATE_BOUNDS, now, schema.property));
  }

  let matches = filterDocs(docs, filters);
  if (groupField) matches = groupDocs(matches, groupField, schema, sort.length ? groupOrder(profile, sort) : undefined);

  const facets = boolParam(reader, 'facet')
    ? computeFacets(matches, facetFields(reader, profile), { schema, specs: profile.facetSpecs, now })
    : {};

  const page = paginate(matches.length, start, rows, profile.caps);
  const window = page.to > page.from ? pageWindow(matches, sort, page, profile, groupField !== undefined) : [];
  const project = profile.project;
  const results = project ? window.map((d) => project(d)) : (window as unknown as R[]);

  const body: SearchResponse<R> = {
    results,
    total_results: matches.length,
    start: page.start,
    terms: queries.flatMap((q) => collectTerms(q)),
    facets,
    highlights: [],
    elapsed: 0,
    ...(profile.extraResponse?.({ params: reader, grouped: groupField !== undefined, page }) ?? {}),
  };
  body.elapsed = (performance.now() - began) / 1000;
  return { body, page, matched: matches.length, sort };
}

function filterDocs<T>(docs: Iterable<T>, filters: Predicate<T>[]): readonly T[] {
  // Nothing downstream mutates the match set, so an unfiltered array is used as is.
  if (filters.length === 0 && Array.isArray(docs)) return docs as readonly T[];
  const out: T[] = [];
  if (filters.length === 0) {
    for (const d of docs) out.push(d);
    return out;
  }
  if (filters.length === 1) {
    const f = filters[0];
    for (const d of docs) if (f(d)) out.push(d);
    return out;
  }
  outer: for (const d of docs) {
    for (const f of filters) if (!f(d)) continue outer;
    out.push(d);
  }
  return out;
}

/** cb.group's "top document" order: by rank when the profile has a sort index. */
function groupOrder<T, R>(profile: SearchProfile<T, R>, sort: SortKey[]): (a: T, b: T) => number {
  if (!profile.sortIndex) return docComparator(sort, profile.schema);
  const index = profile.sortIndex(sort);
  return (a, b) => index.rank(a) - index.rank(b);
}

/** The sorted page [from, to) of `matches` (kept in collection order by filtering and grouping). */
function pageWindow<T, R>(matches: readonly T[], sort: SortKey[], page: Page, profile: SearchProfile<T, R>, grouped: boolean): T[] {
  if (sort.length === 0 || !profile.sortIndex) return sortedWindow(matches, sort, page.from, page.to, profile.schema);
  const index = profile.sortIndex(sort);
  // Nothing filtered out: the page is a slice of the ranking.
  if (!grouped && matches.length === index.size) {
    return Array.from({ length: page.to - page.from }, (_, k) => index.at(page.from + k));
  }
  // Same order as sortedWindow: keys, then position in `matches`. Ungrouped matches keep
  // collection order, so that is the rank; groups (in first-appearance order) need tie + position.
  const n = matches.length;
  const key = new Uint32Array(n);
  let cmp: (i: number, j: number) => number;
  if (grouped) {
    for (let i = 0; i < n; i++) key[i] = index.tie(matches[i]);
    cmp = (i, j) => key[i] - key[j] || i - j;
  } else {
    for (let i = 0; i < n; i++) key[i] = index.rank(matches[i]);
    cmp = (i, j) => key[i] - key[j];
  }
  return selectWindow(n, page.from, page.to, cmp).map((i) => matches[i]);
}

function facetFields<T, R>(reader: ParamReader, profile: SearchProfile<T, R>): string[] {
  const asked = reader.getAll('facet.field').map((f) => f.trim()).filter((f) => f !== '');
  return asked.length > 0 ? asked : [...(profile.defaultFacetFields ?? [])];
}
