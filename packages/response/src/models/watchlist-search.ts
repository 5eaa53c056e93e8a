// Watchlist.search(): the watchlist's `search_query` as a raw Process or Binary query, so the
// search matches what the watchlist matches (response.md §9, documented intent).
import type { ModelHost } from '@cb/core';
import { BinaryQuery } from './binary-query.js';
import { ProcessQuery } from './process/process-query.js';

/** A process search for `events` watchlists, a binary search for `modules` ones. */
export type WatchlistSearch = ProcessQuery | BinaryQuery;

export function watchlistSearch(host: ModelHost, indexType: 'events' | 'modules', searchQuery: string): WatchlistSearch {
  return indexType === 'events' ? ProcessQuery.fromRaw(host, searchQuery) : BinaryQuery.fromRaw(host, searchQuery);
}
