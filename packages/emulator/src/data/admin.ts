// Server-level and administrative documents: /api/info, license, teams, users (with tokens and
// roles), storage partitions, ingress filters, investigations and tagged events.

import { Rng, hashSeed } from './rng.js';
import { DAY, HOUR, partitionStamp, solrTime } from './time.js';
import type {
  IngressFilterDocument,
  InvestigationDocument,
  LicenseInfo,
  ServerInfo,
  StoragePartitionDocument,
  TeamDocument,
  UserDocument,
  UserSecret,
  SensorGroupDocument,
} from './types.js';

export const DEFAULT_SERVER_VERSION = '6.3.0.180424.1413';

export function buildInfo(version: string): ServerInfo {
  return {
    version,
    version_release: version.split('.').slice(0, 3).join('.'),
    cblrEnabled: true,
    banningEnabled: true,
    processPageSize: 10,
    binaryPageSize: 10,
    maxSearchResultRows: 10000,
    searchExportCount: 1000,
    liveResponseAutoAttach: true,
    linuxInstallerExists: true,
    osxInstallerExists: true,
    vdiGloballyEnabled: false,
    cloud_install: false,
    features: { immutable_documents: true, event_exclusions: true, thirdparty_sharing: false, ipv6_support: true },
    user_preferences: { bypass_auth: false, cb_license_sharing: true },
    timestampDeltaThreshold: 5,
    maxRowsSolrReportQuery: 10000,
    processOrder: 'last_update desc',
    binaryOrder: 'server_added_timestamp desc',
  };
}

export function buildLicense(seed: number, epochMs: number, sensorCount: number): LicenseInfo {
  const rng = new Rng(hashSeed(seed, 0x11c));
  const end = new Date(epochMs + 300 * DAY);
  return {
    license_valid: true,
    license_end_date: end.toISOString().slice(0, 10),
    licensed_sensor_count: Math.max(100, Math.ceil((sensorCount * 1.25) / 100) * 100),
    server_token: rng.hex(32),
    license_expired: false,
    licensed_sensor_count_exceeded: false,
    actual_sensor_count: sensorCount,
    license_request_block: `-----BEGIN CB LICENSE REQUEST-----\n${Buffer.from(rng.hex(96), 'hex').toString('base64')}\n-----END CB LICENSE REQUEST-----`,
  };
}

export function buildTeams(groups: SensorGroupDocument[]): TeamDocument[] {
  return [
    { id: 1, name: 'Administrators', group_access: groups.map((g) => ({ group_id: g.id, group_name: g.name, access_category: 'Administrator' as const })) },
    { id: 2, name: 'SOC Analysts', group_access: groups.map((g) => ({ group_id: g.id, group_name: g.name, access_category: 'Viewer' as const })) },
  ];
}

export function buildUsers(seed: number, adminToken: string | undefined): { users: UserDocument[]; secrets: [string, UserSecret][] } {
  const rng = new Rng(hashSeed(seed, 0x05e2));
  const admin = adminToken ?? rng.hex(40);
  const analyst = rng.hex(40);
  return {
    users: [
      { username: 'admin', first_name: 'Emulator', last_name: 'Administrator', email: 'admin@corp.example', global_admin: true, teams: [{ id: 1, name: 'Administrators' }], auth_token: admin },
      { username: 'analyst', first_name: 'Sam', last_name: 'Analyst', email: 'analyst@corp.example', global_admin: false, teams: [{ id: 2, name: 'SOC Analysts' }], auth_token: analyst },
    ],
    secrets: [
      ['admin', { password: 'admin', role: 'admin' }],
      ['analyst', { password: 'analyst', role: 'read-only' }],
    ],
  };
}

/** One hot `writer`, warm time-stamped partitions, one cold (unmounted) partition. */
export function buildPartitions(seed: number, epochMs: number, rowCount: number): StoragePartitionDocument[] {
  const rng = new Rng(hashSeed(seed, 0x9a27));
  const parts: StoragePartitionDocument[] = [];
  const mk = (name: string, status: StoragePartitionDocument['status'], start: number, end: number | null, docs: number): StoragePartitionDocument => ({
    name,
    status,
    info: {
      sizeInBytes: docs * rng.range(900, 1400),
      startDate: new Date(start).toISOString().replace('Z', '000Z'),
      endDate: end === null ? null : new Date(end).toISOString().replace('Z', '000Z'),
      partitionId: Math.floor(start / 1000) * 65536,
      deletedDocs: 0,
      maxDoc: docs,
      numDocs: docs,
      segmentCount: rng.range(3, 20),
      userMounted: false,
      isLegacy: false,
      dir: `/var/cb/data/solr5/cbevents/${name}`,
      schema: 'cbevents_v1',
    },
  });
  const writerStart = epochMs - 3 * DAY - rng.int(DAY);
  parts.push(mk('writer', 'hot', writerStart, null, rowCount));
  let end = writerStart;
  for (let k = 0; k < 4; k++) {
    const start = end - 3 * DAY - rng.int(HOUR);
    parts.push(mk(`cbevents_${partitionStamp(start)}`, k === 3 ? 'cold' : 'warm', start, end, rng.range(1000, 90_000)));
    end = start;
  }
  return parts;
}

export function writerPartitionId(parts: StoragePartitionDocument[]): number {
  return parts.find((p) => p.name === 'writer')?.info.partitionId ?? 0;
}

function filter(id: string, name: string, description: string, t: number, extra: Partial<IngressFilterDocument>): IngressFilterDocument {
  return {
    id,
    name,
    description,
    create_timestamp: solrTime(t),
    modify_timestamp: solrTime(t),
    create_user_id: 1,
    modify_user_id: 1,
    version: 1,
    priority: 0,
    internal: false,
    enabled: true,
    filter_on_sensor: false,
    filter_on_server: true,
    track_metrics: true,
    hit_rate: 0,
    os_mask: 7,
    global: true,
    group_ids: [],
    sensor_ids: [],
    path_filters: [],
    command_line_filters: [],
    md5_filters: [],
    descendant_filtering_level: 0,
    filter_all_events: true,
    regmod_filters: [],
    modload_filters: [],
    filemod_filters: [],
    non_binary_filemod_filters: [],
    netconn_filters: [],
    crossproc_filters: [],
    ...extra,
  };
}

export function buildIngressFilters(seed: number, epochMs: number): IngressFilterDocument[] {
  const rng = new Rng(hashSeed(seed, 0x1f17));
  const id = () => {
    const h = rng.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return [
    filter(id(), 'Defender scans', 'Drop events from Windows Defender scans', epochMs - 90 * DAY, { path_filters: ['c:\\programdata\\microsoft\\windows defender\\platform\\*\\msmpeng.exe'], os_mask: 1, hit_rate: 0.12 }),
    filter(id(), 'Backup agent', 'Nightly backup job noise on Linux servers', epochMs - 45 * DAY, { command_line_filters: ['/bin/bash /opt/scripts/backup.sh'], os_mask: 4, descendant_filtering_level: -1, hit_rate: 0.03 }),
  ];
}

export function buildInvestigations(epochMs: number): InvestigationDocument[] {
  return [
    { id: 1, created_by_user_id: 1, date_started: solrTime(epochMs - 300 * DAY), last_updated: solrTime(epochMs - 300 * DAY), name: 'Default Investigation', notes: '' },
    { id: 2, created_by_user_id: 1, date_started: solrTime(epochMs - 2 * DAY), last_updated: solrTime(epochMs - 1 * DAY), name: 'evil.exe outbreak', notes: 'FUZZYWOMBAT dropper seen on several hosts' },
  ];
}
