// The model cache: documents in a keyv store (memory by default, Redis or any keyv adapter to
// share them between processes) plus an in-process identity map so `select(Model, id)` stays
// synchronous and returns the same instance within the TTL.
//
// Document keys are `<scope>:<ModelName>:<id>` where the scope is the API's secret-free identity
// (server URL, org key, token fingerprint), so two API objects with the same credentials share
// documents while different servers or users never do. Instances are additionally keyed by the
// owning API object: a model is bound to one API and is never handed to another.
import { Keyv, type KeyvStoreAdapter } from 'keyv';
import type { Logger } from '../logging/types.js';
import type { Doc, PrimaryKey } from '../model/types.js';
import { IdentityMap } from './identity-map.js';

export interface ModelCacheOptions {
  /** A Keyv instance (used as is) or a keyv store adapter such as `new KeyvRedis(url)`. */
  store?: Keyv | KeyvStoreAdapter | undefined;
  /** Lifetime of documents and instances (default 60 000 ms, like cbapi). 0 disables caching. */
  ttlMs?: number | undefined;
  /** Capacity of the in-process identity map (default 1024). */
  maxInstances?: number | undefined;
  /** Keyv namespace used when an adapter (not a Keyv) is given (default `cb-model`). */
  namespace?: string | undefined;
  /** Where store errors are reported; the cache never fails a request because of its store. */
  logger?: Logger | undefined;
}

/** Anything that names a model: a model class (its table) or a model name. */
export type ModelRef = { readonly table: { readonly name: string } } | string;

const nameOf = (model: ModelRef): string => (typeof model === 'string' ? model : model.table.name);

function isKeyv(store: Keyv | KeyvStoreAdapter): store is Keyv {
  // Duck-typed so a Keyv from another copy of the package (e.g. re-exported by @keyv/redis) counts.
  return store instanceof Keyv || ('hooks' in store && 'stats' in store && 'opts' in store);
}

export class ModelCache {
  readonly ttlMs: number;
  readonly maxInstances: number;
  readonly keyv: Keyv<Doc>;
  readonly #instances: IdentityMap<object>;
  readonly #hostIds = new WeakMap<object, number>();
  readonly #scopes = new Set<string>();
  #nextHostId = 1;
  #logger: Logger | undefined;

  constructor(options: ModelCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxInstances = options.maxInstances ?? 1024;
    this.#logger = options.logger;
    const store = options.store;
    const namespace = options.namespace ?? 'cb-model';
    this.keyv =
      store === undefined
        ? new Keyv<Doc>({ namespace })
        : isKeyv(store)
          ? (store as Keyv<Doc>)
          : new Keyv<Doc>({ store, namespace });
    this.keyv.on('error', (error: unknown) => this.#warn('model cache store error', error));
    this.#instances = new IdentityMap(this.maxInstances, this.ttlMs);
  }

  /** Sets the logger used for store errors when none was given (the API passes its own). */
  useLogger(logger: Logger | undefined): void {
    this.#logger ??= logger;
  }

  documentKey(scope: string, model: ModelRef, id: PrimaryKey): string {
    return `${scope}:${nameOf(model)}:${String(id)}`;
  }

  // -------------------------------------------------------------------------------------------
  // Instances (synchronous)

  getInstance<M extends object>(host: object, model: ModelRef, id: PrimaryKey): M | undefined {
    return this.#instances.get(this.#instanceKey(host, model, id)) as M | undefined;
  }

  setInstance(host: object, model: ModelRef, id: PrimaryKey, instance: object): void {
    this.#instances.set(this.#instanceKey(host, model, id), instance);
  }

  // -------------------------------------------------------------------------------------------
  // Documents (asynchronous, shared through the store)

  async getDocument(scope: string, model: ModelRef, id: PrimaryKey): Promise<Doc | undefined> {
    if (this.ttlMs <= 0) return undefined;
    this.#scopes.add(scope);
    try {
      const doc = await this.keyv.get(this.documentKey(scope, model, id));
      // Copy so a memory store never aliases the document a model mutates.
      return doc && typeof doc === 'object' ? structuredClone(doc) : undefined;
    } catch (error) {
      this.#warn('model cache read failed', error);
      return undefined;
    }
  }

  async setDocument(scope: string, model: ModelRef, id: PrimaryKey, doc: Doc): Promise<void> {
    if (this.ttlMs <= 0) return;
    this.#scopes.add(scope);
    try {
      await this.keyv.set(this.documentKey(scope, model, id), structuredClone(doc), this.ttlMs);
    } catch (error) {
      this.#warn('model cache write failed', error);
    }
  }

  /**
   * Forgets a model: its cached document and instance. With a scope, only that API identity;
   * without, every scope this cache has served.
   */
  async invalidate(model: ModelRef, id: PrimaryKey, scope?: string): Promise<void> {
    const suffix = `\u0000${nameOf(model)}\u0000${String(id)}`;
    this.#instances.deleteWhere((key) => key.endsWith(suffix));
    const scopes = scope === undefined ? [...this.#scopes] : [scope];
    await Promise.all(
      scopes.map(async (s) => {
        try {
          await this.keyv.delete(this.documentKey(s, model, id));
        } catch (error) {
          this.#warn('model cache delete failed', error);
        }
      }),
    );
  }

  /** Drops every instance, and every document of this cache's keyv namespace. */
  async clear(): Promise<void> {
    this.#instances.clear();
    await this.keyv.clear();
  }

  /** Closes the store's connection (Redis). */
  async disconnect(): Promise<void> {
    this.#instances.clear();
    await this.keyv.disconnect();
  }

  #instanceKey(host: object, model: ModelRef, id: PrimaryKey): string {
    let hostId = this.#hostIds.get(host);
    if (hostId === undefined) {
      hostId = this.#nextHostId++;
      this.#hostIds.set(host, hostId);
    }
    // NUL separators: ids may contain ':' (ThreatReport "feed:report").
    return `${hostId}\u0000${nameOf(model)}\u0000${String(id)}`;
  }

  #warn(message: string, error: unknown): void {
    this.#logger?.warn(message, { error: error instanceof Error ? error.message : String(error) });
  }
}
