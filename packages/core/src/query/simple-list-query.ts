// Lists served whole by one GET (core.md §5 "simple list"): at most one where-clause, matched
// client-side by case-insensitive equality of `field:value`; sort client-side.
//
// Deliberate change: cbapi always sorted descending; here `sort('name')` is ascending and
// `sort('name desc')` descending, like the server-side sorts.
import { ApiError } from '../errors.js';
import type { RequestOptions } from '../http/types.js';
import type { BaseModel } from '../model/base-model.js';
import type { Doc } from '../model/types.js';
import { throwIfAborted } from './paginate.js';
import { Query } from './query.js';
import { parseSort } from './strategies/util.js';
import type { QueryCallOptions, QueryState, RawPage, RowWindow } from './types.js';

export function splitClause(clause: string): { field: string; value: string } {
  const colon = clause.indexOf(':');
  if (colon <= 0) throw new ApiError(`Invalid where clause "${clause}": use "field:value"`);
  return { field: clause.slice(0, colon).trim(), value: clause.slice(colon + 1).trim() };
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

export class SimpleListQuery<M extends BaseModel> extends Query<M> {
  override where(clause: string): this {
    if (this.spec.clauses.length > 0) throw new ApiError("Cannot have multiple 'where' clauses");
    splitClause(clause);
    return super.where(clause);
  }

  protected override rowsAreFull(): boolean {
    return true;
  }

  /** The list request; subclasses may send the clause to the server instead (Response Sensor). */
  protected buildListRequest(state: QueryState): RequestOptions {
    return { method: 'GET', path: state.path, query: state.params };
  }

  protected override searchTarget(): { method: string; path: string } {
    const request = this.buildListRequest(this.state());
    return { method: request.method ?? 'GET', path: request.path };
  }

  /** Rows of the list reply (a JSON array; anything else is an empty list). */
  protected parseList(body: unknown): readonly unknown[] {
    return Array.isArray(body) ? body : [];
  }

  /** Client-side filter: `String(row[field])` equals the value, ignoring case; absent never matches. */
  protected matches(row: unknown): boolean {
    const [clause] = this.spec.clauses;
    if (clause === undefined) return true;
    const { field, value } = splitClause(clause);
    const actual = typeof row === 'object' && row !== null ? (row as Doc)[field] : undefined;
    return actual !== undefined && actual !== null && String(actual).toLowerCase() === value.toLowerCase();
  }

  protected async fetchAll(options: QueryCallOptions): Promise<{ rows: unknown[]; body: unknown }> {
    throwIfAborted(options.signal);
    const response = await this.host.requester.request({
      ...this.buildListRequest(this.state()),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    const rows = this.parseList(response.data).filter((row) => this.matches(row));
    if (this.spec.sort) {
      const { field, order } = parseSort(this.spec.sort);
      const sign = order === 'DESC' ? -1 : 1;
      const value = (row: unknown): unknown => (typeof row === 'object' && row !== null ? (row as Doc)[field] : undefined);
      rows.sort((a, b) => sign * compareValues(value(a), value(b)));
    }
    return { rows, body: response.data };
  }

  protected override async *fetchPages(window: RowWindow, options: QueryCallOptions): AsyncGenerator<RawPage, void, undefined> {
    if (window.end !== undefined && window.end <= window.start) return;
    const { rows, body } = await this.fetchAll(options);
    const slice = rows.slice(window.start, window.end);
    if (slice.length > 0) yield { start: window.start, rows: slice, total: rows.length, body, duplicates: 0 };
  }

  protected override async fetchCount(options: QueryCallOptions): Promise<number> {
    return (await this.fetchAll(options)).rows.length;
  }
}
