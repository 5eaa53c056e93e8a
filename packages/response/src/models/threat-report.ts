// ThreatReport (response.md §12, §2.5): one report of a feed, addressed as "<feed_id>:<report_id>".
// Searched like processes (Solr), refreshed from its feed (`GET /api/v1/feed/{feed_id}/report/{id}`)
// and saved by the bulk endpoint with only the changed fields:
// `POST /api/v1/threat_report {"ids": {"<feed_id>": ["<report_id>"]}, "updates": {...}}`.
import {
  ApiError,
  defineModel,
  field,
  ServerError,
  type CallOptions,
  type Doc,
  type ErrorContext,
  type FieldChange,
  type ModelHost,
  type ModelInit,
  type SaveOutcome,
} from '@cb/core';
import { SolrQuery } from '../query/solr-query.js';
import { responseHost } from '../query/response-host.js';
import { Feed } from './feed.js';
import { checkResult, updatedCount } from './result-reply.js';
import { quotePairs } from './url-quote.js';

/** Name of the synthetic primary-key field holding `"<feed_id>:<report_id>"`. */
const KEY = 'full_id';
const ID_FORMAT = "ThreatReport ID must be in form '<feed_id>:<report_id>'";
const REPORT_URL = '/api/v1/threat_report';

/** The fetch a report id stands for while it cannot be turned into the report's path: the model's URL. */
const REPORT_FETCH = { method: 'GET', path: REPORT_URL } as const;

/**
 * Splits `"<feed_id>:<report_id>"`; ApiError unless there is exactly one `:` and an integer feed
 * id. Parsing sends nothing, so the error names no request unless `context` says which (the
 * model passes the report fetch the id stands for).
 */
export function parseThreatReportId(fullId: unknown, context: ErrorContext = {}): { feedId: number; reportId: string } {
  if (typeof fullId !== 'string') throw new ApiError(`${ID_FORMAT}, got ${JSON.stringify(fullId)}`, context);
  const parts = fullId.split(':');
  const [feed, report] = parts;
  if (parts.length !== 2 || feed === undefined || report === undefined || !/^-?\d+$/.test(feed) || report === '') {
    throw new ApiError(`${ID_FORMAT}, got ${JSON.stringify(fullId)}`, context);
  }
  return { feedId: Number(feed), reportId: report };
}

/** The indicators of a report. */
export interface ThreatReportIocs {
  readonly md5?: readonly string[];
  readonly ipv4?: readonly string[];
  readonly dns?: readonly string[];
  /** Query IOCs: a watchlist-style `search_query` over processes (`events`) or binaries (`modules`). */
  readonly query?: ReadonlyArray<{ readonly index_type: 'events' | 'modules'; readonly search_query: string }>;
}

const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The key of a server row (`feed_id` + `id`), if it has both. */
function keyOfRow(row: unknown): string | undefined {
  if (!isDoc(row)) return undefined;
  const { feed_id: feedId, id } = row;
  return (typeof feedId === 'number' || typeof feedId === 'string') && (typeof id === 'string' || typeof id === 'number')
    ? `${feedId}:${id}`
    : undefined;
}

/** Gives every instance its `full_id`: from the id passed to select(), or from a search row. */
function withKey(init: ModelInit): ModelInit {
  if (init.id !== undefined) {
    const { feedId, reportId } = parseThreatReportId(init.id, REPORT_FETCH);
    return { ...init, doc: { ...init.doc, id: reportId, feed_id: feedId }, state: init.state ?? (init.doc ? 'full' : 'reference') };
  }
  const key = init.doc ? keyOfRow(init.doc) : undefined;
  return key === undefined ? init : { ...init, id: key };
}

/** `{result: "success", ...}` → refresh; another `result` → ServerError. Other replies: core rules. */
function reportSaveReply(body: unknown, context: { status: number; method: string; path: string }): SaveOutcome | undefined {
  if (!isDoc(body) || !('result' in body)) return undefined;
  if (body.result === 'success') return { kind: 'refresh' };
  throw new ServerError(`Did not update ThreatReport record: ${String(body.result)}`, { ...context, body });
}

