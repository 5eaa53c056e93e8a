// The server's result window (user-asks B2/B5): Cb Response pages a search only up to
// `maxSearchResultRows` (10 000 by default) but reports the full `total_results`. cbapi then
// silently ended the iteration early. Here reading past the window is a SearchWindowError, or a
// logged warning for a query that opted in with allowTruncation().
import { ApiError, type PaginationStrategy, type RowWindow } from '@cb/core';

/** What a query does when its rows run past the server's result window. */
export type WindowPolicy = 'throw' | 'warn' | 'ignore';

export interface SearchWindowDetails {
  /** What the query is (`Process query where process_name:svchost.exe`). */
  readonly query: string;
  /** Matching results the server reports (`total_results`). */
  readonly total: number;
  /** The offset after which the server returns no rows. */
  readonly reachable: number;
  /** `maxSearchResultRows` of `/api/info`, when the server advertises it. */
  readonly maxSearchResultRows: number | undefined;
  readonly path: string;
}

function describeWindow(d: SearchWindowDetails): string {
  const advertised = d.maxSearchResultRows === undefined ? '' : `, maxSearchResultRows = ${d.maxSearchResultRows}`;
  return (
    `${d.query} matches ${d.total} results, but the server returns rows only up to offset ${d.reachable} ` +
    `(its result window${advertised}): the last ${d.total - d.reachable} would be missing. ` +
    "Narrow the query (e.g. a time range: .and('start:[2024-05-01T00:00:00 TO 2024-05-02T00:00:00]')) " +
    "or sort by time and read it window by window (.sort('start asc') with a rising start bound); " +
    `to read only the first ${d.reachable} rows, use .limit(${d.reachable}) or .allowTruncation().`
  );
}

/** The warning of a query that allowed truncation. */
export function truncationWarning(d: SearchWindowDetails): string {
  const advertised = d.maxSearchResultRows === undefined ? '' : `, maxSearchResultRows = ${d.maxSearchResultRows}`;
  return (
    `${d.query} matches ${d.total} results; reading only the first ${d.reachable} ` +
    `(the server's result window${advertised}; allowTruncation() was called)`
  );
}

/** A search would yield fewer rows than the server says match: its result window cuts it off. */
export class SearchWindowError extends ApiError {
  static override readonly errorName: string = 'SearchWindowError';
  /** Matching results the server reports. */
  readonly total: number;
  /** The offset after which the server returns no rows (the window). */
  readonly reachable: number;
  /** `maxSearchResultRows` of `/api/info`, when advertised. */
  readonly maxSearchResultRows: number | undefined;

  constructor(details: SearchWindowDetails) {
    super(describeWindow(details), { method: 'GET', path: details.path });
    this.total = details.total;
    this.reachable = details.reachable;
    this.maxSearchResultRows = details.maxSearchResultRows;
  }
}

/** The window to check against: a positive `maxSearchResultRows`, else undefined. */
export function advertisedWindow(info: Readonly<Record<string, unknown>>): number | undefined {
  const value = info.maxSearchResultRows;
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** True when rows [window.start, min(window.end, total)) reach past `reachable`. */
export function wantsBeyond(window: RowWindow, total: number, reachable: number): boolean {
  return Math.min(window.end ?? Number.POSITIVE_INFINITY, total) > reachable;
}

/** The last page a strategy parsed: its offset, row count and reported total. */
export interface LastPage {
  offset: number;
  rows: number;
  total: number | undefined;
}

/**
 * Wraps a strategy to remember the last page it parsed (pages are requested one after the
 * other, so build/parse calls pair up). An empty last page before the reported total means the
 * server stopped answering: its window, whether advertised or not.
 */
export function trackLastPage(strategy: PaginationStrategy): { strategy: PaginationStrategy; last(): LastPage | undefined } {
  let asked = 0;
  let last: LastPage | undefined;
  return {
    strategy: {
      ...strategy,
      buildPageRequest(state, start, rows) {
        asked = start;
        return strategy.buildPageRequest(state, start, rows);
      },
      parsePage(response, state) {
        const page = strategy.parsePage(response, state);
        last = { offset: asked, rows: page.rows.length, total: page.total };
        return page;
      },
    },
    last: () => last,
  };
}
