// Everything public from the transport half of @cb/core (credentials, HTTP connection,
// logging, redaction). index.ts re-exports this module.
export {
  resolveCredentials,
  writeCredentialsProfile,
  parseIni,
  parseBoolean,
  defaultCredentialFiles,
  type CredentialOptions,
  type Credentials,
  type CredentialFileValue,
  type CredentialValues,
  type IniSections,
} from './credentials/index.js';
export {
  Connection,
  encodeQuery,
  sortedJson,
  parseRetryAfter,
  backoffDelay,
  CertificatePinError,
  userAgentString,
  CORE_VERSION,
  type ConnectionOptions,
  type HttpMethod,
  type QueryScalar,
  type QueryValue,
  type QueryParams,
  type ResponseType,
  type RetryOptions,
  type RequestOptions,
  type HttpResponse,
  type Requester,
} from './http/index.js';
export { createLogger, debugEnabled, redactingLogger, type CreateLoggerOptions, type Logger } from './logging/index.js';
export { Redactor, REDACTED, secretsOf } from './redact.js';
