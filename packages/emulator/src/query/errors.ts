// Typed errors raised by the query engine. Routes map them to HTTP 400 bodies; the shapes
// below are what the real servers (or the SDK's error mapping) key on.

/** Bad Cb Response query text. HEAD cbapi maps HTTP 400 + `reason: query_malformed_syntax` to QuerySyntaxError. */
export class QuerySyntaxError extends Error {
  override readonly name = 'QuerySyntaxError';
  /** 0-based character offset in the query text where the problem was detected. */
  readonly position: number;
  /** Message without the position suffix. */
  readonly detail: string;

  constructor(detail: string, position: number) {
    super(`${detail} at position ${position}`);
    this.detail = detail;
    this.position = position;
  }

  /**
   * JSON body for the 400 reply. Only `reason` is read by any SDK; `message` and `position`
   * are emulator additions to make failures debuggable.
   */
  toJSON(): { reason: 'query_malformed_syntax'; message: string; position: number } {
    return { reason: 'query_malformed_syntax', message: this.message, position: this.position };
  }
}

/** A non-query search parameter (start, rows, sort, cb.* filters, limit, ...) is unusable. */
export class SearchParamError extends Error {
  override readonly name = 'SearchParamError';
  readonly param: string;

  constructor(param: string, message: string) {
    super(message);
    this.param = param;
  }

  toJSON(): { reason: 'invalid_parameter'; param: string; message: string } {
    return { reason: 'invalid_parameter', param: this.param, message: this.message };
  }
}
