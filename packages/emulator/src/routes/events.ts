// Event entries for event-field searches (filemod:, modload:, ...): the data layer regenerates
// a segment's events on demand; only the asked-for kind is generated and encoded (as the v1 pipe
// strings the query engine decodes). Process search reads them through the store's
// EventFieldIndex, which generates each kind for every segment once.
import { encodeChildprocPipe, encodeCrossproc, encodeFilemod, encodeModload, encodeNetconnPipe, encodeRegmod } from '../data/encode.js';
import { EventFieldIndex } from '../data/event-index.js';
import { segmentEventsOfKind, storeOf } from '../data/events.js';
import type { ColumnProcessStore } from '../data/process-store.js';
import type { EmulatorState, RowIndex } from '../data/types.js';
import { EVENT_FIELDS, type EventKind } from '../query/index.js';

const ENCODERS: { [K in EventKind]: (store: ColumnProcessStore, row: RowIndex) => string[] } = {
  modload: (s, i) => segmentEventsOfKind(s, i, 'modload').map(encodeModload),
  filemod: (s, i) => segmentEventsOfKind(s, i, 'filemod').map(encodeFilemod),
  regmod: (s, i) => segmentEventsOfKind(s, i, 'regmod').map(encodeRegmod),
  netconn: (s, i) => segmentEventsOfKind(s, i, 'netconn').map(encodeNetconnPipe),
  childproc: (s, i) => segmentEventsOfKind(s, i, 'childproc').map(encodeChildprocPipe),
  crossproc: (s, i) => segmentEventsOfKind(s, i, 'crossproc').map(encodeCrossproc),
};

// The store never changes, so its index lives as long as the store.
const indexes = new WeakMap<ColumnProcessStore, EventFieldIndex<EventKind>>();

/** The store's event-field index (created empty; each kind is built on first use). */
export function eventFieldIndex(state: EmulatorState): EventFieldIndex<EventKind> {
  const store = storeOf(state);
  let index = indexes.get(store);
  if (!index) {
    index = new EventFieldIndex<EventKind>(store.rowCount, EVENT_FIELDS, (row, kind) => ENCODERS[kind](store, row));
    indexes.set(store, index);
  }
  return index;
}
