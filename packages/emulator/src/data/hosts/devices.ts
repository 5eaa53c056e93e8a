// The Carbon Black Cloud (platform v6) and Cb Defense (v3) device views of the emulated hosts:
// the same machines as the Cb Response sensors, under cloud device ids. Online state comes from
// the caller (the LR runtime knows which hosts are offline); contact times are relative to the
// wall clock so job schedulers comparing `last_contact_time` with "now" see the right hosts.
import type { EmulatorState, SensorDocument } from '../types.js';
import { cloudCredentials } from './credentials.js';
import { hostIdentity, osFamilyOf, type HostIdentity } from './identity.js';

/** Cloud device ids are the sensor ids shifted (sensor 2 → 21212, the reference's example id). */
export const DEVICE_ID_OFFSET = 21210;
export const deviceIdOf = (sensorId: number): number => sensorId + DEVICE_ID_OFFSET;
export const sensorIdOf = (deviceId: number): number => deviceId - DEVICE_ID_OFFSET;

/** State changed by device actions (§2.4). */
export interface DeviceOverlay {
  quarantined?: boolean;
  bypass?: boolean;
  backgroundScan?: boolean;
  policy?: { id: number; name: string };
  sensorVersion?: string;
  status?: 'DEREGISTERED' | 'UNINSTALLED';
}

interface Policy {
  id: number;
  name: string;
}

const POLICIES: Readonly<Record<number, Policy>> = {
  1: { id: 6525, name: 'default' },
  2: { id: 6526, name: 'Standard' },
  3: { id: 6527, name: 'Advanced' },
  4: { id: 6528, name: 'Restrictive_Windows_Workstation' },
  5: { id: 6526, name: 'Standard' },
  6: { id: 6529, name: 'Linux Servers' },
};

export const KNOWN_POLICIES: readonly Policy[] = [...new Map(Object.values(POLICIES).map((p) => [p.id, p])).values()];

const SENSOR_VERSIONS = { windows: '3.9.2.2570', osx: '3.7.3.30', linux: '2.14.0.1234641' } as const;

interface DeviceFacts {
  sensor: SensorDocument;
  identity: HostIdentity;
  registeredMs: number;
  /** How long before "now" the sensor last checked in (from the Response data). */
  contactAgeMs: number;
}

const facts = new WeakMap<EmulatorState, Map<number, DeviceFacts>>();
const overlays = new WeakMap<EmulatorState, Map<number, DeviceOverlay>>();

