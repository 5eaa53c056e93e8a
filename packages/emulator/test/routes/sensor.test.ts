// Sensors: list filters, single GET, PUT (204 + validation) and the isolation check-in model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ isolationPolls: 3 });
});
afterAll(async () => {
  await t.emu.close();
});

type Sensor = { id: number; computer_name: string; network_adapters: string; group_id: number; is_isolating: boolean; network_isolation_enabled: boolean; supports_isolation: boolean };

describe('sensor list', () => {
  it('returns a JSON array of sensor documents', async () => {
    const list: Sensor[] = await t.getJson('/api/v1/sensor');
    expect(list.length).toBe(t.emu.state.sensors.size);
    for (const f of ['id', 'computer_name', 'os_type', 'status', 'is_isolating', 'network_isolation_enabled', 'network_adapters', 'group_id', 'build_version_string']) {
      expect(list[0]).toHaveProperty(f);
    }
  });

  it('filters by hostname (case-sensitive substring), ip and groupid', async () => {
    const list: Sensor[] = await t.getJson('/api/v1/sensor');
    const s = list[0]!;
    const part = s.computer_name.slice(1, -1);
    const byHost: Sensor[] = await t.getJson(`/api/v1/sensor?hostname=${encodeURIComponent(part)}`);
    expect(byHost.map((x) => x.id)).toContain(s.id);
    for (const x of byHost) expect(x.computer_name).toContain(part);
    const lower = part.toLowerCase() === part ? part.toUpperCase() : part.toLowerCase();
    const byCase: Sensor[] = await t.getJson(`/api/v1/sensor?hostname=${encodeURIComponent(lower)}`);
    for (const x of byCase) expect(x.computer_name).toContain(lower);

    const ip = s.network_adapters.split('|')[0]!.split(',')[0]!;
    const byIp: Sensor[] = await t.getJson(`/api/v1/sensor?ip=${ip}`);
    expect(byIp.map((x) => x.id)).toContain(s.id);
    // ip wins over hostname when both are given
    const both: Sensor[] = await t.getJson(`/api/v1/sensor?ip=${ip}&hostname=no-such-host`);
    expect(both.map((x) => x.id)).toContain(s.id);

    const byGroup: Sensor[] = await t.getJson(`/api/v1/sensor?groupid=${s.group_id}`);
    expect(byGroup.length).toBe(list.filter((x) => x.group_id === s.group_id).length);
    expect(await t.getJson('/api/v1/sensor?hostname=no-such-host-anywhere')).toEqual([]);
  });

  it('pages the v2 list', async () => {
    const body = await t.getJson('/api/v2/sensor?sort.col=computer_name&sort.dir=asc&start=0&rows=2');
    expect(body.total_results).toBe(t.emu.state.sensors.size);
    expect(body.results.length).toBe(Math.min(2, body.total_results));
  });
});

