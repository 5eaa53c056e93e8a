export { ArrayQuery, type ArrayQueryInit } from './array-query.js';
export { paginate, type PaginateOptions } from './paginate.js';
export { PaginatedQuery, type PaginatedQueryInit } from './paginated-query.js';
export { Query, type QueryInit } from './query.js';
export { SimpleListQuery, splitClause } from './simple-list-query.js';
export * from './strategies/index.js';
export type {
  PageResult,
  PaginationStrategy,
  QueryCallOptions,
  QueryPage,
  QuerySpec,
  QueryState,
  RawPage,
  RowWindow,
} from './types.js';
