// Scheme 4 — platform v6 searches (cbc-live-response.md §2.2-2.3): POST a JSON body
// `{criteria, query, sort: [{field, order}], start, rows}` to `.../_search`; replies are
// `{results, num_found}`. The API is 1-based: the first page omits `start`, later pages send
// `start = 1 + offset`. Count is the same body with `rows: 0`. Pages are capped at 10 000 rows.
import type { PaginationStrategy, QueryState } from '../types.js';
import { intOf, objectBody, parseSort, rowsOf } from './util.js';

export interface SearchBodyPagingOptions {
  readonly batchSize?: number;
  readonly maxBatchSize?: number;
}

/** Clauses are ANDed; multi-term clauses are parenthesised so their own ORs stay inside. */
export function luceneQuery(clauses: readonly string[]): string | undefined {
  if (clauses.length === 0) return undefined;
  if (clauses.length === 1) return clauses[0];
  return clauses.map((c) => (/\s/.test(c.trim()) ? `(${c})` : c)).join(' AND ');
}

function baseBody(state: QueryState): Record<string, unknown> {
  const body: Record<string, unknown> = { criteria: {}, ...state.body };
  const query = luceneQuery(state.clauses);
  if (query !== undefined) body.query = query;
  return body;
}

export function searchBodyPaging(options: SearchBodyPagingOptions = {}): PaginationStrategy {
  return {
    name: 'search-body',
    defaultBatchSize: options.batchSize ?? 100,
    maxBatchSize: options.maxBatchSize ?? 10_000,
    buildPageRequest(state, start, rows) {
      const body = baseBody(state);
      if (state.sort?.trim()) body.sort = [parseSort(state.sort)];
      if (start > 0) body.start = start + 1;
      body.rows = rows;
      return { method: 'POST', path: state.path, body, idempotent: true };
    },
    parsePage(response) {
      const body = objectBody(response, 'search');
      return { rows: rowsOf(body.results), total: intOf(body.num_found) };
    },
    buildCountRequest(state) {
      return { method: 'POST', path: state.path, body: { ...baseBody(state), rows: 0 }, idempotent: true };
    },
    parseCount(response) {
      return intOf(objectBody(response, 'search').num_found) ?? 0;
    },
  };
}
