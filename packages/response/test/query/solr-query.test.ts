import { ApiError, MoreThanOneResultError, ServerError, type HttpResponse, type RequestOptions } from '@cb/core';
import { describe, expect, it } from 'vitest';
import { Binary, BinaryQuery, CbResponseAPI, Process, ProcessQuery, Watchlist } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';

const fx = useEmulator();

describe('SolrQuery: building and paging', () => {
  it('sends nothing until a terminal call, then cb.urlver, facet=false, q, start/rows and the default sort', async () => {
    fx.takeRequests();
    const q = fx.cb.select(Process).where('process_name:notepad.exe');
    expect(fx.takeRequests()).toEqual([]);
    const first = await q.first();
    expect(first).toBeInstanceOf(Process);
    expect(first!.process_name).toBe('notepad.exe');
    expect(fx.takeRequests().filter((r) => r.startsWith('GET /api/v1/process'))).toEqual([
      'GET /api/v1/process?cb.urlver=1&facet=false&q=process_name%3Anotepad.exe&rows=1&sort=last_update+desc&start=0',
    ]);
  });

  it('joins where() and and() clauses with a space and counts with rows=0 (no sort)', async () => {
    fx.takeRequests();
    const n = await fx.cb.select(Process).where('hostname:WIN-IA9NQ1GN8OI').and('username:bit9rad').count();
    expect(n).toBeGreaterThan(0);
    expect(fx.takeRequests()).toEqual([
      'GET /api/v1/process?cb.urlver=1&facet=false&q=hostname%3AWIN-IA9NQ1GN8OI+username%3Abit9rad&rows=0&start=0',
    ]);
  });

  it('sends q= (empty) for a search without clauses and omits q on the count', async () => {
    fx.takeRequests();
    const q = fx.cb.select(Binary);
    expect(await q.count()).toBeGreaterThan(0);
    await q.slice(0, 2);
    expect(fx.takeRequests()).toEqual([
      'GET /api/v1/binary?cb.urlver=1&facet=false&rows=0&start=0',
      'GET /api/v1/binary?cb.urlver=1&facet=false&q=&rows=2&start=0',
    ]);
  });

  it('iterates every page in batches of 100 and yields each row once', async () => {
    const q = fx.cb.select(Process).where('process_name:svchost.exe');
    const total = await q.count();
    expect(total).toBeGreaterThan(100);
    fx.takeRequests();
    const ids = new Set<string>();
    for await (const p of q) ids.add(p.primaryKeyValue!);
    expect(ids.size).toBe(total);
    const pages = fx.takeRequests();
    expect(pages).toHaveLength(Math.ceil(total / 100));
    expect(pages[1]).toContain('rows=100');
    expect(pages[1]).toContain('start=100');
  });

  it('sort() replaces the default sort and sort("") clears it', async () => {
    fx.takeRequests();
    await fx.cb.select(Process).where('process_name:cmd.exe').sort('start asc').first();
    await fx.cb.select(Process).where('process_name:cmd.exe').sort('').first();
    const [asc, none] = fx.takeRequests();
    expect(asc).toContain('sort=start+asc');
    expect(none).not.toContain('sort=');
  });

  it('slice() with a negative start counts first; one() throws unless exactly one row', async () => {
    const q = fx.cb.select(Process).where('process_name:notepad.exe');
    const n = await q.count();
    const last = await q.slice(-1);
    expect(last).toHaveLength(1);
    await expect(q.one()).rejects.toBeInstanceOf(MoreThanOneResultError);
    // named: the search whose results were not exactly one
    await expect(q.one()).rejects.toMatchObject({ count: n, method: 'GET', path: '/api/v1/process' });
    await expect(fx.cb.select(Process).where('process_name:no-such-process.exe').one()).rejects.toMatchObject({ count: 0 });
    expect(n).toBeGreaterThan(1);
  });

  it('a search reply that is not a JSON object is a ServerError naming the search', async () => {
    const requester = {
      baseUrl: 'https://cb.example.test',
      async request<T>(options: RequestOptions): Promise<HttpResponse<T>> {
        const data = options.path === '/api/info' ? { version: '6.2.0' } : ['not', 'an', 'object'];
        return { status: 200, headers: new Headers(), data: data as T, attempts: 1, durationMs: 0 };
      },
    };
    const cb = new CbResponseAPI({ requester });
    const expected = { message: 'Expected a JSON object from the search endpoint', status: 200, method: 'GET', path: '/api/v1/binary' };
    await expect(cb.select(Binary).first()).rejects.toBeInstanceOf(ServerError);
    await expect(cb.select(Binary).first()).rejects.toMatchObject(expected);
    await expect(cb.select(Binary).count()).rejects.toMatchObject(expected);
  });

  it('queries are immutable: builders return new queries', () => {
    const base = fx.cb.select(Process).where('process_name:cmd.exe');
    const derived = base.groupBy('id').where('username:bit9rad');
    expect(base).not.toBe(derived);
    expect(base.queryText).toBe('process_name:cmd.exe');
    expect(derived.queryText).toBe('process_name:cmd.exe username:bit9rad');
  });
});

