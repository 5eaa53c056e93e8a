// Contracts between queries and the pagination schemes products pick from.
import type { HttpResponse, QueryParams, RequestOptions } from '../http/types.js';

/** Builder state of a query: immutable, copied on every where/and/sort. */
export interface QuerySpec {
  /** where/and clauses in order; how they combine is the strategy's business. */
  readonly clauses: readonly string[];
  /** Sort text as given (`last_update desc`, `name ASC`); undefined = server default. */
  readonly sort: string | undefined;
  /** Extra query-string parameters added by product queries (cb.group, facet, ...). */
  readonly params: QueryParams;
  /** Extra JSON body fields for POST searches (criteria, exclusions, ...). */
  readonly body: Readonly<Record<string, unknown>>;
  /** Rows per request; undefined = the strategy's default. */
  readonly batchSize: number | undefined;
  /** At most this many rows in total; undefined = no limit. */
  readonly limit: number | undefined;
}

/** What a strategy sees: the builder state plus the resolved list/search URL. */
export interface QueryState extends QuerySpec {
  readonly path: string;
}

/** One page as a strategy parsed it. */
export interface PageResult {
  readonly rows: readonly unknown[];
  /** Server's total row count, when the scheme reports one with each page. */
  readonly total: number | undefined;
}

/**
 * A server's paging scheme. `start` is always a 0-based row offset; strategies translate it
 * (1-based servers, offset/limit, POST bodies).
 */
export interface PaginationStrategy {
  readonly name: string;
  readonly defaultBatchSize: number;
  /** Largest page the server accepts (e.g. 10 000 for platform searches). */
  readonly maxBatchSize?: number | undefined;
  buildPageRequest(state: QueryState, start: number, rows: number): RequestOptions;
  parsePage(response: HttpResponse<unknown>, state: QueryState): PageResult;
  buildCountRequest(state: QueryState): RequestOptions;
  parseCount(response: HttpResponse<unknown>, state: QueryState): number;
}

/** Options of every query call that talks to the server. */
export interface QueryCallOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

/** A page of raw rows, before they become models. */
export interface RawPage {
  /** 0-based offset the page was requested at. */
  readonly start: number;
  /** Rows not seen before in this iteration (duplicates are dropped by primary key). */
  readonly rows: readonly unknown[];
  readonly total: number | undefined;
  /** The response body, as the server sent it. */
  readonly body: unknown;
  /** How many rows of the page were dropped as already seen. */
  readonly duplicates: number;
}

/** A page as `query.pages()` yields it. */
export interface QueryPage<M> extends RawPage {
  readonly models: readonly M[];
}

/** Rows [start, end) of the result set; end undefined = to the end. */
export interface RowWindow {
  readonly start: number;
  readonly end: number | undefined;
  /**
   * True when the caller collects every row of the window (`slice()`, `all()`); false when it
   * streams (`for await`, `pages()`) and may stop early. Lets a product refuse up front a
   * collection it knows the server cannot complete, without failing a loop that breaks early.
   */
  readonly whole: boolean;
}
