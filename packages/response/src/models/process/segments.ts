// Segment ids of a process (response.md §3.2): the segment endpoint from 6.0, else every search
// row of `process_id:<guid>`.
import type { CallOptions, Doc } from '@cb/core';
import { serverVersionOf } from '../../query/response-host.js';
import { versionAtLeast } from '../../version.js';
import { parseProcessId } from './guid.js';
import type { Process } from './process.js';
import { ProcessQuery } from './process-query.js';

const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

function segmentOf(entry: Doc): number | undefined {
  if (typeof entry.segment_id === 'number' && Number.isInteger(entry.segment_id)) return entry.segment_id;
  return typeof entry.unique_id === 'string' ? parseProcessId(entry.unique_id)?.segment : undefined;
}

export async function segmentsOf(process: Process, options: CallOptions = {}): Promise<number[]> {
  const api = process.api;
  const found = new Set<number>();
  if (versionAtLeast(await serverVersionOf(api, options), '6.0.0')) {
    const { data } = await api.requester.request({
      method: 'GET',
      path: `/api/v1/process/${process.guid}/segment`,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    const list = isDoc(data) && isDoc(data.process) && Array.isArray(data.process.segments) ? data.process.segments : [];
    for (const entry of list) {
      const segment = isDoc(entry) ? segmentOf(entry) : undefined;
      if (segment !== undefined) found.add(segment);
    }
  } else {
    const query = new ProcessQuery(api).where(`process_id:${process.guid}`).sort('');
    for await (const row of query.iterate(options)) found.add(row.segment);
  }
  return [...found].sort((a, b) => a - b);
}
