// Server-side paginated searches: one strategy object decides the wire format.
import type { BaseModel } from '../model/base-model.js';
import type { ModelClass, ModelHost } from '../model/types.js';
import { paginate, throwIfAborted } from './paginate.js';
import { Query, type QueryInit } from './query.js';
import type { PaginationStrategy, QueryCallOptions, RawPage, RowWindow } from './types.js';

export interface PaginatedQueryInit extends QueryInit {
  /** Rows are whole documents (default false: search rows are partial). */
  readonly fullRows?: boolean | undefined;
}

export class PaginatedQuery<M extends BaseModel> extends Query<M> {
  protected readonly strategy: PaginationStrategy;
  private readonly fullRows: boolean;

  constructor(host: ModelHost, model: ModelClass<M>, strategy: PaginationStrategy, init: PaginatedQueryInit = {}) {
    super(host, model, init);
    this.strategy = strategy;
    this.fullRows = init.fullRows ?? false;
  }

  protected override rowsAreFull(): boolean {
    return this.fullRows;
  }

  protected override fetchPages(window: RowWindow, options: QueryCallOptions): AsyncGenerator<RawPage, void, undefined> {
    return paginate({
      requester: this.host.requester,
      strategy: this.strategy,
      state: this.state(),
      window,
      batchSize: this.spec.batchSize ?? this.strategy.defaultBatchSize,
      rowKey: (row) => this.rowKey(row),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }

  protected override searchTarget(): { method: string; path: string } {
    const request = this.strategy.buildPageRequest(this.state(), 0, this.spec.batchSize ?? this.strategy.defaultBatchSize);
    return { method: request.method ?? 'GET', path: request.path };
  }

  protected override async fetchCount(options: QueryCallOptions): Promise<number> {
    throwIfAborted(options.signal);
    const state = this.state();
    const response = await this.host.requester.request({
      ...this.strategy.buildCountRequest(state),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    return this.strategy.parseCount(response, state);
  }
}
