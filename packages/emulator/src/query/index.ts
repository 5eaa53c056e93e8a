// Query engine of the emulator: pure functions over plain documents. Routes call runSearch
// (Cb Response), runProtectionQuery (Cb Protection) and runDefenseQuery (Cb Defense).

export type { QueryNode, LeafNode, TermNode, PhraseNode, RangeNode, ExistsNode, TermValue } from './ast.js';
export { collectTerms } from './ast.js';
export { QuerySyntaxError, SearchParamError } from './errors.js';
export { parseQuery } from './parser.js';
export { compileQuery, type Predicate, type CompileOptions } from './compile.js';
export {
  resolveField,
  canonicalFieldName,
  propertyGetter,
  type FieldDef,
  type FieldDictionary,
  type FieldIndex,
  type FieldSchema,
  type FieldType,
  type ResolvedField,
} from './schema.js';
export {
  parseSortSpec,
  sortDocs,
  sortedWindow,
  docComparator,
  rankDocs,
  selectWindow,
  type SortKey,
  type SortDirection,
  type SortIndex,
  type Ranking,
} from './sort.js';
export { paginate, type Page, type PageCaps } from './paginate.js';
export { computeFacets, type FacetEntry, type FacetResult, type FacetSpec, type FacetOptions } from './facets.js';
export { paramReader, type ParamReader, type SearchParams } from './params.js';
export {
  updateBoundFilters,
  fqFilters,
  groupDocs,
  DEFAULT_UPDATE_BOUNDS,
  type UpdateBoundsConfig,
} from './process-filters.js';
export {
  runSearch,
  executeSearch,
  parseQueryCached,
  type SearchProfile,
  type SearchResponse,
  type SearchOptions,
  type SearchOutcome,
} from './search.js';
export { completeListSource, EVENT_FIELDS, type EventKind, type EventSource } from './event-fields.js';
export {
  processProfile,
  processSchema,
  binaryProfile,
  binarySchema,
  alertProfile,
  alertSchema,
  threatReportProfile,
  threatReportSchema,
  DEFAULT_CAPS,
  DEFAULT_ROWS,
  PROCESS_DEFAULT_FIELDS,
  PROCESS_EVENT_DEFAULT_FIELDS,
  PROCESS_FACET_FIELDS,
  PROCESS_FACETS,
  BINARY_DEFAULT_FIELDS,
  BINARY_FACET_FIELDS,
  BINARY_FACETS,
  type ProfileOptions,
  type ProcessProfileOptions,
} from './profiles.js';
export {
  compileProtectionFilters,
  parseProtectionCondition,
  parseProtectionSort,
  runProtectionQuery,
  PROTECTION_DEFAULT_LIMIT,
  type ProtectionSchema,
  type ProtectionFieldType,
  type ProtectionOperator,
  type ProtectionCondition,
  type ProtectionResult,
} from './protection.js';
export {
  compileDefenseFilters,
  runDefenseQuery,
  DEVICE_FILTERS,
  EVENT_FILTERS,
  EVENT_TIME_PATHS,
  type DefenseKind,
  type DefenseFilterSpec,
  type DefenseOptions,
  type DefenseListResult,
} from './defense.js';
export { parseDateSpan, toEpochMs, formatSolrDate, parseIPv4, formatIPv4, type DateSpan } from './values.js';
