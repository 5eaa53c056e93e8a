// Behaviour of the paging engine: laziness, prefetch, early exit, slices, one(), consistency
// while the server's rows change between pages.
import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, MoreThanOneResultError } from '../../src/errors.js';
import type { RequestOptions } from '../../src/http/types.js';
import { deferred, type FakeReply } from '../support/fake-requester.js';
import { makeApi, Process } from '../support/models.js';

/** A mutable Solr-style server over `rows`; `beforeReply` may change them per request. */
function solrServer(rows: { id: string }[], beforeReply?: (request: RequestOptions, n: number) => void | Promise<void>) {
  let n = 0;
  return async (r: RequestOptions): Promise<FakeReply> => {
    n += 1;
    await beforeReply?.(r, n);
    const start = Number(r.query?.start);
    const count = Number(r.query?.rows);
    return { data: { results: rows.slice(start, start + count), total_results: rows.length } };
  };
}

const ids = (n: number, from = 1): { id: string }[] => Array.from({ length: n }, (_, i) => ({ id: String(from + i) }));

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
process.on('unhandledRejection', onUnhandled);
afterEach(() => {
  expect(unhandled.splice(0)).toEqual([]);
});

describe('laziness and immutability', () => {
  it('sends nothing until a terminal call, and is not a thenable', () => {
    const { api, fake } = makeApi();
    const q = api.select(Process).where('process_name:cmd.exe').sort('start asc');
    expect(fake.requests).toHaveLength(0);
    expect('then' in q).toBe(false);
  });

  it('where/sort return new queries', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process', solrServer([]));
    const a = api.select(Process);
    const b = a.where('x:1');
    expect(b).not.toBe(a);
    await a.all();
    await b.all();
    expect(fake.lines).toEqual([
      'GET /api/v1/process?cb.urlver=1&facet=false&q=&rows=100&start=0',
      'GET /api/v1/process?cb.urlver=1&facet=false&q=x%3A1&rows=100&start=0',
    ]);
  });
});

describe('iteration', () => {
  it('pages in the batch size, yields partial models, and honours limit', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process', solrServer(ids(250)));
    const seen: string[] = [];
    for await (const p of api.select(Process)) {
      expect(p).toBeInstanceOf(Process);
      expect(p.isPartial).toBe(true);
      seen.push(p.id);
    }
    expect(seen).toHaveLength(250);
    expect(fake.requests.map((r) => [r.query?.start, r.query?.rows])).toEqual([
      [0, 100],
      [100, 100],
      [200, 100],
    ]);
    fake.reset();
    expect(await api.select(Process).batchSize(40).limit(90).all()).toHaveLength(90);
    expect(fake.requests.map((r) => [r.query?.start, r.query?.rows])).toEqual([
      [0, 40],
      [40, 40],
      [80, 10],
    ]);
    expect(await api.select(Process).limit(7).count()).toBe(7);
  });

  it('requests page 2 before page 1 has been consumed', async () => {
    const { api, fake } = makeApi();
    const page2 = deferred();
    fake.on('GET', '/api/v1/process', solrServer(ids(150), async (_r, n) => (n === 2 ? page2.promise : undefined)));
    const iterator = api.select(Process)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value?.id).toBe('1');
    expect(fake.requests).toHaveLength(2); // page 2 is in flight while row 1 is consumed
    expect(fake.requests[1]?.query?.start).toBe(100);
    for (let i = 2; i <= 100; i++) expect((await iterator.next()).value?.id).toBe(String(i));
    page2.resolve();
    expect((await iterator.next()).value?.id).toBe('101');
    await iterator.return?.();
  });

  it('cancels the prefetch on an early break without unhandled rejections', async () => {
    const { api, fake } = makeApi();
    const never = deferred();
    fake.on('GET', '/api/v1/process', solrServer(ids(300), async (_r, n) => (n >= 2 ? never.promise : undefined)));
    for await (const p of api.select(Process)) {
      if (p.id === '3') break;
    }
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.signal?.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20)); // let a stray rejection surface
  });

  it('ignores a prefetch that fails after the caller stopped', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process', async (r) => {
      if (r.query?.start === 0) return { data: { results: ids(100), total_results: 300 } };
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { status: 500, data: 'boom' };
    });
    const first = await api.select(Process).first();
    expect(first?.id).toBe('1');
    const it = api.select(Process)[Symbol.asyncIterator]();
    await it.next();
    await it.return?.();
    await new Promise((resolve) => setTimeout(resolve, 30));
  });

  it('stops on the caller signal with AbortError', async () => {
    const { api, fake } = makeApi();
    const controller = new AbortController();
    const never = deferred();
    fake.on('GET', '/api/v1/process', solrServer(ids(300), async (_r, n) => (n >= 2 ? never.promise : undefined)));
    const seen: string[] = [];
    const run = (async () => {
      for await (const p of api.select(Process).iterate({ signal: controller.signal })) {
        seen.push(p.id);
        if (seen.length === 100) controller.abort();
      }
    })();
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(100);
    await expect(api.select(Process).all({ signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
  });

  it('yields raw pages with totals and bodies', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process', solrServer(ids(120)));
    const pages = [];
    for await (const page of api.select(Process).pages()) pages.push(page);
    expect(pages.map((p) => [p.start, p.rows.length, p.models.length, p.total])).toEqual([
      [0, 100, 100, 120],
      [100, 20, 20, 120],
    ]);
    expect((pages[0]?.body as { total_results: number }).total_results).toBe(120);
  });
});

