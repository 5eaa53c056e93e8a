// Finding test data by querying (generated ids are never hard-coded).
import { Process, type CbResponseAPI } from '../../src/index.js';

/** A process row with at least `min` children. */
export async function processWithChildren(cb: CbResponseAPI, min = 2): Promise<Process> {
  const proc = await cb.select(Process).where(`childproc_count:[${min} TO *]`).first();
  if (!proc) throw new Error('no process with children in the dataset');
  return proc;
}

/** The GUID of a process that has at least two segments (search rows share its id). */
export async function multiSegmentGuid(cb: CbResponseAPI): Promise<string> {
  const counts = new Map<string, number>();
  for await (const p of cb.select(Process).where('process_name:evil.exe OR process_name:explorer.exe')) {
    const n = (counts.get(p.guid) ?? 0) + 1;
    counts.set(p.guid, n);
    if (n >= 2) return p.guid;
  }
  throw new Error('no multi-segment process in the dataset');
}

/** A process segment with events of every kind. */
export async function busyProcess(cb: CbResponseAPI): Promise<Process> {
  const proc = await cb
    .select(Process)
    .where('netconn_count:[1 TO *] crossproc_count:[1 TO *] filemod_count:[1 TO *] regmod_count:[1 TO *] modload_count:[1 TO *]')
    .first();
  if (!proc) throw new Error('no process with events of every kind');
  return proc;
}

/** The raw event reply of a process segment, fetched directly (to compare the decoders with). */
export async function rawEvents(cb: CbResponseAPI, proc: Process, version = 'v4'): Promise<Record<string, unknown[]>> {
  const res = await cb.request<{ process: Record<string, unknown[]> }>('GET', `/api/${version}/process/${proc.guid}/${proc.segment}/event`);
  return res.data.process;
}
