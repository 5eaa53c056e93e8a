// Alert (response.md §11, §2.4): a feed or watchlist hit. Searched like processes (Solr);
// read back one at a time with `GET /api/v2/alert?cb.fq.unique_id=<id>` (cbapi 1.3.2 could not
// refresh an alert at all); updated with `POST /api/v1/alert/{unique_id}` (whole document).
// AlertQuery adds the bulk workflow calls of `POST /api/v1/alerts`.
import {
  ApiError,
  defineModel,
  field,
  LazyPromise,
  MoreThanOneResultError,
  type CallOptions,
  type Doc,
  type ErrorContext,
  type ModelHost,
} from '@cb/core';
import { SolrQuery } from '../query/solr-query.js';
import { BULK_REQUEST, chunkSizeOf, DEFAULT_CHUNK, postAlertUpdate, postBulk, type BulkOptions } from './alert-bulk.js';
import { Binary } from './binary.js';
import { Feed } from './feed.js';
import { IncompleteBulkSelectionError, InvalidAlertStatusError } from './intel-errors.js';
import { processOf, type Process } from './process-ref.js';
import { requestTarget, type RequestTarget } from './request-target.js';
import { Sensor } from './sensor.js';
import { Watchlist } from './watchlist.js';

export const ALERT_STATUSES = ['Unresolved', 'In Progress', 'Resolved', 'False Positive'] as const;

/** The workflow states of an alert. */
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * The status itself, or InvalidAlertStatusError (for callers without type checking) naming
 * `context`, the update the status was meant for.
 */
export function assertAlertStatus(status: unknown, context: ErrorContext = {}): AlertStatus {
  if (typeof status !== 'string' || !(ALERT_STATUSES as readonly string[]).includes(status)) {
    throw new InvalidAlertStatusError(String(status), ALERT_STATUSES, context);
  }
  return status as AlertStatus;
}

const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The single row of `GET /api/v2/alert?cb.fq.unique_id=...` (`lookup`); null (not found) for none. */
function parseAlertLookup(json: unknown, id: unknown, lookup: RequestTarget): Doc | null {
  if (!isDoc(json)) return null;
  const rows = Array.isArray(json.results) ? json.results.filter(isDoc) : [];
  if (rows.length > 1) {
    throw new MoreThanOneResultError(`${rows.length} alerts found with unique_id ${String(id)}`, { count: rows.length, ...lookup });
  }
  return rows[0] ?? null;
}

const LOOKUP_URL = '/api/v2/alert';
const UPDATE_URL = '/api/v1/alert';

/** The alert's id for a path; without one an ApiError naming `method` and the URL that lacks the id. */
const pathId = (model: { primaryKeyValue: string | number | undefined }, method: string, url: string): string => {
  const id = model.primaryKeyValue;
  if (id === undefined) throw new ApiError('Alert has no unique_id', { method, path: url });
  return encodeURIComponent(String(id));
};

const lookupPath = (model: { primaryKeyValue: string | number | undefined }): string =>
  `${LOOKUP_URL}?cb.fq.unique_id=${pathId(model, 'GET', LOOKUP_URL)}`;
const updatePath = (model: { primaryKeyValue: string | number | undefined }): string => `${UPDATE_URL}/${pathId(model, 'POST', UPDATE_URL)}`;

