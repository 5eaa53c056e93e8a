// The typed error hierarchy of the SDK.
//
// Every error carries the request method and path when one was involved, never the token:
// messages and bodies are redacted by the code that builds them (see redact.ts), and the
// classes below hold no request headers at all.
//
// `instanceof` works across duplicate copies of @cb/core (e.g. legacy-compat pulling a second
// copy): each instance carries the names of its class chain under a registry symbol and every
// class checks that list instead of the prototype chain.

const CHAIN = Symbol.for('@cb/core.error-chain');

export interface ErrorContext {
  /** HTTP method of the request that failed, when there was one. */
  method?: string | undefined;
  /** Path (and redacted query string) of the request that failed, without the host. */
  path?: string | undefined;
  /** The underlying error. */
  cause?: unknown;
}

function chainOf(target: object): string[] {
  const names: string[] = [];
  let proto: unknown = Object.getPrototypeOf(target);
  while (proto && proto !== Error.prototype && proto !== Object.prototype) {
    const ctor = (proto as { constructor?: { errorName?: string } }).constructor;
    if (ctor?.errorName) names.push(ctor.errorName);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

/** Root of every error the SDK throws. */
export class ApiError extends Error {
  static readonly errorName: string = 'ApiError';
  readonly method: string | undefined;
  readonly path: string | undefined;
  declare readonly [CHAIN]: readonly string[];

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.method = context.method;
    this.path = context.path;
    Object.defineProperty(this, CHAIN, { value: chainOf(this), enumerable: false });
    Object.defineProperty(this, 'name', {
      value: (this.constructor as typeof ApiError).errorName,
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const chain = (value as { [CHAIN]?: unknown })[CHAIN];
    return Array.isArray(chain) && chain.includes(this.errorName);
  }

  /** A plain, secret-free description (what `JSON.stringify(err)` prints). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
}

export function describeRequest(method?: string, path?: string): string {
  return method && path ? `${method} ${path}` : path ?? '';
}

// ---------------------------------------------------------------------------------------------
// Configuration and credentials

export interface CredentialErrorDetails extends ErrorContext {
  profile?: string | undefined;
  /** Every credential file that was considered, in the order it was read. */
  filesSearched?: readonly string[] | undefined;
  /** The key that was required but absent, e.g. "token". */
  missingKey?: string | undefined;
  /** True when another credential provider may still succeed. */
  tryNextLink?: boolean | undefined;
}

export class CredentialError extends ApiError {
  static override readonly errorName: string = 'CredentialError';
  readonly profile: string | undefined;
  readonly filesSearched: readonly string[];
  readonly missingKey: string | undefined;
  readonly tryNextLink: boolean;

  constructor(message: string, details: CredentialErrorDetails = {}) {
    super(message, details);
    this.profile = details.profile;
    this.filesSearched = details.filesSearched ?? [];
    this.missingKey = details.missingKey;
    this.tryNextLink = details.tryNextLink ?? false;
  }
}

/** Invalid options given to a constructor or call (bad URL, unknown option...). */
export class ConfigurationError extends ApiError {
  static override readonly errorName: string = 'ConfigurationError';
}

// ---------------------------------------------------------------------------------------------
// Transport

export interface ServerErrorDetails extends ErrorContext {
  status: number;
  /** Response body, parsed JSON when it was JSON, otherwise text (truncated, redacted). */
  body?: unknown;
  /** Value of the server's request id header, when it sent one. */
  requestId?: string | undefined;
  /** How many attempts were made before giving up (1 = no retry). */
  attempts?: number | undefined;
}

/** The server answered with an error status. */
export class ServerError extends ApiError {
  static override readonly errorName: string = 'ServerError';
  readonly status: number;
  readonly body: unknown;
  readonly requestId: string | undefined;
  readonly attempts: number;

  constructor(message: string, details: ServerErrorDetails) {
    super(message, details);
    this.status = details.status;
    this.body = details.body;
    this.requestId = details.requestId;
    this.attempts = details.attempts ?? 1;
  }
}

/** 4xx other than the specific classes below. */
export class ClientError extends ServerError {
  static override readonly errorName: string = 'ClientError';
}
/** 400 with the server's "query_malformed_syntax" reason. */
export class QuerySyntaxError extends ClientError {
  static override readonly errorName: string = 'QuerySyntaxError';
}
/** 401: the token is missing, wrong or expired. */
export class UnauthorizedError extends ClientError {
  static override readonly errorName: string = 'UnauthorizedError';
}
/** 403: the token is valid but lacks a permission (or the key type is wrong for the API). */
export class ForbiddenError extends ClientError {
  static override readonly errorName: string = 'ForbiddenError';
}
/** 404, and `fetch()` of an id that does not exist. */
export class ObjectNotFoundError extends ClientError {
  static override readonly errorName: string = 'ObjectNotFoundError';
}
/** 409: the object changed or already exists. */
export class ConflictError extends ClientError {
  static override readonly errorName: string = 'ConflictError';
}
/** 413: the request body is over the server's (often nginx's) upload limit. */
export class PayloadTooLargeError extends ClientError {
  static override readonly errorName: string = 'PayloadTooLargeError';
}
/** 429: rate limited; `retryAfterMs` is the server's Retry-After, when given. */
export class RateLimitError extends ClientError {
  static override readonly errorName: string = 'RateLimitError';
  readonly retryAfterMs: number | undefined;
  constructor(message: string, details: ServerErrorDetails & { retryAfterMs?: number | undefined }) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** The connection failed or was reset before a complete response arrived. */
export class ConnectionError extends ApiError {
  static override readonly errorName: string = 'ConnectionError';
  readonly attempts: number;
  constructor(message: string, context: ErrorContext & { attempts?: number | undefined } = {}) {
    super(message, context);
    this.attempts = context.attempts ?? 1;
  }
}

/** A request or a wait (isolation, Live Response command...) ran out of time. */
export class TimeoutError extends ApiError {
  static override readonly errorName: string = 'TimeoutError';
  readonly timeoutMs: number | undefined;
  constructor(message: string, context: ErrorContext & { timeoutMs?: number | undefined } = {}) {
    super(message, context);
    this.timeoutMs = context.timeoutMs;
  }
}

/** The caller aborted through its AbortSignal. Never retried. */
export class AbortError extends ApiError {
  static override readonly errorName: string = 'AbortError';
}

// ---------------------------------------------------------------------------------------------
// Models and queries

/** `query.one()` found zero or more than one result. */
export class MoreThanOneResultError extends ApiError {
  static override readonly errorName: string = 'MoreThanOneResultError';
  readonly count: number;
  constructor(message: string, context: ErrorContext & { count: number }) {
    super(message, context);
    this.count = context.count;
  }
}

/** `save()` of a model that is missing required fields, or has invalid values. */
export class InvalidObjectError extends ApiError {
  static override readonly errorName: string = 'InvalidObjectError';
  readonly missingFields: readonly string[];
  constructor(message: string, context: ErrorContext & { missingFields?: readonly string[] } = {}) {
    super(message, context);
    this.missingFields = context.missingFields ?? [];
  }
}

/** A field of a model was read before the model was loaded. */
export class NotLoadedError extends ApiError {
  static override readonly errorName: string = 'NotLoadedError';
  readonly model: string;
  readonly field: string;
  /** `context`: the GET that loads the model (method and the model's URL). */
  constructor(model: string, field: string, hint: string, context: ErrorContext = {}) {
    super(`${model}.${field} is not loaded: ${hint}`, context);
    this.model = model;
    this.field = field;
  }
}

/** The model does not allow this operation (create, update, delete, fetch by id). */
export class OperationNotAllowedError extends ApiError {
  static override readonly errorName: string = 'OperationNotAllowedError';
  readonly model: string;
  readonly operation: string;
  /** `context`: the request that was refused (its method and URL), when one can be named. */
  constructor(model: string, operation: string, context: ErrorContext = {}) {
    super(`Cannot ${operation} object of type ${model}`, context);
    this.model = model;
    this.operation = operation;
  }
}
