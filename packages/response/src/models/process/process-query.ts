// ProcessQuery (response.md §2.2): the Solr search over /api/v1/process with the default sort
// `last_update desc` and the 6.0+ filters cb.group / cb.min_last_update / ... Every filter
// returns a new query (cbapi's clones shared one parameter map, so a filter on a derived query
// leaked into the query it came from). On servers before 6.0 the filters are not sent (cbapi:
// no-ops) and a warning is logged once per query run.
import type { ModelHost, QueryParams } from '@cb/core';
import { SolrQuery, type SearchContext, type SolrQueryInit } from '../../query/solr-query.js';
import { versionAtLeast } from '../../version.js';
import { Process } from './process.js';

/** A time for the cb.*_update filters: a Date (sent as UTC `YYYY-MM-DDTHH:MM:SSZ`) or text as is. */
export type ProcessTime = Date | string;

const FILTERS = ['cb.group', 'cb.min_last_update', 'cb.max_last_update', 'cb.min_last_server_update', 'cb.max_last_server_update'];

/** `2017-05-21T18:41:58Z`: what cbapi sends (milliseconds dropped). */
export function formatProcessTime(time: ProcessTime): string {
  return time instanceof Date ? `${time.toISOString().slice(0, 19)}Z` : time;
}

export class ProcessQuery extends SolrQuery<Process> {
  constructor(host: ModelHost, init: SolrQueryInit = {}) {
    super(host, Process, { ...init, spec: { sort: 'last_update desc', ...init.spec } });
  }

  /** A query from a URL query string (`cb.urlver=1&q=...`), as the console and watchlists store them. */
  static fromRaw(host: ModelHost, searchQuery: string): ProcessQuery {
    return new ProcessQuery(host, { raw: searchQuery });
  }

  /** One result per `field` value (`cb.group`), e.g. `groupBy('id')`: one row per process, not per segment. */
  groupBy(field: string): this {
    return this.withParams({ 'cb.group': field });
  }

  /** Processes updated at or after `time` (`cb.min_last_update`). */
  minLastUpdate(time: ProcessTime): this {
    return this.withParams({ 'cb.min_last_update': formatProcessTime(time) });
  }

  /** Processes updated at or before `time` (`cb.max_last_update`). */
  maxLastUpdate(time: ProcessTime): this {
    return this.withParams({ 'cb.max_last_update': formatProcessTime(time) });
  }

  /** Processes the server updated at or after `time` (`cb.min_last_server_update`). */
  minLastServerUpdate(time: ProcessTime): this {
    return this.withParams({ 'cb.min_last_server_update': formatProcessTime(time) });
  }

  /** Processes the server updated at or before `time` (`cb.max_last_server_update`). */
  maxLastServerUpdate(time: ProcessTime): this {
    return this.withParams({ 'cb.max_last_server_update': formatProcessTime(time) });
  }

  protected override extraParams(context: SearchContext): QueryParams {
    const params = this.spec.params;
    if (versionAtLeast(context.serverVersion, '6.0.0')) return params;
    const kept: Record<string, QueryParams[string]> = {};
    const dropped: string[] = [];
    for (const [name, value] of Object.entries(params)) {
      if (FILTERS.includes(name)) dropped.push(name);
      else kept[name] = value;
    }
    if (dropped.length > 0) {
      this.host.logger?.warn(`Cb Response ${context.serverVersion} does not support ${dropped.join(', ')} (6.0+); the filter is ignored`);
    }
    return kept;
  }

  /** Search rows are segments: several share a process id, so rows are told apart by unique id. */
  protected override rowKey(row: unknown): string | undefined {
    if (typeof row !== 'object' || row === null) return undefined;
    const doc = row as Record<string, unknown>;
    if (typeof doc.unique_id === 'string' && doc.unique_id !== '') return doc.unique_id;
    return typeof doc.id === 'string' ? `${doc.id}/${String(doc.segment_id)}` : undefined;
  }
}