export class Alert extends defineModel({
  name: 'Alert',
  urlObject: UPDATE_URL,
  primaryKey: 'unique_id',
  fields: {
    unique_id: { type: 'string', readOnly: true },
    /** e.g. `watchlist.hit.query.process`, `watchlist.hit.ingress.binary` */
    alert_type: { type: 'string', readOnly: true },
    status: field<AlertStatus>('string'),
    alert_severity: { type: 'float', readOnly: true },
    sensor_criticality: { type: 'float', readOnly: true },
    report_score: { type: 'int', readOnly: true },
    feed_rating: { type: 'float', readOnly: true },
    ioc_confidence: { type: 'float', readOnly: true },
    feed_name: { type: 'string', readOnly: true },
    /** -1 for watchlist hits */
    feed_id: { type: 'int', readOnly: true },
    hostname: { type: 'string', readOnly: true },
    sensor_id: { type: 'int', readOnly: true },
    md5: { type: 'string', readOnly: true },
    os_type: { type: 'string', readOnly: true },
    created_time: { type: 'date', readOnly: true },
    /** What matched (`{md5}`, `{highlights: [...]}`, ...); also `triggerIoc`. */
    ioc_attr: { type: 'object', readOnly: true },
    ioc_type: { type: 'string', readOnly: true },
    ioc_value: { type: 'string', readOnly: true },
    process_id: { type: 'string', readOnly: true },
    segment_id: { type: 'int', readOnly: true },
    watchlist_id: { type: 'string', readOnly: true },
    watchlist_name: { type: 'string', readOnly: true },
    process_name: { type: 'string', readOnly: true },
    process_path: { type: 'string', readOnly: true },
    username: { type: 'string', readOnly: true },
    assigned_to: 'string',
    is_ignored: 'boolean',
    total_hosts: { type: 'string', readOnly: true },
    resolved_time: { type: 'date', nullable: true, readOnly: true },
    report_id: { type: 'string', readOnly: true },
  },
  joins: {
    binary: { model: () => Binary, key: 'md5' },
    sensor: { model: () => Sensor, key: 'sensor_id' },
  },
  create: false,
  update: 'POST',
  delete: false,
  objectPath: lookupPath,
  updatePath,
  parse: (json, model) => parseAlertLookup(json, model.primaryKeyValue, requestTarget('GET', () => lookupPath(model), LOOKUP_URL)),
}) {
  /** `cb.select(Alert)`: a Solr search of `/api/v1/alert`. */
  static createQuery(host: ModelHost): AlertQuery {
    return new AlertQuery(host, Alert);
  }

  /** What triggered the alert (`ioc_attr`). */
  get triggerIoc(): Record<string, unknown> {
    return this.ioc_attr;
  }

  /** The process that hit, for process alerts (`alert_type` contains `process`); else null. */
  get process(): Promise<Process | null> {
    return new LazyPromise(async () => {
      await this.load();
      if (!String(this.get('alert_type', '')).includes('process')) return null;
      return processOf(this.api, this.get('process_id', ''), this.get('segment_id', undefined));
    });
  }

  /** The reporting feed, or null for watchlist hits (`feed_id` -1). */
  get feed(): Promise<Feed | null> {
    return new LazyPromise(async () => {
      await this.load();
      const id = Number(this.get('feed_id', -1));
      if (!Number.isInteger(id) || id <= 0) return null;
      return this.api.select(Feed, id).load();
    });
  }

  /** The watchlist that hit, or null for feed hits. */
  get watchlist(): Promise<Watchlist | null> {
    return new LazyPromise(async () => {
      await this.load();
      const id = String(this.get('watchlist_id', '') ?? '');
      if (id === '' || id === '-1') return null;
      return this.api.select(Watchlist, id).load();
    });
  }

  /** Sets the status (`POST /api/v1/alert/{id}`) and reloads the alert. */
  async changeStatus(status: AlertStatus, options: CallOptions = {}): Promise<this> {
    const valid = assertAlertStatus(status, requestTarget('POST', () => updatePath(this), UPDATE_URL));
    const id = String(this.primaryKeyValue);
    await postAlertUpdate(this.api, updatePath(this), { status: valid, unique_id: id }, options);
    return this.refresh(options);
  }

  /** Ignores (or un-ignores) this alert and sets its status (default `False Positive`). */
  async setIgnored(flag = true, options: CallOptions & { status?: AlertStatus } = {}): Promise<this> {
    const status = assertAlertStatus(options.status ?? 'False Positive', BULK_REQUEST);
    await postBulk(this.api, [String(this.primaryKeyValue)], { set_ignored: flag, requested_status: status }, options);
    return this.refresh(options);
  }

  /** Assigns this alert to a user and sets it `In Progress`. */
  async assignTo(target: string, options: CallOptions = {}): Promise<this> {
    await postBulk(this.api, [String(this.primaryKeyValue)], { assigned_to: target, requested_status: 'In Progress' }, options);
    return this.refresh(options);
  }
}

