// Create/update/delete of the mutable resources, with their validation errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../src/index.js';
import { startTestServer, type TestServer } from '../server/helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.emu.close();
});

describe('server info and license', () => {
  it('license endpoints', async () => {
    expect(await t.getJson('/api/license')).toEqual({ license_request_block: expect.any(String) });
    expect(await t.getJson('/api/v1/license')).toMatchObject({ license_valid: expect.any(Boolean), licensed_sensor_count: expect.any(Number) });
    expect((await t.send('POST', '/api/license', { license: 'BLOCK' })).body).toEqual({ status: 'success' });
    expect((await t.send('POST', '/api/license', {})).status).toBe(400);
  });
});

describe('sites, sensor groups, throttle rules', () => {
  it('site lifecycle; GET answers a one-element array', async () => {
    const created = await t.send('POST', '/api/site', { name: 'Branch' });
    expect(created.status).toBe(200);
    const id = created.body.id as number;
    expect(await t.getJson(`/api/site/${id}`)).toEqual([{ id, name: 'Branch' }]);
    expect((await t.send('PUT', `/api/site/${id}`, { id, name: 'Branch 2' })).body).toEqual({ result: 'success' });
    expect((await t.getJson(`/api/site/${id}`))[0].name).toBe('Branch 2');
    expect((await t.send('POST', '/api/site', {})).status).toBe(400);
    expect((await t.send('DELETE', `/api/site/${id}`)).status).toBe(200);
    expect(await t.getJson(`/api/site/${id}`)).toEqual([]);
  });

  it('sensor group lifecycle with validation', async () => {
    const site = (await t.getJson('/api/site'))[0];
    const created = await t.send('POST', '/api/group', { id: null, name: 'Lab Machines', site_id: site.id });
    expect(created.status).toBe(200);
    const id = created.body.id as number;
    const [group] = await t.getJson(`/api/group/${id}`);
    expect(group).toMatchObject({ id, name: 'Lab Machines', site_id: site.id, team_access: [] });
    expect(group).toHaveProperty('collect_filemods');
    expect((await t.send('PUT', `/api/group/${id}`, { ...group, alert_criticality: 5 })).status).toBe(200);
    expect((await t.getJson(`/api/group/${id}`))[0].alert_criticality).toBe(5);

    expect((await t.send('POST', '/api/group', { name: 'no site' })).body).toMatchObject({ reason: 'missing_field' });
    expect((await t.send('POST', '/api/group', { name: 'bad site', site_id: 424242 })).body).toMatchObject({ reason: 'invalid_site' });
    expect((await t.send('POST', '/api/group', { name: 'Lab Machines', site_id: site.id })).status).toBe(409);
    expect((await t.send('PUT', `/api/group/${id}`, { alert_criticality: 9 })).status).toBe(400);

    expect((await t.send('DELETE', `/api/group/${id}`)).body).toEqual({ result: 'success' });
    expect(await t.getJson(`/api/group/${id}`)).toEqual([]);
    // a group that still has sensors cannot be deleted
    const [sensor] = await t.getJson('/api/v1/sensor');
    expect((await t.send('DELETE', `/api/group/${sensor.group_id}`)).status).toBe(409);
  });

  it('serves group installers', async () => {
    const [group] = await t.getJson('/api/group');
    const exe = await t.api(`/api/v1/group/${group.id}/installer/windows/exe`);
    expect(Buffer.from(await exe.arrayBuffer()).toString('latin1', 0, 2)).toBe('MZ');
    const msi = await t.api(`/api/v1/group/${group.id}/installer/windows/msi`);
    expect(msi.headers.get('content-type')).toBe('application/zip');
    expect(readZip(Buffer.from(await msi.arrayBuffer())).map((e) => e.name)).toContain('sensorsettings.ini');
    const linux = Buffer.from(await (await t.api(`/api/v1/group/${group.id}/installer/linux`)).arrayBuffer());
    expect([linux[0], linux[1]]).toEqual([0x1f, 0x8b]);
    expect((await t.api(`/api/v1/group/${group.id}/installer/amiga`)).status).toBe(404);
  });

  it('throttle rules', async () => {
    const site = (await t.getJson('/api/site'))[0];
    const created = await t.send('POST', '/api/throttle', { site_id: site.id, day_of_week: 1, from: '08:00', to: '17:00', bytes_per_second: 1000 });
    expect(created.status).toBe(200);
    const list = await t.getJson('/api/throttle');
    expect(list.find((r: { id: number }) => r.id === created.body.id)).toMatchObject({ site_id: site.id, bytes_per_second: 1000 });
    expect((await t.send('POST', '/api/throttle', { site_id: site.id, day_of_week: 9, from: '08:00', to: '17:00', bytes_per_second: 1 })).status).toBe(400);
  });
});

