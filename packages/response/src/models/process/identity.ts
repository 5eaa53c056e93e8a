// Turning what select() or a search row gives a Process into its identity (GUID + segment) and
// a document with the GUID-derived facts (response.md §3.1-3.2 lazy-init rules).
import { InvalidObjectError, type Doc, type ModelInit } from '@cb/core';
import { guidFacts, parseProcessId } from './guid.js';
import { PROCESS_FETCH } from './table.js';

export interface ProcessIdentity {
  /** The 36-char GUID (as given when it is not a GUID: such a process is invalid). */
  readonly guid: string;
  /** Explicit segment (unique id, search row); undefined = the server's default segment. */
  readonly segment: number | undefined;
  /** The unique id text for segment-specific processes. */
  readonly uniqueId: string | undefined;
  readonly valid: boolean;
  readonly init: ModelInit;
}

const missing = (value: unknown): boolean => value === undefined || value === null || value === '' || value === -1 || value === '-1';

/** Adds sensor_id, process_pid and start from the GUID when start or pid is missing or -1. */
export function withGuidFacts(doc: Doc, guid: string): Doc {
  if (!missing(doc.start) && !missing(doc.process_pid)) return doc;
  const facts = guidFacts(guid);
  if (!facts) return doc;
  return { ...doc, sensor_id: facts.sensorId, process_pid: facts.pid, start: facts.start.toISOString() };
}

function segmentOf(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * `select(Process, id)`: a GUID (default segment) or a 45/49-char unique id (that segment);
 * anything else is an InvalidObjectError. A row (`doc`): `id`, else `unique_id`, plus `segment_id`.
 */
export function processIdentity(init: ModelInit): ProcessIdentity {
  if (init.doc === undefined) {
    const text = String(init.id ?? '');
    const parts = parseProcessId(text);
    if (!parts) {
      throw new InvalidObjectError(
        `Process id "${text}" is neither a process GUID (36 characters) nor a unique id (GUID + segment)`,
        PROCESS_FETCH,
      );
    }
    const uniqueId = parts.segment === undefined ? undefined : text.trim().toLowerCase();
    return {
      guid: parts.guid,
      segment: parts.segment,
      uniqueId,
      valid: true,
      init: { id: parts.guid, doc: withGuidFacts({ id: parts.guid }, parts.guid), state: init.state ?? 'reference' },
    };
  }
  const doc = init.doc;
  const rawId = typeof doc.id === 'string' && doc.id !== '' ? doc.id : String(doc.unique_id ?? init.id ?? '');
  const parts = parseProcessId(rawId);
  if (!parts) {
    // Kept as a document (its fields are readable) but never fetched.
    return { guid: rawId, segment: segmentOf(doc.segment_id), uniqueId: undefined, valid: false, init: { ...init, doc: { ...doc, id: rawId } } };
  }
  const segment = segmentOf(doc.segment_id) ?? parts.segment;
  const uniqueId =
    segment === undefined ? undefined : typeof doc.unique_id === 'string' && doc.unique_id !== '' ? doc.unique_id.toLowerCase() : `${parts.guid}-${segment.toString(16)}`;
  return { guid: parts.guid, segment, uniqueId, valid: true, init: { ...init, doc: withGuidFacts({ ...doc, id: parts.guid }, parts.guid) } };
}
