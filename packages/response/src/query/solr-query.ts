// The Solr-style search query shared by Process, Binary, Alert and ThreatReport (response.md §2,
// core.md §6.1, §7.2): `GET <search url>?cb.urlver=1&facet=false&q=<clauses joined by a space>&
// start&rows[&sort]`, pages `{results, total_results}`, plus facets and createWatchlist.
//
// Server-version dependent parameters (`facet=false` from 5.1.1, the Process `cb.*` filters from
// 6.0) are decided when the query first talks to the server: `cb.info()` is fetched once per API
// object, so building a query never sends anything.
//
// A query built from a URL query string (`fromUi`, `Watchlist.search()`) is "raw": its parameters
// are sent as they are, only start/rows/sort come from the query, and `where()` is an ApiError.
//
// Rows past the server's result window (`maxSearchResultRows`) are never returned although
// `total_results` counts them: reading into that gap is a SearchWindowError (result-window.ts).
import {
  ApiError,
  paginate,
  PaginatedQuery,
  ServerError,
  type BaseModel,
  type HttpResponse,
  type ModelClass,
  type ModelHost,
  type PaginatedQueryInit,
  type PaginationStrategy,
  type QueryCallOptions,
  type QueryParams,
  type QueryState,
  type RawPage,
  type RowWindow,
} from '@cb/core';
import type { Watchlist } from '../models/watchlist.js';
import { versionAtLeast } from '../version.js';
import { parseFacets, type FacetResult } from './facets.js';
import { encodeInOrder, parseRawQuery, rawToQuery, rawValue, rawWithout, type RawParams } from './raw-query.js';
import { responseHost, serverVersionOf, type ResponseHost } from './response-host.js';
import { advertisedWindow, SearchWindowError, trackLastPage, truncationWarning, wantsBeyond, type WindowPolicy } from './result-window.js';

/** The request createWatchlist() sends (Watchlist's create; not imported here: see createWatchlist). */
const WATCHLIST_CREATE = { method: 'POST', path: '/api/v1/watchlist' } as const;

export interface SolrQueryInit extends PaginatedQueryInit {
  /** A URL query string (`cb.urlver=1&q=...`): the query is raw and sends these parameters. */
  readonly raw?: string | undefined;
}

/** What a query knows about the server once it has talked to it. */
export interface SearchContext {
  /** `/api/info` version, e.g. `6.2.0.171114.1158`. */
  readonly serverVersion: string;
  /** `/api/info` `maxSearchResultRows`: no row past this offset is returned (undefined: not advertised). */
  readonly maxSearchResultRows?: number | undefined;
}

/** Watchlist index of a query: `events` (processes) or `modules` (binaries). */
export type WatchlistIndexType = 'events' | 'modules';

const num = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : undefined;
};

/** The reply of a search GET of `path`; ServerError unless a JSON object. */
function searchBody(response: HttpResponse<unknown>, path: string): Record<string, unknown> {
  const body = response.data;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new ServerError('Expected a JSON object from the search endpoint', { status: response.status, method: 'GET', path, body });
}

/** The paging scheme for one request series, with the parameters the server version allows. */
function solrStrategy(params: QueryParams, includeQ: (state: QueryState) => string | undefined): PaginationStrategy {
  return {
    name: 'cb-response-solr',
    defaultBatchSize: 100,
    buildPageRequest(state, start, rows) {
      const query: Record<string, QueryParams[string]> = { ...params, q: includeQ(state) ?? '', start, rows };
      if (state.sort) query.sort = state.sort;
      return { method: 'GET', path: state.path, query };
    },
    parsePage(response, state) {
      const body = searchBody(response, state.path);
      return { rows: Array.isArray(body.results) ? body.results : [], total: num(body.total_results) };
    },
    buildCountRequest(state) {
      const q = includeQ(state);
      return { method: 'GET', path: state.path, query: { ...params, ...(q ? { q } : {}), start: 0, rows: 0 } };
    },
    parseCount(response, state) {
      return num(searchBody(response, state.path).total_results) ?? 0;
    },
  };
}

export abstract class SolrQuery<M extends BaseModel> extends PaginatedQuery<M> {
  /** Parameters of a raw query (undefined for a query built with where()). */
  protected readonly rawParams: RawParams | undefined;
  /** Reading past the server's result window: an error (default), a warning, or nothing. */
  protected readonly windowPolicy: WindowPolicy = 'throw';

