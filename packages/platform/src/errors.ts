// Errors specific to Carbon Black Cloud. Everything else comes from @cb/core's hierarchy.
import { ApiError, ConfigurationError, type ErrorContext } from '@cb/core';

/**
 * The server behind the URL is not Carbon Black Cloud (e.g. a Cb Response or Cb Protection
 * server answering platform routes with its own HTML pages), or the token belongs to another
 * product. The message names the class to use instead.
 */
export class WrongProductError extends ConfigurationError {
  static override readonly errorName: string = 'WrongProductError';
  /** HTTP status of the reply that gave the server away, when a request was made. */
  readonly status: number | undefined;
  constructor(message: string, context: ErrorContext & { status?: number | undefined } = {}) {
    super(message, context);
    this.status = context.status;
  }
}

/**
 * Offset paging of device searches reaches at most `window` rows (cbc-live-response.md §2.3);
 * `numFound` rows matched. Use `query.scroll()` to walk every row, narrow the criteria, or
 * accept the first rows explicitly with `query.limit(window)`.
 */
export class ResultWindowError extends ApiError {
  static override readonly errorName: string = 'ResultWindowError';
  readonly window: number;
  readonly numFound: number | undefined;
  constructor(message: string, context: ErrorContext & { window: number; numFound?: number | undefined }) {
    super(message, context);
    this.window = context.window;
    this.numFound = context.numFound;
  }
}

/** A search criterion got values the API does not accept (unknown OS, non-integer id...). */
export class InvalidCriteriaError extends ApiError {
  static override readonly errorName: string = 'InvalidCriteriaError';
  readonly criterion: string;
  readonly invalid: readonly unknown[];
  constructor(criterion: string, invalid: readonly unknown[], expected: string) {
    super(`Invalid value${invalid.length > 1 ? 's' : ''} for criterion "${criterion}": ${invalid.map((v) => JSON.stringify(v)).join(', ')} (${expected})`);
    this.criterion = criterion;
    this.invalid = invalid;
  }
}

/** A field name from an older API was used; the message names the replacement. */
export class FieldRenamedError extends ApiError {
  static override readonly errorName: string = 'FieldRenamedError';
  readonly model: string;
  readonly field: string;
  readonly replacement: string;
  constructor(model: string, field: string, replacement: string, why: string) {
    super(`${model}.${field} does not exist: use ${model}.${replacement} (${why})`);
    this.model = model;
    this.field = field;
    this.replacement = replacement;
  }
}
