// SensorGroup against the emulator: one-element-array GET, create/update/delete, validation,
// sensors, site join/set and installer downloads.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ClientError,
  ConflictError,
  ForbiddenError,
  InvalidObjectError,
  ObjectNotFoundError,
  ServerError,
} from '@cb/core';
import { readZip } from '@cb/emulator';
import { Sensor, SensorGroup, SensorQuery, Site } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './recording.js';

const fx = useEmulator();

async function groupWithSensors(): Promise<SensorGroup> {
  const cb = fx.api();
  const [s] = await cb.select(Sensor).all();
  return cb.fetch(SensorGroup, s!.group_id);
}

describe('SensorGroup reads', () => {
  it('lists groups as full documents with typed fields', async () => {
    const rec = recordingApi(fx);
    const groups = await rec.cb.select(SensorGroup).all();
    expect(groups.length).toBe(fx.emu.state.sensorGroups.size);
    expect(rec.take()).toEqual(['GET /api/group']);
    for (const g of groups) {
      expect(g.isPartial).toBe(false);
      expect(typeof g.id).toBe('number');
      expect(typeof g.site_id).toBe('number');
      expect(typeof g.collect_netconns).toBe('boolean');
      expect(Array.isArray(g.team_access)).toBe(true);
    }
    const named = await rec.cb.select(SensorGroup).where(`name:${groups[0]!.name.toUpperCase()}`).all();
    expect(named.map((g) => g.id)).toEqual([groups[0]!.id]);
  });

  it('fetches one group from the one-element array reply', async () => {
    const rec = recordingApi(fx);
    const [first] = await fx.api().select(SensorGroup).all();
    const g = await rec.cb.fetch(SensorGroup, first!.id);
    expect(rec.take()).toEqual([`GET /api/group/${first!.id}`]);
    expect(g.name).toBe(first!.name);
    expect(g.team_access[0]).toHaveProperty('access_category');
  });

  it('an unknown id (empty array reply) is ObjectNotFoundError', async () => {
    const max = Math.max(...(await fx.api().select(SensorGroup).all()).map((g) => g.id));
    await expect(fx.api().fetch(SensorGroup, max + 100)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('sensors is the server-filtered sensor query', async () => {
    const rec = recordingApi(fx);
    const g = await rec.cb.fetch(SensorGroup, (await groupWithSensors()).id);
    rec.take();
    const q = g.sensors;
    expect(q).toBeInstanceOf(SensorQuery);
    const members = await q.all();
    expect(rec.calls.at(-1)!.query).toEqual({ groupid: String(g.id) });
    expect(members.length).toBeGreaterThan(0);
    for (const s of members) expect(s.group_id).toBe(g.id);
    expect(() => rec.cb.create(SensorGroup).sensors).toThrow(ApiError);
    expect(() => rec.cb.create(SensorGroup).sensors).toThrow(expect.objectContaining({ method: 'GET', path: '/api/v1/sensor' }));
    await expect(rec.cb.create(SensorGroup).getInstaller()).rejects.toMatchObject({
      message: 'A sensor group that has not been saved has no installer',
      method: 'GET',
      path: '/api/group',
    });
  });

  it('joins its site', async () => {
    const g = await groupWithSensors();
    const site = await g.site;
    expect(site).toBeInstanceOf(Site);
    expect(site!.id).toBe(g.site_id);
    expect(typeof site!.name).toBe('string');
  });
});

describe('SensorGroup installers', () => {
  it('downloads each installer type as bytes', async () => {
    const rec = recordingApi(fx);
    const g = await rec.cb.fetch(SensorGroup, (await groupWithSensors()).id);
    rec.take();

    const exe = await g.getInstaller();
    expect(exe).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(exe.subarray(0, 2)).toString('latin1')).toBe('MZ');

    const msi = await g.getInstaller('windows/msi');
    const msiNames = readZip(msi).map((e) => e.name);
    expect(msiNames).toContain('sensorsettings.ini');

    const osx = await g.getInstaller('osx');
    expect(readZip(osx).map((e) => e.name)).toContain('sensorsettings.ini');

    const linux = await g.getInstaller('linux');
    expect(linux[0]).toBe(0x1f);
    expect(linux[1]).toBe(0x8b);
    expect(gunzipSync(linux).toString('latin1')).toContain(`SensorGroupId=${g.id}`);

    expect(rec.take()).toEqual([
      `GET /api/v1/group/${g.id}/installer/windows/exe`,
      `GET /api/v1/group/${g.id}/installer/windows/msi`,
      `GET /api/v1/group/${g.id}/installer/osx`,
      `GET /api/v1/group/${g.id}/installer/linux`,
    ]);
  });
});

describe('SensorGroup create, update, delete', () => {
  it('requires name and site_id before sending anything', async () => {
    const rec = recordingApi(fx);
    const g = rec.cb.create(SensorGroup, { name: 'No Site' });
    const error = await g.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidObjectError);
    expect((error as InvalidObjectError).missingFields).toEqual(['site_id']);
    expect(rec.take()).toEqual([]);
  });

  it('creates: POST without id → {id} → GET; then updates and deletes', async () => {
    const rec = recordingApi(fx);
    const cb = rec.cb;
    const [site] = await cb.select(Site).all();
    rec.take();

    const g = cb.create(SensorGroup, { name: 'Critical Endpoints (test)' });
    g.site = site!;
    expect(g.site_id).toBe(site!.id);
    await g.save();
    expect(rec.bodies('POST', '/api/group')).toEqual([{ name: 'Critical Endpoints (test)', site_id: site!.id }]);
    expect(rec.take()).toEqual(['POST /api/group', `GET /api/group/${g.id}`]);
    expect(g.isNew).toBe(false);
    expect(typeof g.id).toBe('number');
    expect(g.sensor_version).toBe('Manual'); // server default, read back by the GET
    expect(await g.sensors.count()).toBe(0);

    g.alert_criticality = 5;
    g.collect_netconns = false;
    await g.save();
    const [put] = rec.bodies('PUT', `/api/group/${g.id}`) as Record<string, unknown>[];
    expect(put).toMatchObject({ id: g.id, alert_criticality: 5, collect_netconns: false, name: g.name });
    expect((await fx.api().fetch(SensorGroup, g.id)).alert_criticality).toBe(5);

    await g.delete();
    await expect(fx.api().fetch(SensorGroup, g.id)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('setSite() accepts a Site or an id, and refuses an unsaved site', async () => {
    const cb = fx.api();
    const sites = await cb.select(Site).all();
    const g = cb.create(SensorGroup, { name: 'x' });
    g.setSite(sites[0]!);
    expect(g.site_id).toBe(sites[0]!.id);
    g.site = sites.at(-1)!.id;
    expect(g.site_id).toBe(sites.at(-1)!.id);
    expect(() => g.setSite(cb.create(Site, { name: 'new' }))).toThrow(ApiError);
    // named: the group's next save (a create: it is new), and for a stored group its update
    expect(() => g.setSite(cb.create(Site, { name: 'new' }))).toThrow(expect.objectContaining({ method: 'POST', path: '/api/group' }));
    const stored = (await cb.select(SensorGroup).all())[0]!;
    expect(() => stored.setSite(cb.create(Site, { name: 'new' }))).toThrow(expect.objectContaining({ method: 'PUT', path: `/api/group/${stored.id}` }));
  });

  it('server validation errors are typed ServerErrors', async () => {
    const cb = fx.api();
    const sites = await cb.select(Site).all();
    const badSite = cb.create(SensorGroup, { name: 'Bad Site', site_id: Math.max(...sites.map((s) => s.id)) + 100 });
    const error = await badSite.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(400);
    expect(badSite.isNew).toBe(true);

    const [existing] = await cb.select(SensorGroup).all();
    const duplicate = cb.create(SensorGroup, { name: existing!.name, site_id: existing!.site_id });
    await expect(duplicate.save()).rejects.toBeInstanceOf(ConflictError);
  });

  it('deleting a group that still has sensors is refused by the server', async () => {
    const g = await groupWithSensors();
    await expect(g.delete()).rejects.toBeInstanceOf(ConflictError);
    expect(fx.emu.state.sensorGroups.has(g.id)).toBe(true);
  });

  it('a read-only token cannot create, change or delete groups', async () => {
    const ro = fx.api({ token: fx.emu.readOnlyToken });
    const [g] = await ro.select(SensorGroup).all();
    g!.alert_criticality = g!.alert_criticality === 5 ? 4 : 5;
    await expect(g!.save()).rejects.toBeInstanceOf(ForbiddenError);
    await expect(ro.create(SensorGroup, { name: 'ro', site_id: g!.site_id }).save()).rejects.toBeInstanceOf(ForbiddenError);
    await expect(g!.delete()).rejects.toBeInstanceOf(ForbiddenError);
  });
});