  constructor(host: ModelHost, model: ModelClass<M>, init: SolrQueryInit = {}) {
    const raw = init.raw === undefined ? undefined : parseRawQuery(init.raw);
    // A raw query's own sort becomes the query's sort, so .sort() can still replace it.
    const rawSort = raw ? rawValue(raw, 'sort') : undefined;
    const spec = rawSort ? { ...init.spec, sort: rawSort } : init.spec;
    super(host, model, solrStrategy({}, () => undefined), { ...init, spec });
    this.rawParams = raw ? rawWithout(raw, 'sort', 'start', 'rows') : undefined;
  }

  /** True when the query was built from a URL query string (web console, watchlist). */
  get isRaw(): boolean {
    return this.rawParams !== undefined;
  }

  /** The query text (`q`): the where() clauses joined by a space, or a raw query's `q`. */
  get queryText(): string {
    if (this.rawParams) return this.rawParams.filter(([n]) => n === 'q').map(([, v]) => v).join(' ');
    return this.spec.clauses.join(' ');
  }

  /**
   * Accepts that rows past the server's result window (`maxSearchResultRows`, typically 10 000)
   * cannot be read: iteration ends there with a logged warning instead of a SearchWindowError.
   */
  allowTruncation(): this {
    return this.withWindowPolicy('warn');
  }

  /** A copy with another result-window policy (`ignore`: for callers that check totals themselves). */
  protected withWindowPolicy(policy: WindowPolicy): this {
    const copy = this.withSpec({});
    Object.assign(copy, { windowPolicy: policy });
    return copy;
  }

  /** Adds a clause; clauses are ANDed by the server. A raw query cannot take more clauses. */
  override where(clause: string): this {
    if (this.rawParams) throw new ApiError("Cannot call .where() on a raw query", this.searchTarget());
    return super.where(clause);
  }

  /** Index type of watchlists made from this query (Binary queries override with `modules`). */
  protected get watchlistIndexType(): WatchlistIndexType {
    return 'events';
  }

  protected get responseHost(): ResponseHost {
    return responseHost(this.host);
  }

  // -------------------------------------------------------------------------------------------
  // Parameters

  /** Looks the server version up (once per API object). */
  protected async searchContext(options: QueryCallOptions = {}): Promise<SearchContext> {
    const serverVersion = await serverVersionOf(this.host, options);
    // info() is cached per API object: the version lookup above already fetched it.
    const maxSearchResultRows = advertisedWindow(await this.responseHost.info(options));
    return { serverVersion, maxSearchResultRows };
  }

  /** `cb.urlver=1`, and `facet=false` on servers from 5.1.1 (older ones do not know it). */
  protected baseParams(context: SearchContext): Record<string, QueryParams[string]> {
    return versionAtLeast(context.serverVersion, '5.1.1') ? { 'cb.urlver': 1, facet: 'false' } : { 'cb.urlver': 1 };
  }

  /** Parameters added by query subclasses (Process `cb.group`, ...), as the server version allows. */
  protected extraParams(_context: SearchContext): QueryParams {
    return this.spec.params;
  }

  /** Every parameter but q/start/rows/sort, in the order cbapi builds them. */
  protected async requestParams(options: QueryCallOptions): Promise<QueryParams> {
    return this.paramsFor(await this.searchContext(options));
  }

  protected paramsFor(context: SearchContext): QueryParams {
    const base = { ...this.baseParams(context), ...this.extraParams(context) };
    if (!this.rawParams) return base;
    return { ...base, ...rawToQuery(rawWithout(this.rawParams, 'q')) };
  }

  /** q of a request: undefined when there is no query text. (No #private members in queries:
   *  clones are made with Object.create.) */
  protected qParam(): string | undefined {
    const text = this.queryText;
    return text === '' ? undefined : text;
  }

  // -------------------------------------------------------------------------------------------
  // Rows and count

