// Public API of searches, processes and binaries.
export { SolrQuery, type SolrQueryInit, type SearchContext, type WatchlistIndexType } from './query/solr-query.js';
export { SearchWindowError, type SearchWindowDetails, type WindowPolicy } from './query/result-window.js';
export { parseRawQuery, encodeInOrder, type RawParams } from './query/raw-query.js';
export type { FacetEntry, FacetResult } from './query/facets.js';
export { Process, type ProcessTag } from './models/process/process.js';
export { ProcessQuery, formatProcessTime, type ProcessTime } from './models/process/process-query.js';
export type { ProcessSummaryExtras } from './models/process/table.js';
export { parseProcessId, guidFacts, formatUniqueId, type ProcessIdParts, type GuidFacts } from './models/process/guid.js';
export { MAX_PROCESS_DEPTH, type WalkCallback, type WalkOptions } from './models/process/walk.js';
export type { EventDocument } from './models/process/event-document.js';
export {
  ProcessEvent,
  ModloadEvent,
  FilemodEvent,
  RegmodEvent,
  NetconnEvent,
  ChildprocEvent,
  CrossprocEvent,
  ACCESS_FLAGS,
  describeAccess,
  protocolName,
  decodeEvents,
  type AnyProcessEvent,
  type EventKind,
  type EventTypes,
  type DecodeContext,
  type FilemodType,
  type FileType,
  type RegmodType,
  type Direction,
  type CrossprocType,
} from './models/process/events/index.js';
export {
  Binary,
  InvalidHashError,
  normalizeMd5,
  type BinaryEndpoint,
  type BinaryFrequency,
  type SigningData,
  type VersionInfo,
  type Virustotal,
} from './models/binary.js';
export { BinaryQuery } from './models/binary-query.js';
export { zipMemberStream, type ByteStream } from './zip/zip-member.js';
