// The query base: an immutable, lazy builder. Builder calls return new queries; nothing is sent
// until a terminal call (count, first, one, at, slice, all, iteration, pages). Queries are NOT
// thenables: `await query` never fetches by accident.
//
// Subclasses supply rows (fetchPages) and a count (fetchCount). Product queries add state with
// withParams()/withBody() (kept in the spec) or with their own readonly fields: clone() copies
// every own property, so extra fields survive where/and/sort. (No #private members here: clones
// are made with Object.create and would lack their brand.)
import { ApiError, MoreThanOneResultError } from '../errors.js';
import type { QueryParams } from '../http/types.js';
import type { BaseModel } from '../model/base-model.js';
import type { Doc, ModelClass, ModelHost } from '../model/types.js';
import type { QueryCallOptions, QueryPage, QuerySpec, QueryState, RawPage, RowWindow } from './types.js';

const EMPTY_SPEC: QuerySpec = Object.freeze({
  clauses: Object.freeze([]),
  sort: undefined,
  params: Object.freeze({}),
  body: Object.freeze({}),
  batchSize: undefined,
  limit: undefined,
});

export interface QueryInit {
  /** List/search URL; default: the table's queryPath, else its urlObject. */
  readonly path?: string | ((host: ModelHost) => string) | undefined;
  /** Initial builder state (e.g. a default sort). */
  readonly spec?: Partial<QuerySpec> | undefined;
}

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new ApiError(`${what} must be a non-negative integer, got ${n}`);
}

export abstract class Query<M extends BaseModel> implements AsyncIterable<M> {
  protected readonly spec: QuerySpec;
  private readonly pathSource: string | ((host: ModelHost) => string) | undefined;

  constructor(
    protected readonly host: ModelHost,
    readonly model: ModelClass<M>,
    init: QueryInit = {},
  ) {
    this.pathSource = init.path;
    this.spec = Object.freeze({ ...EMPTY_SPEC, ...init.spec });
  }

  // -------------------------------------------------------------------------------------------
  // Builder (each call returns a new query)

  /** Adds a clause (products define how clauses combine: a space, repeated q=, key=value...). */
  where(clause: string): this {
    return this.withSpec({ clauses: [...this.spec.clauses, clause] });
  }

  /** Same as where(): clauses are ANDed. */
  and(clause: string): this {
    return this.where(clause);
  }

  /** Sort text such as `last_update desc`; a blank string clears the sort. */
  sort(sort: string): this {
    return this.withSpec({ sort: sort.trim() === '' ? undefined : sort.trim() });
  }

  /** Rows per request. */
  batchSize(rows: number): this {
    assertCount(rows, 'batchSize');
    if (rows === 0) throw new ApiError('batchSize must be at least 1');
    return this.withSpec({ batchSize: rows });
  }

  /** At most `rows` results in total (counts, slices and iteration all respect it). */
  limit(rows: number): this {
    assertCount(rows, 'limit');
    return this.withSpec({ limit: rows });
  }

