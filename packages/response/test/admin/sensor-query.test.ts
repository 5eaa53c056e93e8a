// SensorQuery: one GET /api/v1/sensor, the single where-clause sent as a query parameter,
// fully loaded rows and client-side sorting.
import { describe, expect, it } from 'vitest';
import { AbortError, ApiError, MoreThanOneResultError } from '@cb/core';
import { InvalidQueryFieldError, Sensor, SENSOR_QUERY_FIELDS, SensorQuery } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './recording.js';

const fx = useEmulator();

describe('SensorQuery', () => {
  it('select(Sensor) is a lazy SensorQuery: nothing is sent until used', async () => {
    const rec = recordingApi(fx);
    const q = rec.cb.select(Sensor);
    expect(q).toBeInstanceOf(SensorQuery);
    q.where('hostname:WIN').sort('id desc');
    expect(rec.take()).toEqual([]);
  });

  it('lists every sensor with one request; rows are fully loaded', async () => {
    const rec = recordingApi(fx);
    const all = await rec.cb.select(Sensor).all();
    expect(all.length).toBe(fx.emu.state.sensors.size);
    expect(rec.take()).toEqual(['GET /api/v1/sensor']);
    for (const s of all) {
      expect(s).toBeInstanceOf(Sensor);
      expect(s.isPartial).toBe(false);
      expect(s.modelState).toBe('full');
      expect(typeof s.computer_name).toBe('string');
      expect(s.last_update).toBeInstanceOf(Date);
    }
    expect(rec.take()).toEqual([]);
  });

  it('sends hostname:, ip: and groupid: as query parameters', async () => {
    const rec = recordingApi(fx);
    const all = await rec.cb.select(Sensor).all();
    const sample = all.at(-1)!;
    rec.take();

    const prefix = sample.hostname.slice(0, 4);
    const byName = await rec.cb.select(Sensor).where(`hostname:${prefix}`).all();
    expect(rec.calls.at(-1)!.query).toEqual({ hostname: prefix });
    expect(byName.map((s) => s.id)).toContain(sample.id);
    for (const s of byName) expect(s.hostname).toContain(prefix);

    const ip = sample.networkInterfaces[0]!.ipaddr;
    const byIp = await rec.cb.select(Sensor).where(`ip:${ip}`).all();
    expect(rec.calls.at(-1)!.query).toEqual({ ip });
    expect(byIp.map((s) => s.id)).toEqual([sample.id]);

    const byGroup = await rec.cb.select(Sensor).where(`groupid:${sample.group_id}`).all();
    expect(rec.calls.at(-1)!.query).toEqual({ groupid: String(sample.group_id) });
    expect(byGroup.map((s) => s.id).sort()).toEqual(all.filter((s) => s.group_id === sample.group_id).map((s) => s.id).sort());
    expect(rec.take()).toEqual(['GET /api/v1/sensor', 'GET /api/v1/sensor', 'GET /api/v1/sensor']);
  });

  it('hostname matching is the server\'s case-sensitive substring match', async () => {
    const cb = fx.api();
    const [s] = await cb.select(Sensor).all();
    const lower = s!.hostname.toLowerCase();
    const hits = await cb.select(Sensor).where(`hostname:${lower}`).all();
    expect(hits.map((h) => h.id).includes(s!.id)).toBe(lower === s!.hostname);
  });

  it('an empty result is an empty list', async () => {
    const q = fx.api().select(Sensor).where('hostname:NO-SUCH-HOST-ANYWHERE');
    expect(await q.all()).toEqual([]);
    expect(await q.count()).toBe(0);
    expect(await q.first()).toBeUndefined();
  });

  it('other fields are an InvalidQueryFieldError naming the allowed ones', () => {
    const q = fx.api().select(Sensor);
    let error: unknown;
    try {
      q.where('os_type:1');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidQueryFieldError);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as InvalidQueryFieldError).field).toBe('os_type');
    expect((error as InvalidQueryFieldError).allowed).toEqual(SENSOR_QUERY_FIELDS);
    expect((error as Error).message).toContain('ip, hostname, groupid');
    expect(error).toMatchObject({ method: 'GET', path: '/api/v1/sensor' }); // the list the clause was for
    expect(() => q.where('no colon')).toThrow(ApiError);
  });

  it('allows one where-clause only', () => {
    const q = fx.api().select(Sensor).where('groupid:1');
    expect(() => q.where('hostname:WIN')).toThrow("Cannot have multiple 'where' clauses");
    expect(() => q.and('hostname:WIN')).toThrow(ApiError);
  });

  it('sorts client-side, ascending by default', async () => {
    const cb = fx.api();
    const asc = (await cb.select(Sensor).sort('computer_name').all()).map((s) => s.computer_name);
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b)));
    const desc = (await cb.select(Sensor).sort('id desc').all()).map((s) => s.id);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
  });

  it('count, first, slice, one and iteration', async () => {
    const cb = fx.api();
    const all = await cb.select(Sensor).sort('id').all();
    expect(await cb.select(Sensor).count()).toBe(all.length);
    expect((await cb.select(Sensor).sort('id').first())!.id).toBe(all[0]!.id);
    expect((await cb.select(Sensor).sort('id').slice(-1)).map((s) => s.id)).toEqual([all.at(-1)!.id]);
    await expect(cb.select(Sensor).one()).rejects.toBeInstanceOf(MoreThanOneResultError);
    await expect(cb.select(Sensor).one()).rejects.toMatchObject({ count: all.length, method: 'GET', path: '/api/v1/sensor' });
    const ip = all[0]!.networkInterfaces[0]!.ipaddr;
    expect((await cb.select(Sensor).where(`ip:${ip}`).one()).id).toBe(all[0]!.id);
    const ids: number[] = [];
    for await (const s of cb.select(Sensor).sort('id')) ids.push(s.id);
    expect(ids).toEqual(all.map((s) => s.id));
  });

  it('honours an abort signal', async () => {
    await expect(fx.api().select(Sensor).all({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
  });
});
