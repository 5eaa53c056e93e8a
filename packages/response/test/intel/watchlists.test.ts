// Watchlist, WatchlistAction and watchlist export/import against the emulator (response.md §9).
import { ConflictError, InvalidObjectError, ObjectNotFoundError, OperationNotAllowedError } from '@cb/core';
import { describe, expect, it } from 'vitest';
import {
  Binary,
  exportWatchlists,
  importWatchlists,
  parseWatchlistExport,
  Process,
  ProcessQuery,
  Watchlist,
  WatchlistAction,
  type WatchlistExportFile,
} from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './support.js';

const fx = useEmulator();

describe('Watchlist', () => {
  it('lists watchlists (ids are strings) and reads query, facets and lastHitAt', async () => {
    const all = await fx.cb.select(Watchlist).all();
    expect(all.length).toBe(6);
    const evil = all.find((w) => w.name === 'Evil processes')!;
    expect(evil.id).toBe('1');
    expect(evil.index_type).toBe('events');
    expect(evil.query).toBe('process_name:evil.exe');
    expect(evil.facets).toEqual({});
    expect(evil.lastHitAt?.toISOString()).toBe('2024-04-20T07:12:26.027Z');
    const encoded = all.find((w) => w.id === '3')!;
    expect(encoded.query).toBe('process_name:powershell.exe cmdline:-enc');
    expect(all.find((w) => w.id === '3')!.lastHitAt).toBeNull();
  });

  it('query (get) joins q values and cb.q.<field> terms; facets reads cb.fq.<field>', () => {
    const wl = fx.cb.create(Watchlist);
    wl.search_query =
      'cb.urlver=1&q=-path%3Ac%3A%5Cwindows%5C%2A&cb.q.filemod=c%3A%5Cwindows%5Csystem32%5C%2A&cb.fq.group=Default+Group&cb.fq.group=Servers';
    expect(wl.query).toBe('-path:c:\\windows\\* filemod:c:\\windows\\system32\\*');
    expect(wl.facets).toEqual({ group: ['Default Group', 'Servers'] });
  });

  it('query (set) rewrites q with %20 encoding, keeps other parameters, drops cb.q.*', () => {
    const wl = fx.cb.create(Watchlist);
    wl.query = 'process_name:net.exe cmdline:\\\\test\\blah';
    expect(wl.search_query).toBe('cb.urlver=1&q=process_name%3Anet.exe%20cmdline%3A%5C%5Ctest%5Cblah');

    wl.search_query = 'cb.urlver=1&cb.fq.host_type=workstation&q=old&cb.q.path=c%3A%5Cx';
    wl.query = 'path:c:/temp/* (a OR b)';
    expect(wl.search_query).toBe('cb.urlver=1&cb.fq.host_type=workstation&q=path%3Ac%3A/temp/%2A%20%28a%20OR%20b%29');
    expect(wl.query).toBe('path:c:/temp/* (a OR b)');

    wl.search_query = 'facet=false&q=x';
    wl.query = 'y';
    expect(wl.search_query).toBe('cb.urlver=1&facet=false&q=y');
  });

  it('search() runs the watchlist query as a raw Process query (cbapi matched everything)', async () => {
    const cb = fx.api();
    const wl = cb.select(Watchlist, '1'); // a reference: search() loads it
    const q = await wl.search();
    if (!(q instanceof ProcessQuery)) throw new Error('expected a process query');
    fx.takeRequests();
    const n = await q.count();
    const request = fx.takeRequests().at(-1);
    expect(request).toContain('q=process_name%3Aevil.exe');
    expect(n).toBe(await cb.select(Process).where('process_name:evil.exe').count());
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(await cb.select(Process).count());
    for await (const proc of q) {
      expect(proc).toBeInstanceOf(Process);
      expect(proc.process_name).toBe('evil.exe');
    }
  });

  it('search() keeps cb.q.<field> terms of the search_query', async () => {
    const cb = fx.api();
    const wl = cb.create(Watchlist, {
      name: 'evil on one host',
      index_type: 'events',
      search_query: 'cb.urlver=1&q=hostname%3AWKS-IT-0649&cb.q.process_name=evil.exe',
    });
    await wl.save();
    expect(wl.query).toBe('hostname:WKS-IT-0649 process_name:evil.exe');
    const q = await wl.search();
    const expected = await cb.select(Process).where('hostname:WKS-IT-0649').and('process_name:evil.exe').count();
    expect(expected).toBeGreaterThan(0);
    expect(await q.count()).toBe(expected);
  });

  it('a watchlist made from a query searches what the query searched', async () => {
    const cb = fx.api();
    const source = cb.select(Process).where('process_name:net.exe').and('username:bit9rad');
    const wl = await source.createWatchlist('[WARN] mount');
    expect(wl).toBeInstanceOf(Watchlist);
    expect(wl.query).toBe('process_name:net.exe username:bit9rad');
    const q = await wl.search();
    expect(await q.count()).toBe(await source.count());
    expect(await q.count()).toBeLessThan(await cb.select(Process).where('process_name:net.exe').count() + 1);
  });

  it('search() of a modules watchlist is a raw Binary query', async () => {
    const cb = fx.api();
    const wl = await cb.fetch(Watchlist, '5');
    const q = await wl.search();
    const rows = await q.all();
    expect(rows.length).toBe(await cb.select(Binary).where('digsig_result:Unsigned').count());
    expect(rows.length).toBeLessThan(await cb.select(Binary).count());
    for (const b of rows) {
      expect(b).toBeInstanceOf(Binary);
      expect(b.get('digsig_result')).toBe('Unsigned');
    }
  });

  it('search() with an unknown index_type is an InvalidObjectError naming the GET of the watchlist', async () => {
    const wl = fx.cb.create(Watchlist, { name: 'x', search_query: 'cb.urlver=1&q=a' });
    wl.set('index_type', 'bogus');
    // unsaved: no id for a path, so the model's URL
    await expect(wl.search()).rejects.toThrow(new InvalidObjectError('index_type of bogus is invalid', { method: 'GET', path: '/api/v1/watchlist' }));

    // a stored watchlist whose document the server sends with a bad index_type
    const stored = fx.emu.state.watchlists.get('2')!;
    const original = stored.index_type;
    (stored as { index_type: string }).index_type = 'processes';
    try {
      fx.takeRequests();
      const error = await fx.api().select(Watchlist, '2').search().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidObjectError);
      expect(error).toMatchObject({ message: 'index_type of processes is invalid', method: 'GET', path: '/api/v1/watchlist/2' });
      expect(fx.takeRequests()).toEqual(['GET /api/v1/watchlist/2']); // the load; no search was sent
    } finally {
      stored.index_type = original;
    }
  });

  it('create → GET back; update with PUT of the whole object; delete', async () => {
    const { cb, takeBodies } = recordingApi(fx);
    const wl = cb.create(Watchlist);
    wl.name = 'Certutil downloads';
    wl.index_type = 'events';
    wl.query = 'process_name:certutil.exe cmdline:urlcache';
    fx.takeRequests();
    await wl.save();
    expect(fx.takeRequests()).toEqual(['POST /api/v1/watchlist', `GET /api/v1/watchlist/${wl.id}`]);
    expect(takeBodies()[0]?.body).toEqual({
      name: 'Certutil downloads',
      index_type: 'events',
      search_query: 'cb.urlver=1&q=process_name%3Acertutil.exe%20cmdline%3Aurlcache',
    });
    expect(wl.enabled).toBe(true);

    wl.enabled = false;
    wl.description = 'tuning';
    await wl.save();
    const body = takeBodies().find((b) => b.method === 'PUT')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ id: wl.id, name: 'Certutil downloads', enabled: false, description: 'tuning' });
    const fresh = await fx.api().fetch(Watchlist, wl.id);
    expect(fresh.enabled).toBe(false);
    expect(fresh.query).toBe('process_name:certutil.exe cmdline:urlcache');

    await fresh.delete();
    await expect(fx.api().fetch(Watchlist, wl.id)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('missing required fields are an InvalidObjectError; a duplicate name a ConflictError', async () => {
    const incomplete = fx.cb.create(Watchlist, { name: 'only a name' });
    await expect(incomplete.save()).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidObjectError && e.missingFields.join() === 'search_query,index_type',
    );
    // the create it refused
    await expect(incomplete.save()).rejects.toMatchObject({ method: 'POST', path: '/api/v1/watchlist' });
    const duplicate = fx.cb.create(Watchlist, { name: 'Evil processes', index_type: 'events', search_query: 'cb.urlver=1&q=a' });
    await expect(duplicate.save()).rejects.toBeInstanceOf(ConflictError);
  });

  it('a query the server cannot parse is rejected on save', async () => {
    const wl = fx.cb.create(Watchlist, { name: 'broken', index_type: 'events' });
    wl.query = 'process_name:(';
    await expect(wl.save()).rejects.toMatchObject({ status: 400 });
  });
});