/** Alert search, with the bulk workflow calls of response.md §2.4. */
export class AlertQuery extends SolrQuery<Alert> {
  /**
   * Reads every matching alert id first (all pages, 500 per page unless batchSize() says
   * otherwise, oldest first unless sorted), so the update cannot shift the pages being read.
   * Fewer ids than the reported
   * total (the server's result window) is an IncompleteBulkSelectionError.
   */
  protected async collectIds(options: BulkOptions): Promise<string[]> {
    // The ids are counted against the total below, which reports a short read more precisely
    // for a bulk update (nothing was changed) than the query's own result-window check.
    let query = (this.spec.batchSize === undefined ? this.batchSize(DEFAULT_CHUNK) : this).withWindowPolicy('ignore');
    // Oldest first: alerts raised while we read land after the cursor instead of shifting pages.
    if (this.spec.sort === undefined) query = query.sort('created_time asc');
    const ids: string[] = [];
    let total: number | undefined;
    for await (const page of query.pages(options)) {
      total = page.total ?? total;
      for (const row of page.rows) {
        const id = isDoc(row) ? row.unique_id : undefined;
        if (typeof id === 'string' && id !== '') ids.push(id);
      }
      options.onProgress?.({ phase: 'collecting', done: ids.length, total: page.total });
    }
    // Servers stop paging at their result window without saying so: never update a silent subset.
    const expected = this.spec.limit === undefined || total === undefined ? total : Math.min(total, this.spec.limit);
    // Named: the bulk update this refuses to send (the short search is described in the message).
    if (expected !== undefined && ids.length < expected) throw new IncompleteBulkSelectionError(expected, ids.length, BULK_REQUEST);
    return ids;
  }

  // (No #private members: queries are cloned with Object.create, which private brands do not survive.)
  protected async bulkUpdate(update: Doc, options: BulkOptions): Promise<number> {
    chunkSizeOf(options); // bad options fail before any request
    const ids = await this.collectIds(options);
    if (ids.length === 0) return 0;
    return postBulk(this.host, ids, update, options);
  }

  /**
   * Sets every matching alert's status. An unknown status is an InvalidAlertStatusError (before
   * any request). Returns how many alerts were updated.
   */
  async changeStatus(status: AlertStatus, options: BulkOptions = {}): Promise<number> {
    return this.bulkUpdate({ requested_status: assertAlertStatus(status, BULK_REQUEST) }, options);
  }

  /** Assigns every matching alert to `target` and sets it `In Progress`. */
  async assignTo(target: string, options: BulkOptions = {}): Promise<number> {
    if (typeof target !== 'string' || target.trim() === '') throw new ApiError('assignTo() needs a user name', BULK_REQUEST);
    return this.bulkUpdate({ assigned_to: target, requested_status: 'In Progress' }, options);
  }

  /** cbapi's name for assignTo(). */
  assign(target: string, options: BulkOptions = {}): Promise<number> {
    return this.assignTo(target, options);
  }

  /**
   * Ignores (or, with `false`, un-ignores) every matching alert and sets its status (default
   * `False Positive`, as cbapi).
   */
  async setIgnored(flag = true, options: BulkOptions & { status?: AlertStatus } = {}): Promise<number> {
    const status = assertAlertStatus(options.status ?? 'False Positive', BULK_REQUEST);
    return this.bulkUpdate({ set_ignored: flag, requested_status: status }, options);
  }
}
