// StoragePartition (response.md §15, server 6.0+): Solr event partitions. The server lists them
// as one JSON object keyed by name (`GET /api/v1/storage/events/partition`) and has no
// single-partition GET, so loading/refreshing one partition reads that map and picks its entry.
import { defineModel, field, SimpleListQuery, type CallOptions, type Doc, type ModelHost } from '@cb/core';

const STORAGE = '/api/v1/storage/events';
const PARTITIONS = `${STORAGE}/partition`;

/** `hot` (the `writer`), `warm` (mounted, searchable), `cold` (on disk, unmounted), `deleted`. */
export type PartitionStatus = 'hot' | 'warm' | 'cold' | 'deleted';

/** The `info` object of a partition. */
export interface PartitionInfo {
  sizeInBytes?: number;
  startDate?: string;
  endDate?: string | null;
  partitionId?: number;
  deletedDocs?: number;
  maxDoc?: number;
  numDocs?: number;
  segmentCount?: number;
  userMounted?: boolean;
  isLegacy?: boolean;
  dir?: string;
  schema?: string;
  [key: string]: unknown;
}

const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{name: {...}, ...}` → rows, each with its `name` (taken from the key when missing). */
export function partitionRows(body: unknown): Doc[] {
  if (!isDoc(body)) return [];
  return Object.entries(body)
    .filter((entry): entry is [string, Doc] => isDoc(entry[1]))
    .map(([name, value]) => ({ ...value, name: value.name ?? name }));
}

/** The partition list: client-side where (e.g. `status:warm`) and sort over the map's values. */
export class StoragePartitionQuery extends SimpleListQuery<StoragePartition> {
  protected override parseList(body: unknown): readonly unknown[] {
    return partitionRows(body);
  }
}

export class StoragePartition extends defineModel({
  name: 'StoragePartition',
  urlObject: STORAGE,
  queryPath: PARTITIONS,
  primaryKey: 'name',
  create: false,
  update: false,
  delete: true,
  fields: {
    /** `writer` or `cbevents_YYYY_MM_DD_hhmm[_suffix]` */
    name: { type: 'string', readOnly: true },
    status: { ...field<PartitionStatus>('string'), readOnly: true },
    info: { ...field<PartitionInfo>('object'), readOnly: true },
  },
  // No single GET: read the map, keep this partition's entry (absent → ObjectNotFoundError).
  objectPath: () => PARTITIONS,
  parse: (json, model) => partitionRows(json).find((row) => row.name === model.primaryKeyValue) ?? null,
  deletePath: (model) => `${STORAGE}/${encodeURIComponent(String(model.primaryKeyValue))}`,
}) {
  static createQuery(host: ModelHost): StoragePartitionQuery {
    return new StoragePartitionQuery(host, StoragePartition);
  }

  /** Mounts a cold partition (it becomes warm and searchable), then re-reads its state. */
  mount(options: CallOptions = {}): Promise<this> {
    return this.#post('mount', options);
  }

  /** Unmounts a warm partition (it becomes cold), then re-reads its state. */
  unmount(options: CallOptions = {}): Promise<this> {
    return this.#post('unmount', options);
  }

  async #post(action: 'mount' | 'unmount', options: CallOptions): Promise<this> {
    await this.api.requester.request({
      method: 'POST',
      path: `${STORAGE}/${encodeURIComponent(String(this.primaryKeyValue))}/${action}`,
      body: null,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    return this.refresh(options);
  }
}
