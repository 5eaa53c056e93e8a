// SensorGroup (response.md §6): sensors share a group's settings and team access. The object
// GET answers a one-element array; create POSTs the document (without id) and gets `{id}` back.
import {
  ApiError,
  defineModel,
  field,
  join,
  SimpleListQuery,
  type CallOptions,
  unwrapSingle,
  type ModelHost,
} from '@cb/core';
// A cycle with sensor.ts: safe, because neither module uses the other while it is evaluated.
import { Sensor } from './sensor.js';
import type { SensorQuery } from './sensor-query.js';
import { Site } from './site.js';
import { saveTarget } from './request-target.js';

/** One team's access to a group, as the group document lists it. */
export interface TeamAccess {
  team_id: number;
  team_name: string;
  /** `No Access`, `Viewer` or `Administrator` */
  access_category: string;
}

/** Installer packages `getInstaller()` can download. */
export type InstallerType = 'windows/exe' | 'windows/msi' | 'osx' | 'linux';

export class SensorGroup extends defineModel({
  name: 'SensorGroup',
  urlObject: '/api/group',
  create: true,
  update: 'PUT',
  delete: true,
  required: ['name', 'site_id'],
  fields: {
    id: { type: 'int', readOnly: true },
    name: 'string',
    site_id: 'int',
    sensorbackend_server: 'string',
    sensor_exe_name: 'string',
    /** `Manual` or a build string */
    sensor_version: 'string',
    datastore_server: field<string | null>('string', { nullable: true }),
    /** 1–5 */
    alert_criticality: 'int',
    /** 0 or 1 */
    tamper_level: 'int',
    /** -1: unlimited */
    max_licenses: 'int',
    banning_enabled: 'boolean',
    collect_emet_events: 'boolean',
    collect_filemods: 'boolean',
    collect_filewritemd5s: 'boolean',
    collect_cross_procs: 'boolean',
    collect_moduleinfo: 'boolean',
    collect_moduleloads: 'boolean',
    collect_netconns: 'boolean',
    collect_nonbinary_filewrites: 'boolean',
    collect_processes: 'boolean',
    collect_regmods: 'boolean',
    collect_storefiles: 'boolean',
    collect_usercontext: 'boolean',
    filter_known_dlls: 'boolean',
    process_filter_level: 'int',
    quota_eventlog_bytes: 'string',
    quota_eventlog_percent: 'int',
    quota_storefile_bytes: 'string',
    quota_storefile_percent: 'int',
    vdi_enabled: 'boolean',
    team_access: field<TeamAccess[]>('array'),
  },
  parse: (json) => unwrapSingle(json),
}) {
  static createQuery(host: ModelHost): SimpleListQuery<SensorGroup> {
    return new SimpleListQuery(host, SensorGroup);
  }

  /** Sensors in this group: `GET /api/v1/sensor?groupid={id}`. */
  get sensors(): SensorQuery {
    const id = this.primaryKeyValue;
    // Named: the sensor list the query would read (its groupid filter is what is missing).
    if (id === undefined) throw new ApiError('A sensor group that has not been saved has no sensors', { method: 'GET', path: '/api/v1/sensor' });
    return Sensor.createQuery(this.api).where(`groupid:${id}`);
  }

  /** The group's site (a promise: loaded through the model cache). */
  get site(): Promise<Site | null> {
    return join(this, Site, 'site_id');
  }

  /** `group.site = site` (or a site id) sets `site_id`. */
  set site(site: Site | number) {
    this.setSite(site);
  }

  /** Sets `site_id` from a Site or an id; chainable. */
  setSite(site: Site | number): this {
    const id = typeof site === 'number' ? site : site.primaryKeyValue;
    if (id === undefined) throw new ApiError('Cannot use a site that has not been saved yet', saveTarget(this));
    this.set('site_id', id);
    return this;
  }

  /**
   * `GET /api/v1/group/{id}/installer/{type}`: the sensor installer for this group, as bytes
   * (`windows/exe` an executable, `windows/msi` and `osx` ZIP files, `linux` a tar.gz).
   */
  async getInstaller(type: InstallerType = 'windows/exe', options: CallOptions = {}): Promise<Uint8Array> {
    const id = this.primaryKeyValue;
    // The installer URL needs the missing id: the group's URL stands in for it.
    if (id === undefined) throw new ApiError('A sensor group that has not been saved has no installer', { method: 'GET', path: '/api/group' });
    const res = await this.api.requester.request<Uint8Array>({
      method: 'GET',
      path: `/api/v1/group/${encodeURIComponent(String(id))}/installer/${type}`,
      responseType: 'bytes',
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    return res.data;
  }
}