describe('teams and users', () => {
  it('team lifecycle', async () => {
    const [group] = await t.getJson('/api/group');
    const created = await t.send('POST', '/api/team', { name: 'IR', group_access: [{ group_id: group.id, access_category: 'Viewer' }] });
    expect(created.status).toBe(200);
    const team = await t.getJson(`/api/team/${created.body.id}`);
    expect(team.group_access).toEqual([{ group_id: group.id, group_name: group.name, access_category: 'Viewer' }]);
    expect((await t.send('POST', '/api/team', { name: 'bad', group_access: [{ group_id: group.id, access_category: 'Boss' }] })).status).toBe(400);
    expect((await t.send('DELETE', `/api/team/${team.id}`)).status).toBe(200);
  });

  it('user lifecycle; the new token works; non-admins get 403', async () => {
    const [team] = await t.getJson('/api/teams');
    const body = { username: 'jgarman', first_name: 'Jason', last_name: 'Garman', email: 'j@example.com', password: 'pw', global_admin: false, teams: [team.id], id: null };
    const created = await t.send('POST', '/api/user', body);
    expect(created.body).toEqual({ result: 'success' });
    const user = await t.getJson('/api/user/jgarman');
    expect(user).toMatchObject({ username: 'jgarman', teams: [{ id: team.id, name: team.name }], auth_token: expect.any(String) });
    expect(user).not.toHaveProperty('password');
    expect((await t.api('/api/info', { token: user.auth_token })).status).toBe(200);
    // A non-admin may read itself but not manage users.
    expect((await t.api('/api/user/jgarman', { token: user.auth_token })).status).toBe(200);
    expect((await t.send('POST', '/api/user', { ...body, username: 'other' }, user.auth_token)).status).toBe(403);
    expect((await t.send('POST', '/api/user', body)).status).toBe(409);
    expect((await t.send('POST', '/api/user', { ...body, username: 'x2', email: 'nope' })).status).toBe(400);
    expect((await t.send('PUT', '/api/user/jgarman', { ...user, first_name: 'J' })).status).toBe(200);
    expect((await t.getJson('/api/user/jgarman')).first_name).toBe('J');
    expect((await t.send('DELETE', '/api/user/jgarman')).status).toBe(200);
    expect((await t.api('/api/info', { token: user.auth_token })).status).toBe(401);
  });
});

describe('feeds and actions', () => {
  it('feed lifecycle, validation, synchronize and actions', async () => {
    const bad = await t.send('POST', '/api/v1/feed', { feed_url: 'ftp://nope' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ reason: 'invalid_feed_url' });
    const created = await t.send('POST', '/api/v1/feed', { feed_url: 'https://intel.example.com/feed.json', enabled: true });
    const id = created.body.id as number;
    const feed = await t.getJson(`/api/v1/feed/${id}`);
    expect(feed).toMatchObject({ id, feed_url: 'https://intel.example.com/feed.json', enabled: true });
    expect((await t.send('POST', `/api/v1/feed/${id}/synchronize`, { full_sync: true })).status).toBe(200);
    await t.send('PUT', `/api/v1/feed/${id}`, { ...feed, enabled: false });
    expect((await t.send('POST', `/api/v1/feed/${id}/synchronize`, { full_sync: true })).status).toBe(409);

    const action = await t.send('POST', `/api/v1/feed/${id}/action`, { action_type: 0, action_data: '{"email_recipients":[1]}', group_id: id, watchlist_id: null });
    expect(action.body).toMatchObject({ id: expect.any(Number), action_type: 0, group_id: id, watchlist_id: -1 });
    expect(await t.getJson(`/api/v1/feed/${id}/action`)).toHaveLength(1);
    expect((await t.send('PUT', `/api/v1/feed/${id}/action/${action.body.id}`, { action_type: 3 })).status).toBe(200);
    expect((await t.send('POST', `/api/v1/feed/${id}/action`, { action_type: 7 })).status).toBe(400);
    expect((await t.send('DELETE', `/api/v1/feed/${id}/action/${action.body.id}`)).status).toBe(200);
    expect((await t.send('DELETE', `/api/v1/feed/${id}`)).status).toBe(200);
    expect((await t.api(`/api/v1/feed/${id}`)).status).toBe(404);
  });

  it('serves a feed report by feed and report id', async () => {
    const report = (await t.getJson('/api/v1/threat_report?rows=1')).results[0];
    const body = await t.getJson(`/api/v1/feed/${report.feed_id}/report/${encodeURIComponent(report.id)}`);
    expect(body).toMatchObject({ id: report.id, feed_id: report.feed_id });
  });
});

