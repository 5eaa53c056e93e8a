// Posting alert updates (response.md §2.4, §11): the single-alert POST and the bulk
// `POST /api/v1/alerts` in chunks, with progress and cache invalidation.
import { ApiError, type CallOptions, type Doc, type ModelHost, type QueryCallOptions } from '@cb/core';
import { checkResult, updatedCount } from './result-reply.js';

/** Progress of a bulk alert update. */
export interface BulkProgress {
  /** `collecting` while the matching ids are read page by page, then `updating` per chunk. */
  readonly phase: 'collecting' | 'updating';
  /** Ids collected, or alerts updated so far. */
  readonly done: number;
  /** Matching alerts (the search total while collecting). */
  readonly total: number | undefined;
}

export interface BulkOptions extends QueryCallOptions {
  readonly onProgress?: ((progress: BulkProgress) => void) | undefined;
  /** Alert ids per `POST /api/v1/alerts` (default 500, as cbapi HEAD). */
  readonly chunkSize?: number | undefined;
}

/** Ids per bulk POST and rows per page while collecting them (cbapi HEAD). */
export const DEFAULT_CHUNK = 500;

const BULK_PATH = '/api/v1/alerts';

/** The bulk update request, named by refusals raised before it is sent. */
export const BULK_REQUEST = { method: 'POST', path: BULK_PATH } as const;

/** One alert update POST; a `{result: <not success>}` reply is a ServerError. */
export async function postAlertUpdate(host: ModelHost, path: string, body: Doc, options: CallOptions): Promise<unknown> {
  const response = await host.requester.request<unknown>({ method: 'POST', path, body, signal: options.signal, timeoutMs: options.timeoutMs });
  return checkResult(response, 'POST', path, 'Alerts were not updated');
}

/** The chunk size of the options; ApiError unless a positive integer. */
export function chunkSizeOf(options: BulkOptions): number {
  const size = options.chunkSize ?? DEFAULT_CHUNK;
  if (!Number.isInteger(size) || size < 1) throw new ApiError(`chunkSize must be a positive integer, got ${size}`, BULK_REQUEST);
  return size;
}

/** One `POST /api/v1/alerts` per chunk; returns how many alerts the server updated. */
export async function postBulk(host: ModelHost, ids: readonly string[], update: Doc, options: BulkOptions): Promise<number> {
  const size = chunkSizeOf(options);
  let done = 0;
  for (let i = 0; i < ids.length; i += size) {
    const chunk = ids.slice(i, i + size);
    const reply = await postAlertUpdate(host, BULK_PATH, { alert_ids: chunk, ...update }, options);
    // Servers that count (the emulator does) say how many ids existed; otherwise every id sent.
    done += updatedCount(reply) ?? chunk.length;
    // Cached copies are stale now: the next select()/fetch() of these alerts reads them afresh.
    await Promise.all(chunk.map((id) => host.cache.invalidate('Alert', id, host.cacheScope)));
    options.onProgress?.({ phase: 'updating', done, total: ids.length });
  }
  return done;
}
