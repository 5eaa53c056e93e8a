// Sites, sensor groups, throttle rules and sensors (response.md §5, §6), plus the per-sensor
// facts the process generator needs. Sensor 1 is the docs' host WIN-IA9NQ1GN8OI (user bit9rad).

import { FIRST_NAMES, LAST_NAMES, OPERATING_SYSTEMS, type OsSpec } from './catalog.js';
import { ipToInt } from './guid.js';
import { Rng, hashSeed } from './rng.js';
import { DAY, HOUR, MINUTE, sensorTime } from './time.js';
import type {
  SensorActivityStat,
  SensorDocument,
  SensorGroupDocument,
  SensorQueuedStat,
  SensorResourceStatus,
  SiteDocument,
  TeamAccess,
  ThrottleRuleDocument,
} from './types.js';
import type { SensorFacts } from './world.js';

export const SPECIAL_HOSTNAME = 'WIN-IA9NQ1GN8OI';
export const SPECIAL_USERNAME = 'bit9rad';
export const SPECIAL_IP = '192.168.215.150';

export interface SensorPlan {
  doc: SensorDocument;
  facts: SensorFacts;
  os: OsSpec;
  /** program keys this host must run (docs examples) */
  forced: string[];
}

export function buildSites(): SiteDocument[] {
  return [
    { id: 1, name: 'Default Site' },
    { id: 2, name: 'Headquarters' },
    { id: 3, name: 'Branch Offices' },
  ];
}

export function buildThrottleRules(): ThrottleRuleDocument[] {
  return [
    { id: 1, site_id: 3, day_of_week: 0, from: '08:00', to: '18:00', bytes_per_second: 262_144 },
    { id: 2, site_id: 3, day_of_week: 1, from: '08:00', to: '18:00', bytes_per_second: 262_144 },
    { id: 3, site_id: 2, day_of_week: 6, from: '00:00', to: '06:00', bytes_per_second: 1_048_576 },
  ];
}

function group(id: number, name: string, siteId: number, criticality: number, teamAccess: TeamAccess[]): SensorGroupDocument {
  return {
    id,
    name,
    site_id: siteId,
    sensorbackend_server: 'https://cbserver.corp.example:443',
    sensor_exe_name: '',
    sensor_version: 'Manual',
    datastore_server: null,
    alert_criticality: criticality,
    tamper_level: 0,
    max_licenses: -1,
    banning_enabled: true,
    collect_emet_events: true,
    collect_filemods: true,
    collect_filewritemd5s: true,
    collect_cross_procs: true,
    collect_moduleinfo: true,
    collect_moduleloads: true,
    collect_netconns: true,
    collect_nonbinary_filewrites: true,
    collect_processes: true,
    collect_regmods: true,
    collect_storefiles: true,
    collect_usercontext: true,
    filter_known_dlls: false,
    process_filter_level: 0,
    quota_eventlog_bytes: '1073741824',
    quota_eventlog_percent: 1,
    quota_storefile_bytes: '1073741824',
    quota_storefile_percent: 1,
    vdi_enabled: false,
    team_access: teamAccess,
  };
}

/** Team ids 1 (Administrators) and 2 (SOC Analysts) are created by the admin builder. */
export function buildSensorGroups(): SensorGroupDocument[] {
  const access = (): TeamAccess[] => [
    { team_id: 1, team_name: 'Administrators', access_category: 'Administrator' },
    { team_id: 2, team_name: 'SOC Analysts', access_category: 'Viewer' },
  ];
  return [
    group(1, 'Default Group', 1, 3, access()),
    group(2, 'Workstations', 2, 2, access()),
    group(3, 'Servers', 2, 4, access()),
    group(4, 'Critical Endpoints', 2, 5, access()),
    group(5, 'Branch Workstations', 3, 2, access()),
    group(6, 'Unix Hosts', 1, 3, access()),
  ];
}

const DEPTS = ['FIN', 'HR', 'ENG', 'OPS', 'MKT', 'LEG', 'IT', 'SAL'];
const SERVER_ROLES = ['SQL', 'WEB', 'FS', 'APP', 'DC', 'PRN', 'EXCH', 'BKP'];

function mac(rng: Rng): string {
  return '00155d' + rng.hex(6);
}