  /** A new query with `patch` applied; own properties of subclasses are carried over. */
  protected withSpec(patch: Partial<QuerySpec>): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    return Object.assign(copy, this, { spec: Object.freeze({ ...this.spec, ...patch }) });
  }

  /** Extension point: extra query-string parameters (undefined removes one). */
  protected withParams(params: QueryParams): this {
    return this.withSpec({ params: { ...this.spec.params, ...params } });
  }

  /** Extension point: extra JSON body fields for POST searches. */
  protected withBody(fields: Readonly<Record<string, unknown>>): this {
    return this.withSpec({ body: { ...this.spec.body, ...fields } });
  }

  /** The state strategies see, with the URL resolved now (org keys may be needed). */
  protected state(): QueryState {
    const source = this.pathSource ?? this.model.table.queryPath ?? this.model.table.urlObject;
    const path = typeof source === 'string' ? source : source(this.host);
    return { ...this.spec, path };
  }

  /** Method and path of this query's search request, for errors about its results. */
  protected searchTarget(): { method: string; path: string } {
    return { method: 'GET', path: this.state().path };
  }

  /** Human-readable description used in error messages. */
  describe(): string {
    const where = this.spec.clauses.length > 0 ? ` where ${this.spec.clauses.join(' AND ')}` : '';
    return `${this.model.table.name} query${where}`;
  }

  // -------------------------------------------------------------------------------------------
  // Row sources (subclasses)

  /** Raw pages of rows [window.start, window.end), deduplicated by primary key. */
  protected abstract fetchPages(window: RowWindow, options: QueryCallOptions): AsyncGenerator<RawPage, void, undefined>;

  /** Number of rows the server has for this query (ignoring limit). */
  protected abstract fetchCount(options: QueryCallOptions): Promise<number>;

  /** Whether rows are whole documents (simple lists) or parts (paginated searches). */
  protected rowsAreFull(): boolean {
    return false;
  }

  /** Turns a raw row into a model. */
  protected toModel(row: unknown): M {
    const doc = (typeof row === 'object' && row !== null ? row : {}) as Doc;
    return new this.model(this.host, { doc, state: this.rowsAreFull() ? 'full' : 'partial' });
  }

  /** Primary key of a raw row, for deduplication (undefined: never deduplicated). */
  protected rowKey(row: unknown): string | undefined {
    if (typeof row !== 'object' || row === null) return undefined;
    const value = (row as Doc)[this.model.table.primaryKey ?? 'id'];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Terminal operations

  async count(options: QueryCallOptions = {}): Promise<number> {
    const n = await this.fetchCount(options);
    return this.spec.limit === undefined ? n : Math.min(n, this.spec.limit);
  }

  /** The first result, or undefined. */
  async first(options: QueryCallOptions = {}): Promise<M | undefined> {
    const [model] = await this.slice(0, 1, options);
    return model;
  }

  /** The only result; MoreThanOneResultError (with the count) when there are 0 or several. */
  async one(options: QueryCallOptions = {}): Promise<M> {
    const models: M[] = [];
    let total: number | undefined;
    for await (const page of this.fetchPages(this.windowOf(0, 2, true), options)) {
      total = page.total ?? total;
      models.push(...page.rows.map((row) => this.toModel(row)));
    }
    const [only] = models;
    if (models.length === 1 && only) return only;
    const count = models.length === 0 ? 0 : Math.max(models.length, total ?? 0);
    const message =
      count === 0 ? `0 results for query ${this.describe()}` : `${count} results found for query ${this.describe()}`;
    throw new MoreThanOneResultError(message, { count, ...this.searchTarget() });
  }

  /** The result at `index` (negative counts from the end), or undefined. */
  async at(index: number, options: QueryCallOptions = {}): Promise<M | undefined> {
    if (!Number.isInteger(index)) throw new ApiError(`at() takes an integer index, got ${index}`);
    let start = index;
    if (start < 0) {
      start += await this.count(options);
      if (start < 0) return undefined;
    }
    const [model] = await this.slice(start, start + 1, options);
    return model;
  }

  /**
   * Results [start, end) like Array.prototype.slice: negative bounds count from the end (one
   * count request first); an empty range gives [] without a request. No step.
   */
  async slice(start: number, end?: number, options: QueryCallOptions = {}): Promise<M[]> {
    if (!Number.isInteger(start) || (end !== undefined && !Number.isInteger(end))) {
      throw new ApiError(`slice() takes integer bounds, got (${start}, ${String(end)})`);
    }
    let from = start;
    let to = end;
    if (from < 0 || (to !== undefined && to < 0)) {
      const n = await this.count(options);
      if (from < 0) from = Math.max(0, n + from);
      if (to !== undefined && to < 0) to = Math.max(0, n + to);
    }
    const models: M[] = [];
    for await (const page of this.fetchPages(this.windowOf(from, to, true), options)) {
      for (const row of page.rows) models.push(this.toModel(row));
    }
    return models;
  }

  /** Every result (all pages). */
  all(options: QueryCallOptions = {}): Promise<M[]> {
    return this.slice(0, undefined, options);
  }

  /** Iterates every result, page by page, with a signal or per-request timeout. */
  async *iterate(options: QueryCallOptions = {}): AsyncGenerator<M, void, undefined> {
    for await (const page of this.fetchPages(this.windowOf(0, undefined, false), options)) {
      for (const row of page.rows) yield this.toModel(row);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<M> {
    return this.iterate();
  }

  /** Iterates raw pages (rows, total, response body) along with their models. */
  async *pages(options: QueryCallOptions = {}): AsyncGenerator<QueryPage<M>, void, undefined> {
    for await (const page of this.fetchPages(this.windowOf(0, undefined, false), options)) {
      yield { ...page, models: page.rows.map((row) => this.toModel(row)) };
    }
  }

  /** Applies the query's limit to a window. */
  private windowOf(start: number, end: number | undefined, whole: boolean): RowWindow {
    const limit = this.spec.limit;
    const capped = limit === undefined ? end : end === undefined ? limit : Math.min(end, limit);
    return { start, end: capped === undefined ? undefined : Math.max(start, capped), whole };
  }
}
