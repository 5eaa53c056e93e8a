// The paging engine shared by every paginated query.
//
// - Prefetch: the next page is requested before the current one is handed to the caller, so
//   the network works while the caller consumes rows. An early `break` (or an error) aborts the
//   in-flight prefetch; its rejection is already handled, so nothing surfaces as unhandled.
// - Consistency while the server changes underneath: rows are deduplicated by primary key across
//   pages (inserted rows shift later rows forward, so a page may repeat the previous one's tail);
//   when the reported total shrinks (rows deleted before the cursor shift later rows back) the
//   next request steps back by the shrinkage so the rows that slid behind the cursor are read,
//   and the repeats are dropped. Iteration stops at an empty page, when the cursor reaches the
//   latest total, or (schemes without totals) after a short page.
import { AbortError } from '../errors.js';
import type { Requester } from '../http/types.js';
import type { PageResult, PaginationStrategy, QueryState, RawPage, RowWindow } from './types.js';

export interface PaginateOptions {
  readonly requester: Requester;
  readonly strategy: PaginationStrategy;
  readonly state: QueryState;
  readonly window: RowWindow;
  readonly batchSize: number;
  readonly rowKey: (row: unknown) => string | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

interface Fetched {
  readonly offset: number;
  readonly asked: number;
  readonly page: PageResult;
  readonly body: unknown;
}

const ignore = (): void => undefined;

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError('The operation was aborted', { cause: signal.reason });
}

export async function* paginate(options: PaginateOptions): AsyncGenerator<RawPage, void, undefined> {
  const { requester, strategy, state, window, rowKey } = options;
  throwIfAborted(options.signal);
  const batch = Math.max(1, Math.min(options.batchSize, strategy.maxBatchSize ?? Number.POSITIVE_INFINITY));
  const wanted = window.end === undefined ? Number.POSITIVE_INFINITY : Math.max(0, window.end - window.start);
  if (wanted === 0) return;

  // Our own controller, so stopping early cancels the prefetch without touching the caller's signal.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;

  const fetchPage = async (offset: number, asked: number): Promise<Fetched> => {
    const response = await requester.request({
      ...strategy.buildPageRequest(state, offset, asked),
      signal,
      timeoutMs: options.timeoutMs,
    });
    return { offset, asked, page: strategy.parsePage(response, state), body: response.data };
  };
  const request = (offset: number, asked: number): Promise<Fetched> => {
    const pending = fetchPage(offset, asked);
    pending.catch(ignore); // handled here; awaited (and rethrown) below unless abandoned
    return pending;
  };

  const seen = new Set<string>();
  let yielded = 0;
  let lastTotal: number | undefined;
  let pending: Promise<Fetched> | undefined = request(window.start, Math.min(batch, wanted));
  try {
    while (pending) {
      const { offset, asked, page, body } = await pending;
      pending = undefined;
      if (page.rows.length === 0) break;

      let next = offset + page.rows.length;
      const total = page.total;
      if (lastTotal !== undefined && total !== undefined && total < lastTotal) {
        // Rows deleted before the cursor slid back behind it: re-read from where they now are.
        next = Math.max(window.start, offset - (lastTotal - total));
      }
      lastTotal = total ?? lastTotal;

      const fresh: unknown[] = [];
      let duplicates = 0;
      for (const row of page.rows) {
        const key = rowKey(row);
        if (key !== undefined) {
          if (seen.has(key)) {
            duplicates++;
            continue;
          }
          seen.add(key);
        }
        if (yielded + fresh.length < wanted) fresh.push(row);
      }
      yielded += fresh.length;

      const exhausted = total !== undefined ? next >= total : page.rows.length < asked;
      if (yielded < wanted && !exhausted) pending = request(next, Math.min(batch, wanted - yielded));
      if (fresh.length > 0) {
        yield { start: offset, rows: fresh, total, body, duplicates };
      }
    }
  } finally {
    stop.abort();
  }
}