describe('watchlists', () => {
  it('create → {id}, GET with string id, update, actions, delete; validation', async () => {
    const created = await t.send('POST', '/api/v1/watchlist', { index_type: 'events', name: 'Net use', search_query: 'cb.urlver=1&facet=false&q=process_name%3Anet.exe&sort=last_update+desc' });
    expect(created.status).toBe(200);
    const id = created.body.id as number;
    const wl = await t.getJson(`/api/v1/watchlist/${id}`);
    expect(wl).toMatchObject({ id: String(id), name: 'Net use', index_type: 'events', enabled: true });
    expect((await t.send('PUT', `/api/v1/watchlist/${id}`, { ...wl, enabled: false })).body).toEqual({ result: 'success' });
    expect((await t.getJson(`/api/v1/watchlist/${id}`)).enabled).toBe(false);

    const action = await t.send('POST', `/api/v1/watchlist/${id}/action`, { action_type: 3, watchlist_id: id });
    expect(action.body).toMatchObject({ watchlist_id: id, action_type: 3 });
    expect(await t.getJson(`/api/v1/watchlist/${id}/action`)).toHaveLength(1);

    expect((await t.send('POST', '/api/v1/watchlist', { name: 'x', search_query: 'q=a', index_type: 'files' })).body).toMatchObject({ reason: 'invalid_index_type' });
    expect((await t.send('POST', '/api/v1/watchlist', { name: 'y', index_type: 'events' })).body).toMatchObject({ reason: 'missing_field' });
    expect((await t.send('POST', '/api/v1/watchlist', { name: 'z', index_type: 'events', search_query: 'q=process_name%3A(cmd' })).body).toMatchObject({ reason: 'query_malformed_syntax' });
    expect((await t.send('DELETE', `/api/v1/watchlist/${id}`)).status).toBe(200);
    expect((await t.api(`/api/v1/watchlist/${id}`)).status).toBe(404);
  });
});

