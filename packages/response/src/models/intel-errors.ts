// Typed errors of the intel models (feeds, banning, alerts). Each extends the core class a caller
// would already catch (ConflictError, ApiError), so generic handlers keep working.
import { ApiError, ConflictError, ServerError, type ErrorContext } from '@cb/core';

/** `feed.synchronize()` on a disabled feed (the server answers 409). */
export class FeedDisabledError extends ConflictError {
  static override readonly errorName: string = 'FeedDisabledError';
  readonly feedId: number;

  constructor(feedId: number, cause: ServerError) {
    super(`Cannot synchronize feed ${feedId}: feed is disabled`, {
      status: cause.status,
      body: cause.body,
      method: cause.method,
      path: cause.path,
      requestId: cause.requestId,
      cause,
    });
    this.feedId = feedId;
  }
}

/** Banning a hash that is already banned (and enabled). */
export class HashAlreadyBannedError extends ConflictError {
  static override readonly errorName: string = 'HashAlreadyBannedError';
  readonly md5: string;

  constructor(md5: string, cause: ServerError) {
    super(
      `MD5 ${md5} is already banned; load it with cb.fetch(BannedHash, '${md5}') to change its text or disable it`,
      { status: cause.status, body: cause.body, method: cause.method, path: cause.path, requestId: cause.requestId, cause },
    );
    this.md5 = md5;
  }
}

/** An alert status outside the four the server knows. */
export class InvalidAlertStatusError extends ApiError {
  static override readonly errorName: string = 'InvalidAlertStatusError';
  readonly status: string;
  readonly allowed: readonly string[];

  /** `context`: the update the status was meant for (method and path). */
  constructor(status: string, allowed: readonly string[], context: ErrorContext = {}) {
    super(`Invalid alert status ${JSON.stringify(status)}: must be one of ${allowed.map((s) => `"${s}"`).join(', ')}`, context);
    this.status = status;
    this.allowed = allowed;
  }
}

/**
 * A bulk alert update read fewer ids than the search reported, so it updated nothing: the server
 * stops paging at its result window (`maxSearchResultRows`), or alerts changed while being read.
 */
export class IncompleteBulkSelectionError extends ApiError {
  static override readonly errorName: string = 'IncompleteBulkSelectionError';
  /** Matching alerts the server reported. */
  readonly total: number;
  /** Ids it actually returned. */
  readonly collected: number;

  /** `context`: the bulk update that was not sent (`POST /api/v1/alerts`). */
  constructor(total: number, collected: number, context: ErrorContext = {}) {
    super(
      `The query matches ${total} alerts but the server returned only ${collected} of them ` +
        '(its result window, maxSearchResultRows, or alerts changing while they were read); nothing was updated. ' +
        'Narrow the query (e.g. by created_time ranges) and run the update once per part.',
      context,
    );
    this.total = total;
    this.collected = collected;
  }
}
