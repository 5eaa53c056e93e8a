// Derived response bodies for the process and binary endpoints (response.md §3.2, §4), built
// from the store so routes only have to serialise them.

import { moduleFileBytes, moduleMetadataText } from './binaries.js';
import { encodeEvents } from './encode.js';
import { segmentEvents, storeOf } from './events.js';
import { splitUniqueId } from './guid.js';
import type { BinaryDocument, EncodedEvents, EmulatorState, EventApiVersion, ProcessDocument, SegmentEvents } from './types.js';

function locate(state: EmulatorState, processId: string, segmentId?: number) {
  const store = storeOf(state);
  const split = splitUniqueId(processId);
  if (!split) return undefined;
  const p = store.indexOf(split.guid);
  if (p < 0) return undefined;
  const seg = segmentId ?? split.segmentId ?? (store.world.segmentStyle === 6 ? 0 : 1);
  const all = seg === 0 && store.world.segmentStyle === 6;
  const row = store.findRow(split.guid, seg);
  if (row < 0) return undefined;
  return { store, p, row, all };
}

export interface ProcessSummary {
  process: ProcessDocument;
  parent: ProcessDocument | Record<string, never>;
  children: ProcessDocument[];
  siblings: ProcessDocument[];
}

/** `GET /api/v1/process/{guid}/{segment}` (children capped like `?children=n`, default 15). */
export function processSummary(state: EmulatorState, processId: string, segmentId?: number, maxChildren = 15): ProcessSummary | undefined {
  const at = locate(state, processId, segmentId);
  if (!at) return undefined;
  const { store, p, row } = at;
  const c = store.cols;
  const par = store.parentOf(p);
  const first = (q: number) => store.row(c.firstRow[q]);
  return {
    process: store.row(row),
    parent: par >= 0 ? store.row(store.rowAt(par, c.startMs[p])) : {},
    children: store.childrenOf(p).slice(0, maxChildren).map(first),
    siblings: par >= 0 ? store.childrenOf(par).filter((q) => q !== p).slice(0, maxChildren).map(first) : [],
  };
}

export interface ProcessEventResponse {
  process: ProcessDocument & EncodedEvents & { binaries: Record<string, BinaryDocument> };
  elapsed: number;
}

/** Structured events of the located row(s); 6.x segment 0 merges every segment. */
export function eventsAt(state: EmulatorState, processId: string, segmentId?: number): SegmentEvents | undefined {
  const at = locate(state, processId, segmentId);
  if (!at) return undefined;
  const rows = at.all ? at.store.rowsOf(at.p) : [at.row];
  const parts = rows.map((r) => segmentEvents(at.store, r));
  return parts.length === 1 ? parts[0] : parts.reduce((a, b) => ({
    modload: [...a.modload, ...b.modload],
    filemod: [...a.filemod, ...b.filemod],
    regmod: [...a.regmod, ...b.regmod],
    netconn: [...a.netconn, ...b.netconn],
    childproc: [...a.childproc, ...b.childproc],
    crossproc: [...a.crossproc, ...b.crossproc],
  }));
}

/** `GET /api/v{n}/process/{guid}/{segment}/event`. */
export function processEventResponse(state: EmulatorState, processId: string, segmentId: number | undefined, apiVersion: EventApiVersion): ProcessEventResponse | undefined {
  const at = locate(state, processId, segmentId);
  const events = eventsAt(state, processId, segmentId);
  if (!at || !events) return undefined;
  const binaries: Record<string, BinaryDocument> = {};
  for (const m of events.modload) {
    const key = m.md5.toUpperCase();
    const doc = state.binaries.get(key);
    if (doc && !binaries[key]) binaries[key] = doc;
  }
  return { process: { ...at.store.row(at.row), ...encodeEvents(events, apiVersion), binaries }, elapsed: 0.0123 };
}

/** `GET /api/v1/process/{guid}/segment` (6.x). */
export function processSegmentList(state: EmulatorState, processId: string): { process: { segments: { unique_id: string; segment_id: number }[] } } | undefined {
  const store = storeOf(state);
  const split = splitUniqueId(processId);
  const p = split ? store.indexOf(split.guid) : -1;
  if (p < 0) return undefined;
  return { process: { segments: store.rowsOf(p).map((r) => ({ unique_id: store.uniqueIdOfRow(r), segment_id: store.cols.segmentId[r] })) } };
}

/** File bytes and zip `metadata` text for `GET /api/v1/binary/{md5}`; undefined if unknown. */
export function binaryFile(state: EmulatorState, md5: string): { filedata: Uint8Array; metadata: string } | undefined {
  const doc = state.binaries.get(md5.toUpperCase());
  const m = storeOf(state).world.moduleByMd5.get(md5.toLowerCase());
  if (!doc || !m) return undefined;
  return { filedata: moduleFileBytes(storeOf(state).world, m), metadata: moduleMetadataText(doc) };
}
