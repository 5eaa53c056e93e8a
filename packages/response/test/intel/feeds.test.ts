// Feed, FeedAction and the feed side of ThreatReport against the emulator (response.md §8).
import { ApiError, ConflictError, InvalidObjectError, ObjectNotFoundError, OperationNotAllowedError } from '@cb/core';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Feed, FeedAction, FeedDisabledError, ThreatReport } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './support.js';

const fx = useEmulator();
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

describe('Feed', () => {
  it('lists every feed with one GET and filters client-side', async () => {
    fx.takeRequests();
    const feeds = await fx.cb.select(Feed).all();
    expect(feeds.map((f) => f.name)).toEqual(['abusech', 'SOC', 'virustotal', 'attackframework']);
    const soc = await fx.cb.select(Feed).where('name:soc').one();
    expect(soc.id).toBe(2);
    expect(soc.display_name).toBe('SOC Threat Intel');
    expect(fx.takeRequests()).toEqual(['GET /api/v1/feed', 'GET /api/v1/feed']);
  });

  it('fetches one feed and decodes its icons to PNG bytes', async () => {
    const feed = await fx.api().fetch(Feed, 1);
    expect(feed.icon).toBeInstanceOf(Uint8Array);
    expect([...feed.icon.slice(0, 4)]).toEqual(PNG_MAGIC);
    expect([...feed.icon_small.slice(0, 4)]).toEqual(PNG_MAGIC);
    expect(feed.enabled).toBe(true);
    expect(feed.local_rating).toBeNull();
  });

  it('fetch of an unknown id is an ObjectNotFoundError', async () => {
    await expect(fx.api().fetch(Feed, 999)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('creates, updates (icon re-encoded) and deletes a feed', async () => {
    const cb = fx.api();
    const feed = cb.create(Feed);
    feed.feed_url = 'https://intel.example/cb/new-feed.json';
    feed.display_name = 'New feed';
    await feed.save();
    expect(feed.id).toBeGreaterThan(4);
    expect(feed.name).toBe('newfeedjson');

    const icon = Uint8Array.from([...PNG_MAGIC, 1, 2, 3]);
    feed.icon = icon;
    feed.enabled = false;
    await feed.save();
    const again = await fx.api().fetch(Feed, feed.id);
    expect([...again.icon]).toEqual([...icon]);
    expect(again.enabled).toBe(false);

    await again.delete();
    await expect(fx.api().fetch(Feed, feed.id)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('printing a feed masks its credentials', async () => {
    const feed = await fx.api().fetch(Feed, 2);
    feed.password = 's3cret-feed-password';
    feed.ssl_client_key = '-----BEGIN PRIVATE KEY-----abc';
    const printed = String(feed);
    expect(printed).not.toContain('s3cret');
    expect(printed).not.toContain('PRIVATE KEY');
    expect(printed).toMatch(/\(\+\) +password: \[REDACTED\]/);
    expect(printed).toContain('display_name: SOC Threat Intel');
    expect(printed).toMatch(/ username: null/);
    expect(inspect(feed)).not.toContain('s3cret');
  });

  it('a feed without feed_url cannot be saved', async () => {
    const feed = fx.cb.create(Feed, { display_name: 'no url' });
    await expect(feed.save()).rejects.toSatisfy((e: unknown) => e instanceof InvalidObjectError && e.missingFields.includes('feed_url'));
    // named: the create it refused
    await expect(feed.save()).rejects.toMatchObject({ method: 'POST', path: '/api/v1/feed' });
  });

  it('synchronize() posts full_sync and succeeds on an enabled feed', async () => {
    const { cb, takeBodies } = recordingApi(fx);
    const feed = await cb.fetch(Feed, 2);
    await feed.synchronize();
    await feed.synchronize(false);
    expect(takeBodies().filter((b) => b.path.endsWith('/synchronize'))).toEqual([
      { method: 'POST', path: '/api/v1/feed/2/synchronize', body: { full_sync: true } },
      { method: 'POST', path: '/api/v1/feed/2/synchronize', body: { full_sync: false } },
    ]);
  });

  it('synchronize() of a disabled feed is a FeedDisabledError (a ConflictError)', async () => {
    const feed = await fx.api().fetch(Feed, 4);
    const error = await feed.synchronize().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedDisabledError);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as FeedDisabledError).message).toBe('Cannot synchronize feed 4: feed is disabled');
    expect((error as FeedDisabledError).status).toBe(409);
    expect((error as FeedDisabledError).feedId).toBe(4);
    expect(error).toMatchObject({ method: 'POST', path: '/api/v1/feed/4/synchronize' });
  });

  it('searchProcesses() finds the processes the feed scored, with score bounds', async () => {
    const cb = fx.api();
    const soc = cb.select(Feed, 2); // a reference: searchProcesses loads it
    const all = await soc.searchProcesses();
    expect(all).not.toBeNull();
    fx.takeRequests();
    expect(await all!.count()).toBe(6);
    expect(fx.takeRequests().at(-1)).toContain('q=alliance_score_soc%3A%5B1+TO+*%5D');

    const abuse = await cb.fetch(Feed, 1);
    const high = await abuse.searchProcesses({ minScore: 90 });
    expect(await high!.count()).toBe(6);
    const every = await abuse.searchProcesses({ minScore: 1, maxScore: 100 });
    expect(await every!.count()).toBe(8);
    for await (const proc of high!) expect(Number(proc.get('alliance_score_abusech', 0))).toBeGreaterThanOrEqual(90);
  });

  it('searchBinaries() finds the binaries the feed scored', async () => {
    const vt = await fx.api().fetch(Feed, 3);
    const q = await vt.searchBinaries();
    expect(await q!.count()).toBe(3);
    const md5s = (await q!.all()).map((b) => b.md5).sort();
    expect(md5s).toContain('01904EA4D2E4239A6D636DA0B1FEB5E1');
  });

  it('a disabled feed searches nothing (null)', async () => {
    const attack = await fx.api().fetch(Feed, 4);
    expect(await attack.searchProcesses()).toBeNull();
    expect(await attack.searchBinaries()).toBeNull();
  });

  it('a feed without a name cannot search', async () => {
    const feed = await fx.api().fetch(Feed, 1);
    feed.name = '';
    await expect(feed.searchProcesses()).rejects.toBeInstanceOf(InvalidObjectError);
    // named: the search it could not build
    await expect(feed.searchProcesses()).rejects.toThrow(new InvalidObjectError('Feed has no name', { method: 'GET', path: '/api/v1/process' }));
    await expect(feed.searchBinaries()).rejects.toMatchObject({ message: 'Feed has no name', method: 'GET', path: '/api/v1/binary' });
  });

  it('a feed the server sends without a name cannot search either, and nothing is searched', async () => {
    const stored = fx.emu.state.feeds.get(2)!;
    const name = stored.name;
    stored.name = '';
    try {
      const feed = fx.api().select(Feed, 2);
      fx.takeRequests();
      const error = await feed.searchProcesses().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidObjectError);
      expect(error).toMatchObject({ message: 'Feed has no name', method: 'GET', path: '/api/v1/process' });
      expect(fx.takeRequests()).toEqual(['GET /api/v1/feed/2']);
    } finally {
      stored.name = name;
    }
  });

  it('reports is a ThreatReport query for the feed', async () => {
    const soc = fx.cb.select(Feed, 2);
    const reports = await soc.reports.all();
    expect(reports).toHaveLength(5);
    for (const r of reports) {
      expect(r).toBeInstanceOf(ThreatReport);
      expect(r.feed_id).toBe(2);
      expect(r.primaryKeyValue).toBe(`2:${r.id}`);
    }
    expect(await soc.reports.where('title:FUZZYWOMBAT').count()).toBe(1);
  });

  it('actions and reports of an unsaved feed are an ApiError', async () => {
    const feed = fx.cb.create(Feed);
    expect(() => feed.actions).toThrow(ApiError);
    expect(() => feed.reports).toThrow(ApiError);
    expect(() => feed.createAction()).toThrow(ApiError);
    // named: the request each needed the id for (the feed's URL where the id belongs in the path)
    expect(() => feed.actions).toThrow(new ApiError('Cannot list the actions of a Feed that has not been saved', { method: 'GET', path: '/api/v1/feed' }));
    expect(() => feed.reports).toThrow(expect.objectContaining({ method: 'GET', path: '/api/v1/threat_report' }));
    expect(() => feed.createAction()).toThrow(expect.objectContaining({ method: 'POST', path: '/api/v1/feed' }));
    await expect(feed.synchronize()).rejects.toMatchObject({ message: 'Cannot synchronize of a Feed that has not been saved', method: 'POST', path: '/api/v1/feed' });
  });
});

describe('FeedAction', () => {
  it('lists a feed’s actions (array query) with type names', async () => {
    const feed = fx.cb.select(Feed, 2);
    fx.takeRequests();
    const actions = await feed.actions.all();
    expect(fx.takeRequests()).toEqual(['GET /api/v1/feed/2/action']);
    expect(actions.map((a) => [a.id, a.type, a.feedId, a.watchlist_id])).toEqual([
      [2, 'alert', 2, -1],
      [3, 'email', 2, -1],
    ]);
    expect(actions[1]!.data).toEqual({ email_recipients: [1] });
    expect((await actions[0]!.feed)?.name).toBe('SOC');
  });

  it('needs exactly a group_id clause', async () => {
    await expect(fx.cb.select(FeedAction).all()).rejects.toThrow("Must use a search parameter: .where('group_id:<id>')");
    expect(() => fx.cb.select(FeedAction).where('feed_id:2')).toThrow('Field name must be: group_id');
    expect(await fx.cb.select(FeedAction).where('group_id:1').count()).toBe(1);
  });

  it('createAction() → save → change type → delete, each visible to a fresh query', async () => {
    const cb = fx.api();
    const feed = await cb.fetch(Feed, 3);
    const action = feed.createAction();
    expect(action.group_id).toBe(3);
    expect(action.watchlist_id).toBe(-1);
    action.type = 'syslog';
    await action.save();
    expect(action.id).toBeGreaterThan(0);
    expect(action.type).toBe('syslog');

    let listed = await fx.api().select(Feed, 3).actions.all();
    expect(listed.map((a) => [a.id, a.type])).toEqual([[action.id, 'syslog']]);

    action.type = 'email';
    action.data = { email_recipients: [1, 2] };
    await action.save();
    listed = await fx.api().select(Feed, 3).actions.all();
    expect(listed[0]!.action_type).toBe(0);
    expect(listed[0]!.data).toEqual({ email_recipients: [1, 2] });

    await listed[0]!.delete();
    expect(await fx.api().select(Feed, 3).actions.count()).toBe(0);
  });

  it('cannot be fetched by id (no single-object GET)', async () => {
    await expect(fx.cb.fetch(FeedAction, 1)).rejects.toBeInstanceOf(OperationNotAllowedError);
  });

  it('type mapping: unknown numbers read as unknown, unknown names are an ApiError', async () => {
    const action = fx.cb.create(FeedAction, { action_type: 9 });
    expect(action.type).toBe('unknown');
    expect(() => {
      (action as { type: string }).type = 'pager';
    }).toThrow('Unknown Action type: pager');
    // a setter sends nothing: the error names the action's next save (its feed is unknown: no path)
    expect(() => {
      (action as { type: string }).type = 'pager';
    }).toThrow(expect.objectContaining({ method: 'POST', path: undefined }));
    const [saved] = await fx.api().select(Feed, 1).actions.all();
    expect(saved?.id).toBe(1);
    expect(() => {
      (saved as { type: string }).type = 'pager';
    }).toThrow(expect.objectContaining({ method: 'PUT', path: '/api/v1/feed/1/action/1' }));
  });

  it('a save the server rejects is an error (cbapi swallowed it)', async () => {
    const feed = fx.api().select(Feed, 1);
    const action = feed.createAction();
    action.action_type = 7;
    await expect(action.save()).rejects.toMatchObject({ status: 400 });
  });
});
