// Who a host is, derived from its Cb Response sensor document and its process data, so the
// Live Response view (user folders, SIDs, process owners) matches the rest of the dataset.
import { hashString } from '../rng.js';
import type { EmulatorState, SensorDocument } from '../types.js';
import type { OsFamily } from './paths.js';

export interface HostIdentity {
  sensorId: number;
  hostname: string;
  os: OsFamily;
  osDisplay: string;
  /** NetBIOS domain (`CORP` for `*.corp.example`). */
  domain: string;
  /** The interactive user seen in the host's processes. */
  user: string;
  /** `S-1-5-21-...` of the interactive user (Windows) or '' (POSIX). */
  userSid: string;
  ip: string;
  mac: string;
  /** The dataset's "now" (epoch ms); seeded file times lie before it. */
  epochMs: number;
  /** When the host booted (epoch ms). */
  bootMs: number;
}

const SYSTEM_USERS = new Set(['system', 'local service', 'network service', 'root', '']);

export function osFamilyOf(sensor: SensorDocument): OsFamily {
  return sensor.os_type === 1 ? 'windows' : sensor.os_type === 2 ? 'osx' : 'linux';
}

function interactiveUser(state: EmulatorState, sensor: SensorDocument, os: OsFamily): string {
  const counts = new Map<string, number>();
  for (const p of state.processes.processesOfSensor(sensor.id)) {
    const name = String(state.processes.field(state.processes.rowsOf(p)[0], 'username') ?? '');
    if (SYSTEM_USERS.has(name.toLowerCase())) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best = '';
  for (const [name, n] of counts) if (n > (counts.get(best) ?? 0)) best = name;
  return best || (os === 'windows' ? 'Administrator' : os === 'osx' ? 'admin' : 'svc_app');
}

/** Parses `Mon DD HH:MM:SS.ffffff+00:00`-style sensor times. */
function sensorTimeMs(text: string): number {
  const ms = Date.parse(text.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? 0 : ms;
}

export function hostIdentity(state: EmulatorState, sensor: SensorDocument): HostIdentity {
  const os = osFamilyOf(sensor);
  const user = interactiveUser(state, sensor, os);
  const [ip = '127.0.0.1', mac = '000000000000'] = sensor.network_adapters.split('|')[0]?.split(',') ?? [];
  const dnsParts = sensor.computer_dns_name.split('.');
  const lastCheckin = sensorTimeMs(sensor.last_checkin_time) || state.epochMs;
  return {
    sensorId: sensor.id,
    hostname: sensor.computer_name,
    os,
    osDisplay: sensor.os_environment_display_string,
    domain: (dnsParts[1] ?? 'WORKGROUP').toUpperCase(),
    user,
    userSid: os === 'windows' && sensor.computer_sid ? `${sensor.computer_sid}-${1000 + (hashString(user) % 9000)}` : '',
    ip,
    mac,
    epochMs: state.epochMs,
    bootMs: lastCheckin - Number(sensor.uptime) * 1000,
  };
}
