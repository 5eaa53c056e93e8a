// Event entries for event-field searches (filemod:, modload:, ...): the data layer regenerates
// a segment's events on demand; only the asked-for kind is encoded (as the v1 pipe strings the
// query engine decodes).
import { encodeChildprocPipe, encodeCrossproc, encodeFilemod, encodeModload, encodeNetconnPipe, encodeRegmod } from '../data/encode.js';
import { segmentEvents, storeOf } from '../data/events.js';
import { splitUniqueId } from '../data/guid.js';
import type { EmulatorState, ProcessDocument, SegmentEvents } from '../data/types.js';
import type { EventKind, EventSource } from '../query/index.js';

const ENCODERS: { [K in EventKind]: (events: SegmentEvents) => string[] } = {
  modload: (e) => e.modload.map(encodeModload),
  filemod: (e) => e.filemod.map(encodeFilemod),
  regmod: (e) => e.regmod.map(encodeRegmod),
  netconn: (e) => e.netconn.map(encodeNetconnPipe),
  childproc: (e) => e.childproc.map(encodeChildprocPipe),
  crossproc: (e) => e.crossproc.map(encodeCrossproc),
};

export function eventSource(state: EmulatorState): EventSource<ProcessDocument> {
  const store = storeOf(state);
  return (doc: ProcessDocument, kind: EventKind) => {
    const split = splitUniqueId(doc.unique_id);
    if (!split) return undefined;
    const row = store.findRow(split.guid, doc.segment_id);
    if (row < 0) return undefined;
    return ENCODERS[kind](segmentEvents(store, row));
  };
}