describe('sensor object', () => {
  it('GET one sensor; unknown → 404', async () => {
    const [s] = await t.getJson('/api/v1/sensor');
    expect((await t.getJson(`/api/v1/sensor/${s.id}`)).id).toBe(s.id);
    expect((await t.api('/api/v1/sensor/999999')).status).toBe(404);
  });

  it('PUT answers 204, changes writable fields and validates', async () => {
    const [s] = await t.getJson('/api/v1/sensor');
    const put = await t.send('PUT', `/api/v1/sensor/${s.id}`, { ...s, notes: 'hello' });
    expect(put.status).toBe(204);
    expect((await t.getJson(`/api/v1/sensor/${s.id}`)).notes).toBe('hello');
    const bad = await t.send('PUT', `/api/v1/sensor/${s.id}`, { group_id: 987654 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ reason: 'invalid_group' });
    expect((await t.send('PUT', `/api/v1/sensor/${s.id}`, { notes: 'x' }, t.emu.readOnlyToken)).status).toBe(403);
  });

  it('isolation takes effect only after N polls, and removal likewise', async () => {
    const list: Sensor[] = await t.getJson('/api/v1/sensor');
    const s = list.find((x) => x.supports_isolation && !x.network_isolation_enabled)!;
    expect(s).toBeDefined();
    expect((await t.send('PUT', `/api/v1/sensor/${s.id}`, { ...s, network_isolation_enabled: true })).status).toBe(204);
    const seen: [boolean, boolean][] = [];
    for (let i = 0; i < 4; i++) {
      const cur: Sensor = await t.getJson(`/api/v1/sensor/${s.id}`);
      seen.push([cur.network_isolation_enabled, cur.is_isolating]);
    }
    // requested (true,false) for 2 polls, active (true,true) from the 3rd on
    expect(seen).toEqual([
      [true, false],
      [true, false],
      [true, true],
      [true, true],
    ]);
    // Other sensors' GETs and list calls do not advance it.
    expect((await t.send('PUT', `/api/v1/sensor/${s.id}`, { network_isolation_enabled: false })).status).toBe(204);
    await t.getJson('/api/v1/sensor');
    const first: Sensor = await t.getJson(`/api/v1/sensor/${s.id}`);
    expect([first.network_isolation_enabled, first.is_isolating]).toEqual([false, true]);
    await t.getJson(`/api/v1/sensor/${s.id}`);
    const done: Sensor = await t.getJson(`/api/v1/sensor/${s.id}`);
    expect([done.network_isolation_enabled, done.is_isolating]).toEqual([false, false]);
  });

  it('an offline sensor does not confirm isolation until it checks in again', async () => {
    const list: (Sensor & { status: string; last_checkin_time: string })[] = await t.getJson('/api/v1/sensor');
    const s = list.find((x) => x.supports_isolation && x.status === 'Offline' && !x.network_isolation_enabled)!;
    expect(s).toBeDefined();
    const doc = t.emu.state.sensors.get(s.id)!;
    try {
      expect((await t.send('PUT', `/api/v1/sensor/${s.id}`, { network_isolation_enabled: true })).status).toBe(204);
      for (let i = 0; i < 6; i++) {
        const cur: Sensor & { last_checkin_time: string } = await t.getJson(`/api/v1/sensor/${s.id}`);
        expect([cur.network_isolation_enabled, cur.is_isolating]).toEqual([true, false]);
        expect(cur.last_checkin_time).toBe(s.last_checkin_time);
      }
      // Even with isolationPolls 0 (otherwise instant) nothing happens while it is offline.
      t.emu.core.config.isolationPolls = 0;
      expect((await t.send('PUT', `/api/v1/sensor/${s.id}`, { network_isolation_enabled: false })).status).toBe(204);
      expect((await t.send('PUT', `/api/v1/sensor/${s.id}`, { network_isolation_enabled: true })).status).toBe(204);
      expect((await t.getJson(`/api/v1/sensor/${s.id}`)).is_isolating).toBe(false);

      // Back online: its next check-in (the next GET with polls 0) confirms the request.
      doc.status = 'Online';
      const confirmed: Sensor & { last_checkin_time: string } = await t.getJson(`/api/v1/sensor/${s.id}`);
      expect([confirmed.network_isolation_enabled, confirmed.is_isolating]).toEqual([true, true]);
      expect(confirmed.last_checkin_time).not.toBe(s.last_checkin_time);
    } finally {
      t.emu.core.config.isolationPolls = 3;
      doc.status = 'Offline';
      doc.network_isolation_enabled = false;
      doc.is_isolating = false;
    }
  });

  it('a sensor taken offline with liveResponse.setOffline keeps the request pending; online again, N polls confirm it', async () => {
    const list: Sensor[] = await t.getJson('/api/v1/sensor');
    const s = list.find((x) => x.supports_isolation && !x.network_isolation_enabled && t.emu.state.sensors.get(x.id)!.status === 'Online')!;
    t.emu.liveResponse.setOffline(s.id);
    try {
      expect((await t.send('PUT', `/api/v1/sensor/${s.id}`, { network_isolation_enabled: true })).status).toBe(204);
      for (let i = 0; i < 5; i++) expect((await t.getJson(`/api/v1/sensor/${s.id}`)).is_isolating).toBe(false);
      t.emu.liveResponse.setOffline(s.id, false);
      const seen: boolean[] = [];
      for (let i = 0; i < 3; i++) seen.push((await t.getJson(`/api/v1/sensor/${s.id}`)).is_isolating);
      // the polls made while offline did not count: the 3rd online one confirms
      expect(seen).toEqual([false, false, true]);
    } finally {
      t.emu.liveResponse.setOffline(s.id, false);
      expect((await t.send('PUT', `/api/v1/sensor/${s.id}`, { network_isolation_enabled: false })).status).toBe(204);
      for (let i = 0; i < 3; i++) await t.getJson(`/api/v1/sensor/${s.id}`);
      expect(t.emu.state.sensors.get(s.id)).toMatchObject({ network_isolation_enabled: false, is_isolating: false });
    }
  });

  it('per-sensor statistics are JSON lists or 204', async () => {
    const [s] = await t.getJson('/api/v1/sensor');
    for (const sub of ['queued', 'activity', 'resourcestatus']) {
      const res = await t.api(`/api/v1/sensor/${s.id}/${sub}`);
      expect([200, 204]).toContain(res.status);
      if (res.status === 200) expect(Array.isArray(await res.json())).toBe(true);
    }
  });
});
