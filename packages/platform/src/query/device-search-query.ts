// DeviceSearchQuery (cbc-live-response.md §2.2-2.3): POST .../devices/_search with
// `{criteria, exclusions, query, sort, start, rows}`; replies `{results, num_found}`. Paging is
// core's searchBodyPaging (1-based `start`, omitted on the first page; batch 100, at most
// 10 000 rows a request), rows are deduplicated by `id` (user-asks B1) and the 10 000-row
// result window is explicit (B5). `scroll()` walks past it with `_scroll` + `search_after`.
import {
  ApiError,
  PaginatedQuery,
  parseSort,
  searchBodyPaging,
  ServerError,
  type CallOptions,
  type ModelClass,
  type ModelHost,
  type QueryCallOptions,
  type RawPage,
  type RowWindow,
} from '@cb/core';
import type { Device } from '../models/device.js';
import { sendDeviceAction, type DeviceAction, type DeviceSearchBody } from '../models/device-actions.js';
import { deviceScrollPath, deviceSearchPath, displayPath } from '../paths.js';
import {
  timeCriterion,
  validateCriterion,
  type CriterionValue,
  type DeviceDeploymentType,
  type DeviceOs,
  type DeviceStatus,
  type DeviceTargetPriority,
  type TimeCriterion,
} from './criteria.js';
import { DEVICE_SEARCH_WINDOW, windowed, windowExceeded } from './result-window.js';

export const DEVICE_SEARCH_BATCH_SIZE = 100;
/** Largest `rows` the API accepts in one request (§2.3). */
export const DEVICE_SEARCH_MAX_ROWS = 10_000;
/** Default page size of scroll(): big enough to be quick, small enough for one JSON reply. */
export const DEVICE_SCROLL_ROWS = 1_000;

export type SortOrder = 'ASC' | 'DESC';

export interface ScrollOptions extends QueryCallOptions {
  /** Rows per `_scroll` request (default 1 000, at most 10 000). */
  readonly rows?: number | undefined;
}

type Criteria = Readonly<Record<string, unknown>>;

