// Deterministic mutation helpers used by the routes.
import { describe, expect, it } from 'vitest';
import * as m from '../../src/data/mutations.js';
import { createState } from '../../src/data/index.js';

const fresh = () => createState({ seed: 5, scale: 'small' });

describe('mutations', () => {
  it('sensor groups, sites and teams: id allocation, update, delete', () => {
    const s = fresh();
    const g = m.createSensorGroup(s, { name: 'Critical Endpoints 2', site_id: 1 });
    expect(g.id).toBe(7);
    expect(s.sensorGroups.get(7)!.collect_filemods).toBe(true);
    expect(m.updateSensorGroup(s, 7, { name: 'Renamed', id: 99 } as never)!.name).toBe('Renamed');
    expect(s.sensorGroups.get(7)!.id).toBe(7);
    expect(m.deleteSensorGroup(s, 7)).toBe(true);
    expect(m.isConflict(m.deleteSensorGroup(s, [...s.sensors.values()][0].group_id))).toBe(true);
    expect(m.createSite(s, { name: 'Lab' }).id).toBe(4);
    const t = m.createTeam(s, { name: 'IR', group_access: [] });
    expect(t.id).toBe(3);
    expect(m.deleteTeam(s, 3)).toBe(true);
  });

  it('sensors: only writable fields change; isolation check-in flips is_isolating', () => {
    const s = fresh();
    const sensor = [...s.sensors.values()].find((x) => !x.network_isolation_enabled)!;
    m.updateSensor(s, sensor.id, { network_isolation_enabled: true, computer_name: 'hacked' });
    expect(sensor.network_isolation_enabled).toBe(true);
    expect(sensor.computer_name).not.toBe('hacked');
    expect(sensor.is_isolating).toBe(false);
    m.applyIsolationCheckin(s, sensor.id);
    expect(sensor.is_isolating).toBe(true);
  });

  it('users: create with team ids, token, conflict on duplicate, delete', () => {
    const s = fresh();
    const u = m.createUser(s, { username: 'jgarman', first_name: 'J', last_name: 'G', email: 'j@x', global_admin: false, teams: [1], password: 'pw' });
    expect(m.isConflict(u)).toBe(false);
    if (m.isConflict(u)) return;
    expect(u.teams).toEqual([{ id: 1, name: 'Administrators' }]);
    expect(u.auth_token).toMatch(/^[0-9a-f]{40}$/);
    expect(m.userByToken(s, u.auth_token)!.username).toBe('jgarman');
    expect(s.userSecrets.get('jgarman')).toEqual({ password: 'pw', role: 'read-only' });
    expect(m.isConflict(m.createUser(s, { username: 'jgarman' }))).toBe(true);
    expect(m.deleteUser(s, 'jgarman')).toBe(true);
  });

  it('feeds and actions, watchlists and actions', () => {
    const s = fresh();
    const f = m.createFeed(s, { name: 'newfeed', feed_url: 'https://x.example/feed.json' });
    if (m.isConflict(f)) throw new Error('conflict');
    expect(f.id).toBe(5);
    const a = m.createFeedAction(s, f.id, { action_type: 0, action_data: '{"email_recipients":[1]}' })!;
    expect(a).toMatchObject({ group_id: 5, watchlist_id: -1, action_type: 0 });
    expect(m.feedActionsOf(s, 5)).toHaveLength(1);
    expect(m.deleteFeed(s, 5)).toBe(true);
    expect(m.feedActionsOf(s, 5)).toHaveLength(0);
    const w = m.createWatchlist(s, { name: '[WARN] mount', search_query: 'cb.urlver=1&q=process_name%3Anet.exe', index_type: 'events' });
    expect(w.id).toBe('7');
    expect(m.createWatchlistAction(s, w.id, { action_type: 3 })!.watchlist_id).toBe(7);
    expect(m.updateWatchlist(s, '7', { enabled: false })!.enabled).toBe(false);
    expect(m.deleteWatchlist(s, '7')).toBe(true);
    expect(m.watchlistActionsOf(s, '7')).toHaveLength(0);
  });

  it('banning: ban, conflict when already banned, disable clears text, re-ban', () => {
    const s = fresh();
    const md5 = '7FB55F5A62E78AF9B58D08AAEEAEF848';
    const b = m.banHash(s, md5, 'banned from API');
    expect(m.isConflict(b)).toBe(false);
    expect(s.bannedHashes.get(md5.toLowerCase())!.enabled).toBe(true);
    expect(m.isConflict(m.banHash(s, md5, 'again'))).toBe(true);
    expect(m.unbanHash(s, md5)).toMatchObject({ enabled: false, text: '' });
    expect(m.banHash(s, md5, 'again')).toMatchObject({ enabled: true, text: 'again' });
    expect(s.bannedHashes.get(md5.toLowerCase())!.audit).toHaveLength(3);
  });

  it('alerts: single and bulk status/assign/ignore', () => {
    const s = fresh();
    const ids = [...s.alerts.keys()].slice(0, 3);
    expect(m.updateAlert(s, ids[0], { status: 'Resolved' })!.resolved_time).not.toBeNull();
    expect(m.bulkUpdateAlerts(s, { alert_ids: ids, assigned_to: 'analyst', requested_status: 'In Progress' })).toBe(3);
    expect(ids.map((i) => s.alerts.get(i)!.status)).toEqual(['In Progress', 'In Progress', 'In Progress']);
    m.bulkUpdateAlerts(s, { alert_ids: ids, updates: { is_ignored: true, requested_status: 'False Positive' } });
    expect(s.alerts.get(ids[1])).toMatchObject({ is_ignored: true, status: 'False Positive' });
  });

  it('threat reports: ignore flag by ids', () => {
    const s = fresh();
    const r = [...s.threatReports.values()].find((x) => x.title === 'FUZZYWOMBAT')!;
    expect(m.updateThreatReports(s, { [String(r.feed_id)]: [r.id] }, { is_ignored: true })).toBe(1);
    expect(r.is_ignored).toBe(true);
    expect(m.setThreatReportIgnored(s, r.feed_id, r.id, false)!.is_ignored).toBe(false);
  });

  it('ingress filters, partitions, investigations', () => {
    const s = fresh();
    const ids = m.createIngressFilters(s, [{ id: 'abc-1', name: 'n', description: 'd' }]);
    expect(ids).toEqual(['abc-1']);
    expect(s.ingressFilters.get('abc-1')).toMatchObject({ os_mask: 7, enabled: true, filter_on_server: true, priority: 0 });
    expect(m.isConflict(m.createIngressFilters(s, [{ id: 'abc-1', name: 'n', description: 'd' }]))).toBe(true);
    const warm = [...s.storagePartitions.values()].find((p) => p.status === 'warm')!;
    expect(m.unmountPartition(s, warm.name)).toBe(true);
    expect(m.mountPartition(s, warm.name)).toBe(true);
    expect(m.isConflict(m.deletePartition(s, 'writer'))).toBe(true);
    const rolled = m.createNewPartition(s);
    expect(s.storagePartitions.get(rolled)!.status).toBe('warm');
    expect(s.storagePartitions.get('writer')!.info.numDocs).toBe(0);
    const te = m.createTaggedEvent(s, { investigation_id: 1, event_type: 'filemod', unique_id: 'x' })!;
    expect(m.taggedEventsOf(s, 1).map((t) => t.id)).toContain(te.id);
  });

  it('same mutation script → same documents; snapshot/reset restores', () => {
    const run = () => {
      const s = fresh();
      m.createWatchlist(s, { name: 'a', search_query: 'cb.urlver=1&q=x' });
      m.banHash(s, 'a'.repeat(32), 't');
      m.createUser(s, { username: 'u' });
      return s;
    };
    const a = run();
    const b = run();
    expect([...a.watchlists.values()]).toEqual([...b.watchlists.values()]);
    expect([...a.users.values()]).toEqual([...b.users.values()]);
    const snap = m.snapshot(a);
    m.deleteWatchlist(a, '1');
    m.createSite(a, { name: 'x' });
    m.reset(a, snap);
    expect([...a.watchlists.values()]).toEqual([...b.watchlists.values()]);
    expect(a.sites.size).toBe(3);
    expect(a.nextIds).toEqual(b.nextIds);
  });
});
