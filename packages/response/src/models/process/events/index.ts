// Decoding the `<kind>_complete` lists of an event reply into typed events, per API version
// (response.md §3.3). Each list is decoded lazily, once, and sorted by time (stable).
import type { ProcessApiVersion } from '../../../api.js';
import { ChildprocEvent } from './childproc.js';
import type { DecodeContext, EventKind } from './common.js';
import { CrossprocEvent } from './crossproc.js';
import { FilemodEvent } from './filemod.js';
import { ModloadEvent } from './modload.js';
import { NetconnEvent } from './netconn.js';
import { RegmodEvent } from './regmod.js';

export { ProcessEvent, type DecodeContext, type EventKind } from './common.js';
export { ChildprocEvent } from './childproc.js';
export { CrossprocEvent, ACCESS_FLAGS, describeAccess, type CrossprocType } from './crossproc.js';
export { FilemodEvent, type FileType, type FilemodType } from './filemod.js';
export { ModloadEvent } from './modload.js';
export { NetconnEvent, protocolName, type Direction } from './netconn.js';
export { RegmodEvent, type RegmodType } from './regmod.js';

export interface EventTypes {
  modload: ModloadEvent;
  filemod: FilemodEvent;
  regmod: RegmodEvent;
  netconn: NetconnEvent;
  childproc: ChildprocEvent;
  crossproc: CrossprocEvent;
}

/** Any decoded event. */
export type AnyProcessEvent = EventTypes[EventKind];

export const EVENT_KINDS: readonly EventKind[] = ['modload', 'filemod', 'regmod', 'netconn', 'childproc', 'crossproc'];

type Decoder<K extends EventKind> = (context: DecodeContext, sequence: number, raw: unknown, version: ProcessApiVersion) => EventTypes[K] | undefined;

const text = (raw: unknown): string | undefined => (typeof raw === 'string' && raw.trim() !== '' ? raw : undefined);

const DECODERS: { readonly [K in EventKind]: Decoder<K> } = {
  modload: (c, i, raw) => {
    const s = text(raw);
    return s === undefined ? undefined : new ModloadEvent(c, i, s);
  },
  // cbapi yields a null entry for an empty filemod string; we skip it.
  filemod: (c, i, raw) => {
    const s = text(raw);
    return s === undefined ? undefined : new FilemodEvent(c, i, s);
  },
  regmod: (c, i, raw) => {
    const s = text(raw);
    return s === undefined ? undefined : new RegmodEvent(c, i, s);
  },
  netconn: (c, i, raw, v) => (raw === null || raw === undefined || raw === '' ? undefined : new NetconnEvent(c, i, raw, v)),
  childproc: (c, i, raw) => (raw === null || raw === undefined || raw === '' ? undefined : new ChildprocEvent(c, i, raw)),
  crossproc: (c, i, raw) => {
    const s = text(raw);
    return s === undefined ? undefined : new CrossprocEvent(c, i, s);
  },
};

/** Decodes one list (pipe strings or JSON objects, whichever the version sends), sorted by time. */
export function decodeEvents<K extends EventKind>(
  kind: K,
  list: unknown,
  context: DecodeContext,
  version: ProcessApiVersion,
): EventTypes[K][] {
  if (!Array.isArray(list)) return [];
  const decode = DECODERS[kind] as Decoder<K>;
  const out: EventTypes[K][] = [];
  list.forEach((raw: unknown, i) => {
    const event = decode(context, i, raw, version);
    if (event) out.push(event);
  });
  // Array.prototype.sort is stable: same-time events keep the server's order.
  return out.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
}

/** Merges per-kind lists (each sorted) into one list sorted by time. */
export function byTime<E extends { readonly timestamp: Date }>(lists: readonly (readonly E[])[]): E[] {
  return lists.flat().sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
}
