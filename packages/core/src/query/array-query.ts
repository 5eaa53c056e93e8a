// Lists scoped to a parent (core.md §5 "array"): the URL is built from a mandatory
// where('<parentField>:<id>') clause, e.g. GET /api/v1/feed/{id}/action.
import { ApiError } from '../errors.js';
import type { BaseModel } from '../model/base-model.js';
import type { ModelClass, ModelHost } from '../model/types.js';
import type { QueryInit } from './query.js';
import { SimpleListQuery, splitClause } from './simple-list-query.js';
import type { QueryState } from './types.js';

export interface ArrayQueryInit extends Omit<QueryInit, 'path'> {
  /** The clause field naming the parent, e.g. `group_id`. */
  readonly parentField: string;
  /** List URL for a parent id. */
  readonly path: (parentId: string, host: ModelHost) => string;
}

export class ArrayQuery<M extends BaseModel> extends SimpleListQuery<M> {
  private readonly parentField: string;
  private readonly parentPath: (parentId: string, host: ModelHost) => string;

  constructor(host: ModelHost, model: ModelClass<M>, init: ArrayQueryInit) {
    super(host, model, { spec: init.spec });
    this.parentField = init.parentField;
    this.parentPath = init.path;
  }

  override where(clause: string): this {
    if (splitClause(clause).field !== this.parentField) {
      throw new ApiError(`Field name must be: ${this.parentField}`);
    }
    return super.where(clause);
  }

  protected override state(): QueryState {
    const [clause] = this.spec.clauses;
    if (clause === undefined) {
      throw new ApiError(`Must use a search parameter: .where('${this.parentField}:<id>')`);
    }
    return { ...this.spec, path: this.parentPath(splitClause(clause).value, this.host) };
  }

  /** Every row belongs to the parent named in the URL. */
  protected override matches(): boolean {
    return true;
  }
}
