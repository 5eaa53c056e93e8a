// Sensor (response.md §5): an endpoint running the Cb Response sensor. Read with
// `GET /api/v1/sensor/{id}`, changed with `PUT` (204, then a GET), listed with SensorQuery.
import {
  ApiError,
  defineModel,
  field,
  InvalidObjectError,
  join,
  type CallOptions,
  type Doc,
  type FieldChange,
  type ModelHost,
} from '@cb/core';
import type { LiveResponseSession } from '@cb/live-response';
import { liveResponseOf } from '../live-response/host.js';
import { SENSOR_REFUSAL, SESSION_REQUEST, type LrSessionOptions } from '../live-response/manager.js';
import { responseHost } from '../query/response-host.js';
import { compareVersions } from '../version.js';
import { pollUntil, type PollOptions } from './poll.js';
import { requestTarget, saveTarget } from './request-target.js';
import { SensorGroup } from './sensor-group.js';
import { SensorQuery } from './sensor-query.js';

/** One network adapter of a sensor, from `network_adapters` (`"ip,mac|ip,mac|"`). */
export interface NetworkInterface {
  /** `00:15:5d:01:9c:08` */
  readonly macaddr: string;
  readonly ipaddr: string;
}

/** `GET /api/v1/sensor/{id}/queued` item. */
export interface SensorQueuedStat {
  id?: string;
  sensor_id?: number;
  timestamp?: string;
  num_eventlog_bytes?: string;
  num_eventlogs?: string;
  num_storefile_bytes?: string;
  num_storefiles?: number;
  [key: string]: unknown;
}

/** `GET /api/v1/sensor/{id}/activity` item (the server documents no fixed shape). */
export type SensorActivityStat = Record<string, unknown>;

/** `GET /api/v1/sensor/{id}/resourcestatus` item (the server documents no fixed shape). */
export type SensorResourceStatus = Record<string, unknown>;

/** What `onPoll` sees while isolate()/unisolate() wait for the sensor to confirm. */
export interface IsolationState {
  readonly sensor: Sensor;
  /** The request (`network_isolation_enabled`). */
  readonly requested: boolean;
  /** What the sensor reports (`is_isolating`). */
  readonly isIsolating: boolean;
  /** `Online`, `Offline`, ...: an offline sensor confirms only when it comes back. */
  readonly status: string;
  /** When the sensor is next expected to check in (and so to confirm). */
  readonly nextCheckinTime: Date;
}

/**
 * Options of isolate()/unisolate(). `timeoutMs` bounds the whole wait (save + polls); without
 * it the wait lasts until the sensor confirms or `signal` aborts. `onPoll` reports progress.
 */
export type IsolationOptions = PollOptions<IsolationState>;

/** Options of flushEvents(). */
export interface FlushEventsOptions extends CallOptions {
  /** Flush events recorded before this time (default: now + 1 day, as cbapi 1.3.2). */
  readonly until?: Date | undefined;
}

/** Fields a sensor PUT may change; everything else is reported by the sensor or the server. */
export const SENSOR_WRITABLE_FIELDS = [
  'network_isolation_enabled',
  'restart_queued',
  'uninstall',
  'group_id',
  'notes',
  'event_log_flush_time',
] as const;

const WRITABLE: ReadonlySet<string> = new Set(SENSOR_WRITABLE_FIELDS);
const SENSOR_URL = '/api/v1/sensor';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The PUT body: the writable fields only (as cbapi HEAD does). `event_log_flush_time` is sent
 * only when changed in this save and is null otherwise, so a stale value never re-queues a flush.
 */
function sensorUpdateBody(doc: Readonly<Doc>, changes: Readonly<Record<string, FieldChange>>, model: { objectPath(): string }): Doc {
  const serverOwned = Object.keys(changes).filter((name) => !WRITABLE.has(name));
  if (serverOwned.length > 0) {
    throw new InvalidObjectError(
      `Sensor fields [${serverOwned.join(', ')}] are reported by the sensor and cannot be changed; ` +
        `writable: ${SENSOR_WRITABLE_FIELDS.join(', ')}`,
      requestTarget('PUT', () => model.objectPath(), SENSOR_URL),
    );
  }
  const body: Doc = {};
  for (const name of WRITABLE) if (name in doc) body[name] = doc[name];
  body.event_log_flush_time = 'event_log_flush_time' in changes ? (doc.event_log_flush_time ?? null) : null;
  return body;
}

