// Alert and AlertQuery against the emulator (response.md §11, §2.4): search, v2 refresh, update
// by POST, joins, and the bulk workflow calls over POST /api/v1/alerts.
import { AbortError, MoreThanOneResultError, ObjectNotFoundError, OperationNotAllowedError, type HttpResponse, type RequestOptions } from '@cb/core';
import { describe, expect, it } from 'vitest';
import {
  Alert,
  AlertQuery,
  Binary,
  CbResponseAPI,
  Feed,
  IncompleteBulkSelectionError,
  InvalidAlertStatusError,
  Process,
  Sensor,
  Watchlist,
  type BulkProgress,
} from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './support.js';

const fx = useEmulator();
const FEED_PROCESS_HIT = 'a55328cd-b85b-4bff-a283-87261860f271'; // feed 1, watchlist.hit.ingress.process
const WATCHLIST_HIT = '8ed1d31b-ebd9-419b-913c-001eff37b2aa'; // watchlist 1, feed_id -1
const BINARY_HIT = '0b8ed606-729c-48ff-b536-861da7f2ade3'; // watchlist.hit.ingress.binary

const count = (q: string): Promise<number> => fx.api().select(Alert).where(q).count();

describe('Alert', () => {
  it('searches /api/v1/alert and keys rows by unique_id', async () => {
    const q = fx.cb.select(Alert);
    expect(q).toBeInstanceOf(AlertQuery);
    expect(await q.count()).toBe(19);
    fx.takeRequests();
    const rows = await q.where('feed_id:1').sort('created_time desc').slice(0, 3);
    expect(fx.takeRequests()[0]).toMatch(/^GET \/api\/v1\/alert\?cb\.urlver=1&facet=false&q=feed_id%3A1&rows=3&sort=created_time\+desc&start=0$/);
    expect(rows).toHaveLength(3);
    for (const a of rows) {
      expect(a.feed_id).toBe(1);
      expect(a.primaryKeyValue).toBe(a.unique_id);
      expect(a.created_time).toBeInstanceOf(Date);
    }
  });

  it('facets over alerts', async () => {
    const f = await fx.cb.select(Alert).facets('status');
    expect(f.status.map((e) => e.name).sort()).toEqual(['False Positive', 'In Progress', 'Resolved', 'Unresolved']);
  });

  it('loads one alert with GET /api/v2/alert?cb.fq.unique_id=… (cbapi 1.3.2 could not)', async () => {
    const cb = fx.api();
    fx.takeRequests();
    const alert = await cb.fetch(Alert, WATCHLIST_HIT);
    expect(fx.takeRequests()).toEqual([`GET /api/v2/alert?cb.fq.unique_id=${WATCHLIST_HIT}`]);
    expect(alert.watchlist_name).toBe('Evil processes');
    expect(alert.triggerIoc).toEqual({ highlights: ['PREPREPREevil.exePOSTPOSTPOST'] });
    await expect(cb.fetch(Alert, 'no-such-alert')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('joins: process (process alerts only), binary, sensor, feed, watchlist', async () => {
    const cb = fx.api();
    const feedHit = await cb.fetch(Alert, FEED_PROCESS_HIT);
    const proc = await feedHit.process;
    expect(proc).toBeInstanceOf(Process);
    expect(proc?.guid).toBe(feedHit.process_id);
    expect(proc?.process_name).toBe('evil.exe');
    expect((await feedHit.binary)?.md5).toBe('01904EA4D2E4239A6D636DA0B1FEB5E1');
    const sensor = await feedHit.sensor;
    expect(sensor).toBeInstanceOf(Sensor);
    expect(sensor?.id).toBe(2);
    expect((await feedHit.feed)?.name).toBe('abusech');
    expect(await feedHit.watchlist).toBeNull();

    const wlHit = await cb.fetch(Alert, WATCHLIST_HIT);
    expect(await wlHit.feed).toBeNull();
    const wl = await wlHit.watchlist;
    expect(wl).toBeInstanceOf(Watchlist);
    expect(wl?.name).toBe('Evil processes');

    const binaryHit = await cb.fetch(Alert, BINARY_HIT);
    expect(await binaryHit.process).toBeNull();
    expect(await binaryHit.binary).toBeInstanceOf(Binary);
    expect(await binaryHit.feed).toBeInstanceOf(Feed);
  });

  it('save() POSTs the whole alert to /api/v1/alert/{unique_id} and reloads it', async () => {
    const { cb, takeBodies } = recordingApi(fx);
    const alert = (await cb.select(Alert).where(`unique_id:${FEED_PROCESS_HIT}`).first())!;
    expect(alert.isPartial).toBe(true);
    alert.status = 'In Progress';
    alert.assigned_to = 'analyst';
    fx.takeRequests();
    takeBodies();
    await alert.save();
    // A search row is completed first, so the POST carries the whole document.
    expect(fx.takeRequests()).toEqual([
      `GET /api/v2/alert?cb.fq.unique_id=${FEED_PROCESS_HIT}`,
      `POST /api/v1/alert/${FEED_PROCESS_HIT}`,
      `GET /api/v2/alert?cb.fq.unique_id=${FEED_PROCESS_HIT}`,
    ]);
    expect(takeBodies()[0]?.body).toMatchObject({ unique_id: FEED_PROCESS_HIT, status: 'In Progress', assigned_to: 'analyst', md5: '01904EA4D2E4239A6D636DA0B1FEB5E1' });
    const fresh = await fx.api().fetch(Alert, FEED_PROCESS_HIT);
    expect([fresh.status, fresh.assigned_to]).toEqual(['In Progress', 'analyst']);
  });

  it('a rejected save is an error (cbapi swallowed it)', async () => {
    const alert = await fx.api().fetch(Alert, FEED_PROCESS_HIT);
    alert.set('status', 'Closed');
    await expect(alert.save()).rejects.toMatchObject({ status: 400 });
  });

  it('per-alert changeStatus / assignTo / setIgnored', async () => {
    const alert = await fx.api().fetch(Alert, WATCHLIST_HIT);
    await alert.changeStatus('Resolved');
    expect(alert.status).toBe('Resolved');
    expect(alert.resolved_time).toBeInstanceOf(Date);
    await alert.assignTo('jdoe');
    expect([alert.assigned_to, alert.status]).toEqual(['jdoe', 'In Progress']);
    await alert.setIgnored();
    expect([alert.is_ignored, alert.status]).toEqual([true, 'False Positive']);
    await alert.setIgnored(false, { status: 'Unresolved' });
    expect([alert.is_ignored, alert.status]).toEqual([false, 'Unresolved']);
    await expect(alert.changeStatus('Done' as 'Resolved')).rejects.toBeInstanceOf(InvalidAlertStatusError);
    // named: the update the status was for
    await expect(alert.changeStatus('Done' as 'Resolved')).rejects.toMatchObject({ method: 'POST', path: `/api/v1/alert/${WATCHLIST_HIT}` });
    await expect(alert.setIgnored(true, { status: 'Done' as 'Resolved' })).rejects.toMatchObject({ method: 'POST', path: '/api/v1/alerts' });
    await expect(fx.api().select(Alert, 'no-such-alert').changeStatus('Resolved')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('a v2 lookup answering several alerts is a MoreThanOneResultError naming the lookup', async () => {
    // A server whose index holds the id twice (the emulator's store cannot).
    const requester = {
      baseUrl: 'https://cb.example.test',
      async request<T>(options: RequestOptions): Promise<HttpResponse<T>> {
        const row = { unique_id: WATCHLIST_HIT, status: 'Unresolved' };
        const data = options.path === '/api/info' ? { version: '6.2.0' } : { results: [row, row], total_results: 2 };
        return { status: 200, headers: new Headers(), data: data as T, attempts: 1, durationMs: 0 };
      },
    };
    const error = await new CbResponseAPI({ requester }).fetch(Alert, WATCHLIST_HIT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoreThanOneResultError);
    expect(error).toMatchObject({
      message: `2 alerts found with unique_id ${WATCHLIST_HIT}`,
      count: 2,
      method: 'GET',
      path: `/api/v2/alert?cb.fq.unique_id=${WATCHLIST_HIT}`,
    });
  });

  it('cannot be created or deleted', async () => {
    expect(() => fx.cb.create(Alert)).toThrow(OperationNotAllowedError);
    await expect((await fx.api().fetch(Alert, BINARY_HIT)).delete()).rejects.toBeInstanceOf(OperationNotAllowedError);
  });
});

describe('AlertQuery bulk operations', () => {
  it('changeStatus() collects every id, posts once, and the server really changed', async () => {
    const { cb, takeBodies } = recordingApi(fx);
    const query = cb.select(Alert).where('status:Unresolved').and('feed_id:1');
    const before = await query.count();
    const unresolvedBefore = await count('status:Unresolved');
    expect(before).toBeGreaterThan(2);
    const ids = (await query.all()).map((a) => a.unique_id).sort();
    fx.takeRequests();
    takeBodies();

    const updated = await query.changeStatus('Resolved');
    expect(updated).toBe(before);
    const requests = fx.takeRequests();
    expect(requests[0]).toContain('rows=500');
    expect(requests.filter((r) => r.startsWith('POST'))).toEqual(['POST /api/v1/alerts']);
    const [body] = takeBodies();
    expect(Object.keys(body?.body as object).sort()).toEqual(['alert_ids', 'requested_status']);
    expect((body?.body as { alert_ids: string[] }).alert_ids.slice().sort()).toEqual(ids);
    expect((body?.body as { requested_status: string }).requested_status).toBe('Resolved');

    expect(await count('status:Unresolved')).toBe(unresolvedBefore - before);
    expect(await query.count()).toBe(0);
    expect(await query.changeStatus('Resolved')).toBe(0); // nothing left: no POST
    expect(fx.takeRequests().filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('alerts cached before a bulk update are read afresh after it', async () => {
    const cb = fx.api();
    const before = await cb.fetch(Alert, BINARY_HIT);
    const status = before.status === 'Resolved' ? 'In Progress' : 'Resolved';
    await cb.select(Alert).where(`unique_id:${BINARY_HIT}`).changeStatus(status);
    const after = await cb.fetch(Alert, BINARY_HIT);
    expect(after).not.toBe(before);
    expect(after.status).toBe(status);
    expect((await before.refresh()).status).toBe(status); // objects you hold: refresh()
  });

  it('posts in chunks and reports progress', async () => {
    const query = fx.api().select(Alert).where('status:Resolved').batchSize(4);
    const total = await query.count();
    expect(total).toBeGreaterThan(6);
    const progress: BulkProgress[] = [];
    fx.takeRequests();
    const updated = await query.changeStatus('Unresolved', { chunkSize: 3, onProgress: (p) => progress.push(p) });
    expect(updated).toBe(total);
    const requests = fx.takeRequests();
    expect(requests.filter((r) => r.startsWith('GET')).length).toBe(Math.ceil(total / 4));
    expect(requests.filter((r) => r === 'POST /api/v1/alerts').length).toBe(Math.ceil(total / 3));
    expect(progress.filter((p) => p.phase === 'collecting').at(-1)).toEqual({ phase: 'collecting', done: total, total });
    expect(progress.filter((p) => p.phase === 'updating').map((p) => p.done)).toEqual(
      Array.from({ length: Math.ceil(total / 3) }, (_, i) => Math.min(total, (i + 1) * 3)),
    );
    expect(await count('status:Resolved')).toBe(0);
  });

  it('assignTo() sets assigned_to and In Progress', async () => {
    const { cb, takeBodies } = recordingApi(fx);
    const n = await cb.select(Alert).where('hostname:WKS-IT-0649').assignTo('analyst2');
    expect(n).toBe(await count('hostname:WKS-IT-0649'));
    expect(takeBodies().at(-1)?.body).toMatchObject({ assigned_to: 'analyst2', requested_status: 'In Progress' });
    expect(await count('assigned_to:analyst2 status:"In Progress"')).toBe(n);
    expect(await cb.select(Alert).where('hostname:WKS-IT-0649').assign('analyst3')).toBe(n);
    expect(await count('assigned_to:analyst3')).toBe(n);
  });

  it('setIgnored() ignores and marks False Positive; setIgnored(false, {status}) reverses', async () => {
    const { cb, takeBodies } = recordingApi(fx);
    const q = cb.select(Alert).where('feed_id:-1');
    const n = await q.setIgnored();
    expect(n).toBeGreaterThan(0);
    expect(takeBodies().at(-1)?.body).toMatchObject({ set_ignored: true, requested_status: 'False Positive' });
    expect(await count('feed_id:-1 is_ignored:true status:"False Positive"')).toBe(n);
    expect(await q.setIgnored(false, { status: 'Unresolved' })).toBe(n);
    expect(await count('feed_id:-1 is_ignored:false status:Unresolved')).toBe(n);
  });

  it('an invalid status is an InvalidAlertStatusError before any request', async () => {
    fx.takeRequests();
    const error = await fx.cb.select(Alert).changeStatus('Closed' as 'Resolved').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidAlertStatusError);
    expect((error as InvalidAlertStatusError).message).toBe(
      'Invalid alert status "Closed": must be one of "Unresolved", "In Progress", "Resolved", "False Positive"',
    );
    await expect(fx.cb.select(Alert).setIgnored(true, { status: 'Nope' as 'Resolved' })).rejects.toBeInstanceOf(InvalidAlertStatusError);
    await expect(fx.cb.select(Alert).assignTo('  ')).rejects.toThrow('assignTo() needs a user name');
    await expect(fx.cb.select(Alert).changeStatus('Resolved', { chunkSize: 0 })).rejects.toThrow('chunkSize');
    // each refusal names the bulk update it did not send
    const bulk = { method: 'POST', path: '/api/v1/alerts' };
    expect(error).toMatchObject(bulk);
    await expect(fx.cb.select(Alert).setIgnored(true, { status: 'Nope' as 'Resolved' })).rejects.toMatchObject(bulk);
    await expect(fx.cb.select(Alert).assignTo('  ')).rejects.toMatchObject(bulk);
    await expect(fx.cb.select(Alert).changeStatus('Resolved', { chunkSize: 0 })).rejects.toMatchObject({
      message: 'chunkSize must be a positive integer, got 0',
      ...bulk,
    });
    expect(fx.takeRequests().filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('an abort while collecting sends no update', async () => {
    const before = await count('status:Unresolved');
    const controller = new AbortController();
    fx.takeRequests();
    const run = fx.api().select(Alert).where('status:Unresolved').changeStatus('Resolved', {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'collecting') controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(fx.takeRequests().filter((r) => r.startsWith('POST'))).toEqual([]);
    expect(await count('status:Unresolved')).toBe(before);
  });

  it('an already-aborted signal sends nothing', async () => {
    fx.takeRequests();
    await expect(fx.cb.select(Alert).changeStatus('Resolved', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(fx.takeRequests()).toEqual([]);
  });

  it('works on a raw query (web-console URL) too', async () => {
    const cb = fx.api();
    const raw = new AlertQuery(cb, Alert, { raw: 'cb.urlver=1&q=hostname%3AWKS-IT-0649+status%3AUnresolved' });
    const n = await raw.count();
    expect(n).toBeGreaterThan(0);
    expect(await raw.changeStatus('In Progress')).toBe(n);
    expect(await raw.count()).toBe(0);
  });

  it('a server error during the update is a ServerError and nothing changed', async () => {
    const before = await count('status:Unresolved');
    const fault = fx.emu.faults.add({ match: { method: 'POST', path: '/api/v1/alerts' }, status: 500, times: 1 });
    try {
      await expect(fx.api().select(Alert).where('status:Unresolved').changeStatus('Resolved')).rejects.toMatchObject({
        name: 'ServerError',
        status: 500,
        method: 'POST',
        path: '/api/v1/alerts',
      });
      expect(fault.hits).toBe(1); // a POST is not retried
    } finally {
      fx.emu.faults.clear();
    }
    expect(await count('status:Unresolved')).toBe(before);
  });

  it('refuses to update a silent subset when the server caps the result window', async () => {
    const info = fx.emu.state.info;
    const saved = info.maxSearchResultRows;
    const before = await count('status:Unresolved');
    info.maxSearchResultRows = 5;
    try {
      fx.takeRequests();
      const error = await fx.api().select(Alert).changeStatus('Resolved').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IncompleteBulkSelectionError);
      expect(error).toMatchObject({ total: 19, collected: 5, method: 'POST', path: '/api/v1/alerts' });
      expect(fx.takeRequests().filter((r) => r.startsWith('POST'))).toEqual([]);
      // a query within the window still works
      expect(await fx.api().select(Alert).where('status:Unresolved').limit(3).changeStatus('In Progress')).toBe(3);
    } finally {
      info.maxSearchResultRows = saved;
    }
    expect(await count('status:Unresolved')).toBe(before - 3);
  });

  it('a malformed query is a 400 and nothing is updated', async () => {
    await expect(fx.cb.select(Alert).where('status:(').changeStatus('Resolved')).rejects.toMatchObject({ status: 400 });
  });
});
