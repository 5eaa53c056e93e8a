export type { HttpMethod, QueryScalar, QueryValue, QueryParams, ResponseType, RetryOptions, RequestOptions, HttpResponse, Requester } from './types.js';
export { Connection, type ConnectionOptions } from './connection.js';
export { encodeQuery, formEncode, withQuery } from './query.js';
export { sortedJson } from './json-body.js';
export { backoffDelay, parseRetryAfter, resolveRetry, DEFAULT_RETRY, type ResolvedRetry } from './retry-policy.js';
export { CertificatePinError, normalisePin } from './dispatcher.js';
export { compose, type Middleware, type HttpContext, type Exchange, type Next, type CallState } from './pipeline.js';
export { userAgentString } from './middleware/user-agent.js';
export { CORE_VERSION } from '../version.js';
