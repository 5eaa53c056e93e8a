// Errors specific to Cb Response admin models and queries.
import { ApiError, type ErrorContext } from '@cb/core';

/** A where() clause names a field the endpoint cannot filter on (e.g. a sensor query on `os_type`). */
export class InvalidQueryFieldError extends ApiError {
  static override readonly errorName: string = 'InvalidQueryFieldError';
  /** The field the clause named. */
  readonly field: string;
  /** The fields this query accepts. */
  readonly allowed: readonly string[];

  /** `context`: the list request the clause was meant for (method and path). */
  constructor(model: string, field: string, allowed: readonly string[], context: ErrorContext = {}) {
    super(`${model} queries cannot filter on "${field}": field name must be one of ${allowed.join(', ')}`, context);
    this.field = field;
    this.allowed = allowed;
  }
}
