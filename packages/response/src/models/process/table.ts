// The Process field table (response.md §3.2): what search rows and summaries carry. Derived
// values (start/end, cmdline fallback, dotted-quad IPs, tags) are getters on the class.
import { field, type Doc, type ModelTable } from '@cb/core';

/** `{process, parent, children, siblings}` of `GET /api/v1/process/{guid}/{segment}`. */
export interface ProcessSummaryExtras {
  /** The parent's process document (`{}` for a root). */
  readonly parent: Doc;
  readonly children: readonly Doc[];
  readonly siblings: readonly Doc[];
}

const ro = { readOnly: true } as const;

/** The Process model's URL (search and summaries), named by errors when no summary path can be built. */
export const PROCESS_URL = '/api/v1/process';

/** The fetch a Process id stands for, while its summary path is unknown (invalid GUID, unknown segment). */
export const PROCESS_FETCH = { method: 'GET', path: PROCESS_URL } as const;

export const PROCESS_FIELDS = {
  id: { type: 'string', readOnly: true },
  unique_id: { type: 'string', readOnly: true },
  segment_id: { type: 'int', readOnly: true },
  process_name: { type: 'string', readOnly: true },
  process_md5: { type: 'string', readOnly: true },
  path: { type: 'string', readOnly: true },
  username: { type: 'string', readOnly: true },
  hostname: { type: 'string', readOnly: true },
  sensor_id: { type: 'int', readOnly: true },
  group: { type: 'string', readOnly: true },
  host_type: { type: 'string', readOnly: true },
  os_type: { type: 'string', readOnly: true },
  process_pid: { type: 'int', readOnly: true },
  parent_pid: { type: 'int', readOnly: true },
  parent_name: { type: 'string', readOnly: true },
  parent_unique_id: { type: 'string', readOnly: true },
  parent_id: { type: 'string', readOnly: true },
  parent_md5: { type: 'string', readOnly: true },
  terminated: { type: 'boolean', readOnly: true },
  modload_count: { type: 'int', readOnly: true },
  filemod_count: { type: 'int', readOnly: true },
  regmod_count: { type: 'int', readOnly: true },
  netconn_count: { type: 'int', readOnly: true },
  childproc_count: { type: 'int', readOnly: true },
  crossproc_count: { type: 'int', readOnly: true },
  emet_count: { type: 'int', readOnly: true },
  processblock_count: { type: 'int', readOnly: true },
  /** Signed 32-bit IPv4 as the server sends it; `commsIp` is the dotted quad. */
  comms_ip: { type: 'unknown', readOnly: true },
  interface_ip: { type: 'unknown', readOnly: true },
  last_update: { type: 'date', readOnly: true },
  last_server_update: { type: 'date', readOnly: true },
  watchlists: field<Array<{ wid: string; value: string; segments_hit?: number[] }>>('array', ro),
} as const satisfies ModelTable['fields'];