/** Sensor count and which of them carry the docs' evil.exe. */
export function buildSensors(seed: number, count: number, epochMs: number, groups: SensorGroupDocument[]): SensorPlan[] {
  const rng = new Rng(hashSeed(seed, 0x5e75));
  const plans: SensorPlan[] = [];
  const usedNames = new Set<string>();
  // evil.exe runs on the docs host, the next Windows host, and one more per ~250 sensors.
  const evilEvery = Math.max(2, Math.floor(count / (Math.floor(count / 250) + 1)));
  let windowsSeen = 0;
  for (let i = 0; i < count; i++) {
    const id = i + 1;
    const special = i === 0;
    const os = special ? OPERATING_SYSTEMS[0] : i === 1 ? OPERATING_SYSTEMS[2] : rng.weighted(OPERATING_SYSTEMS, OPERATING_SYSTEMS.map((o) => o.weight));
    const isServer = os.hostType === 'server';
    let hostname: string;
    if (special) hostname = SPECIAL_HOSTNAME;
    else {
      do {
        if (os.family === 'linux') hostname = `lnx-${SERVER_ROLES[rng.int(SERVER_ROLES.length)].toLowerCase()}-${String(rng.range(1, 999)).padStart(3, '0')}`;
        else if (os.family === 'osx') hostname = `MAC-${DEPTS[rng.int(DEPTS.length)]}-${String(rng.range(1, 9999)).padStart(4, '0')}`;
        else if (isServer) hostname = `SRV-${SERVER_ROLES[rng.int(SERVER_ROLES.length)]}-${String(rng.range(1, 999)).padStart(3, '0')}`;
        else hostname = `WKS-${DEPTS[rng.int(DEPTS.length)]}-${String(rng.range(1, 9999)).padStart(4, '0')}`;
      } while (usedNames.has(hostname));
    }
    usedNames.add(hostname);
    const isDc = isServer && os.family === 'windows' && hostname.startsWith('SRV-DC');
    const hostType: SensorFacts['hostType'] = isDc ? 'domain_controller' : os.hostType;
    const groupId = os.family !== 'windows' ? 6 : special ? 1 : isServer ? (rng.chance(0.2) ? 4 : 3) : rng.chance(0.25) ? 5 : rng.chance(0.1) ? 1 : 2;
    const groupName = groups.find((g) => g.id === groupId)!.name;
    const user = special
      ? SPECIAL_USERNAME
      : os.family === 'linux'
        ? 'svc_app'
        : `${FIRST_NAMES[rng.int(FIRST_NAMES.length)][0]}${LAST_NAMES[rng.int(LAST_NAMES.length)]}`.replace('ü', 'u');
    const userSid = `S-1-5-21-${2_000_000_000 + (hashSeed(seed, 77) % 100_000_000)}-${1_000_000_000 + (hashSeed(seed, 78) % 100_000_000)}-${3_000_000 + (hashSeed(seed, 79) % 1_000_000)}-${1000 + rng.int(9000)}`;
    const ip = special ? SPECIAL_IP : groupId === 5 ? `10.${20 + rng.int(10)}.${rng.int(256)}.${rng.range(2, 254)}` : `10.${rng.int(8)}.${rng.int(256)}.${rng.range(2, 254)}`;
    const natIp = groupId === 5 ? `203.0.113.${rng.range(2, 254)}` : ip;
    const adapters = [`${ip},${mac(rng)}`];
    if (rng.chance(0.15)) adapters.push(`169.254.${rng.int(256)}.${rng.range(1, 254)},${mac(rng)}`);

    // Online sensors checked in within minutes; offline ones days ago.
    const offline = !special && i !== 1 && rng.chance(0.1);
    const lastCheckin = offline ? epochMs - rng.range(1, 20) * DAY - rng.int(DAY) : epochMs - rng.int(4 * MINUTE) - 1000;
    const registration = epochMs - rng.range(40, 400) * DAY - rng.int(DAY);
    const uptimeMs = rng.range(2 * HOUR, 20 * DAY);
    const bootMs = lastCheckin - uptimeMs;
    const physMem = [8, 16, 32, 64][rng.int(4)] * 1024 ** 3 - rng.int(200) * 1024 ** 2;
    const volTotal = [128, 256, 512, 1024][rng.int(4)] * 1_000_000_000 - rng.int(1_000_000_000);
    const isWin = os.family === 'windows';
    const build = isWin ? 1 + rng.int(3) : 4;
    // A couple of isolation states to exercise the state machine (§5): one active, one requested.
    const isolated = i === 1 && count > 2;
    const isolationRequested = i === 3 && count > 4;
    const health = rng.chance(0.85) ? 100 : rng.weighted([90, 80, 60], [3, 2, 1]);
    const doc: SensorDocument = {
      id,
      computer_name: hostname,
      computer_dns_name: `${hostname.toLowerCase()}.corp.example`,
      computer_sid: isWin ? userSid.replace(/-\d+$/, '') : '',
      os_environment_display_string: os.display,
      os_environment_id: os.envId,
      os_type: isWin ? 1 : os.family === 'osx' ? 2 : 3,
      build_id: build,
      build_version_string: isWin ? ['006.003.000.80514', '006.003.002.81002', '007.000.000.19010'][build - 1] : os.family === 'osx' ? '006.002.004.80420' : '006.002.008.90115',
      status: offline ? 'Offline' : 'Online',
      is_isolating: isolated,
      network_isolation_enabled: isolated || isolationRequested,
      supports_isolation: isWin,
      supports_cblr: true,
      supports_2nd_gen_modloads: isWin,
      network_adapters: adapters.join('|') + '|',
      group_id: groupId,
      last_checkin_time: sensorTime(lastCheckin, rng.int(1000)),
      next_checkin_time: sensorTime(lastCheckin + rng.range(30, 300) * 1000, rng.int(1000)),
      registration_time: sensorTime(registration, rng.int(1000)),
      last_update: sensorTime(lastCheckin + rng.int(1000), rng.int(1000)),
      license_expiration: sensorTime(epochMs + rng.range(90, 300) * DAY, rng.int(1000)),
      event_log_flush_time: null,
      restart_queued: false,
      uninstall: false,
      uninstalled: null,
      notes: null,
      display: true,
      boot_id: String(rng.range(1, 120)),
      cookie: rng.u32() & 0x7fffffff,
      clock_delta: String(rng.chance(0.8) ? 0 : rng.range(-3, 3)),
      uptime: String(Math.floor(uptimeMs / 1000)),
      sensor_uptime: String(Math.floor(uptimeMs / 1000) - rng.range(20, 90)),
      physical_memory_size: String(physMem),
      systemvolume_total_size: String(volTotal),
      systemvolume_free_size: String(Math.floor(volTotal * (0.1 + 0.7 * rng.next()))),
      num_eventlog_bytes: String(offline ? rng.range(100_000, 40_000_000) : rng.int(4) === 0 ? rng.range(400, 900_000) : 0),
      num_storefiles_bytes: String(offline ? rng.range(0, 12_000_000) : rng.int(6) === 0 ? rng.range(10_000, 3_000_000) : 0),
      sensor_health_status: health,
      sensor_health_message: health === 100 ? 'Healthy' : health === 90 ? 'Elevated memory usage' : health === 80 ? 'Sensor event queue is backing up' : 'Sensor is not keeping up with events; events are being dropped',
      power_state: 0,
      node_id: 0,
      shard_id: 0,
      parity_host_id: '0',
      emet_version: '',
      emet_dump_flags: '',
      emet_exploit_action: ' (Locally configured)',
      emet_is_gpo: false,
      emet_process_count: 0,
      emet_report_setting: ' (Locally configured)',
      emet_telemetry_path: '',
    };
    const forced: string[] = [];
    if (isWin) {
      if (special) forced.push('notepad', 'cmd-net-use', 'evil');
      else if (windowsSeen > 0 && windowsSeen % evilEvery === 1) forced.push('evil');
      windowsSeen++;
    }
    plans.push({
      doc,
      os,
      forced,
      facts: {
        id,
        hostname,
        group: groupName,
        hostType,
        osType: os.family,
        commsIp: ipToInt(natIp),
        interfaceIp: ipToInt(ip),
        user,
        userSid,
        localIp: ip,
        bootMs,
        endMs: lastCheckin,
      },
    });
  }
  return plans;
}

