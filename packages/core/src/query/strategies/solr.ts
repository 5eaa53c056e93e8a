// Scheme 1 — Cb Response searches (core.md §6.1): GET with cb.urlver=1, q (clauses joined by a
// space), 0-based start, rows, sort; pages are `{results, total_results}`; count is start=0&rows=0.
import type { QueryParams } from '../../http/types.js';
import type { PaginationStrategy, QueryState } from '../types.js';
import { compact, intOf, objectBody, rowsOf } from './util.js';

export interface SolrPagingOptions {
  readonly batchSize?: number;
  /** Parameters sent with every request, after cb.urlver (e.g. `{ facet: 'false' }` on servers >= 5.1.1). */
  readonly baseParams?: QueryParams;
}

export function solrPaging(options: SolrPagingOptions = {}): PaginationStrategy {
  const base = (state: QueryState): QueryParams => ({ 'cb.urlver': 1, ...options.baseParams, ...state.params });
  const queryText = (state: QueryState): string => state.clauses.join(' ');
  return {
    name: 'solr',
    defaultBatchSize: options.batchSize ?? 100,
    buildPageRequest(state, start, rows) {
      const sort = state.sort?.trim() ? state.sort : undefined;
      return {
        method: 'GET',
        path: state.path,
        query: compact({ ...base(state), q: queryText(state), start, rows, sort }),
      };
    },
    parsePage(response) {
      const body = objectBody(response, 'search');
      return { rows: rowsOf(body.results), total: intOf(body.total_results) };
    },
    buildCountRequest(state) {
      const q = state.clauses.length > 0 ? queryText(state) : undefined;
      return { method: 'GET', path: state.path, query: compact({ ...base(state), q, start: 0, rows: 0 }) };
    },
    parseCount(response) {
      return intOf(objectBody(response, 'search').total_results) ?? 0;
    },
  };
}