const sensorMs = (text: string): number => Date.parse(text.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1'));

function factsOf(state: EmulatorState, sensor: SensorDocument): DeviceFacts {
  let perState = facts.get(state);
  if (!perState) facts.set(state, (perState = new Map()));
  let f = perState.get(sensor.id);
  if (!f) {
    f = {
      sensor,
      identity: hostIdentity(state, sensor),
      registeredMs: sensorMs(sensor.registration_time),
      contactAgeMs: Math.max(0, state.epochMs - sensorMs(sensor.last_checkin_time)),
    };
    perState.set(sensor.id, f);
  }
  return f;
}

export function deviceOverlay(state: EmulatorState, deviceId: number): DeviceOverlay {
  let perState = overlays.get(state);
  if (!perState) overlays.set(state, (perState = new Map()));
  let o = perState.get(deviceId);
  if (!o) perState.set(deviceId, (o = {}));
  return o;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Epoch ms of the last contact: minutes ago when online, days ago when offline. */
function lastContactMs(f: DeviceFacts, online: boolean, now: number): number {
  const age = online ? Math.min(f.contactAgeMs, 5 * MINUTE) : Math.max(f.contactAgeMs, 2 * DAY);
  return now - age;
}

function priority(state: EmulatorState, sensor: SensorDocument): string {
  const c = state.sensorGroups.get(sensor.group_id)?.alert_criticality ?? 3;
  return c <= 2 ? 'LOW' : c === 3 ? 'MEDIUM' : c === 4 ? 'HIGH' : 'MISSION_CRITICAL';
}

function externalIp(sensor: SensorDocument, ip: string): string {
  return sensor.group_id === 5 ? `203.0.113.${ip.split('.')[3] ?? '1'}` : ip;
}

export type CloudDevice = Record<string, unknown> & { id: number; name: string; os: string; last_contact_time: string };

/** A platform v6 device document (cbc-live-response.md §2.5 fields and their neighbours). */
export function cloudDevice(state: EmulatorState, sensor: SensorDocument, online: boolean, now: number): CloudDevice {
  const f = factsOf(state, sensor);
  const id = f.identity;
  const overlay = deviceOverlay(state, deviceIdOf(sensor.id));
  const policy = overlay.policy ?? POLICIES[sensor.group_id] ?? POLICIES[1];
  const org = cloudCredentials(state);
  const contact = new Date(lastContactMs(f, online, now)).toISOString();
  const os = id.os === 'windows' ? 'WINDOWS' : id.os === 'osx' ? 'MAC' : 'LINUX';
  const status = overlay.status ?? (sensor.status === 'Uninstalled' ? 'UNINSTALLED' : overlay.bypass ? 'BYPASS' : 'REGISTERED');
  const states = online ? ['ACTIVE', 'LIVE_RESPONSE_ENABLED', 'LIVE_RESPONSE_NOT_KILLED'] : ['LIVE_RESPONSE_ENABLED', 'LIVE_RESPONSE_NOT_KILLED'];
  return {
    id: deviceIdOf(sensor.id),
    name: id.hostname,
    os,
    os_version: id.osDisplay,
    status,
    sensor_states: states,
    sensor_version: overlay.sensorVersion ?? SENSOR_VERSIONS[id.os],
    sensor_out_of_date: false,
    sensor_kit_type: os === 'LINUX' ? 'RHEL' : os,
    last_contact_time: contact,
    last_reported_time: contact,
    registered_time: new Date(f.registeredMs).toISOString(),
    quarantined: overlay.quarantined ?? false,
    policy_id: policy.id,
    policy_name: policy.name,
    policy_override: overlay.policy !== undefined,
    target_priority: priority(state, sensor),
    target_priority_type: priority(state, sensor),
    deployment_type: 'ENDPOINT',
    last_internal_ip_address: id.ip,
    last_external_ip_address: externalIp(sensor, id.ip),
    mac_address: id.mac,
    login_user_name: id.os === 'windows' ? `${id.domain}\\${id.user}` : id.user,
    email: `${id.user}@${id.domain.toLowerCase()}.example`,
    organization_id: org.orgId,
    organization_name: org.orgName,
    ad_group_id: 0,
    av_status: id.os === 'windows' ? ['AV_ACTIVE', 'ONDEMAND_SCAN_DISABLED'] : ['AV_NOT_REGISTERED'],
    virtual_machine: false,
    cloud_provider_account_id: null,
    auto_scaling_group_name: null,
    virtual_private_cloud_id: null,
  };
}

/** A Cb Defense v3 `deviceInfo` (defense.md §5.1 names). */
export function defenseDevice(state: EmulatorState, sensor: SensorDocument, online: boolean, now: number): Record<string, unknown> {
  const cloud = cloudDevice(state, sensor, online, now);
  const id = factsOf(state, sensor).identity;
  const lastContact = Date.parse(cloud.last_contact_time);
  const org = cloudCredentials(state);
  return {
    deviceId: cloud.id,
    name: cloud.name,
    deviceType: osFamilyOf(sensor) === 'windows' ? 'WINDOWS' : osFamilyOf(sensor) === 'osx' ? 'MAC' : 'LINUX',
    osVersion: cloud.os_version,
    status: cloud.status,
    sensorStates: cloud.sensor_states,
    sensorVersion: cloud.sensor_version,
    lastContact,
    lastReportedTime: lastContact,
    registeredTime: factsOf(state, sensor).registeredMs,
    createTime: factsOf(state, sensor).registeredMs,
    policyId: cloud.policy_id,
    policyName: cloud.policy_name,
    targetPriorityType: cloud.target_priority,
    quarantined: cloud.quarantined,
    lastInternalIpAddress: cloud.last_internal_ip_address,
    lastExternalIpAddress: cloud.last_external_ip_address,
    lastLocation: cloud.last_external_ip_address === cloud.last_internal_ip_address ? 'ONSITE' : 'OFFSITE',
    organizationId: org.orgId,
    organizationName: org.orgName,
    email: cloud.email,
    assignedToName: id.user,
    firstName: null,
    lastName: null,
    deviceOwnerId: 100000 + sensor.id,
    deviceGuid: `${sensor.computer_sid ? sensor.computer_sid.slice(-8) : '00000000'}-0000-4000-8000-${String(sensor.id).padStart(12, '0')}`,
    windowsPlatform: id.os !== 'windows' ? null : /server/i.test(id.osDisplay) ? 'SERVER_X64' : 'CLIENT_X64',
    linuxKernelVersion: id.os === 'linux' ? '3.10.0-1160.el7.x86_64' : null,
    avStatus: cloud.av_status,
    passiveMode: false,
    rootedBySensor: false,
  };
}