/** `/queued`, `/activity`, `/resourcestatus` lists for one sensor. */
export function buildSensorStats(seed: number, s: SensorDocument, lastCheckinMs: number) {
  const rng = new Rng(hashSeed(seed, 0x57a7, s.id));
  const queued: SensorQueuedStat[] = [];
  const activity: SensorActivityStat[] = [];
  const resources: SensorResourceStatus[] = [];
  for (let k = 0; k < 3; k++) {
    const t = lastCheckinMs - k * 5 * MINUTE;
    const bytes = k === 0 ? Number(s.num_eventlog_bytes) : rng.int(500_000);
    queued.push({
      id: String(s.id * 1000 + k + 1),
      sensor_id: s.id,
      timestamp: sensorTime(t, rng.int(1000)),
      num_eventlog_bytes: String(bytes),
      num_eventlogs: String(bytes > 0 ? Math.ceil(bytes / 4096) : 0),
      num_storefile_bytes: k === 0 ? s.num_storefiles_bytes : '0',
      num_storefiles: k === 0 && s.num_storefiles_bytes !== '0' ? 1 : 0,
    });
    activity.push({
      id: String(s.id * 1000 + k + 1),
      sensor_id: s.id,
      timestamp: sensorTime(t, rng.int(1000)),
      status: s.status === 'Online' || k > 0 ? 'checkin' : 'offline',
      num_eventlog_bytes: String(rng.int(2_000_000)),
      num_storefile_bytes: String(rng.int(4) === 0 ? rng.int(3_000_000) : 0),
      checkin_ip: s.network_adapters.split(',')[0],
    });
    resources.push({
      id: String(s.id * 1000 + k + 1),
      sensor_id: s.id,
      timestamp: sensorTime(t, rng.int(1000)),
      page_faults: rng.range(1000, 90_000),
      commit_charge: rng.range(20, 200) * 1024 * 1024,
      handle_count: rng.range(300, 1500),
      thread_count: rng.range(20, 90),
      working_set: rng.range(15, 120) * 1024 * 1024,
    });
  }
  return { queued, activity, resources };
}
