// Scheme 2 — Cb Protection (core.md §6.2, protection.md A2): GET with one `q` per clause,
// 0-based `offset` and `limit` = page size; pages are bare JSON arrays (no total); count is
// `limit=-1` → `{count}`.
//
// Deliberate fixes of cbapi quirks: cbapi sent `limit = start + rows` and resumed at
// `offset = consumed + 1`, skipping one row at every page boundary; we send `limit = rows` and
// resume at `offset = consumed`, so no row is skipped. We never send `limit=0` (= all rows).
import type { PaginationStrategy, QueryState } from '../types.js';
import { compact, intOf, objectBody, rowsOf } from './util.js';

export interface OffsetLimitPagingOptions {
  readonly batchSize?: number;
}

export function offsetLimitPaging(options: OffsetLimitPagingOptions = {}): PaginationStrategy {
  const q = (state: QueryState): readonly string[] | undefined => (state.clauses.length > 0 ? state.clauses : undefined);
  return {
    name: 'offset-limit',
    defaultBatchSize: options.batchSize ?? 1000,
    buildPageRequest(state, start, rows) {
      const sort = state.sort?.trim() ? state.sort : undefined;
      return {
        method: 'GET',
        path: state.path,
        query: compact({ ...state.params, q: q(state), offset: start, limit: Math.max(1, rows), sort }),
      };
    },
    parsePage(response) {
      return { rows: rowsOf(response.data), total: undefined };
    },
    buildCountRequest(state) {
      return { method: 'GET', path: state.path, query: compact({ ...state.params, q: q(state), limit: -1 }) };
    },
    parseCount(response) {
      return intOf(objectBody(response, 'count').count) ?? 0;
    },
  };
}
