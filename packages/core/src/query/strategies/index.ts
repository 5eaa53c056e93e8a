export { offsetLimitPaging, type OffsetLimitPagingOptions } from './offset-limit.js';
export { clauseParams, oneBasedPaging, type OneBasedPagingOptions } from './one-based.js';
export { luceneQuery, searchBodyPaging, type SearchBodyPagingOptions } from './search-body.js';
export { solrPaging, type SolrPagingOptions } from './solr.js';
export { parseSort } from './util.js';
