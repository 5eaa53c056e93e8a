// Device fetch, the deviceId redirect (G4), device actions (§2.4) by id and by search.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ForbiddenError, ObjectNotFoundError, ServerError } from '@cb/core';
import { Device, deviceActionBody, FieldRenamedError } from '../../src/index.js';
import { BASE, makeDevices, mswCloudApi, ORG, TOKEN, useCloudMsw } from '../support/cloud-msw.js';

const msw = useCloudMsw();
const ACTIONS = `/appservices/v6/orgs/${ORG}/device_actions`;

describe('fetch', () => {
  it('GETs /appservices/v6/orgs/{org}/devices/{id} with the SECRET/ID token', async () => {
    msw.state.devices = makeDevices(3);
    const api = mswCloudApi();
    const device = await api.fetch(Device, 2);
    expect(device.name).toBe('host-00002');
    expect(device.os).toBe('WINDOWS');
    expect(device.policy_id).toBe(6525);
    expect(msw.state.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /appservices/v6/orgs/${ORG}/devices/2`]);
    expect(msw.state.requests[0]!.headers.get('x-auth-token')).toBe(TOKEN);
    // Served from the cache the second time.
    await api.fetch(Device, 2);
    expect(msw.state.requests).toHaveLength(1);
  });

  it('throws ObjectNotFoundError for an unknown id', async () => {
    await expect(mswCloudApi().fetch(Device, 99)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('redirects deviceId to id with a typed error (G4)', async () => {
    msw.state.devices = makeDevices(1);
    const device = await mswCloudApi().fetch(Device, 1);
    expect(() => device.deviceId).toThrow(FieldRenamedError);
    expect(() => device.deviceId).toThrow('Device.deviceId does not exist: use Device.id');
  });

  it('prints the field table', async () => {
    msw.state.devices = makeDevices(1);
    const text = String(await mswCloudApi().fetch(Device, 1));
    expect(text).toMatch(/name.*host-00001/);
  });
});

describe('device actions', () => {
  it('builds the documented bodies', () => {
    const ids = { deviceIds: [1, 2] };
    expect(deviceActionBody({ type: 'QUARANTINE', enable: true }, ids)).toEqual({
      action_type: 'QUARANTINE',
      device_id: [1, 2],
      options: { toggle: 'ON' },
    });
    expect(deviceActionBody({ type: 'BYPASS', enable: false }, ids).options).toEqual({ toggle: 'OFF' });
    expect(deviceActionBody({ type: 'BACKGROUND_SCAN', enable: true }, ids).options).toEqual({ toggle: 'ON' });
    expect(deviceActionBody({ type: 'UPDATE_POLICY', policyId: 7 }, ids).options).toEqual({ policy_id: 7 });
    expect(deviceActionBody({ type: 'UPDATE_SENSOR_VERSION', sensorVersion: { RHEL: '2.3.4.5' } }, ids).options).toEqual({
      sensor_version: { RHEL: '2.3.4.5' },
    });
    expect(deviceActionBody({ type: 'DELETE_SENSOR' }, ids)).toEqual({ action_type: 'DELETE_SENSOR', device_id: [1, 2] });
    expect(deviceActionBody({ type: 'UNINSTALL_SENSOR' }, { search: { criteria: { os: ['MAC'] } } })).toEqual({
      action_type: 'UNINSTALL_SENSOR',
      search: { criteria: { os: ['MAC'] } },
    });
    expect(() => deviceActionBody({ type: 'UPDATE_POLICY', policyId: 1.5 }, ids)).toThrow(/integer policy id/);
  });

  it('device methods POST by id and accept 204', async () => {
    msw.state.devices = makeDevices(1);
    const api = mswCloudApi();
    const device = await api.fetch(Device, 1);
    await device.quarantine(true);
    await device.bypass(false);
    await device.backgroundScan(true);
    await device.updatePolicy(11);
    await device.updateSensorVersion({ WINDOWS: '3.9.2.100' });
    await device.deleteSensor();
    await device.uninstallSensor();
    expect(msw.bodies('/device_actions')).toEqual([
      { action_type: 'QUARANTINE', device_id: [1], options: { toggle: 'ON' } },
      { action_type: 'BYPASS', device_id: [1], options: { toggle: 'OFF' } },
      { action_type: 'BACKGROUND_SCAN', device_id: [1], options: { toggle: 'ON' } },
      { action_type: 'UPDATE_POLICY', device_id: [1], options: { policy_id: 11 } },
      { action_type: 'UPDATE_SENSOR_VERSION', device_id: [1], options: { sensor_version: { WINDOWS: '3.9.2.100' } } },
      { action_type: 'DELETE_SENSOR', device_id: [1] },
      { action_type: 'UNINSTALL_SENSOR', device_id: [1] },
    ]);
  });

  it('drops the cached document after an action so the next fetch sees the new state', async () => {
    msw.state.devices = makeDevices(1);
    const api = mswCloudApi();
    await (await api.fetch(Device, 1)).quarantine(true);
    msw.state.devices[0]!.quarantined = true;
    expect((await api.fetch(Device, 1)).quarantined).toBe(true);
    await api.deviceAction({ type: 'QUARANTINE', enable: false }, [1]);
    msw.state.devices[0]!.quarantined = false;
    expect((await api.fetch(Device, 1)).quarantined).toBe(false);
    expect(msw.state.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
  });

  it('query actions send the search body', async () => {
    const api = mswCloudApi();
    await api.select(Device).setOs(['WINDOWS']).where('name:lab-*').quarantine(true);
    await api.select(Device).setPolicyIds([3]).updatePolicy(4);
    expect(msw.bodies('/device_actions')).toEqual([
      { action_type: 'QUARANTINE', search: { criteria: { os: ['WINDOWS'] }, query: 'name:lab-*' }, options: { toggle: 'ON' } },
      { action_type: 'UPDATE_POLICY', search: { criteria: { policy_id: [3] } }, options: { policy_id: 4 } },
    ]);
  });

  it('an empty id list sends nothing', async () => {
    await mswCloudApi().deviceAction({ type: 'QUARANTINE', enable: true }, []);
    expect(msw.state.requests).toEqual([]);
  });

  it('treats a status other than 200/204 as a ServerError, without the org key in the message', async () => {
    msw.state.actionStatus = 202;
    const error = await mswCloudApi()
      .deviceAction({ type: 'BYPASS', enable: true }, [1])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(202);
    expect((error as Error).message).toMatch(/expected 204/);
    expect(JSON.stringify(error)).not.toContain(ORG);
  });

  it('names the permission a 403 lacks (E9)', async () => {
    msw.server.use(
      http.post(`${BASE}${ACTIONS}`, () => HttpResponse.json({ error_code: 'FORBIDDEN', message: 'Forbidden' }, { status: 403 })),
    );
    const error = await mswCloudApi()
      .deviceAction({ type: 'UPDATE_SENSOR_VERSION', sensorVersion: { WINDOWS: '1' } }, [1])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).toMatch(/needs org\.kits EXECUTE in the key's Custom access level/);
  });
});