describe('SolrQuery: raw queries', () => {
  it('sends the raw parameters as they are, with start/rows from the query', async () => {
    const q = ProcessQuery.fromRaw(fx.cb, 'cb.urlver=1&q=process_name%3Anet.exe&cb.q.username=bit9rad');
    expect(q.isRaw).toBe(true);
    expect(q.queryText).toBe('process_name:net.exe');
    fx.takeRequests();
    const rows = await q.slice(0, 5);
    expect(rows.length).toBeGreaterThan(0);
    for (const p of rows) expect(p.username).toBe('bit9rad');
    expect(fx.takeRequests()).toEqual([
      'GET /api/v1/process?cb.q.username=bit9rad&cb.urlver=1&facet=false&q=process_name%3Anet.exe&rows=5&sort=last_update+desc&start=0',
    ]);
  });

  it('keeps the raw query sort unless sort() replaces it, and counts with rows=0', async () => {
    const q = BinaryQuery.fromRaw(fx.cb, '?q=is_executable_image%3Atrue&sort=server_added_timestamp%20desc&cb.urlver=1');
    fx.takeRequests();
    await q.first();
    await q.sort('md5 asc').first();
    expect(await q.count()).toBeGreaterThan(0);
    const [own, replaced, count] = fx.takeRequests();
    expect(own).toContain('sort=server_added_timestamp+desc');
    expect(replaced).toContain('sort=md5+asc');
    expect(count).toBe('GET /api/v1/binary?cb.urlver=1&facet=false&q=is_executable_image%3Atrue&rows=0&start=0');
  });

  it('where() on a raw query is an ApiError', () => {
    const q = ProcessQuery.fromRaw(fx.cb, 'q=process_name%3Anet.exe');
    expect(() => q.where('username:bit9rad')).toThrow(ApiError);
    expect(() => q.and('username:bit9rad')).toThrow("Cannot call .where() on a raw query");
    // named: the search the clause was for
    expect(() => q.where('username:bit9rad')).toThrow(new ApiError('Cannot call .where() on a raw query', { method: 'GET', path: '/api/v1/process' }));
    expect(() => BinaryQuery.fromRaw(fx.cb, 'q=a').where('b')).toThrow(expect.objectContaining({ method: 'GET', path: '/api/v1/binary' }));
  });
});