  /**
   * Pages of the window. A collection (`all()`, `slice()`) that the first page shows reaching
   * past an advertised result window is reported before any row is handed out (no work on a
   * silent subset). A stream (`for await`, `pages()`) yields what the server returns and is
   * reported only when it actually runs into the window (an empty page before the reported
   * total), so a loop that breaks early never fails; so is a window the server did not advertise.
   */
  protected override async *fetchPages(window: RowWindow, options: QueryCallOptions): AsyncGenerator<RawPage, void, undefined> {
    const context = await this.searchContext(options);
    const tracked = trackLastPage(solrStrategy(this.paramsFor(context), () => this.qParam()));
    const cap = context.maxSearchResultRows;
    let reported = false;
    const report = (total: number, reachable: number): void => {
      if (reported) return;
      reported = true;
      this.windowExceeded(total, reachable, cap);
    };
    let first = true;
    for await (const page of paginate({
      requester: this.host.requester,
      strategy: tracked.strategy,
      state: this.state(),
      window,
      batchSize: this.spec.batchSize ?? 100,
      rowKey: (row) => this.rowKey(row),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    })) {
      if (first && window.whole && cap !== undefined && page.total !== undefined && wantsBeyond(window, page.total, cap)) report(page.total, cap);
      first = false;
      yield page;
    }
    const last = tracked.last();
    if (last && last.rows === 0 && last.total !== undefined && last.offset < last.total && wantsBeyond(window, last.total, last.offset)) {
      // A start beyond an advertised window asks where nothing is: the window is still the cap.
      report(last.total, cap === undefined ? last.offset : Math.min(cap, last.offset));
    }
  }

  /** Applies the window policy: SearchWindowError, a warning, or nothing. */
  protected windowExceeded(total: number, reachable: number, maxSearchResultRows: number | undefined): void {
    if (this.windowPolicy === 'ignore') return;
    const details = { query: this.describe(), total, reachable, maxSearchResultRows, path: this.state().path };
    if (this.windowPolicy === 'throw') throw new SearchWindowError(details);
    this.host.logger?.warn(truncationWarning(details));
  }

  protected override async fetchCount(options: QueryCallOptions): Promise<number> {
    const strategy = solrStrategy(await this.requestParams(options), () => this.qParam());
    const state = this.state();
    const response = await this.host.requester.request({
      ...strategy.buildCountRequest(state),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    return strategy.parseCount(response, state);
  }

  // -------------------------------------------------------------------------------------------
  // Facets and watchlists

  /**
   * Facet counts of the matching documents (`facet=true&rows=0` plus one `facet.field` per field):
   * `{ process_name: [{ name, value, ratio, percent }, ...] }`. Every requested field is present
   * (an empty list when the server has no values). Raw queries facet their own parameters too.
   */
  async facets<F extends string>(...fields: F[]): Promise<FacetResult<F>> {
    return this.facetsWith(fields);
  }

  /** facets() with a signal or per-request timeout. */
  async facetsWith<F extends string>(fields: readonly F[], options: QueryCallOptions = {}): Promise<FacetResult<F>> {
    if (fields.length === 0) throw new ApiError('facets() needs at least one field name', this.searchTarget());
    const params = await this.requestParams(options);
    const q = this.qParam();
    const response = await this.host.requester.request({
      method: 'GET',
      path: this.state().path,
      query: { ...params, facet: 'true', 'facet.field': [...fields], ...(q ? { q } : {}), start: 0, rows: 0 },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    return parseFacets(response.data, fields);
  }

  /**
   * The watchlist `search_query` of this query (response.md §2.3): `cb.urlver=1`, `facet=false`
   * (servers from 5.1.1), the subclass filters, `q` and `sort`, form-encoded in that order.
   * A raw query gives its own parameters (and its sort).
   */
  async watchlistQuery(options: QueryCallOptions = {}): Promise<string> {
    const context = await this.searchContext(options);
    const pairs: Array<readonly [string, string]> = [];
    const push = (params: QueryParams): void => {
      for (const [name, value] of Object.entries(params)) {
        if (value === undefined || value === null) continue;
        for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, String(v)]);
      }
    };
    if (this.rawParams) {
      pairs.push(...this.rawParams);
    } else {
      push(this.baseParams(context));
      push(this.extraParams(context));
      pairs.push(['q', this.queryText]);
    }
    if (this.spec.sort) pairs.push(['sort', this.spec.sort]);
    return encodeInOrder(pairs);
  }

  /**
   * Saves this query as a watchlist (`POST /api/v1/watchlist {index_type, name, search_query}`,
   * then GET of the new id) and returns it.
   */
  async createWatchlist(name: string, options: QueryCallOptions = {}): Promise<Watchlist> {
    if (name.trim() === '') throw new ApiError('createWatchlist() needs a watchlist name', WATCHLIST_CREATE);
    // Imported on use: the watchlist module itself builds queries on this one.
    const { Watchlist: WatchlistModel } = await import('../models/watchlist.js');
    const watchlist = this.responseHost.create(WatchlistModel);
    watchlist.set('index_type', this.watchlistIndexType);
    watchlist.set('name', name);
    watchlist.set('search_query', await this.watchlistQuery(options));
    await watchlist.save(options);
    return watchlist;
  }
}