describe('slices, first, one, count', () => {
  it('slice() with positive and negative bounds', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process', solrServer(ids(250)));
    expect((await api.select(Process).slice(5, 8)).map((p) => p.id)).toEqual(['6', '7', '8']);
    expect(fake.requests.at(-1)?.query).toMatchObject({ start: 5, rows: 3 });
    fake.reset();
    expect((await api.select(Process).slice(-2)).map((p) => p.id)).toEqual(['249', '250']);
    expect(fake.requests.map((r) => [r.query?.start, r.query?.rows])).toEqual([
      [0, 0], // count first
      [248, 100],
    ]);
    fake.reset();
    expect((await api.select(Process).slice(-5, -3)).map((p) => p.id)).toEqual(['246', '247']);
    expect(await api.select(Process).slice(3, 3)).toEqual([]);
    expect(await api.select(Process).slice(0, 0)).toEqual([]); // cbapi's [:0] fetched everything
    expect((await api.select(Process).at(-1))?.id).toBe('250');
    expect(await api.select(Process).at(400)).toBeUndefined();
    await expect(api.select(Process).slice(1.5)).rejects.toThrow(/integer/);
  });

  it('first() asks for one row; count() asks for none', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process', solrServer(ids(5)));
    expect((await api.select(Process).first())?.id).toBe('1');
    expect(await api.select(Process).count()).toBe(5);
    expect(fake.requests.map((r) => [r.query?.start, r.query?.rows])).toEqual([
      [0, 1],
      [0, 0],
    ]);
    fake.on('GET', '/api/v1/process', solrServer([]));
    expect(await api.select(Process).first()).toBeUndefined();
  });

  it('one() returns the only result, else MoreThanOneResultError with the count', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process', solrServer(ids(1)));
    expect((await api.select(Process).one()).id).toBe('1');
    expect(fake.requests[0]?.query?.rows).toBe(2);

    fake.on('GET', '/api/v1/process', solrServer(ids(5)));
    const many = await api.select(Process).where('process_name:a').one().catch((e: unknown) => e);
    expect(many).toBeInstanceOf(MoreThanOneResultError);
    expect((many as MoreThanOneResultError).count).toBe(5);
    expect((many as Error).message).toBe('5 results found for query Process query where process_name:a');

    fake.on('GET', '/api/v1/process', solrServer([]));
    const none = await api.select(Process).one().catch((e: unknown) => e);
    expect((none as MoreThanOneResultError).count).toBe(0);
    expect((none as Error).message).toBe('0 results for query Process query');
  });
});

describe('consistency while the server changes', () => {
  it('drops duplicates when rows are inserted before the cursor between pages', async () => {
    const { api, fake } = makeApi();
    const rows = ids(250);
    fake.on(
      'GET',
      '/api/v1/process',
      solrServer(rows, (_r, n) => {
        if (n === 2) rows.unshift({ id: 'new1' }, { id: 'new2' }); // shifts later rows forward
      }),
    );
    const pages = [];
    for await (const page of api.select(Process).pages()) pages.push(page);
    const seen = pages.flatMap((p) => p.models.map((m) => m.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(ids(250).map((r) => r.id));
    expect(pages[1]?.duplicates).toBe(2);
  });

  it('steps back when the total shrinks, so rows deleted before the cursor cause no gap', async () => {
    const { api, fake } = makeApi();
    const rows = ids(250);
    fake.on(
      'GET',
      '/api/v1/process',
      solrServer(rows, (_r, n) => {
        if (n === 2) rows.splice(0, 5); // ids 1-5 deleted: ids 101-105 slide behind the cursor
      }),
    );
    const seen = (await api.select(Process).all()).map((p) => p.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice().sort((a, b) => Number(a) - Number(b))).toEqual(ids(250).map((r) => r.id));
    expect(fake.requests.map((r) => r.query?.start)).toEqual([0, 100, 95, 195]);
  });

  it('stops at the new total when rows are deleted at the end mid-iteration', async () => {
    const { api, fake } = makeApi();
    const rows = ids(250);
    fake.on(
      'GET',
      '/api/v1/process',
      solrServer(rows, (_r, n) => {
        if (n === 2) rows.splice(150);
      }),
    );
    const seen = (await api.select(Process).all()).map((p) => p.id);
    expect(seen).toEqual(ids(150).map((r) => r.id));
  });

  it('stops at an empty page even if the total claims more', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process', (r) => ({
      data: { results: r.query?.start === 0 ? ids(100) : [], total_results: 1000 },
    }));
    expect(await api.select(Process).all()).toHaveLength(100);
    expect(fake.requests).toHaveLength(2);
  });
});