describe('WatchlistAction', () => {
  it('lists a watchlist’s actions with type names', async () => {
    const wl = fx.cb.select(Watchlist, '1');
    const actions = await wl.actions.all();
    expect(actions.map((a) => [a.id, a.type, a.watchlist_id])).toEqual([
      [1, 'alert', 1],
      [2, 'email', 1],
    ]);
    expect(actions[1]!.data).toEqual({ email_recipients: [1, 2] });
    expect((await actions[0]!.watchlist)?.name).toBe('Evil processes');
  });

  it('needs exactly a watchlist_id clause', async () => {
    await expect(fx.cb.select(WatchlistAction).all()).rejects.toThrow("Must use a search parameter: .where('watchlist_id:<id>')");
    expect(() => fx.cb.select(WatchlistAction).where('id:1')).toThrow('Field name must be: watchlist_id');
    expect(await fx.cb.select(WatchlistAction).where('watchlist_id:2').count()).toBe(1);
  });

  it('createAction() → save → update → delete', async () => {
    const wl = await fx.api().fetch(Watchlist, '4');
    const action = wl.createAction();
    expect(action.watchlist_id).toBe(4);
    action.type = 'http_post';
    await action.save();
    expect((await fx.api().select(Watchlist, '4').actions.all()).map((a) => a.type)).toEqual(['http_post']);

    action.type = 'email';
    action.data = { email_recipients: [3] };
    await action.save();
    const [listed] = await fx.api().select(Watchlist, '4').actions.all();
    expect(listed?.type).toBe('email');
    expect(listed?.action_data).toBe('{"email_recipients":[3]}');

    await listed!.delete();
    expect(await fx.api().select(Watchlist, '4').actions.count()).toBe(0);
  });

  it('cannot be fetched by id', async () => {
    await expect(fx.cb.fetch(WatchlistAction, 1)).rejects.toBeInstanceOf(OperationNotAllowedError);
  });

  it('without a watchlist_id, errors name the method of the refused request (its path needs that id)', async () => {
    fx.takeRequests();
    const orphan = new WatchlistAction(fx.cb, { doc: { id: 9, action_type: 0 }, state: 'full' });
    await expect(orphan.delete()).rejects.toMatchObject({
      message: 'WatchlistAction has no watchlist_id: create it with watchlist.createAction()',
      method: 'DELETE',
      path: undefined,
    });
    expect(() => fx.cb.create(Watchlist, { name: 'n' }).createAction()).toThrow(
      expect.objectContaining({ message: 'Cannot create an action of a Watchlist that has not been saved', method: 'POST', path: '/api/v1/watchlist' }),
    );
    // an unknown action type names the action's next save: the create under its watchlist
    const action = (await fx.api().fetch(Watchlist, '4')).createAction();
    expect(() => {
      action.type = 'pager' as 'email';
    }).toThrow(expect.objectContaining({ method: 'POST', path: '/api/v1/watchlist/4/action' }));
    expect(fx.takeRequests()).toEqual(['GET /api/v1/watchlist/4']);
  });
});

