// Device (cbc-live-response.md §2): an endpoint of the Carbon Black Cloud platform API.
// Read with GET /appservices/v6/orgs/{org}/devices/{id}, searched with DeviceSearchQuery; the
// document is changed only through device actions, so every field is read-only.
import { defineModel, field, type CallOptions, type ModelHost } from '@cb/core';
import type { LiveResponseSession } from '@cb/live-response';
import { FieldRenamedError } from '../errors.js';
import { liveResponseOf, lrOsType, type LrSessionOptions } from '../live-response.js';
import { devicesPath } from '../paths.js';
import { DeviceSearchQuery } from '../query/device-search-query.js';
import type { DeviceDeploymentType, DeviceOs, DeviceStatus } from '../query/criteria.js';
import { sendDeviceAction, type DeviceAction } from './device-actions.js';

const ro = { readOnly: true } as const;
/** Present on most documents but null when unknown (never-reported devices, workloads...). */
const opt = { readOnly: true, nullable: true } as const;

export class Device extends defineModel({
  name: 'Device',
  urlObject: (host) => devicesPath(host),
  create: false,
  update: false,
  delete: false,
  fields: {
    id: { type: 'int', ...ro },
    name: field<string | null>('string', opt),
    os: field<DeviceOs | (string & {})>('string', ro),
    os_version: field<string | null>('string', opt),
    status: field<DeviceStatus | (string & {})>('string', ro),
    /** e.g. `LIVE_RESPONSE_ENABLED`, `LIVE_RESPONSE_NOT_KILLED`, `ACTIVE`. */
    sensor_states: field<string[]>('array', ro),
    sensor_version: field<string | null>('string', opt),
    sensor_out_of_date: field<boolean | null>('boolean', opt),
    sensor_pending_update: field<boolean | null>('boolean', opt),
    sensor_kit_type: field<string | null>('string', opt),
    last_contact_time: field<Date | null>('iso-date', opt),
    last_reported_time: field<Date | null>('iso-date', opt),
    registered_time: field<Date | null>('iso-date', opt),
    deregistered_time: field<Date | null>('iso-date', opt),
    quarantined: field<boolean | null>('boolean', opt),
    passive_mode: field<boolean | null>('boolean', opt),
    policy_id: field<number | null>('int', opt),
    policy_name: field<string | null>('string', opt),
    policy_override: field<boolean | null>('boolean', opt),
    /** `LOW`, `MEDIUM`, `HIGH`, `MISSION_CRITICAL` (the search criterion is `target_priority`). */
    target_priority: field<string | null>('string', opt),
    /** The same value under the name the reference lists (§2.5); older documents carry only this one. */
    target_priority_type: field<string | null>('string', opt),
    deployment_type: field<DeviceDeploymentType | (string & {}) | null>('string', opt),
    ad_group_id: field<number | null>('int', opt),
    last_internal_ip_address: field<string | null>('string', opt),
    last_external_ip_address: field<string | null>('string', opt),
    last_location: field<string | null>('string', opt),
    mac_address: field<string | null>('string', opt),
    login_user_name: field<string | null>('string', opt),
    email: field<string | null>('string', opt),
    first_name: field<string | null>('string', opt),
    last_name: field<string | null>('string', opt),
    organization_id: field<number | null>('int', opt),
    organization_name: field<string | null>('string', opt),
    av_status: field<string[]>('array', ro),
    virtual_machine: field<boolean | null>('boolean', opt),
    vdi_base_device: field<number | null>('int', opt),
    windows_platform: field<string | null>('string', opt),
    linux_kernel_version: field<string | null>('string', opt),
    cloud_provider_account_id: field<string | null>('string', opt),
    auto_scaling_group_name: field<string | null>('string', opt),
    virtual_private_cloud_id: field<string | null>('string', opt),
    vulnerability_score: field<number | null>('float', opt),
    vulnerability_severity: field<string | null>('string', opt),
  },
}) {
  /** `select(Device)`: a lazy device search. */
  static createQuery(host: ModelHost): DeviceSearchQuery {
    return new DeviceSearchQuery(host, Device);
  }

  /**
   * Platform devices are identified by `id`; `deviceId` was the legacy Endpoint Standard (v3)
   * name. Reading it throws, as the CBC SDK does, instead of quietly giving undefined (G4).
   * @deprecated Use `id`.
   */
  get deviceId(): never {
    throw new FieldRenamedError('Device', 'deviceId', 'id', 'platform devices use "id"; "deviceId" was the legacy Endpoint Standard v3 name');
  }

  /** The sensor reports Live Response as enabled (`sensor_states` has LIVE_RESPONSE_ENABLED). */
  get liveResponseEnabled(): boolean {
    const states = this.get('sensor_states', []);
    return Array.isArray(states) && states.includes('LIVE_RESPONSE_ENABLED');
  }

  // -------------------------------------------------------------------------------------------
  // Live Response (§3): a lease from api.liveResponse; close() (or `await using`) gives it back.

  /**
   * Opens (or shares) a Live Response v6 session with this device and waits until it is active.
   *
   *     await using lr = await device.lrSession();
   *     const processes = await lr.listProcesses();
   */
  lrSession(options: LrSessionOptions = {}): Promise<LiveResponseSession> {
    const manager = liveResponseOf(this.api);
    // A loaded document already tells the OS, which saves the backend a device GET.
    const os = this.isLoaded ? lrOsType(this.get('os', undefined)) : undefined;
    const states = this.isLoaded ? this.get('sensor_states', []) : [];
    if (Array.isArray(states) && states.length > 0 && !states.includes('LIVE_RESPONSE_ENABLED')) {
      this.api.logger?.warn(
        `Device ${this.id} does not report LIVE_RESPONSE_ENABLED (sensor_states: ${states.join(', ')}); the session may never become active`,
      );
    }
    return manager.acquire(this.id, { ...options, ...(os ? { osType: os } : {}) });
  }

  // -------------------------------------------------------------------------------------------
  // Device actions (§2.4). Each sends one request; call refresh() to see the new state.

  /** Sends `action` for this device and drops its cached document (it is now stale). */
  async action(action: DeviceAction, options: CallOptions = {}): Promise<void> {
    const id = this.id;
    await sendDeviceAction(this.api, action, { deviceIds: [id] }, options);
    await this.api.cache.invalidate(Device, id, this.api.cacheScope);
  }

  quarantine(enable: boolean, options: CallOptions = {}): Promise<void> {
    return this.action({ type: 'QUARANTINE', enable }, options);
  }

  bypass(enable: boolean, options: CallOptions = {}): Promise<void> {
    return this.action({ type: 'BYPASS', enable }, options);
  }

  backgroundScan(enable: boolean, options: CallOptions = {}): Promise<void> {
    return this.action({ type: 'BACKGROUND_SCAN', enable }, options);
  }

  updatePolicy(policyId: number, options: CallOptions = {}): Promise<void> {
    return this.action({ type: 'UPDATE_POLICY', policyId }, options);
  }

  /** `{ WINDOWS: '3.8.0.100' }` or `{ RHEL: '2.3.4.5' }` (`org.kits` EXECUTE). */
  updateSensorVersion(sensorVersion: Readonly<Record<string, string>>, options: CallOptions = {}): Promise<void> {
    return this.action({ type: 'UPDATE_SENSOR_VERSION', sensorVersion }, options);
  }

  deleteSensor(options: CallOptions = {}): Promise<void> {
    return this.action({ type: 'DELETE_SENSOR' }, options);
  }

  uninstallSensor(options: CallOptions = {}): Promise<void> {
    return this.action({ type: 'UNINSTALL_SENSOR' }, options);
  }
}
