// BaseAPI: what every product API (CbResponseAPI, CbProtectionAPI, ...) is built on. It resolves
// credentials, builds the Connection, owns the model cache, and hands out models and queries.
// Product subclasses fix the product name, the default paging scheme and their own probes.
import { createHash } from 'node:crypto';
import { ModelCache, type ModelCacheOptions } from './cache/model-cache.js';
import { resolveCredentials, type Credentials } from './credentials/index.js';
import { ConfigurationError, OperationNotAllowedError } from './errors.js';
import { Connection } from './http/connection.js';
import type { HttpMethod, HttpResponse, Requester, RequestOptions, RetryOptions } from './http/types.js';
import { createLogger } from './logging/logger.js';
import type { Logger } from './logging/types.js';
import type { BaseModel } from './model/base-model.js';
import { classOperationTarget } from './model/operation-target.js';
import type { CallOptions, FieldValues, ModelClass, ModelHost, PrimaryKey } from './model/types.js';
import { PaginatedQuery } from './query/paginated-query.js';
import type { Query } from './query/query.js';
import type { PaginationStrategy } from './query/types.js';

export interface BaseAPIOptions {
  /** Credential profile (INI section); default `default`. */
  profile?: string | undefined;
  /** Replaces the credential file search path. */
  credentialFiles?: string | readonly string[] | undefined;
  /** Server URL; with `token`, the profile is not consulted (allowed, but prefer profiles). */
  url?: string | undefined;
  token?: string | undefined;
  sslVerify?: boolean | undefined;
  sslVerifyHostname?: boolean | undefined;
  sslCertFile?: string | undefined;
  proxy?: string | undefined;
  ignoreSystemProxy?: boolean | undefined;
  orgKey?: string | undefined;
  /** Certificate pin: sha256 of the server's certificate (hex, colons optional). */
  pinSha256?: string | undefined;
  /** Per-request timeout (default 120 000 ms). */
  timeoutMs?: number | undefined;
  retry?: RetryOptions | false | undefined;
  /** A shared ModelCache, or options for this API's own (memory by default). */
  cache?: ModelCache | ModelCacheOptions | undefined;
  logger?: Logger | undefined;
  /** Appended to the User-Agent. */
  integrationName?: string | undefined;
  /** Aborts every request this API makes (e.g. on shutdown). */
  signal?: AbortSignal | undefined;
  /** Replaces the HTTP connection (tests, custom transports). Credentials are then not read. */
  requester?: Requester | undefined;
}

/** What a product API fixes when it calls super(). */
export interface ProductConfig {
  /** Credential file product name: `response`, `protection`, `defense`, `platform`. */
  readonly product: string;
  /** Paging scheme of `select(Model)` for models without their own createQuery(). */
  readonly paging?: PaginationStrategy | undefined;
  /** User-Agent product token, e.g. `@cb/response/0.1.0`. */
  readonly userAgent?: string | undefined;
  /** Option names the product accepts on top of BaseAPIOptions. */
  readonly extraOptions?: readonly string[] | undefined;
  /** Credential file names tried in each directory (default `credentials.<product>`). */
  readonly credentialFileNames?: readonly string[] | undefined;
  /** Product rules on resolved credentials (token form, org key); throws to reject them. */
  readonly checkCredentials?: ((credentials: Credentials) => void) | undefined;
  /** Wraps the product's requester (e.g. to translate a wrong server's replies into hints). */
  readonly wrapRequester?: ((requester: Requester) => Requester) | undefined;
}

const KNOWN_OPTIONS: ReadonlySet<string> = new Set<keyof BaseAPIOptions>([
  'profile',
  'credentialFiles',
  'url',
  'token',
  'sslVerify',
  'sslVerifyHostname',
  'sslCertFile',
  'proxy',
  'ignoreSystemProxy',
  'orgKey',
  'pinSha256',
  'timeoutMs',
  'retry',
  'cache',
  'logger',
  'integrationName',
  'signal',
  'requester',
]);

/** A model class that brings its own query (`static createQuery(host)`). */
interface WithQuery {
  createQuery(host: ModelHost): unknown;
}

/** What `select(Model)` returns: the model's own query type, else the API's paginated query. */
export type QueryFor<C extends ModelClass> = C extends { createQuery(host: ModelHost): infer Q }
  ? Q
  : PaginatedQuery<InstanceType<C>>;

/** Data accepted by `create(Model, data)`. */
export type CreateData<C extends ModelClass> = Partial<FieldValues<C['table']>>;

function hasOwnQuery(model: ModelClass): model is ModelClass & WithQuery {
  return typeof (model as Partial<WithQuery>).createQuery === 'function';
}

/** Secret-free identity of a server + credentials: prefixes the shared cache keys. */
function cacheScopeOf(url: string, orgKey: string | undefined, token: string | undefined): string {
  const fingerprint = token ? createHash('sha256').update(token).digest('hex').slice(0, 16) : 'anonymous';
  return `${url}|${orgKey ?? ''}|${fingerprint}`;
}

/** Adds an API-wide abort signal to every request. */
function withSignal(requester: Requester, signal: AbortSignal): Requester {
  return {
    baseUrl: requester.baseUrl,
    request: <T>(options: RequestOptions) =>
      requester.request<T>({ ...options, signal: options.signal ? AbortSignal.any([options.signal, signal]) : signal }),
  };
}

