// Errors specific to Cb Response admin models and queries.
import { ApiError } from '@cb/core';

/** A where() clause names a field the endpoint cannot filter on (e.g. a sensor query on `os_type`). */
export class InvalidQueryFieldError extends ApiError {
  static override readonly errorName: string = 'InvalidQueryFieldError';
  /** The field the clause named. */
  readonly field: string;
  /** The fields this query accepts. */
  readonly allowed: readonly string[];

  constructor(model: string, field: string, allowed: readonly string[]) {
    super(`${model} queries cannot filter on "${field}": field name must be one of ${allowed.join(', ')}`);
    this.field = field;
    this.allowed = allowed;
  }
}
