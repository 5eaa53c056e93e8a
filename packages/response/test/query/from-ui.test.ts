import { ApiError } from '@cb/core';
import { describe, expect, it } from 'vitest';
import { Alert, AlertQuery, Binary, BinaryQuery, Investigation, Process, ProcessQuery, ThreatReport, ThreatReportQuery, Watchlist } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';

const fx = useEmulator();

describe('cb.fromUi(url)', () => {
  it('analyze/<guid>/<segment> → the Process of that segment (cached, no request but /api/info)', async () => {
    const row = (await fx.cb.select(Process).where('process_name:notepad.exe').first())!;
    fx.takeRequests();
    const p = await fx.cb.fromUi(`${fx.emu.url}/#/analyze/${row.guid}/${row.segment_id}`);
    expect(p).toBeInstanceOf(Process);
    const proc = p as Process;
    expect(proc.guid).toBe(row.guid);
    expect(proc.segment).toBe(row.segment_id);
    expect(proc.primaryKeyValue).toBe(row.unique_id);
    expect(fx.takeRequests()).toEqual([]);
    expect((await proc.load()).process_name).toBe('notepad.exe');
    expect(proc.webuiLink).toBe(`${fx.emu.url}/#analyze/${row.guid}/${row.segment_id}`);
    expect(await fx.cb.fromUi(proc.webuiLink!)).toBe(proc);
  });

  it('binary/<md5>, watchlist/<id>, threat-details/<feed>/<report>', async () => {
    const b = await fx.cb.fromUi(`${fx.emu.url}/#/binary/24da05ade2a978e199875da0d859e7eb`);
    expect(b).toBeInstanceOf(Binary);
    expect((b as Binary).primaryKeyValue).toBe('24DA05ADE2A978E199875DA0D859E7EB');
    const w = await fx.cb.fromUi(`${fx.emu.url}/#/watchlist/1`);
    expect(w).toBeInstanceOf(Watchlist);
    expect((await (w as Watchlist).load()).get('name')).toBeTruthy();
    const report = (await fx.cb.select(ThreatReport).first())!;
    const r = await fx.cb.fromUi(`${fx.emu.url}/#/threat-details/${String(report.get('feed_id'))}/${String(report.get('id'))}`);
    expect(r).toBeInstanceOf(ThreatReport);
  });

  it('search/, binaries/, alerts/, threats/ → raw queries', async () => {
    const q = await fx.cb.fromUi(`${fx.emu.url}/#/search/cb.urlver=1&q=process_name%3Anet.exe&sort=start%20asc`);
    expect(q).toBeInstanceOf(ProcessQuery);
    const pq = q as ProcessQuery;
    expect(pq.isRaw).toBe(true);
    expect(pq.queryText).toBe('process_name:net.exe');
    const rows = await pq.slice(0, 3);
    expect(rows.every((p) => p.process_name === 'net.exe')).toBe(true);
    expect(() => pq.where('x:y')).toThrow(ApiError);
    expect(await fx.cb.fromUi(`${fx.emu.url}/#/binaries/q=digsig_result%3AUnsigned`)).toBeInstanceOf(BinaryQuery);
    const alerts = await fx.cb.fromUi(`${fx.emu.url}/#/alerts/q=status%3AUnresolved`);
    expect(alerts).toBeInstanceOf(AlertQuery);
    expect((await (alerts as AlertQuery).first())).toBeInstanceOf(Alert);
    expect(await fx.cb.fromUi(`${fx.emu.url}/#/threats/q=is_ignored%3Afalse`)).toBeInstanceOf(ThreatReportQuery);
  });

  it('query strings may contain slashes', async () => {
    const q = (await fx.cb.fromUi(`${fx.emu.url}/#/search/q=path%3Ac:/windows/*`)) as ProcessQuery;
    expect(q.queryText).toBe('path:c:/windows/*');
  });

  it('investigation/<id> → the investigation (list search)', async () => {
    const inv = await fx.cb.fromUi(`${fx.emu.url}/#/investigation/2`);
    expect(inv).toBeInstanceOf(Investigation);
    expect((inv as Investigation).get('name')).toBe('evil.exe outbreak');
  });

  it('the login page and a URL without a page → the API object itself (cbapi intent, not its 2-part check)', async () => {
    fx.takeRequests();
    expect(await fx.cb.fromUi(`${fx.emu.url}/#/login`)).toBe(fx.cb);
    expect(await fx.cb.fromUi(`${fx.emu.url}/#login`)).toBe(fx.cb);
    expect(await fx.cb.fromUi(`${fx.emu.url}/#/login/x`)).toBe(fx.cb);
    expect(await fx.cb.fromUi(`${fx.emu.url}/#/`)).toBe(fx.cb);
    expect(await fx.cb.fromUi(`${fx.emu.url}/#`)).toBe(fx.cb);
    expect(await fx.cb.fromUi(`${fx.emu.url}/`)).toBe(fx.cb);
    expect(fx.takeRequests()).toEqual([]);
  });

  it('errors: other server, no unique id, unknown page', async () => {
    await expect(fx.cb.fromUi('https://other.example.com/#/binary/24DA05ADE2A978E199875DA0D859E7EB')).rejects.toThrow('Invalid URL provided');
    await expect(fx.cb.fromUi('not a url')).rejects.toThrow('Invalid URL provided');
    await expect(fx.cb.fromUi(`${fx.emu.url}/#/binary`)).rejects.toThrow(/does not include a unique ID/);
    await expect(fx.cb.fromUi(`${fx.emu.url}/#/analyze`)).rejects.toThrow(ApiError);
    await expect(fx.cb.fromUi(`${fx.emu.url}/#/dashboard/1`)).rejects.toThrow(/Unknown URL endpoint/);
    // a URL that names no object stands for no API request; a bad analyze id names the process fetch
    await expect(fx.cb.fromUi('not a url')).rejects.toMatchObject({ method: undefined, path: undefined });
    await expect(fx.cb.fromUi(`${fx.emu.url}/#/analyze/not-a-guid/1`)).rejects.toMatchObject({
      message: `URL endpoint does not include a valid process id: ${fx.emu.url}/#/analyze/not-a-guid/1`,
      method: 'GET',
      path: '/api/v1/process',
    });
  });
});
