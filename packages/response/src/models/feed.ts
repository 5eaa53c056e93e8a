// Feed (response.md §8): a threat-intelligence feed. Its reports are ThreatReports, its actions
// FeedActions; `searchProcesses()`/`searchBinaries()` find what the feed scored.
import {
  ApiError,
  ArrayQuery,
  ConflictError,
  defineModel,
  field,
  InvalidObjectError,
  SimpleListQuery,
  type CallOptions,
  type ModelHost,
} from '@cb/core';
import { BinaryQuery } from './binary-query.js';
import { FeedAction } from './feed-action.js';
import { FeedDisabledError } from './intel-errors.js';
import { ProcessQuery } from './process/process-query.js';
import type { RequestTarget } from './request-target.js';
import { checkResult } from './result-reply.js';
import { ThreatReport, type ThreatReportQuery } from './threat-report.js';

/** Score bounds of `searchProcesses()`/`searchBinaries()`: default 1 to `*` (any score). */
export interface ScoreRange {
  readonly minScore?: number | undefined;
  readonly maxScore?: number | undefined;
}

const nullableString = field<string | null>('string', { nullable: true });

const FEED_URL = '/api/v1/feed';
// The searches a feed's score clause is for (searchProcesses / searchBinaries).
const PROCESS_SEARCH = { method: 'GET', path: '/api/v1/process' } as const;
const BINARY_SEARCH = { method: 'GET', path: '/api/v1/binary' } as const;
// The search of the feed's reports.
const REPORT_SEARCH = { method: 'GET', path: '/api/v1/threat_report' } as const;

/** Printed lines of the fields that hold feed credentials. */
const SECRET_LINE = /^.{3} +(password|ssl_client_key): /;

export class Feed extends defineModel({
  name: 'Feed',
  urlObject: FEED_URL,
  fields: {
    id: { type: 'int', readOnly: true },
    /** Alphanumeric internal name (used in `alliance_score_<name>`). */
    name: 'string',
    display_name: 'string',
    /** `http://`, `https://` or `file://` URL of the feed document. */
    feed_url: 'string',
    provider_url: 'string',
    summary: 'string',
    tech_data: 'string',
    category: 'string',
    enabled: 'boolean',
    use_proxy: 'boolean',
    validate_server_cert: 'boolean',
    manually_added: 'boolean',
    order: 'int',
    local_rating: field<number | null>('float', { nullable: true }),
    provider_rating: 'float',
    username: nullableString,
    password: nullableString,
    ssl_client_crt: nullableString,
    ssl_client_key: nullableString,
    requires: nullableString,
    requires_who: nullableString,
    requires_what: nullableString,
    /** PNG bytes (base64 on the wire). */
    icon: 'bytes',
    icon_small: 'bytes',
  },
  required: ['feed_url'],
  create: true,
  update: 'PUT',
  delete: true,
}) {
  /** `cb.select(Feed)`: one GET of every feed, filtered and sorted client-side. */
  static createQuery(host: ModelHost): SimpleListQuery<Feed> {
    return new SimpleListQuery(host, Feed);
  }

  /** The feed id; an unsaved feed is an ApiError naming `target`, the request that needed the id. */
  #id(what: string, target: RequestTarget): number {
    const id = this.primaryKeyValue;
    if (id === undefined) throw new ApiError(`Cannot ${what} of a Feed that has not been saved`, target);
    return Number(id);
  }

  /** The feed's actions: `FeedAction` query `where('group_id:<id>')`. */
  get actions(): ArrayQuery<FeedAction> {
    // The list URL needs the missing id: the feed's URL stands in for it.
    return FeedAction.createQuery(this.api).where(`group_id:${this.#id('list the actions', { method: 'GET', path: FEED_URL })}`);
  }

  /** The feed's reports: `ThreatReport` query `where('feed_id:<id>')`. */
  get reports(): ThreatReportQuery {
    return ThreatReport.createQuery(this.api).where(`feed_id:${this.#id('list the reports', REPORT_SEARCH)}`);
  }

  /** A new, unsaved action of this feed (`group_id` = feed id, `watchlist_id` = -1). */
  createAction(): FeedAction {
    const action = new FeedAction(this.api, { state: 'new' });
    // The action's create URL needs the missing id: the feed's URL stands in for it.
    action.group_id = this.#id('create an action', { method: 'POST', path: FEED_URL });
    action.watchlist_id = -1;
    return action;
  }

  /**
   * Asks the server to fetch the feed now (`POST /api/v1/feed/{id}/synchronize`). A disabled feed
   * is a FeedDisabledError (a ConflictError; the server answers 409).
   */
  async synchronize(fullSync = true, options: CallOptions = {}): Promise<void> {
    const id = this.#id('synchronize', { method: 'POST', path: FEED_URL });
    const path = `/api/v1/feed/${id}/synchronize`;
    try {
      const response = await this.api.requester.request({
        method: 'POST',
        path,
        body: { full_sync: fullSync },
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
      checkResult(response, 'POST', path, `Feed ${id} was not synchronized`);
    } catch (error) {
      if (error instanceof ConflictError) throw new FeedDisabledError(id, error);
      throw error;
    }
  }

  /**
   * Processes this feed scored: `where('alliance_score_<name>:[min TO max]')` (default 1 to `*`).
   * Null for a disabled feed (it scores nothing). Loads the feed first when needed.
   */
  async searchProcesses(range: ScoreRange = {}, options: CallOptions = {}): Promise<ProcessQuery | null> {
    const clause = await this.scoreClause(range, options, PROCESS_SEARCH);
    return clause === null ? null : new ProcessQuery(this.api).where(clause);
  }

  /** Binaries this feed scored; null for a disabled feed. */
  async searchBinaries(range: ScoreRange = {}, options: CallOptions = {}): Promise<BinaryQuery | null> {
    const clause = await this.scoreClause(range, options, BINARY_SEARCH);
    return clause === null ? null : new BinaryQuery(this.api).where(clause);
  }

  /** The printed field table, with the feed's credentials masked (printouts end up in logs). */
  override toString(): string {
    return super
      .toString()
      .split('\n')
      .map((line) => (SECRET_LINE.test(line) && !/: (null)?$/.test(line) ? line.replace(/: .*$/, ': [REDACTED]') : line))
      .join('\n');
  }

  /**
   * `alliance_score_<name>:[min TO max]`, or null for a disabled feed (nothing scores then). A
   * feed without a name is an InvalidObjectError naming `search`, the search it cannot make.
   */
  protected async scoreClause(range: ScoreRange, options: CallOptions, search: RequestTarget): Promise<string | null> {
    await this.load(options);
    if (!this.get('enabled', false)) return null;
    const name = String(this.get('name', '') ?? '').trim();
    if (name === '') throw new InvalidObjectError('Feed has no name', search);
    return `alliance_score_${name.toLowerCase()}:[${range.minScore ?? 1} TO ${range.maxScore ?? '*'}]`;
  }
}
