// ThreatReport and ThreatReportQuery against the emulator (response.md §12, §2.5).
import { ApiError, ObjectNotFoundError, OperationNotAllowedError } from '@cb/core';
import { describe, expect, it } from 'vitest';
import { Feed, parseThreatReportId, ThreatReport, ThreatReportQuery } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './support.js';

const fx = useEmulator();

describe('ThreatReport', () => {
  it('search rows are keyed "<feed_id>:<report_id>"', async () => {
    const q = fx.cb.select(ThreatReport);
    expect(q).toBeInstanceOf(ThreatReportQuery);
    expect(await q.count()).toBe(20);
    const top = await q.where('feed_id:2').sort('score desc').first();
    expect(top?.primaryKeyValue).toBe('2:SOC-0001');
    expect(top?.id).toBe('SOC-0001');
    expect(top?.title).toBe('FUZZYWOMBAT');
    expect(top?.isPartial).toBe(true);
  });

  it('select() validates the id format', () => {
    for (const bad of ['SOC-0001', '2:SOC:1', 'x:SOC-0001', '2:']) {
      expect(() => fx.cb.select(ThreatReport, bad)).toThrow("ThreatReport ID must be in form '<feed_id>:<report_id>'");
    }
    expect(() => fx.cb.select(ThreatReport, 5)).toThrow(ApiError);
    // named: the fetch the id was for, at the model's URL (the id does not make a path)
    expect(() => fx.cb.select(ThreatReport, '2:')).toThrow(
      new ApiError(`ThreatReport ID must be in form '<feed_id>:<report_id>', got "2:"`, { method: 'GET', path: '/api/v1/threat_report' }),
    );
    // parsing on its own sends nothing: no request to name
    expect(() => parseThreatReportId('2:')).toThrow(expect.objectContaining({ method: undefined, path: undefined }));
  });

  it('loads from GET /api/v1/feed/{feed_id}/report/{id}', async () => {
    const cb = fx.api();
    fx.takeRequests();
    const report = await cb.fetch(ThreatReport, '4:T1003.001');
    expect(fx.takeRequests()).toEqual(['GET /api/v1/feed/4/report/T1003.001']);
    expect(report.title).toBe('LSASS Memory');
    expect(report.feed_id).toBe(4);
    expect(report.publishedAt).toBeInstanceOf(Date);
    expect(report.publishedAt.getTime()).toBe(report.timestamp * 1000);
    await expect(cb.fetch(ThreatReport, '4:NOPE')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('feed join', async () => {
    const report = await fx.api().fetch(ThreatReport, '2:SOC-0003');
    const feed = await report.feed;
    expect(feed).toBeInstanceOf(Feed);
    expect(feed?.name).toBe('SOC');
  });

  it('save posts only the changed fields in the {ids, updates} shape and reloads', async () => {
    const { cb, takeBodies } = recordingApi(fx);
    const report = await cb.fetch(ThreatReport, '1:abusech-0004');
    expect(report.is_ignored).toBe(false);
    report.is_ignored = true;
    takeBodies();
    fx.takeRequests();
    await report.save();
    expect(takeBodies()).toEqual([
      { method: 'POST', path: '/api/v1/threat_report', body: { ids: { '1': ['abusech-0004'] }, updates: { is_ignored: true } } },
    ]);
    expect(fx.takeRequests()).toEqual(['POST /api/v1/threat_report', 'GET /api/v1/feed/1/report/abusech-0004']);
    expect(report.isDirty).toBe(false);
    expect((await fx.api().fetch(ThreatReport, '1:abusech-0004')).is_ignored).toBe(true);
    await report.enable();
  });

  it('disable() and enable() flip is_ignored on the server', async () => {
    const report = await fx.api().fetch(ThreatReport, '2:SOC-0004');
    await report.disable();
    expect(await fx.api().select(ThreatReport).where('is_ignored:true').where('feed_id:2').count()).toBe(1);
    await report.enable();
    expect((await fx.api().fetch(ThreatReport, '2:SOC-0004')).is_ignored).toBe(false);
  });

  it('a search row is completed before it is saved', async () => {
    const cb = fx.api();
    const row = await cb.select(ThreatReport).where('title:FUZZYWOMBAT').one();
    fx.takeRequests();
    await row.disable();
    expect(fx.takeRequests()).toEqual([
      'GET /api/v1/feed/2/report/SOC-0001',
      'POST /api/v1/threat_report',
      'GET /api/v1/feed/2/report/SOC-0001',
    ]);
    await row.enable();
  });

  it('an update the server rejects is an error', async () => {
    const report = await fx.api().fetch(ThreatReport, '2:SOC-0002');
    report.score = 1; // the server lets only is_ignored change
    await expect(report.save()).rejects.toMatchObject({ status: 400 });
  });

  it('cannot be created or deleted', async () => {
    expect(() => fx.cb.create(ThreatReport)).toThrow(OperationNotAllowedError);
    const report = await fx.api().fetch(ThreatReport, '2:SOC-0002');
    await expect(report.delete()).rejects.toBeInstanceOf(OperationNotAllowedError);
  });
});

describe('ThreatReportQuery.setIgnored', () => {
  it('posts the query string (%20 encoding) without searching first', async () => {
    const { cb, takeBodies } = recordingApi(fx);
    const feed = cb.select(Feed, 2);
    await cb.info();
    fx.takeRequests();
    takeBodies();
    const updated = await feed.reports.where('title:FUZZYWOMBAT').setIgnored();
    expect(updated).toBe(1);
    expect(fx.takeRequests()).toEqual(['POST /api/v1/threat_report']);
    expect(takeBodies()).toEqual([
      {
        method: 'POST',
        path: '/api/v1/threat_report',
        body: { query: 'cb.urlver=1&q=feed_id%3A2%20title%3AFUZZYWOMBAT', updates: { is_ignored: true } },
      },
    ]);
    const ignored = await fx.api().select(ThreatReport).where('is_ignored:true').all();
    expect(ignored.map((r) => r.primaryKeyValue)).toEqual(['2:SOC-0001']);
  });

  it('setIgnored(false) reverses it', async () => {
    const updated = await fx.cb.select(ThreatReport).where('feed_id:2').setIgnored(false);
    expect(updated).toBe(5);
    expect(await fx.api().select(ThreatReport).where('is_ignored:true').count()).toBe(0);
  });

  it('ignores every report of a query in one request', async () => {
    expect(await fx.cb.select(ThreatReport).where('feed_id:4').setIgnored()).toBe(2);
    expect(await fx.api().select(ThreatReport).where('is_ignored:true').count()).toBe(2);
    await fx.cb.select(ThreatReport).where('feed_id:4').setIgnored(false);
  });

  it('a raw query (web-console URL) posts its own parameters', async () => {
    const { cb, takeBodies } = recordingApi(fx);
    const raw = new ThreatReportQuery(cb, ThreatReport, { raw: 'cb.urlver=1&q=feed_id%3A1+score%3A%5B85+TO+*%5D' });
    const n = await raw.count();
    expect(n).toBe(4);
    takeBodies();
    expect(await raw.setIgnored()).toBe(n);
    expect(takeBodies()[0]?.body).toEqual({ query: 'cb.urlver=1&q=feed_id%3A1%20score%3A%5B85%20TO%20%2A%5D', updates: { is_ignored: true } });
    expect(await fx.api().select(ThreatReport).where('is_ignored:true').count()).toBe(n);
    expect(await raw.setIgnored(false)).toBe(n);
  });

  it('a malformed query is a 400 from the server', async () => {
    await expect(fx.cb.select(ThreatReport).where('title:(').setIgnored()).rejects.toMatchObject({ status: 400 });
  });

  it('needs a server >= 5.1.0', async () => {
    fx.emu.state.info.version = '5.0.1.150000.1';
    try {
      await expect(fx.api().select(ThreatReport).where('feed_id:2').setIgnored()).rejects.toThrow('needs a server >= 5.1.0');
      await expect(fx.api().select(ThreatReport).where('feed_id:2').setIgnored()).rejects.toMatchObject({ method: 'POST', path: '/api/v1/threat_report' });
    } finally {
      fx.emu.state.info.version = '6.3.0.180424.1413';
    }
  });
});