function numFoundOf(body: unknown): number | undefined {
  const n = (body as { num_found?: unknown } | null | undefined)?.num_found;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function checkRows(rows: number, what: string): void {
  if (!Number.isInteger(rows) || rows < 1 || rows > DEVICE_SEARCH_MAX_ROWS) {
    throw new ApiError(`${what} must be an integer from 1 to ${DEVICE_SEARCH_MAX_ROWS} (the API's per-request cap), got ${rows}`);
  }
}

export class DeviceSearchQuery extends PaginatedQuery<Device> {
  constructor(host: ModelHost, model: ModelClass<Device>) {
    const paging = searchBodyPaging({ batchSize: DEVICE_SEARCH_BATCH_SIZE, maxBatchSize: DEVICE_SEARCH_MAX_ROWS });
    // Search rows are whole device documents (the GET returns the same object).
    super(host, model, windowed(paging, DEVICE_SEARCH_WINDOW), { fullRows: true, path: deviceSearchPath });
  }

  // -------------------------------------------------------------------------------------------
  // Criteria (values are appended to what the criterion already holds, as in the CBC SDK)

  /** Any criterion by its API name: `criteria('os', ['WINDOWS'])`, `criteria('policy_id', 7)`. */
  criteria(name: string, values: CriterionValue | readonly CriterionValue[]): this {
    const list: readonly CriterionValue[] = typeof values === 'object' ? values : [values];
    validateCriterion(name, list);
    const current = this.currentCriteria()[name];
    const merged: CriterionValue[] = Array.isArray(current) ? [...(current as CriterionValue[])] : [];
    for (const value of list) if (!merged.includes(value)) merged.push(value);
    return this.withBody({ criteria: { ...this.currentCriteria(), [name]: merged } });
  }

  setDeviceIds(ids: readonly number[]): this {
    return this.criteria('id', ids);
  }

  setOs(os: readonly DeviceOs[]): this {
    return this.criteria('os', os);
  }

  setStatus(status: readonly DeviceStatus[]): this {
    return this.criteria('status', status);
  }

  setTargetPriorities(priorities: readonly DeviceTargetPriority[]): this {
    return this.criteria('target_priority', priorities);
  }

  setPolicyIds(ids: readonly number[]): this {
    return this.criteria('policy_id', ids);
  }

  setAdGroupIds(ids: readonly number[]): this {
    return this.criteria('ad_group_id', ids);
  }

  setDeploymentType(types: readonly DeviceDeploymentType[]): this {
    return this.criteria('deployment_type', types);
  }

  setCloudProviderAccountIds(ids: readonly string[]): this {
    return this.criteria('cloud_provider_account_id', ids);
  }

  setAutoScalingGroupNames(names: readonly string[]): this {
    return this.criteria('auto_scaling_group_name', names);
  }

  setVirtualPrivateCloudIds(ids: readonly string[]): this {
    return this.criteria('virtual_private_cloud_id', ids);
  }

  /** `{ start, end }` (Dates or ISO strings) or `{ range: '-3w' }`; replaces an earlier value. */
  setLastContactTime(time: TimeCriterion): this {
    return this.withBody({ criteria: { ...this.currentCriteria(), last_contact_time: timeCriterion('last_contact_time', time) } });
  }

  /** Leaves out devices running these sensor versions (`exclusions.sensor_version`). */
  setExcludeSensorVersions(versions: readonly string[]): this {
    validateCriterion('sensor_version', versions);
    const exclusions = (this.spec.body.exclusions as Criteria | undefined) ?? {};
    const current = Array.isArray(exclusions.sensor_version) ? (exclusions.sensor_version as string[]) : [];
    return this.withBody({ exclusions: { ...exclusions, sensor_version: [...new Set([...current, ...versions])] } });
  }

  private currentCriteria(): Criteria {
    return (this.spec.body.criteria as Criteria | undefined) ?? {};
  }

  // -------------------------------------------------------------------------------------------
  // Sort and paging

  /** One sort key (the API takes one): `sortBy('last_contact_time', 'DESC')`. */
  sortBy(field: string, order: SortOrder = 'ASC'): this {
    const upper = String(order).toUpperCase();
    if (!/^[A-Za-z_][\w.]*$/.test(field)) throw new ApiError(`sortBy() needs a field name such as "name", got ${JSON.stringify(field)}`);
    if (upper !== 'ASC' && upper !== 'DESC') throw new ApiError(`sortBy() order must be 'ASC' or 'DESC', got ${JSON.stringify(order)}`);
    return this.sort(`${field} ${upper}`);
  }

  /** Rows per request: 1 to 10 000 (default 100). */
  override batchSize(rows: number): this {
    checkRows(rows, 'batchSize');
    return super.batchSize(rows);
  }

  /** The search part of the request body (criteria, exclusions, query, sort), as actions use it. */
  searchBody(): DeviceSearchBody {
    const state = this.state();
    // The count request is the search body with `rows: 0`: same criteria/query encoding as paging.
    const { rows: _rows, ...body } = this.strategy.buildCountRequest(state).body as Record<string, unknown>;
    const search = body as unknown as DeviceSearchBody;
    return state.sort ? { ...search, sort: [parseSort(state.sort)] } : search;
  }

  /** Offset pages, kept inside the result window; `total` is the server's real `num_found`. */
  protected override async *fetchPages(window: RowWindow, options: QueryCallOptions): AsyncGenerator<RawPage, void, undefined> {
    if (window.start >= DEVICE_SEARCH_WINDOW && window.end !== window.start) {
      throw windowExceeded(DEVICE_SEARCH_WINDOW, undefined, window.start);
    }
    let numFound: number | undefined;
    for await (const page of super.fetchPages(window, options)) {
      numFound = numFoundOf(page.body) ?? numFound;
      yield { ...page, total: numFound ?? page.total };
    }
    const wantedPast = window.end === undefined || window.end > DEVICE_SEARCH_WINDOW;
    if (wantedPast && numFound !== undefined && numFound > DEVICE_SEARCH_WINDOW) {
      throw windowExceeded(DEVICE_SEARCH_WINDOW, numFound);
    }
  }

  /**
   * Every matching device through `_scroll` + `search_after` (no result window). Rows are
   * deduplicated by id; the query's limit applies; the walk ends at an empty `search_after`.
   */
  async *scroll(options: ScrollOptions = {}): AsyncGenerator<Device, void, undefined> {
    const rows = options.rows ?? DEVICE_SCROLL_ROWS;
    checkRows(rows, 'scroll rows');
    const path = deviceScrollPath(this.host);
    const limit = this.spec.limit ?? Number.POSITIVE_INFINITY;
    const seen = new Set<string>();
    let yielded = 0;
    let searchAfter: unknown;
    while (yielded < limit) {
      const body = { ...this.searchBody(), rows, ...(searchAfter === undefined ? {} : { search_after: searchAfter }) };
      const response = await this.host.requester.request({
        method: 'POST',
        path,
        body,
        idempotent: true,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
      const reply = response.data as { results?: unknown; search_after?: unknown } | null;
      if (typeof reply !== 'object' || reply === null) {
        throw new ServerError('Expected a JSON object from the device scroll endpoint', {
          method: 'POST',
          path: displayPath(path),
          status: response.status,
          body: reply,
        });
      }
      const results = Array.isArray(reply.results) ? (reply.results as unknown[]) : [];
      for (const row of results) {
        const key = this.rowKey(row);
        if (key !== undefined && seen.has(key)) continue;
        if (key !== undefined) seen.add(key);
        yield this.toModel(row);
        if (++yielded >= limit) return;
      }
      searchAfter = reply.search_after;
      const more = Array.isArray(searchAfter) ? searchAfter.length > 0 : typeof searchAfter === 'string' && searchAfter !== '';
      if (results.length === 0 || !more) return;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Actions on every matching device (sent as `search:`, evaluated by the server)

  /** Runs `action` on every device this query matches. */
  action(action: DeviceAction, options: CallOptions = {}): Promise<void> {
    return sendDeviceAction(this.host, action, { search: this.searchBody() }, options);
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
