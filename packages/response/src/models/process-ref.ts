// The Process an alert or a tagged event points at: a GUID plus a segment, addressed as the
// segment's unique id so it shares the model cache with search rows and joins.
import type { ModelHost } from '@cb/core';
import { responseHost } from '../query/response-host.js';
import { versionAtLeast } from '../version.js';
import { formatUniqueId, isProcessGuid } from './process/guid.js';
import { Process } from './process/process.js';

export type { Process };

function segmentOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The loaded Process `guid`/`segment` names, or null when the GUID is blank or malformed. */
export async function processOf(host: ModelHost, guid: unknown, segment: unknown): Promise<Process | null> {
  if (typeof guid !== 'string' || !isProcessGuid(guid.slice(0, 36))) return null;
  const seg = segmentOf(segment);
  let id = guid.slice(0, 36);
  if (seg !== undefined) {
    // 6.x unique ids carry 12 hex digits of segment, 5.x ids 8.
    const sixDigits = versionAtLeast(await responseHost(host).serverVersion(), '6.0.0');
    id = formatUniqueId(id, seg, sixDigits);
  }
  return host.select(Process, id).load();
}
