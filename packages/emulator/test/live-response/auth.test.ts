// Keys of the non-Response surfaces: Cloud `secret/id` Custom keys with org-key and permission
// checks, the Defense legacy LR key, and the v3 device lookup LR uses for the OS type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudCredentials, cloudToken, type RunningEmulator } from '../../src/index.js';
import { call, cloudClient, lrClient, openSession, startLr } from './helpers.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startLr();
});
afterAll(async () => {
  await emu.close();
});

const v6 = (org = emu.cloud.orgKey) => `${emu.url}/appservices/v6/orgs/${org}`;

describe('Carbon Black Cloud keys', () => {
  it('exposes the org key and tokens in the SECRET/ID form', () => {
    expect(emu.cloud.orgKey).toMatch(/^[A-Z0-9]{8}$/);
    expect(emu.cloud.token).toMatch(/^[A-Z0-9]{24}\/[A-Z0-9]{10}$/);
    expect(emu.cloud.limitedToken).not.toBe(emu.cloud.token);
    expect(emu.defense.token).toMatch(/^[A-Z0-9]{24}\/[A-Z0-9]{10}$/);
  });

  it('401 without a key, with an unknown key, or with a non-Cloud key', async () => {
    for (const token of [null, 'NOPE/NOPE', emu.token, emu.defense.token]) {
      const r = await call(`${v6()}/devices/_search`, 'POST', token, {});
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error_code: 'UNAUTHORIZED', message: 'User is not authenticated' });
    }
  });

  it('403 when the org key in the path is not the key\'s org', async () => {
    const r = await call(`${v6('WRONGORG')}/devices/_search`, 'POST', emu.cloud.token, {});
    expect(r.status).toBe(403);
    expect(r.body.error_code).toBe('FORBIDDEN');
    expect(r.body.message).toContain("'WRONGORG'");
    const lr = await call(`${v6('WRONGORG')}/liveresponse/sessions`, 'POST', emu.cloud.token, { device_id: 21211 });
    expect(lr.status).toBe(403);
  });

  it('the limited key reads devices but gets 403 naming the LR permission', async () => {
    expect((await call(`${v6()}/devices/_search`, 'POST', emu.cloud.limitedToken, {})).status).toBe(200);
    const create = await call(`${v6()}/liveresponse/sessions`, 'POST', emu.cloud.limitedToken, { device_id: 21211 });
    expect(create.status).toBe(403);
    expect(create.body.message).toContain('org.liveresponse.session');
    expect(create.body.message).toContain('CREATE');

    // A session opened with the full key: the limited key may not run commands on it.
    const full = cloudClient(emu);
    const sid = await openSession(full, 1);
    const limited = cloudClient(emu, emu.cloud.limitedToken);
    const cmd = await limited.post(sid, 'process list');
    expect(cmd.status).toBe(403);
    expect(cmd.body.message).toContain('org.liveresponse.process');
    const reg = await limited.post(sid, 'reg set value', 'HKLM\\SOFTWARE\\x', { value_type: 'REG_SZ', value_data: 'y' });
    expect(reg.body.message).toMatch(/org\.liveresponse\.registry \((READ, )?UPDATE\)/);
    const action = await call(`${v6()}/device_actions`, 'POST', emu.cloud.limitedToken, { action_type: 'QUARANTINE', device_id: [21211], options: { toggle: 'ON' } });
    expect(action.status).toBe(403);
    expect(action.body.message).toContain('device.quarantine');
  });

  it('the read-only LR key opens sessions and reads, but gets 403 on every change', async () => {
    const keys = cloudCredentials(emu.state);
    // Drawn after the other keys: adding it changed none of them.
    expect(cloudToken(keys.full)).toBe(emu.cloud.token);
    expect(cloudToken(keys.limited)).toBe(emu.cloud.limitedToken);
    // The running emulator hands it out too.
    expect(emu.cloud.readOnlyToken).toBe(cloudToken(keys.readOnly));
    expect(new Set([emu.cloud.token, emu.cloud.limitedToken, emu.cloud.readOnlyToken]).size).toBe(3);
    const readOnly = cloudClient(emu, emu.cloud.readOnlyToken);
    const sid = await openSession(readOnly, 1);
    expect((await readOnly.run(sid, 'directory list', 'C:\\')).status).toBe('COMPLETE');
    expect((await readOnly.run(sid, 'reg enum key', 'HKLM\\SOFTWARE')).status).toBe('COMPLETE');
    const mkdir = await readOnly.post(sid, 'create directory', 'C:\\ro');
    expect(mkdir.status).toBe(403);
    expect(mkdir.body.message).toContain('org.liveresponse.file (CREATE)');
    const exec = await readOnly.post(sid, 'create process', 'cmd.exe /c whoami');
    expect(exec.body.message).toContain('org.liveresponse.process (EXECUTE)');
    const upload = await readOnly.upload(sid, new Uint8Array([1]), 'x.bin');
    expect(upload.status).toBe(403);
    expect((await readOnly.close(sid)).status).toBe(204);
  });
});

describe('Cb Defense', () => {
  it('401 with the v3 body for a missing or non-Defense key', async () => {
    for (const token of [null, emu.cloud.token, emu.token]) {
      const r = await call(`${emu.url}/integrationServices/v3/cblr/session/21211`, 'POST', token, { sensor_id: 21211 });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ success: false, message: 'User is not authenticated' });
    }
  });

  it('device lookup gives deviceType for the LR path style', async () => {
    const r = await call(`${emu.url}/integrationServices/v3/device/21211`, 'GET', emu.defense.token);
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
    expect(r.body.deviceInfo).toMatchObject({ deviceId: 21211, name: 'WIN-IA9NQ1GN8OI', deviceType: 'WINDOWS' });
    expect(typeof r.body.deviceInfo.lastContact).toBe('number');
    expect((await call(`${emu.url}/integrationServices/v3/device/99`, 'GET', emu.defense.token)).status).toBe(404);
    const list = await call(`${emu.url}/integrationServices/v3/device?hostNameExact=WIN-IA9NQ1GN8OI`, 'GET', emu.defense.token);
    expect(list.body).toMatchObject({ success: true, totalResults: 1 });
    expect(list.body.results[0].deviceId).toBe(21211);
  });

  it('sessions are "n:deviceId", upper-case, and close through PUT /session', async () => {
    const lr = lrClient(emu, 'defense');
    const created = await lr.createSession(2);
    expect(created.body.id).toMatch(/^\d+:21212$/);
    expect(created.body.status).toBe('PENDING');
    await lr.waitActive(created.body.id);
    const cmd = await lr.post(created.body.id, 'process list');
    expect(cmd.body.id).toBe(0); // Defense command ids start at 0
    const closed = await lr.close(created.body.id);
    expect(closed.body.status).toBe('CLOSE');
    // A session id naming another device is not this session.
    const wrong = await lr.getSession(created.body.id.replace(':21212', ':21213'));
    expect(wrong.status).toBe(404);
    expect(wrong.body.status).toBe('NOT_FOUND');
  });
});
