// Reference implementation of the process search as it was before the column-level path: every
// row materialised once per store and searched as a plain document, events regenerated (all
// kinds) for each document an event clause looks at. The bench measures it as the baseline and
// the tests use it as the oracle the optimised path must match byte for byte.
import { encodeChildprocPipe, encodeCrossproc, encodeFilemod, encodeModload, encodeNetconnPipe, encodeRegmod } from '../src/data/encode.js';
import { segmentEvents, storeOf } from '../src/data/events.js';
import { splitUniqueId } from '../src/data/guid.js';
import type { EmulatorState, ProcessDocument, ProcessStore, SegmentEvents } from '../src/data/types.js';
import {
  processProfile,
  runSearch,
  type EventKind,
  type SearchOptions,
  type SearchParams,
  type SearchProfile,
  type SearchResponse,
} from '../src/query/index.js';

const ENCODERS: { [K in EventKind]: (events: SegmentEvents) => string[] } = {
  modload: (e) => e.modload.map(encodeModload),
  filemod: (e) => e.filemod.map(encodeFilemod),
  regmod: (e) => e.regmod.map(encodeRegmod),
  netconn: (e) => e.netconn.map(encodeNetconnPipe),
  childproc: (e) => e.childproc.map(encodeChildprocPipe),
  crossproc: (e) => e.crossproc.map(encodeCrossproc),
};

interface Naive {
  rows: ProcessDocument[];
  profile: SearchProfile<ProcessDocument>;
}

const cache = new WeakMap<ProcessStore, Naive>();

/** The old per-store cache: all rows as objects plus a profile whose events are regenerated per document. */
export function naiveProcessSearch(state: EmulatorState): Naive {
  let n = cache.get(state.processes);
  if (!n) {
    const store = storeOf(state);
    const events = (doc: ProcessDocument, kind: EventKind) => {
      const split = splitUniqueId(doc.unique_id);
      if (!split) return undefined;
      const row = store.findRow(split.guid, doc.segment_id);
      return row < 0 ? undefined : ENCODERS[kind](segmentEvents(store, row));
    };
    n = { rows: [...state.processes.rows()], profile: processProfile<ProcessDocument>({ events }) };
    cache.set(state.processes, n);
  }
  return n;
}

/** Page size and caps as the route applies them from `/api/info`. */
export function withServerLimits<T, R>(state: EmulatorState, profile: SearchProfile<T, R>): SearchProfile<T, R> {
  const info = state.info;
  const max = info.maxSearchResultRows > 0 ? info.maxSearchResultRows : undefined;
  return {
    ...profile,
    defaultRows: info.processPageSize > 0 ? info.processPageSize : profile.defaultRows,
    caps: max ? { maxRows: max, maxResultWindow: max } : profile.caps,
  };
}

/** One process search the old way. */
export function naiveSearch(state: EmulatorState, params: SearchParams, options?: SearchOptions): SearchResponse<ProcessDocument> {
  const n = naiveProcessSearch(state);
  return runSearch(n.rows, params, withServerLimits(state, n.profile), options);
}