describe('banned hashes', () => {
  it('ban, conflict on re-ban, update, disable', async () => {
    const md5 = '7fb55f5a62e78af9b58d08aaeeaef848';
    expect((await t.api(`/api/v1/banning/blacklist/${md5}`)).status).toBe(404);
    expect((await t.send('POST', '/api/v1/banning/blacklist', { md5hash: md5.toUpperCase(), text: 'banned from API' })).body).toEqual({ result: 'success' });
    const ban = await t.getJson(`/api/v1/banning/blacklist/${md5}`);
    expect(ban).toMatchObject({ md5hash: md5, text: 'banned from API', enabled: true, audit: expect.any(Array) });
    const again = await t.send('POST', '/api/v1/banning/blacklist', { md5hash: md5, text: 'x' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('banned hash already exists');
    expect((await t.send('PUT', `/api/v1/banning/blacklist/${md5}`, { ...ban, text: 'new text' })).status).toBe(200);
    expect((await t.send('DELETE', `/api/v1/banning/blacklist/${md5}`)).status).toBe(200);
    expect(await t.getJson(`/api/v1/banning/blacklist/${md5}`)).toMatchObject({ enabled: false, text: '' });
    expect((await t.send('POST', '/api/v1/banning/blacklist', { md5hash: 'xyz' })).status).toBe(400);
  });
});

describe('alerts and threat reports', () => {
  it('updates one alert by POST and many by the bulk endpoint', async () => {
    const page = await t.getJson('/api/v1/alert?q=status:Unresolved&rows=3');
    const [a, b, c] = page.results;
    expect((await t.send('POST', `/api/v1/alert/${a.unique_id}`, { ...a, status: 'Resolved' })).status).toBe(200);
    expect(t.emu.state.alerts.get(a.unique_id)!.status).toBe('Resolved');
    expect((await t.send('POST', `/api/v1/alert/${a.unique_id}`, { ...a, status: 'Done' })).status).toBe(400);

    // 1.3.2 set_ignored form, HEAD assign form
    await t.send('POST', '/api/v1/alerts', { alert_ids: [b.unique_id, c.unique_id], updates: { is_ignored: true, requested_status: 'False Positive' } });
    expect(t.emu.state.alerts.get(b.unique_id)).toMatchObject({ is_ignored: true, status: 'False Positive' });
    await t.send('POST', '/api/v1/alerts', { alert_ids: [c.unique_id], assigned_to: 'admin', requested_status: 'In Progress' });
    expect(t.emu.state.alerts.get(c.unique_id)).toMatchObject({ assigned_to: 'admin', status: 'In Progress' });
    const after = await t.getJson(`/api/v1/alert?q=${encodeURIComponent(`unique_id:${c.unique_id}`)}`);
    expect(after.results[0].status).toBe('In Progress');
    expect((await t.send('POST', '/api/v1/alerts', { alert_ids: 'nope' })).status).toBe(400);
  });

  it('bulk-updates threat reports by ids and by query', async () => {
    const [r] = (await t.getJson('/api/v1/threat_report?q=is_ignored:false&rows=1')).results;
    await t.send('POST', '/api/v1/threat_report', { ids: { [String(r.feed_id)]: [r.id] }, updates: { is_ignored: true } });
    expect((await t.getJson(`/api/v1/feed/${r.feed_id}/report/${encodeURIComponent(r.id)}`)).is_ignored).toBe(true);
    const res = await t.send('POST', '/api/v1/threat_report', { query: `cb.urlver=1&q=feed_id%3A${r.feed_id}`, updates: { is_ignored: false } });
    expect(res.status).toBe(200);
    expect((await t.getJson(`/api/v1/threat_report?q=feed_id:${r.feed_id} is_ignored:true&rows=0`)).total_results).toBe(0);
    expect((await t.send('POST', '/api/v1/threat_report', { ids: {}, updates: { title: 'x' } })).status).toBe(400);
  });
});

describe('ingress filters, investigations, storage partitions', () => {
  it('ingress filter POST takes an array and answers ids', async () => {
    const res = await t.send('POST', '/api/v1/ingress_whitelist', [{ id: 'f-1', name: 'quiet', description: 'd', path_filters: ['c:\\tools\\*'] }]);
    expect(res.body).toEqual(['f-1']);
    expect(await t.getJson('/api/v1/ingress_whitelist/f-1')).toMatchObject({ id: 'f-1', os_mask: 7, enabled: true, path_filters: ['c:\\tools\\*'] });
    expect((await t.send('PUT', '/api/v1/ingress_whitelist/f-1', { enabled: false })).status).toBe(200);
    expect((await t.send('POST', '/api/v1/ingress_whitelist', [{ id: 'f-2', name: 'n' }])).status).toBe(400);
    expect((await t.send('DELETE', '/api/v1/ingress_whitelist/f-1')).status).toBe(200);
  });

  it('investigations and tagged events', async () => {
    const inv = await t.send('POST', '/api/investigations', { name: 'Case 1' });
    const id = inv.body.id as number;
    const ev = await t.send('POST', '/api/tagged_event', { investigation_id: id, event_data: { description: 'x' }, event_type: 'filemod' });
    expect(ev.status).toBe(200);
    expect(await t.getJson(`/api/tagged_event/${id}`)).toHaveLength(1);
    expect((await t.send('PUT', `/api/investigations/${id}`, { notes: 'n' })).status).toBe(200);
    expect((await t.send('POST', '/api/tagged_event', { investigation_id: 99999 })).status).toBe(400);
  });

  it('storage partitions: list, roll, unmount/mount, delete', async () => {
    const before = await t.getJson('/api/v1/storage/events/partition');
    expect(before.writer).toMatchObject({ name: 'writer', status: 'hot' });
    expect((await t.send('POST', '/api/v1/storage/events/new_partition', null)).status).toBe(200);
    const after = await t.getJson('/api/v1/storage/events/partition');
    expect(Object.keys(after).length).toBe(Object.keys(before).length + 1);
    const warm = Object.values<{ name: string; status: string }>(after).find((p) => p.status === 'warm')!;
    expect(warm.name).toMatch(/^cbevents_\d{4}_\d{2}_\d{2}_\d{4}/);
    await t.send('POST', `/api/v1/storage/events/${warm.name}/unmount`, null);
    expect((await t.getJson('/api/v1/storage/events/partition'))[warm.name].status).toBe('cold');
    await t.send('POST', `/api/v1/storage/events/${warm.name}/mount`, null);
    expect((await t.getJson('/api/v1/storage/events/partition'))[warm.name].status).toBe('warm');
    expect((await t.send('DELETE', '/api/v1/storage/events/writer')).status).toBe(409);
    expect((await t.send('DELETE', `/api/v1/storage/events/${warm.name}`)).status).toBe(200);
    expect((await t.getJson('/api/v1/storage/events/partition'))[warm.name]).toBeUndefined();
  });
});
