// Scheme 3 — Cb Defense v3 (core.md §6.3, defense.md §2.2): GET with each `key:value` clause
// split at its first colon into a parameter (a repeated key keeps the last value), `rows`, and a
// 1-based `start` (omitted for the first row); pages are `{results, totalResults}`; count is
// `limit=0`.
//
// Deliberate fix: cbapi passed a non-zero slice start straight through (0-based value into a
// 1-based API); every offset is converted here. Paging parameters win over same-named clauses.
import { ApiError } from '../../errors.js';
import type { QueryValue } from '../../http/types.js';
import type { PaginationStrategy, QueryState } from '../types.js';
import { compact, intOf, objectBody, rowsOf } from './util.js';

export interface OneBasedPagingOptions {
  readonly batchSize?: number;
}

export function clauseParams(clauses: readonly string[]): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const clause of clauses) {
    const colon = clause.indexOf(':');
    if (colon <= 0) throw new ApiError(`Invalid filter "${clause}": filters must look like "key:value"`);
    out[clause.slice(0, colon)] = clause.slice(colon + 1);
  }
  return out;
}

export function oneBasedPaging(options: OneBasedPagingOptions = {}): PaginationStrategy {
  const filters = (state: QueryState): Record<string, QueryValue> => ({ ...state.params, ...clauseParams(state.clauses) });
  return {
    name: 'one-based',
    defaultBatchSize: options.batchSize ?? 100,
    buildPageRequest(state, start, rows) {
      return {
        method: 'GET',
        path: state.path,
        query: compact({ ...filters(state), rows, start: start > 0 ? start + 1 : undefined }),
      };
    },
    parsePage(response) {
      const body = objectBody(response, 'list');
      return { rows: rowsOf(body.results), total: intOf(body.totalResults) };
    },
    buildCountRequest(state) {
      return { method: 'GET', path: state.path, query: compact({ ...filters(state), limit: 0 }) };
    },
    parseCount(response) {
      return intOf(objectBody(response, 'list').totalResults) ?? 0;
    },
  };
}