describe('watchlist export / import', () => {
  it('exports in the cbapi example format', async () => {
    const file = await exportWatchlists(fx.api(), { names: ['Net command usage', 'Unsigned binaries'], author: 'SOC' });
    expect(file).toEqual({
      Author: 'SOC',
      Description: '',
      Watchlists: [
        {
          Name: 'Net command usage',
          URL: 'cb.urlver=1&q=process_name%3Anet.exe',
          Type: 'events',
          SearchString: 'process_name:net.exe',
          Description: 'net.exe is often used for share mounting and recon',
        },
        {
          Name: 'Unsigned binaries',
          URL: 'cb.urlver=1&q=digsig_result%3AUnsigned',
          Type: 'modules',
          SearchString: 'digsig_result:Unsigned',
          Description: 'Newly seen unsigned modules',
        },
      ],
    });
  });

  it('imports new watchlists, skips existing names, and the copies search the same', async () => {
    const cb = fx.api();
    const exported = await exportWatchlists(cb, { names: ['Net command usage', 'Unsigned binaries'] });
    const renamed: WatchlistExportFile = {
      Watchlists: [...exported.Watchlists.map((w) => ({ ...w, Name: `${w.Name} (copy)` })), exported.Watchlists[0]!],
    };
    const result = await importWatchlists(cb, JSON.parse(JSON.stringify(renamed)));
    expect(result.skipped).toEqual(['Net command usage']);
    expect(result.created.map((w) => [w.name, w.index_type])).toEqual([
      ['Net command usage (copy)', 'events'],
      ['Unsigned binaries (copy)', 'modules'],
    ]);
    const copy = await fx.api().select(Watchlist).where('name:Net command usage (copy)').one();
    expect(copy.search_query).toBe('cb.urlver=1&q=process_name%3Anet.exe');
    expect(await (await copy.search()).count()).toBe(await cb.select(Process).where('process_name:net.exe').count());

    await expect(importWatchlists(cb, renamed, { onExisting: 'error' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('parseWatchlistExport(): an export written to disk reads back as the same typed file; bad files are InvalidObjectError', async () => {
    const exported = await exportWatchlists(fx.cb, { author: 'SOC', description: 'weekly' });
    expect(exported.Watchlists.length).toBeGreaterThan(1);
    const onDisk: unknown = JSON.parse(JSON.stringify(exported, null, 2));
    const parsed = parseWatchlistExport(onDisk);
    expect(parsed).toEqual(exported);
    expect(parsed.Author).toBe('SOC');
    // every entry is one the server has, with its search_query as URL
    const server = await fx.api().select(Watchlist).all();
    for (const entry of parsed.Watchlists) {
      const w = server.find((x) => x.name === entry.Name)!;
      expect(entry).toMatchObject({ URL: w.search_query, Type: w.index_type });
    }
    // a file written by cbapi's watchlist_operations.py (no Author/Description) is accepted as it is
    const cbapiFile = { Watchlists: [{ Name: 'cbapi', URL: 'cb.urlver=1&q=process_name%3Acmd.exe', Type: 'events', SearchString: 'process_name:cmd.exe', Description: '' }] };
    expect(parseWatchlistExport(cbapiFile)).toBe(cbapiFile);

    const bad: Array<[unknown, string]> = [
      [null, 'expected an object with a "Watchlists" array'],
      ['{"Watchlists": []}', 'expected an object with a "Watchlists" array'],
      [{ Watchlists: 'x' }, 'expected an object with a "Watchlists" array'],
      [{ Watchlists: [42] }, 'Watchlists[0] is not an object'],
      [{ Watchlists: [cbapiFile.Watchlists[0], { Name: 'y', URL: '', Type: 'events' }] }, 'Watchlists[1] is missing URL'],
      [{ Watchlists: [{ Name: 'y', URL: 'q=a', Type: 'binaries' }] }, 'Watchlists[0].Type must be "events" or "modules", got "binaries"'],
    ];
    for (const [data, message] of bad) {
      const error = (() => {
        try {
          parseWatchlistExport(data);
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InvalidObjectError);
      expect((error as Error).message).toContain(message);
    }
    expect(() => parseWatchlistExport({ Watchlists: [{ URL: 'q=a' }] })).toThrow(expect.objectContaining({ missingFields: ['Name', 'Type'] }));
    // checking a file sends nothing: no request to name
    expect(() => parseWatchlistExport(null)).toThrow(expect.objectContaining({ method: undefined, path: undefined }));
  });

  it('rejects a malformed file before sending anything', async () => {
    fx.takeRequests();
    await expect(importWatchlists(fx.cb, { Watchlists: [{ Name: 'x', URL: 'q=a', Type: 'processes' }] })).rejects.toThrow(
      'Watchlists[0].Type must be "events" or "modules"',
    );
    await expect(importWatchlists(fx.cb, { Watchlists: [{ Name: 'x' }] })).rejects.toThrow('Watchlists[0] is missing URL, Type');
    // named: the create the entry would have become
    await expect(importWatchlists(fx.cb, { Watchlists: [{ Name: 'x' }] })).rejects.toMatchObject({
      method: 'POST',
      path: '/api/v1/watchlist',
      missingFields: ['URL', 'Type'],
    });
    await expect(importWatchlists(fx.cb, [])).rejects.toThrow('expected an object with a "Watchlists" array');
    expect(fx.takeRequests()).toEqual([]);
  });
});
