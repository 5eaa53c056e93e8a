// Watchlist (response.md §9): a saved process (`events`) or binary (`modules`) search whose hits
// raise alerts. `search_query` is a URL query string (`cb.urlver=1&q=...&cb.q.<field>=...`);
// `query` reads and writes its query text, `search()` runs it.
import {
  ApiError,
  ArrayQuery,
  defineModel,
  field,
  InvalidObjectError,
  SimpleListQuery,
  type CallOptions,
  type ModelHost,
} from '@cb/core';
import type { WatchlistIndexType } from '../query/solr-query.js';
import { requestTarget, type RequestTarget } from './request-target.js';
import { parsePairs, quotePairs } from './url-quote.js';
import { WatchlistAction } from './watchlist-action.js';
import { watchlistSearch, type WatchlistSearch } from './watchlist-search.js';

export type { WatchlistIndexType };

/** The query text of a `search_query`: each `q` verbatim, each `cb.q.<field>=<v>` as `<field>:<v>`. */
export function queryTextOf(searchQuery: string): string {
  const terms: string[] = [];
  for (const [name, value] of parsePairs(searchQuery)) {
    if (name === 'q') terms.push(value);
    else if (name.startsWith('cb.q.')) terms.push(`${name.slice('cb.q.'.length)}:${value}`);
  }
  return terms.join(' ');
}

/**
 * `searchQuery` with its query text replaced: every other parameter kept in order (`cb.urlver=1`
 * added when missing), `q=<text>` appended, values quoted with space → `%20` (response.md §9).
 */
export function withQueryText(searchQuery: string, text: string): string {
  const kept = parsePairs(searchQuery).filter(([name]) => name !== 'q' && !name.startsWith('cb.q.'));
  if (!kept.some(([name]) => name === 'cb.urlver')) kept.unshift(['cb.urlver', '1']);
  return quotePairs([...kept, ['q', text]]);
}

/** The `cb.fq.<field>` filters of a `search_query`: field → values. */
export function facetFiltersOf(searchQuery: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of parsePairs(searchQuery)) {
    if (!name.startsWith('cb.fq.')) continue;
    const field = name.slice('cb.fq.'.length);
    (out[field] ??= []).push(value);
  }
  return out;
}

/** The Watchlist model's URL (list and create). */
export const WATCHLIST_URL = '/api/v1/watchlist';

export class Watchlist extends defineModel({
  name: 'Watchlist',
  urlObject: WATCHLIST_URL,
  fields: {
    /** A string on real servers (`"11"`). */
    id: { type: 'string', readOnly: true },
    name: 'string',
    /** URL query string, e.g. `cb.urlver=1&q=process_name%3Anet.exe`; see `query`. */
    search_query: 'string',
    index_type: field<WatchlistIndexType>('string'),
    enabled: 'boolean',
    description: 'string',
    readonly: 'boolean',
    date_added: 'date',
    /** Empty until the first hit; `lastHitAt` reads it as a Date or null. */
    last_hit: 'string',
    last_hit_count: 'int',
    total_hits: 'string',
    total_tags: 'string',
    group_id: 'int',
    alliance_id: { type: 'string', nullable: true },
    from_alliance: 'boolean',
    search_timestamp: 'date',
  },
  required: ['name', 'search_query', 'index_type'],
  create: true,
  update: 'PUT',
  delete: true,
}) {
  /** `cb.select(Watchlist)`: one GET of every watchlist, filtered and sorted client-side. */
  static createQuery(host: ModelHost): SimpleListQuery<Watchlist> {
    return new SimpleListQuery(host, Watchlist);
  }

  /** The query text (`process_name:net.exe cmdline:\\test\blah`), decoded from `search_query`. */
  get query(): string {
    return queryTextOf(this.search_query);
  }

  /** Replaces the query text, keeping the other `search_query` parameters. */
  set query(text: string) {
    this.search_query = withQueryText(this.get('search_query', '') as string, text);
  }

  /** The `cb.fq.<field>` filters of `search_query`: field → values. */
  get facets(): Record<string, string[]> {
    return facetFiltersOf(this.search_query);
  }

  /** `last_hit` as a Date; null before the first hit. */
  get lastHitAt(): Date | null {
    const raw = this.get('last_hit', '');
    if (typeof raw !== 'string' || raw.trim() === '') return null;
    const date = new Date(raw.replace(' ', 'T'));
    return Number.isNaN(date.getTime()) ? null : date;
  }

  /**
   * The watchlist's search: a raw Process query (`events`) or Binary query (`modules`) sending
   * `search_query` as it is, so it matches exactly what the watchlist matches. (cbapi dropped
   * the query and returned a search of everything.) Loads the watchlist first when needed.
   */
  async search(options: CallOptions = {}): Promise<WatchlistSearch> {
    await this.load(options);
    const indexType = this.get('index_type', undefined);
    if (indexType !== 'events' && indexType !== 'modules') {
      // Which search to name is what is wrong: name the GET the watchlist document came from.
      throw new InvalidObjectError(
        `index_type of ${String(indexType)} is invalid`,
        requestTarget('GET', () => this.objectPath(), WATCHLIST_URL),
      );
    }
    return watchlistSearch(this.api, indexType, this.search_query);
  }

  /** The watchlist id; an unsaved one is an ApiError naming `target`, the request that needed the id. */
  #id(what: string, target: RequestTarget): number {
    const id = Number(this.primaryKeyValue);
    if (this.primaryKeyValue === undefined || !Number.isInteger(id)) {
      throw new ApiError(`Cannot ${what} of a Watchlist that has not been saved`, target);
    }
    return id;
  }

  /** The watchlist's actions: `WatchlistAction` query `where('watchlist_id:<id>')`. */
  get actions(): ArrayQuery<WatchlistAction> {
    // The list URL needs the missing id: the watchlist's URL stands in for it.
    return WatchlistAction.createQuery(this.api).where(`watchlist_id:${this.#id('list the actions', { method: 'GET', path: WATCHLIST_URL })}`);
  }

  /** A new, unsaved action of this watchlist. */
  createAction(): WatchlistAction {
    const action = new WatchlistAction(this.api, { state: 'new' });
    action.watchlist_id = this.#id('create an action', { method: 'POST', path: WATCHLIST_URL });
    return action;
  }
}
