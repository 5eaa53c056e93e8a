// The device search result window (cbc-live-response.md §2.3, user-asks B5): offset paging
// (`start`/`rows`) reaches at most the first 10 000 rows; `_scroll` with `search_after` is the
// way past. The strategy wrapper keeps every request inside the window and reports the window
// as the total so core's pager stops there; DeviceSearchQuery then restores the real
// `num_found` for callers and raises ResultWindowError when rows past the window were wanted.
import type { PaginationStrategy } from '@cb/core';
import { ResultWindowError } from '../errors.js';

export const DEVICE_SEARCH_WINDOW = 10_000;

export function windowExceeded(window: number, numFound: number | undefined, start?: number): ResultWindowError {
  const what =
    start !== undefined
      ? `Rows from ${start} on are past the device search window`
      : `${numFound ?? 'More'} devices match, but offset paging reaches only the first ${window}`;
  return new ResultWindowError(
    `${what} (the API serves start + rows ≤ ${window}). Walk every match with query.scroll(), narrow the ` +
      `criteria, or take the first ${window} explicitly with query.limit(${window}).`,
    { window, numFound },
  );
}

/** `strategy`, but never asking past `window` and reporting at most `window` rows in total. */
export function windowed(strategy: PaginationStrategy, window: number): PaginationStrategy {
  return {
    name: `${strategy.name}+window`,
    defaultBatchSize: strategy.defaultBatchSize,
    maxBatchSize: strategy.maxBatchSize,
    buildPageRequest(state, start, rows) {
      if (start >= window) throw windowExceeded(window, undefined, start);
      return strategy.buildPageRequest(state, start, Math.min(rows, window - start));
    },
    parsePage(response, state) {
      const page = strategy.parsePage(response, state);
      return page.total === undefined ? page : { ...page, total: Math.min(page.total, window) };
    },
    buildCountRequest: (state) => strategy.buildCountRequest(state),
    parseCount: (response, state) => strategy.parseCount(response, state),
  };
}