export abstract class BaseAPI implements ModelHost {
  readonly product: string;
  readonly requester: Requester;
  readonly cache: ModelCache;
  readonly cacheScope: string;
  /** Server base URL, without a trailing slash. */
  readonly url: string;
  readonly orgKey: string | undefined;
  readonly logger: Logger | undefined;
  /** Credential profile in use (undefined when a requester was injected). */
  readonly profile: string | undefined;
  protected readonly paging: PaginationStrategy | undefined;

  constructor(options: BaseAPIOptions, config: ProductConfig) {
    const allowed = new Set([...KNOWN_OPTIONS, ...(config.extraOptions ?? [])]);
    const unknown = Object.keys(options).filter((key) => !allowed.has(key));
    if (unknown.length > 0) {
      throw new ConfigurationError(`Unknown option${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    }
    this.product = config.product;
    this.paging = config.paging;
    this.logger = options.logger ?? createLogger({ namespace: `cb:${config.product}` });

    let requester: Requester;
    let token: string | undefined = options.token;
    let orgKey = options.orgKey;
    if (options.requester) {
      requester = options.requester;
      this.profile = undefined;
    } else {
      const credentials = resolveCredentials({
        product: config.product,
        profile: options.profile,
        credentialFiles: options.credentialFiles,
        url: options.url,
        token: options.token,
        sslVerify: options.sslVerify,
        sslVerifyHostname: options.sslVerifyHostname,
        sslCertFile: options.sslCertFile,
        proxy: options.proxy,
        ignoreSystemProxy: options.ignoreSystemProxy,
        orgKey: options.orgKey,
        logger: options.logger,
        fileNames: config.credentialFileNames,
      });
      config.checkCredentials?.(credentials);
      token = credentials.token;
      orgKey = credentials.orgKey;
      this.profile = credentials.profile;
      requester = new Connection({
        credentials,
        timeoutMs: options.timeoutMs,
        retry: options.retry,
        logger: options.logger,
        userAgent: config.userAgent,
        integrationName: options.integrationName,
        pinSha256: options.pinSha256,
      });
    }
    if (config.wrapRequester) requester = config.wrapRequester(requester);
    this.requester = options.signal ? withSignal(requester, options.signal) : requester;
    this.url = requester.baseUrl.replace(/\/+$/, '');
    this.orgKey = orgKey;
    this.cacheScope = cacheScopeOf(this.url, orgKey, token);
    this.cache = options.cache instanceof ModelCache ? options.cache : new ModelCache(options.cache ?? {});
    this.cache.useLogger(this.logger);
  }

  /** The org key, or a ConfigurationError naming the fix (platform URLs embed it). */
  requireOrgKey(): string {
    if (!this.orgKey) {
      throw new ConfigurationError(`No organization key specified: set org_key in the ${this.product} profile or pass { orgKey }`);
    }
    return this.orgKey;
  }

  /**
   * `select(Model)`: a lazy query (nothing is sent yet).
   * `select(Model, id)`: a reference, no request: the cached instance when there is one.
   */
  select<C extends ModelClass>(model: C): QueryFor<C>;
  select<C extends ModelClass>(model: C, id: PrimaryKey): InstanceType<C>;
  select<C extends ModelClass>(model: C, id?: PrimaryKey): QueryFor<C> | InstanceType<C> {
    if (id === undefined) return this.createQuery(model) as QueryFor<C>;
    const name = model.table.name;
    const cached = this.cache.getInstance<InstanceType<C>>(this, name, id);
    if (cached) return cached;
    const instance = new model(this, { id }) as InstanceType<C>;
    this.cache.setInstance(this, name, id, instance);
    return instance;
  }

  /** select + load: one GET unless cached; ObjectNotFoundError when the id does not exist. */
  async fetch<C extends ModelClass>(model: C, id: PrimaryKey, options: CallOptions = {}): Promise<InstanceType<C>> {
    if (model.table.fetch === false) {
      throw new OperationNotAllowedError(model.table.name, 'fetch', classOperationTarget(this, model, { id }, 'fetch'));
    }
    const instance = this.select(model, id);
    await instance.load(options);
    return instance;
  }

  /** A new, unsaved model (no request); `data` goes through the normal setters. */
  create<C extends ModelClass>(model: C, data: CreateData<C> = {}): InstanceType<C> {
    if (!model.table.create) {
      throw new OperationNotAllowedError(model.table.name, 'create', classOperationTarget(this, model, { state: 'new' }, 'create'));
    }
    const instance = new model(this, { state: 'new' }) as InstanceType<C>;
    for (const [name, value] of Object.entries(data)) if (value !== undefined) instance.set(name, value);
    return instance;
  }

  /** Escape hatch for endpoints the SDK does not model. */
  request<T = unknown>(
    method: HttpMethod,
    path: string,
    options: Omit<RequestOptions, 'method' | 'path'> = {},
  ): Promise<HttpResponse<T>> {
    return this.requester.request<T>({ ...options, method, path });
  }

  /** The query `select(Model)` returns; products may override for special defaults. */
  protected createQuery<M extends BaseModel>(model: ModelClass<M>): Query<M> {
    if (hasOwnQuery(model)) return model.createQuery(this) as Query<M>;
    if (!this.paging) {
      throw new ConfigurationError(`${model.table.name} has no query: give it a static createQuery() or the API a paging scheme`);
    }
    return new PaginatedQuery(this, model, this.paging);
  }
}
