// The server's result window (user-asks B2/B5): past `maxSearchResultRows` the emulator (like a
// real server) returns no rows while total_results stays the full count. Iterating into that
// gap must not end silently.
import type { HttpResponse, Logger, RequestOptions } from '@cb/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Binary, CbResponseAPI, Process, SearchWindowError } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';

const fx = useEmulator();
const WINDOW = 50;

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined };
}

/** An API whose /api/info hides maxSearchResultRows (a server that does not advertise its window). */
function unadvertisedApi(): CbResponseAPI {
  const base = fx.api();
  return new CbResponseAPI({
    requester: {
      baseUrl: base.requester.baseUrl,
      request: async <T>(options: RequestOptions): Promise<HttpResponse<T>> => {
        const res = await base.requester.request<T>(options);
        if (options.path !== '/api/info') return res;
        const { maxSearchResultRows: _hidden, ...info } = res.data as Record<string, unknown>;
        return { ...res, data: info as T };
      },
    },
  });
}

async function collect<T>(iterable: AsyncIterable<T>, into: T[]): Promise<unknown> {
  try {
    for await (const x of iterable) into.push(x);
    return undefined;
  } catch (err) {
    return err;
  }
}

let saved: number;
beforeEach(() => {
  saved = fx.emu.state.info.maxSearchResultRows;
  fx.emu.state.info.maxSearchResultRows = WINDOW;
});
afterEach(() => {
  fx.emu.state.info.maxSearchResultRows = saved;
});

describe('searches past the server result window', () => {
  it('the emulator really truncates: total_results stays full, rows stop at the window', async () => {
    const res = await fx.cb.request<{ results: unknown[]; total_results: number }>('GET', '/api/v1/process', {
      query: { q: '', start: WINDOW - 10, rows: 100 },
    });
    expect(res.data.results).toHaveLength(10);
    expect(res.data.total_results).toBeGreaterThan(WINDOW * 2);
  });

  it('all() of a query beyond an advertised window throws SearchWindowError before any row', async () => {
    const cb = fx.api();
    const total = await cb.select(Process).count();
    expect(total).toBeGreaterThan(WINDOW);
    fx.takeRequests();
    const error = await cb.select(Process).all().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SearchWindowError);
    expect(error).toMatchObject({ total, reachable: WINDOW, maxSearchResultRows: WINDOW, method: 'GET', path: '/api/v1/process' });
    const message = (error as Error).message;
    expect(message).toContain(`matches ${total} results`);
    expect(message).toContain(`maxSearchResultRows = ${WINDOW}`);
    expect(message).toMatch(/Narrow the query/);
    expect(message).toContain(`.limit(${WINDOW})`);
    // one page was read to learn the total (plus, at most, the prefetched next one)
    const pages = fx.takeRequests().filter((r) => r.startsWith('GET /api/v1/process?'));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(2);
    expect(await cb.select(Process).count()).toBe(total); // count() still reports the server's total
  });

  it('for await yields the window, then throws SearchWindowError where the rows run out', async () => {
    const cb = fx.api();
    const total = await cb.select(Process).count();
    const rows: Process[] = [];
    const error = await collect(cb.select(Process).batchSize(30), rows);
    expect(rows).toHaveLength(WINDOW);
    expect(new Set(rows.map((p) => p.unique_id)).size).toBe(WINDOW);
    expect(error).toBeInstanceOf(SearchWindowError);
    expect(error).toMatchObject({ total, reachable: WINDOW, maxSearchResultRows: WINDOW });
  });

  it('a loop that breaks before the window never fails (the common "first few matches" loop)', async () => {
    const cb = fx.api();
    const seen: Process[] = [];
    for await (const p of cb.select(Process)) {
      seen.push(p);
      if (seen.length === 5) break;
    }
    expect(seen).toHaveLength(5);
    let pages = 0;
    for await (const page of cb.select(Process).batchSize(20).pages()) {
      pages++;
      expect(page.models.length).toBe(20);
      if (pages === 2) break;
    }
    expect(pages).toBe(2);
  });

  it('reads inside the window are untouched: limit(), slice() within it, first(), a narrow query', async () => {
    const cb = fx.api();
    expect(await cb.select(Process).limit(WINDOW).all()).toHaveLength(WINDOW);
    expect(await cb.select(Process).slice(10, WINDOW)).toHaveLength(WINDOW - 10);
    expect(await cb.select(Process).first()).toBeInstanceOf(Process);
    const narrow = cb.select(Process).where('process_name:notepad.exe');
    const n = await narrow.count();
    expect(n).toBeLessThanOrEqual(WINDOW);
    expect(await narrow.all()).toHaveLength(n);
  });

  it('a slice reaching past the window, or starting beyond it, is an error too', async () => {
    const cb = fx.api();
    await expect(cb.select(Process).slice(WINDOW - 5, WINDOW + 5)).rejects.toMatchObject({ name: 'SearchWindowError', reachable: WINDOW });
    const total = await cb.select(Process).count();
    await expect(cb.select(Process).slice(-10)).rejects.toMatchObject({ name: 'SearchWindowError', total, reachable: WINDOW });
  });

  it('binary searches are checked the same way', async () => {
    const cb = fx.api();
    const total = await cb.select(Binary).count();
    expect(total).toBeGreaterThan(WINDOW);
    await expect(cb.select(Binary).all()).rejects.toMatchObject({ name: 'SearchWindowError', total, reachable: WINDOW });
  });

  it('allowTruncation(): exactly the window is read, with one warning that gives the numbers', async () => {
    const logger = recordingLogger();
    const cb = fx.api({ logger });
    const total = await cb.select(Process).count();
    const rows: Process[] = [];
    expect(await collect(cb.select(Process).batchSize(30).allowTruncation(), rows)).toBeUndefined();
    expect(rows).toHaveLength(WINDOW);
    expect(new Set(rows.map((p) => p.unique_id)).size).toBe(WINDOW);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain(`matches ${total} results; reading only the first ${WINDOW}`);
    // the builder returns a new query: the original still throws
    const q = cb.select(Process);
    q.allowTruncation();
    await expect(q.all()).rejects.toBeInstanceOf(SearchWindowError);
  });

  it('a window the server does not advertise is caught when its rows run out, after the rows it gave', async () => {
    const cb = unadvertisedApi();
    expect((await cb.info()).maxSearchResultRows).toBeUndefined();
    const total = await cb.select(Process).count();
    const rows: Process[] = [];
    const error = await collect(cb.select(Process).batchSize(30), rows);
    expect(rows).toHaveLength(WINDOW); // 30 + 20 (the window cuts the second page), then an empty page
    expect(error).toBeInstanceOf(SearchWindowError);
    expect(error).toMatchObject({ total, reachable: WINDOW, maxSearchResultRows: undefined });
    expect((error as Error).message).not.toContain('maxSearchResultRows =');
  });

  it('with the default window (10 000) the small dataset reads completely', async () => {
    fx.emu.state.info.maxSearchResultRows = saved;
    const cb = fx.api();
    const total = await cb.select(Process).count();
    expect(await cb.select(Process).all()).toHaveLength(total);
  });
});