function updateBody(doc: Readonly<Doc>, changes: Readonly<Record<string, FieldChange>>): unknown {
  const updates: Record<string, unknown> = {};
  for (const [name, change] of Object.entries(changes)) if (name !== KEY) updates[name] = change.to;
  return { ids: { [String(doc.feed_id)]: [String(doc.id)] }, updates };
}

export class ThreatReport extends defineModel({
  name: 'ThreatReport',
  urlObject: REPORT_URL,
  primaryKey: KEY,
  fields: {
    /** `"<feed_id>:<report_id>"`, made by the SDK (the server has no such field). */
    full_id: { type: 'string', readOnly: true },
    /** The report id, unique within its feed. */
    id: { type: 'string', readOnly: true },
    feed_id: { type: 'int', readOnly: true },
    feed_name: 'string',
    feed_category: 'string',
    title: 'string',
    description: 'string',
    score: 'int',
    link: 'string',
    /** Seconds since the epoch (`publishedAt` as a Date). */
    timestamp: 'int',
    is_ignored: 'boolean',
    is_deleted: 'boolean',
    tags: field<string[]>('array'),
    iocs: field<ThreatReportIocs>('object'),
    _internal_id: 'string',
    create_time: 'date',
    hit_count: 'int',
  },
  joins: { feed: { model: () => Feed, key: 'feed_id' } },
  create: false,
  update: 'POST',
  delete: false,
  objectPath: (model) => {
    const { feedId, reportId } = parseThreatReportId(model.primaryKeyValue, REPORT_FETCH);
    return `/api/v1/feed/${feedId}/report/${encodeURIComponent(reportId)}`;
  },
  updatePath: () => REPORT_URL,
  updateBody,
  saveReply: (body, _model, context) => reportSaveReply(body, context),
  parse: (json) => {
    if (!isDoc(json)) return null;
    const key = keyOfRow(json);
    return key === undefined ? json : { ...json, [KEY]: key };
  },
}) {
  constructor(host: ModelHost, init: ModelInit = {}) {
    super(host, withKey(init));
  }

  /** `cb.select(ThreatReport)`: a Solr search of `/api/v1/threat_report`. */
  static createQuery(host: ModelHost): ThreatReportQuery {
    return new ThreatReportQuery(host, ThreatReport);
  }

  /** `timestamp` as a Date. */
  get publishedAt(): Date {
    return new Date(this.timestamp * 1000);
  }

  /** Ignores the report (`is_ignored = true`) and saves. */
  async disable(options: CallOptions = {}): Promise<this> {
    this.is_ignored = true;
    return this.save(options);
  }

  /** Stops ignoring the report (`is_ignored = false`) and saves. */
  async enable(options: CallOptions = {}): Promise<this> {
    this.is_ignored = false;
    return this.save(options);
  }
}

/** Threat report search, with the bulk `setIgnored()` of response.md §2.5. */
export class ThreatReportQuery extends SolrQuery<ThreatReport> {
  protected override rowKey(row: unknown): string | undefined {
    return keyOfRow(row);
  }

  /**
   * Sets `is_ignored` on every report matching the query with one request (server >= 5.1.0):
   * `POST /api/v1/threat_report {"query": "cb.urlver=1&q=...", "updates": {"is_ignored": flag}}`.
   * No search is made first. Returns the server's count of updated reports when it sends one.
   */
  async setIgnored(flag = true, options: CallOptions = {}): Promise<number | undefined> {
    const host = responseHost(this.host);
    const path = REPORT_URL;
    if (!(await host.serverAtLeast('5.1.0', options))) {
      throw new ApiError(`Bulk setIgnored() on threat reports needs a server >= 5.1.0 (this one runs ${await host.serverVersion(options)})`, {
        method: 'POST',
        path,
      });
    }
    const pairs: Array<readonly [string, string]> = this.rawParams ? [...this.rawParams] : [['q', this.queryText]];
    if (!pairs.some(([name]) => name === 'cb.urlver')) pairs.unshift(['cb.urlver', '1']);
    const response = await this.host.requester.request<unknown>({
      method: 'POST',
      path,
      body: { query: quotePairs(pairs), updates: { is_ignored: flag } },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    return updatedCount(checkResult(response, 'POST', path, 'Threat reports were not updated'));
  }
}
