// Platform Device API v6: 1-based paging arithmetic, criteria, query, sort, scroll, single GET,
// online/offline contact times, device actions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/index.js';
import { call, startLr } from './helpers.js';

let emu: RunningEmulator;
let total: number;
beforeAll(async () => {
  emu = await startLr({ scale: { sensors: 25, processesPerSensor: 5 } });
  total = emu.state.sensors.size;
});
afterAll(async () => {
  await emu.close();
});

const search = (body: unknown, path = '_search') => call(`${emu.url}/appservices/v6/orgs/${emu.cloud.orgKey}/devices/${path}`, 'POST', emu.cloud.token, body);
const ids = (r: { body: { results: { id: number }[] } }) => r.body.results.map((d) => d.id);
const HOUR = 3_600_000;

describe('device search paging', () => {
  it('defaults: every device counted, 20 rows, ordered by id', async () => {
    const r = await search({});
    expect(r.status).toBe(200);
    expect(r.body.num_found).toBe(total);
    expect(r.body.results).toHaveLength(20);
    expect(ids(r)[0]).toBe(21211);
    expect(ids(r)).toEqual([...ids(r)].sort((a, b) => a - b));
  });

  it('start is 1-based: pages at start = 1 + rows seen cover everything once', async () => {
    const rows = 10;
    const seen: number[] = [];
    let start: number | undefined;
    for (;;) {
      const r = await search({ rows, ...(start === undefined ? {} : { start }) });
      expect(r.body.num_found).toBe(total);
      seen.push(...ids(r));
      if (seen.length >= r.body.num_found) break;
      start = 1 + seen.length;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    // start=0 and start=1 are both the first row; a 0-based offset repeats the previous page's last row.
    expect(ids(await search({ rows: 3, start: 0 }))).toEqual(ids(await search({ rows: 3, start: 1 })));
    const page1 = ids(await search({ rows: 10 }));
    const zeroBased = ids(await search({ rows: 10, start: 10 }));
    expect(zeroBased[0]).toBe(page1[9]);
  });

  it('rows are capped at 10,000; the window cannot pass 10,000; bad values are 400', async () => {
    expect((await search({ rows: 50_000 })).body.results).toHaveLength(total);
    expect((await search({ rows: 10_000, start: 2 })).status).toBe(400);
    expect((await search({ rows: -1 })).status).toBe(400);
    expect((await search({ start: 'x' })).status).toBe(400);
  });

  it('_scroll walks by search_after until it comes back empty', async () => {
    const seen: number[] = [];
    let after = '';
    for (let i = 0; i < 10; i++) {
      const r = await search({ rows: 7, search_after: after }, '_scroll');
      expect(r.body.num_found).toBe(total);
      seen.push(...ids(r));
      after = r.body.search_after;
      if (after === '') break;
    }
    expect(seen).toEqual([...Array(total)].map((_, i) => 21211 + i));
  });
});

describe('device search criteria, query, sort', () => {
  it('criteria: id, os, status (incl. LIVE/INACTIVE), last_contact_time', async () => {
    expect(ids(await search({ criteria: { id: [21212, 21214] } }))).toEqual([21212, 21214]);
    const macs = await search({ criteria: { os: ['MAC'] }, rows: 100 });
    expect(macs.body.num_found).toBeGreaterThan(0);
    for (const d of macs.body.results) expect(d.os).toBe('MAC');
    const offline = [...emu.state.sensors.values()].filter((s) => s.status !== 'Online').map((s) => s.id + 21210);
    expect(offline.length).toBeGreaterThan(0);
    expect(ids(await search({ criteria: { status: ['INACTIVE'] }, rows: 100 }))).toEqual(offline);
    const live = await search({ criteria: { status: ['LIVE'] }, rows: 100 });
    expect(live.body.num_found).toBe(total - offline.length);
    const recent = await search({ criteria: { last_contact_time: { range: '-1h' } }, rows: 100 });
    expect(ids(recent)).toEqual(ids(live));
    const now = Date.now();
    const window = await search({ criteria: { last_contact_time: { start: new Date(now - HOUR).toISOString(), end: new Date(now + HOUR).toISOString() } }, rows: 100 });
    expect(ids(window)).toEqual(ids(live));
    expect((await search({ criteria: { status: ['ALL'] } })).body.num_found).toBe(total);
  });

  it('criteria errors are 400', async () => {
    expect((await search({ criteria: { last_contact_time: { range: '-1h', start: '2024-01-01T00:00:00Z' } } })).status).toBe(400);
    expect((await search({ criteria: { os: 'WINDOWS' } })).status).toBe(400);
    expect((await search({ criteria: { no_such_field: ['x'] } })).status).toBe(400);
  });

  it('query (Lucene-style) and sort', async () => {
    const mac = await search({ query: 'os:MAC', rows: 100 });
    expect(mac.body.num_found).toBe((await search({ criteria: { os: ['MAC'] } })).body.num_found);
    const name = emu.state.sensors.get(1)!.computer_name;
    expect(ids(await search({ query: `name:${name}` }))).toEqual([21211]);
    const bad = await search({ query: 'name:(' });
    expect(bad.status).toBe(400);
    expect(bad.body.reason).toBe('query_malformed_syntax');
    const sorted = await search({ sort: [{ field: 'name', order: 'DESC' }], rows: 100 });
    const names = sorted.body.results.map((d: { name: string }) => d.name.toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
    expect((await search({ sort: [{ field: 'name', order: 'SIDEWAYS' }] })).status).toBe(400);
  });
});

describe('single device and actions', () => {
  it('GET one device: LR-relevant fields; offline hosts have an old last_contact_time', async () => {
    const r = await call(`${emu.url}/appservices/v6/orgs/${emu.cloud.orgKey}/devices/21211`, 'GET', emu.cloud.token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 21211, name: 'WIN-IA9NQ1GN8OI', os: 'WINDOWS', status: 'REGISTERED', quarantined: false });
    for (const f of ['os_version', 'sensor_states', 'sensor_version', 'policy_id', 'policy_name', 'target_priority', 'deployment_type', 'last_internal_ip_address', 'last_external_ip_address']) {
      expect(r.body).toHaveProperty(f);
    }
    expect(r.body.last_contact_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.now() - Date.parse(r.body.last_contact_time)).toBeLessThan(HOUR);
    expect(r.body.sensor_states).toContain('ACTIVE');
    const off = await call(`${emu.url}/appservices/v6/orgs/${emu.cloud.orgKey}/devices/21213`, 'GET', emu.cloud.token);
    expect(Date.now() - Date.parse(off.body.last_contact_time)).toBeGreaterThan(HOUR);
    expect(off.body.sensor_states).not.toContain('ACTIVE');
    const missing = await call(`${emu.url}/appservices/v6/orgs/${emu.cloud.orgKey}/devices/5`, 'GET', emu.cloud.token);
    expect(missing.status).toBe(404);
    expect(missing.body.error_code).toBe('NOT_FOUND');
  });

  it('setOffline moves a device out of the live set', async () => {
    emu.liveResponse.setOffline(21214 - 21210);
    const r = await call(`${emu.url}/appservices/v6/orgs/${emu.cloud.orgKey}/devices/21214`, 'GET', emu.cloud.token);
    expect(Date.now() - Date.parse(r.body.last_contact_time)).toBeGreaterThan(HOUR);
    emu.liveResponse.setOffline(4, false);
  });

  it('device actions by id and by search (204), reflected on the devices', async () => {
    const actions = `${emu.url}/appservices/v6/orgs/${emu.cloud.orgKey}/device_actions`;
    expect((await call(actions, 'POST', emu.cloud.token, { action_type: 'QUARANTINE', device_id: [21212], options: { toggle: 'ON' } })).status).toBe(204);
    expect((await search({ criteria: { id: [21212] } })).body.results[0].quarantined).toBe(true);
    expect((await call(actions, 'POST', emu.cloud.token, { action_type: 'UPDATE_POLICY', search: { criteria: { os: ['MAC'] } }, options: { policy_id: 6527 } })).status).toBe(204);
    for (const d of (await search({ criteria: { os: ['MAC'] }, rows: 100 })).body.results) expect(d.policy_id).toBe(6527);
    expect((await call(actions, 'POST', emu.cloud.token, { action_type: 'SELF_DESTRUCT', device_id: [21212] })).status).toBe(400);
  });
});