describe('SolrQuery.facets()', () => {
  it('returns {field: [{name, value, ratio, percent}]} for each requested field', async () => {
    fx.takeRequests();
    const f = await fx.cb.select(Process).where('hostname:WIN-IA9NQ1GN8OI').and('username:bit9rad').facets('process_name', 'hostname');
    expect(fx.takeRequests()).toEqual([
      'GET /api/v1/process?cb.urlver=1&facet=true&facet.field=hostname&facet.field=process_name&q=hostname%3AWIN-IA9NQ1GN8OI+username%3Abit9rad&rows=0&start=0',
    ]);
    expect(f.hostname).toEqual([expect.objectContaining({ name: 'WIN-IA9NQ1GN8OI', percent: 100, ratio: 100 })]);
    const names = f.process_name;
    expect(names.length).toBeGreaterThan(1);
    const top = Math.max(...names.map((e) => e.value));
    const sum = names.reduce((a, e) => a + e.value, 0);
    for (const e of names) {
      expect(typeof e.name).toBe('string');
      expect(e.percent).toBeCloseTo((e.value / top) * 100, 0);
      expect(e.ratio).toBeCloseTo((e.value / sum) * 100, 0);
    }
  });

  it('omits q without clauses, gives [] for fields without values, and facets raw queries on their own parameters', async () => {
    fx.takeRequests();
    const all = await fx.cb.select(Binary).facets('digsig_result', 'no_such_field');
    expect(all.digsig_result.length).toBeGreaterThan(0);
    expect(all.no_such_field).toEqual([]);
    const raw = await ProcessQuery.fromRaw(fx.cb, 'q=username%3Abit9rad').facets('username');
    expect(raw.username.map((e) => e.name)).toEqual(['bit9rad']);
    const [first, second] = fx.takeRequests();
    expect(first).not.toContain('q=');
    expect(second).toContain('q=username%3Abit9rad');
  });

  it('needs at least one field', async () => {
    await expect(fx.cb.select(Process).facets()).rejects.toThrow(ApiError);
    await expect(fx.cb.select(Binary).facets()).rejects.toThrow(
      new ApiError('facets() needs at least one field name', { method: 'GET', path: '/api/v1/binary' }),
    );
  });
});

describe('SolrQuery.createWatchlist()', () => {
  it('POSTs {index_type: events, name, search_query} built from the query and returns the saved Watchlist', async () => {
    fx.takeRequests();
    const wl = await fx.cb.select(Process).where('process_name:net.exe').createWatchlist('[WARN] mount');
    expect(wl).toBeInstanceOf(Watchlist);
    expect(wl.get('name')).toBe('[WARN] mount');
    expect(wl.get('index_type')).toBe('events');
    expect(wl.get('search_query')).toBe('cb.urlver=1&facet=false&q=process_name%3Anet.exe&sort=last_update+desc');
    const log = fx.takeRequests();
    expect(log[0]).toBe('POST /api/v1/watchlist');
    expect(log[1]).toMatch(/^GET \/api\/v1\/watchlist\/\d+$/);
    const stored = [...fx.emu.state.watchlists.values()].find((w) => w.name === '[WARN] mount');
    expect(stored?.search_query).toBe('cb.urlver=1&facet=false&q=process_name%3Anet.exe&sort=last_update+desc');
  });

  it('uses index_type modules for binaries, the process filters, and a raw query’s own parameters', async () => {
    const b = await fx.cb.select(Binary).where('is_executable_image:false').createWatchlist('non-exe');
    expect(b.get('index_type')).toBe('modules');
    expect(b.get('search_query')).toBe('cb.urlver=1&facet=false&q=is_executable_image%3Afalse');
    const g = await fx.cb.select(Process).where('process_name:cmd.exe').groupBy('id').minLastUpdate('2017-05-21T18:41:58Z').createWatchlist('grouped');
    expect(g.get('search_query')).toBe(
      'cb.urlver=1&facet=false&cb.group=id&cb.min_last_update=2017-05-21T18%3A41%3A58Z&q=process_name%3Acmd.exe&sort=last_update+desc',
    );
    const raw = await ProcessQuery.fromRaw(fx.cb, 'cb.urlver=1&q=process_name%3Anet.exe%20cmdline%3A%5C%5Ctest%5Cblah').createWatchlist('raw');
    expect(raw.get('search_query')).toBe('cb.urlver=1&q=process_name%3Anet.exe+cmdline%3A%5C%5Ctest%5Cblah&sort=last_update+desc');
  });

  it('refuses an empty name', async () => {
    await expect(fx.cb.select(Process).createWatchlist(' ')).rejects.toThrow(ApiError);
    fx.takeRequests();
    await expect(fx.cb.select(Process).createWatchlist('')).rejects.toMatchObject({
      message: 'createWatchlist() needs a watchlist name',
      method: 'POST',
      path: '/api/v1/watchlist',
    });
    expect(fx.takeRequests()).toEqual([]);
  });
});
