// Documents carry the fields response.md lists, with the types the client coerces.
import { describe, expect, it } from 'vitest';
import { smallState } from './helpers.js';

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';
type Schema = Record<string, Kind | Kind[]>;

function kindOf(v: unknown): Kind | 'undefined' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as Kind;
}

function check(name: string, doc: object, schema: Schema): void {
  for (const [key, want] of Object.entries(schema)) {
    const kinds = Array.isArray(want) ? want : [want];
    const got = kindOf((doc as Record<string, unknown>)[key]);
    expect(kinds, `${name}.${key} is ${got}`).toContain(got);
  }
}

const S = 'string' as const;
const N = 'number' as const;
const B = 'boolean' as const;
const A = 'array' as const;
const O = 'object' as const;

describe('document shapes (response.md)', () => {
  const state = smallState();

  it('/api/info and license', () => {
    check('info', state.info, { version: S, cblrEnabled: B, version_release: S, banningEnabled: B, processPageSize: N, binaryPageSize: N, maxSearchResultRows: N, searchExportCount: N, liveResponseAutoAttach: B, linuxInstallerExists: B, osxInstallerExists: B, vdiGloballyEnabled: B, cloud_install: B, features: O, user_preferences: O, timestampDeltaThreshold: N, maxRowsSolrReportQuery: N, processOrder: S, binaryOrder: S });
    expect(state.info.version).toMatch(/^6\.3\.0\.\d+/);
    check('license', state.license, { license_request_block: S, license_valid: B, license_end_date: S, licensed_sensor_count: N, server_token: S, license_expired: B, licensed_sensor_count_exceeded: B, actual_sensor_count: N });
  });

  it('sensors (§5)', () => {
    const ints = ['id', 'os_environment_id', 'os_type', 'build_id', 'group_id', 'sensor_health_status', 'power_state', 'node_id', 'shard_id', 'cookie', 'emet_process_count'];
    const bools = ['is_isolating', 'network_isolation_enabled', 'supports_isolation', 'supports_cblr', 'supports_2nd_gen_modloads', 'restart_queued', 'uninstall', 'display', 'emet_is_gpo'];
    const strings = ['computer_name', 'computer_dns_name', 'computer_sid', 'os_environment_display_string', 'build_version_string', 'status', 'network_adapters', 'last_checkin_time', 'next_checkin_time', 'registration_time', 'last_update', 'license_expiration', 'boot_id', 'clock_delta', 'uptime', 'sensor_uptime', 'physical_memory_size', 'systemvolume_total_size', 'systemvolume_free_size', 'num_eventlog_bytes', 'num_storefiles_bytes', 'sensor_health_message', 'parity_host_id'];
    for (const s of state.sensors.values()) {
      check('sensor', s, { ...Object.fromEntries(ints.map((k) => [k, N])), ...Object.fromEntries(bools.map((k) => [k, B])), ...Object.fromEntries(strings.map((k) => [k, S])), event_log_flush_time: [S, 'null'], notes: [S, 'null'], uninstalled: [B, 'null'] });
      expect(s.network_adapters).toMatch(/^([\d.]+,[0-9a-f]{12}\|)+$/);
      expect(s.last_checkin_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00$/);
      for (const k of ['clock_delta', 'uptime', 'sensor_uptime', 'physical_memory_size', 'num_eventlog_bytes']) expect(Number.isInteger(Number((s as unknown as Record<string, string>)[k])), k).toBe(true);
      expect(['Online', 'Offline']).toContain(s.status);
      expect(state.sensorGroups.has(s.group_id)).toBe(true);
      expect(state.sensorQueued.get(s.id)!.length).toBeGreaterThan(0);
      check('queued', state.sensorQueued.get(s.id)![0], { id: S, sensor_id: N, timestamp: S, num_eventlog_bytes: S, num_eventlogs: S, num_storefile_bytes: S, num_storefiles: N });
    }
    // isolation states: one active, one requested (when the estate is big enough)
    const states = [...state.sensors.values()].map((s) => `${s.network_isolation_enabled},${s.is_isolating}`);
    expect(states).toContain('true,true');
  });

  it('groups, sites, throttle rules, teams, users (§6, §7)', () => {
    for (const g of state.sensorGroups.values()) {
      check('group', g, { id: N, name: S, site_id: N, sensorbackend_server: S, sensor_exe_name: S, sensor_version: S, alert_criticality: N, tamper_level: N, max_licenses: N, banning_enabled: B, collect_filemods: B, collect_netconns: B, collect_regmods: B, collect_moduleloads: B, collect_cross_procs: B, process_filter_level: N, quota_eventlog_bytes: S, quota_eventlog_percent: N, vdi_enabled: B, team_access: A });
      expect(state.sites.has(g.site_id)).toBe(true);
    }
    for (const s of state.sites.values()) check('site', s, { id: N, name: S });
    for (const r of state.throttleRules.values()) check('throttle', r, { id: N, site_id: N, day_of_week: N, from: S, to: S, bytes_per_second: N });
    for (const t of state.teams.values()) check('team', t, { id: N, name: S, group_access: A });
    for (const u of state.users.values()) {
      check('user', u, { username: S, first_name: S, last_name: S, email: S, global_admin: B, teams: A, auth_token: S });
      expect(u.auth_token).toMatch(/^[0-9a-f]{40}$/);
      expect(state.userSecrets.get(u.username)).toBeDefined();
    }
    expect(state.userSecrets.get('admin')!.role).toBe('admin');
    expect([...state.userSecrets.values()].some((s) => s.role === 'read-only')).toBe(true);
    expect(state.users.get('admin')!.auth_token).toBe(state.adminToken);
  });

  it('process search rows (§3)', () => {
    const fields: Record<string, Kind> = {
      id: S, unique_id: S, segment_id: N, process_name: S, process_md5: S, path: S, cmdline: S, username: S, hostname: S, sensor_id: N, group: S, host_type: S, os_type: S,
      process_pid: N, parent_pid: N, parent_name: S, parent_unique_id: S, parent_id: S, parent_md5: S, start: S, last_update: S, last_server_update: S,
      min_last_update: S, max_last_update: S, min_last_server_update: S, max_last_server_update: S, terminated: B,
      modload_count: N, filemod_count: N, regmod_count: N, netconn_count: N, childproc_count: N, crossproc_count: N, comms_ip: N, interface_ip: N,
    };
    const solr = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    for (const r of state.processes.rows()) {
      check('process', r, fields);
      for (const k of ['start', 'last_update', 'last_server_update']) expect((r as unknown as Record<string, string>)[k]).toMatch(solr);
      expect(r.process_md5).toMatch(/^[0-9a-f]{32}$/);
      expect(Date.parse(r.last_server_update)).toBeGreaterThanOrEqual(Date.parse(r.last_update));
      expect(Date.parse(r.last_update)).toBeGreaterThanOrEqual(Date.parse(r.start));
      expect(Date.parse(r.last_update)).toBeLessThanOrEqual(state.epochMs);
      if (r.end) expect(r.terminated).toBe(true);
      for (const k of ['id', 'process_name', 'hostname', 'segment_id', 'unique_id', 'start', 'terminated', 'parent_pid', 'childproc_count']) expect(state.processes.field(state.processes.findRow(r.id, r.segment_id), k)).toEqual((r as unknown as Record<string, unknown>)[k]);
    }
  });

  it('binaries (§4)', () => {
    const schema: Schema = { md5: S, original_filename: S, observed_filename: A, signed: S, is_signed: B, digsig_result: S, digsig_result_code: S, digsig_publisher: S, digsig_issuer: S, digsig_subject: S, digsig_prog_name: S, digsig_sign_time: S, company_name: S, product_name: S, file_version: S, product_version: S, file_desc: S, internal_name: S, legal_copyright: S, legal_trademark: S, private_build: S, special_build: S, comments: S, orig_mod_len: N, copied_mod_len: N, is_executable_image: B, is_64bit: B, host_count: N, os_type: S, endpoint: A, group: A, server_added_timestamp: S, timestamp: S, last_seen: S, cb_version: N, watchlists: A, icon: S, event_partition_id: A, facet_id: N };
    for (const b of state.binaries.values()) {
      check('binary', b, schema);
      expect(b.md5).toMatch(/^[0-9A-F]{32}$/);
      expect(b.host_count).toBe(b.endpoint.length);
      for (const e of b.endpoint) expect(e).toMatch(/^[^|]+\|\d+$/);
      expect(Buffer.from(b.icon, 'base64').subarray(1, 4).toString()).toBe('PNG');
      expect(['Windows', 'OSX', 'Linux']).toContain(b.os_type);
      if (b.digsig_result === 'Signed') expect(b.digsig_sign_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    const results = [...state.binaries.values()].map((b) => b.digsig_result);
    expect(results).toContain('Signed');
    expect(results).toContain('Unsigned');
  });

  it('feeds, actions, reports, watchlists (§8, §9, §12)', () => {
    for (const f of state.feeds.values()) {
      check('feed', f, { id: N, name: S, display_name: S, feed_url: S, provider_url: S, summary: S, tech_data: S, category: S, enabled: B, use_proxy: B, validate_server_cert: B, manually_added: B, order: N, provider_rating: N, icon: S, icon_small: S, local_rating: [N, 'null'], username: [S, 'null'], password: [S, 'null'] });
      expect(f.feed_url).toMatch(/^(https?|file):\/\//);
    }
    expect([...state.feeds.values()].map((f) => f.name)).toEqual(expect.arrayContaining(['SOC', 'abusech']));
    for (const a of state.feedActions.values()) {
      check('feedAction', a, { id: N, action_type: N, action_data: S, group_id: N, watchlist_id: N });
      expect(state.feeds.has(a.group_id)).toBe(true);
    }
    for (const r of state.threatReports.values()) {
      check('report', r, { id: S, feed_id: N, title: S, score: N, link: S, timestamp: N, is_ignored: B, feed_name: S, iocs: O, _internal_id: S });
      expect(r.id).toMatch(/^[a-zA-Z0-9-_.]+$/);
      expect(state.feeds.has(r.feed_id)).toBe(true);
    }
    expect([...state.threatReports.values()].some((r) => r.title === 'FUZZYWOMBAT' && r.feed_name === 'SOC')).toBe(true);
    for (const w of state.watchlists.values()) {
      check('watchlist', w, { id: S, name: S, search_query: S, index_type: S, enabled: B, description: S, readonly: B, date_added: S, last_hit: S, last_hit_count: N, total_hits: S, total_tags: S, group_id: N, alliance_id: [S, 'null'], from_alliance: B, search_timestamp: S });
      expect(w.search_query).toMatch(/^cb\.urlver=1&q=/);
    }
    for (const a of state.watchlistActions.values()) {
      check('watchlistAction', a, { id: N, action_type: N, action_data: S, watchlist_id: N });
      expect(state.watchlists.has(String(a.watchlist_id))).toBe(true);
    }
  });

  it('alerts, banned hashes, partitions, ingress filters, investigations (§10-§15)', () => {
    const statuses = new Set<string>();
    for (const a of state.alerts.values()) {
      check('alert', a, { unique_id: S, alert_type: S, status: S, alert_severity: N, sensor_criticality: N, report_score: N, feed_rating: N, ioc_confidence: N, feed_name: S, feed_id: N, hostname: S, sensor_id: N, md5: S, os_type: S, created_time: S, ioc_attr: O, process_id: S, segment_id: N, watchlist_id: S, watchlist_name: S, process_name: S, assigned_to: S, is_ignored: B, total_hosts: S, resolved_time: [S, 'null'] });
      statuses.add(a.status);
      if (a.alert_type.includes('process')) {
        const row = state.processes.findRow(a.process_id, a.segment_id);
        expect(row, `alert process ${a.process_id}`).toBeGreaterThanOrEqual(0);
      }
    }
    expect(state.alerts.size).toBeGreaterThan(0);
    expect(statuses.has('Unresolved')).toBe(true);
    for (const b of state.bannedHashes.values()) check('banned', b, { md5hash: S, text: S, enabled: B, username: S, user_id: N, timestamp: S, block_count: N, audit: A });
    const parts = [...state.storagePartitions.values()];
    expect(parts.filter((p) => p.status === 'hot').map((p) => p.name)).toEqual(['writer']);
    for (const p of parts) {
      check('partition', p, { name: S, status: S, info: O });
      check('partition.info', p.info, { sizeInBytes: N, startDate: S, partitionId: N, deletedDocs: N, maxDoc: N, numDocs: N, segmentCount: N, userMounted: B, isLegacy: B, dir: S, schema: S });
      if (p.name !== 'writer') expect(p.name).toMatch(/^cbevents_\d{4}_\d\d_\d\d_\d{4}/);
    }
    for (const f of state.ingressFilters.values()) check('ingress', f, { id: S, name: S, description: S, priority: N, enabled: B, filter_on_sensor: B, filter_on_server: B, track_metrics: B, hit_rate: N, os_mask: N, global: B, group_ids: A, sensor_ids: A, path_filters: A, descendant_filtering_level: N, filter_all_events: B });
    for (const i of state.investigations.values()) check('investigation', i, { id: N, created_by_user_id: N, date_started: S, last_updated: S, name: S, notes: S });
    for (const t of state.taggedEvents.values()) {
      check('taggedEvent', t, { id: N, event_id: S, event_type: S, date_tagged: S, start_date: S, unique_id: S, process_id: S, segment_id: N, event_data: O, tagged_by_user_id: N, notes: S });
      expect(state.processes.findRow(t.unique_id, t.segment_id)).toBeGreaterThanOrEqual(0);
    }
  });
});