export class Sensor extends defineModel({
  name: 'Sensor',
  urlObject: SENSOR_URL,
  create: false,
  update: 'PUT',
  delete: false,
  // Server-owned fields are read-only so `sensor.computer_name = ...` does not compile: the
  // server would ignore it. Types follow cbapi's schema, except `notes` (a string, not an int).
  fields: {
    id: { type: 'int', readOnly: true },
    computer_name: { type: 'string', readOnly: true },
    computer_dns_name: { type: 'string', readOnly: true },
    computer_sid: { type: 'string', readOnly: true },
    os_environment_display_string: { type: 'string', readOnly: true },
    os_environment_id: { type: 'int', readOnly: true },
    /** 1 Windows, 2 OS X, 3 Linux */
    os_type: { type: 'int', readOnly: true },
    build_id: { type: 'int', readOnly: true },
    /** e.g. `006.000.002.70329` */
    build_version_string: { type: 'string', readOnly: true },
    /** `Online`, `Offline`, `Uninstall Pending`, `Uninstalled`, ... */
    status: { type: 'string', readOnly: true },
    /** What the sensor reports: isolation is active. */
    is_isolating: { type: 'boolean', readOnly: true },
    /** The request: isolate this host. Use isolate()/unisolate() to wait for the sensor. */
    network_isolation_enabled: 'boolean',
    supports_isolation: { type: 'boolean', readOnly: true },
    supports_cblr: { type: 'boolean', readOnly: true },
    supports_2nd_gen_modloads: { type: 'boolean', readOnly: true },
    /** `"ip,mac|ip,mac|"`; read `networkInterfaces` instead. */
    network_adapters: { type: 'string', readOnly: true },
    group_id: 'int',
    last_checkin_time: { type: 'date', readOnly: true },
    next_checkin_time: { type: 'date', readOnly: true },
    registration_time: { type: 'date', readOnly: true },
    last_update: { type: 'date', readOnly: true },
    license_expiration: { type: 'date', readOnly: true },
    /** Set by flushEvents(); null when no flush is pending. */
    event_log_flush_time: field<Date | null>('date', { nullable: true }),
    restart_queued: 'boolean',
    uninstall: 'boolean',
    uninstalled: { type: 'boolean', nullable: true, readOnly: true },
    notes: field<string | null>('string', { nullable: true }),
    display: { type: 'boolean', readOnly: true },
    boot_id: { type: 'string', readOnly: true },
    cookie: { type: 'int', readOnly: true },
    clock_delta: { type: 'int', readOnly: true },
    uptime: { type: 'int', readOnly: true },
    sensor_uptime: { type: 'int', readOnly: true },
    physical_memory_size: { type: 'int', readOnly: true },
    systemvolume_total_size: { type: 'string', readOnly: true },
    systemvolume_free_size: { type: 'string', readOnly: true },
    num_eventlog_bytes: { type: 'string', readOnly: true },
    num_storefiles_bytes: { type: 'string', readOnly: true },
    /** 0–100 */
    sensor_health_status: { type: 'int', readOnly: true },
    sensor_health_message: { type: 'string', readOnly: true },
    power_state: { type: 'int', readOnly: true },
    node_id: { type: 'int', readOnly: true },
    shard_id: { type: 'int', readOnly: true },
    parity_host_id: { type: 'string', readOnly: true },
    emet_version: { type: 'string', readOnly: true },
    emet_dump_flags: { type: 'string', readOnly: true },
    emet_exploit_action: { type: 'string', readOnly: true },
    emet_is_gpo: { type: 'boolean', readOnly: true },
    emet_process_count: { type: 'int', readOnly: true },
    emet_report_setting: { type: 'string', readOnly: true },
    emet_telemetry_path: { type: 'string', readOnly: true },
  },
  updateBody: (doc, changes, model) => sensorUpdateBody(doc, changes, model),
}) {
  /** `select(Sensor)`: the server-filtered sensor list. */
  static createQuery(host: ModelHost): SensorQuery {
    return new SensorQuery(host, Sensor);
  }

  get hostname(): string {
    return this.computer_name;
  }

  get dnsName(): string {
    return this.computer_dns_name;
  }

  /** e.g. `Windows 10 Enterprise, 64-bit` */
  get os(): string {
    return this.os_environment_display_string;
  }

  get sid(): string {
    return this.computer_sid;
  }

  /** Adapters from `network_adapters`, with the MAC address colon-separated. */
  get networkInterfaces(): NetworkInterface[] {
    const raw = this.get('network_adapters', '');
    return parseNetworkAdapters(typeof raw === 'string' ? raw : '');
  }

  /** Web console page of this host. */
  get webuiLink(): string {
    return `${this.api.url}/#/host/${String(this.primaryKeyValue)}`;
  }

  /** The sensor's group (a promise: loaded through the model cache). */
  get group(): Promise<SensorGroup | null> {
    return join(this, SensorGroup, 'group_id');
  }

  /** `sensor.group = sg` moves the sensor to `sg` (or a group id) on the next save(). */
  set group(group: SensorGroup | number) {
    this.setGroup(group);
  }

  /** Moves the sensor to `group` (a SensorGroup or its id) on the next save(); chainable. */
  setGroup(group: SensorGroup | number): this {
    const id = typeof group === 'number' ? group : group.primaryKeyValue;
    if (id === undefined) throw new ApiError('Cannot move a sensor into a sensor group that has not been saved yet', saveTarget(this));
    this.set('group_id', id);
    return this;
  }

  /** `GET /api/v1/sensor/{id}/queued`: data waiting to be sent by the sensor ([] when none). */
  queuedStats(options: CallOptions = {}): Promise<SensorQueuedStat[]> {
    return this.#list('queued', options) as Promise<SensorQueuedStat[]>;
  }

  /** `GET /api/v1/sensor/{id}/activity` ([] when none). */
  activityStats(options: CallOptions = {}): Promise<SensorActivityStat[]> {
    return this.#list('activity', options);
  }

  /** `GET /api/v1/sensor/{id}/resourcestatus` ([] when none). */
  resourceStatus(options: CallOptions = {}): Promise<SensorResourceStatus[]> {
    return this.#list('resourcestatus', options);
  }

  async #list(what: string, options: CallOptions): Promise<Record<string, unknown>[]> {
    const res = await this.api.requester.request<unknown>({
      method: 'GET',
      path: `${this.objectPath()}/${what}`,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    // 204 No Content (nothing to report) arrives as an empty body.
    return Array.isArray(res.data) ? (res.data as Record<string, unknown>[]) : [];
  }

  /**
   * Asks the sensor to send every event recorded before `until` (default now + 1 day), then
   * saves. The server resets `event_log_flush_time` to null once the sensor has flushed.
   */
  async flushEvents(options: FlushEventsOptions = {}): Promise<this> {
    const until = options.until ?? new Date(Date.now() + DAY_MS);
    const version = await responseHost(this.api).serverVersion({ signal: options.signal, timeoutMs: options.timeoutMs });
    // Servers after 6.0 take an RFC-822 GMT date (cbapi HEAD); older ones cbapi's zone-less format.
    this.set('event_log_flush_time', compareVersions(version, '6.0.0') > 0 ? until.toUTCString() : until);
    return this.save(options);
  }

  /**
   * Isolates the host: sets `network_isolation_enabled`, saves, then polls (GET) until the
   * sensor reports `is_isolating`. TimeoutError ("timed out waiting for isolation to become
   * active") after `timeoutMs`; AbortError when `signal` aborts.
   */
  isolate(options: IsolationOptions = {}): Promise<this> {
    return this.#setIsolation(true, 'timed out waiting for isolation to become active', options);
  }

  /** Lifts isolation and waits until the sensor stops reporting `is_isolating` (see isolate()). */
  unisolate(options: IsolationOptions = {}): Promise<this> {
    return this.#setIsolation(false, 'timed out waiting for isolation to be removed', options);
  }

  async #setIsolation(wanted: boolean, timeoutMessage: string, options: IsolationOptions): Promise<this> {
    await pollUntil<IsolationState>(
      {
        start: async (signal) => {
          this.network_isolation_enabled = wanted;
          try {
            await this.save({ signal });
          } catch (error) {
            // A failed request leaves the sensor as it was, locally too.
            const change = this.changes.network_isolation_enabled;
            if (change && change.from !== undefined) this.set('network_isolation_enabled', change.from);
            throw error;
          }
        },
        read: () => ({
          sensor: this,
          requested: this.network_isolation_enabled,
          isIsolating: this.is_isolating,
          status: this.get('status', '') as string,
          nextCheckinTime: this.next_checkin_time,
        }),
        done: (state) => state.isIsolating === wanted,
        refresh: async (signal) => {
          await this.refresh({ signal });
        },
        timeoutMessage,
        requests: { start: saveTarget(this), poll: requestTarget('GET', () => this.objectPath(), SENSOR_URL) },
      },
      options,
    );
    return this;
  }

  /**
   * What a Live Response session needs to attach to this sensor. Throws when the sensor does
   * not support Live Response (`supports_cblr` false). Loads the sensor if needed.
   * lrSession() (and every session of `cb.liveResponse`) checks this first.
   */
  async liveResponseTarget(options: CallOptions = {}): Promise<{ readonly sensorId: number; readonly hostname: string }> {
    await this.load(options);
    if (!this.get('supports_cblr', false)) throw new ApiError(SENSOR_REFUSAL, SESSION_REQUEST);
    return { sensorId: this.id, hostname: this.hostname };
  }

  /**
   * Opens (or shares) a Live Response session with this sensor and waits until it is active: a
   * lease from `cb.liveResponse`, given back by `close()` or at the end of `await using`.
   * ApiError when the server has Live Response disabled (`cblrEnabled` false in /api/info) or
   * the sensor does not support it (`supports_cblr` false, see liveResponseTarget()).
   *
   *     await using lr = await sensor.lrSession();
   *     const text = await lr.getFile('c:\\windows\\system32\\drivers\\etc\\hosts', { encoding: 'utf8' });
   */
  lrSession(options: LrSessionOptions = {}): Promise<LiveResponseSession> {
    return liveResponseOf(this.api).acquire(this, options);
  }
}

/** `"10.0.0.5,000c29aabbcc|192.168.1.2,000c29ddeeff|"` → `[{ ipaddr, macaddr: '00:0c:29:aa:bb:cc' }, ...]` */
export function parseNetworkAdapters(raw: string): NetworkInterface[] {
  const out: NetworkInterface[] = [];
  for (const entry of raw.split('|')) {
    const parts = entry.split(',');
    if (parts.length !== 2) continue;
    const [ipaddr = '', mac = ''] = parts;
    const macaddr = mac.includes(':') ? mac : (mac.match(/.{1,2}/g) ?? []).join(':');
    out.push({ macaddr, ipaddr });
  }
  return out;
}
