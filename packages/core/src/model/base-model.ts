// Runtime of every model: document state, typed reads, change tracking, load/refresh/save/
// delete. Field accessors are added per table by defineModel(); this class knows only the table.
import {
  ApiError,
  InvalidObjectError,
  NotLoadedError,
  ObjectNotFoundError,
  OperationNotAllowedError,
  ServerError,
} from '../errors.js';
import type { HttpMethod, RequestOptions } from '../http/types.js';
import { hasDefaultWhenAbsent, readValue, sameValue, specOf, writeValue } from './coerce.js';
import { formatModel } from './inspect.js';
import { collectionPath, operationTarget, type ModelOperation, type OperationTarget } from './operation-target.js';
import { interpretSaveReply } from './save-reply.js';
import type {
  CallOptions,
  Doc,
  FieldChange,
  FieldSpec,
  ModelClass,
  ModelHost,
  ModelInit,
  ModelState,
  ModelTable,
  PrimaryKey,
} from './types.js';

/** Original value of a field changed before the model was ever loaded. */
const UNKNOWN: unique symbol = Symbol('unknown');

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

const isPrimaryKey = (value: unknown): value is PrimaryKey =>
  (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));

export abstract class BaseModel {
  /** The API object this model talks through. */
  readonly api: ModelHost;
  #doc: Doc;
  #state: ModelState;
  /** field → value before its first change (`undefined`: field was added; UNKNOWN: never loaded). */
  readonly #original = new Map<string, unknown>();
  #lastRefresh: Date | undefined;
  #loading: Promise<this> | undefined;

  constructor(host: ModelHost, init: ModelInit = {}) {
    this.api = host;
    const table = this.#table;
    this.#doc = init.doc ? { ...init.doc } : {};
    const pk = table.primaryKey ?? 'id';
    if (init.id !== undefined) this.#doc[pk] = init.id;
    this.#state = init.state ?? (init.doc ? 'full' : init.id !== undefined ? 'reference' : 'new');
    if (this.#state === 'full') this.#lastRefresh = new Date();
  }

  get #table(): ModelTable {
    return (this.constructor as ModelClass).table;
  }

  get #name(): string {
    return this.#table.name;
  }

  // -------------------------------------------------------------------------------------------
  // State

  /** Name of the primary-key field (`id`, `md5hash`, `username`, ...). */
  get primaryKeyField(): string {
    return this.#table.primaryKey ?? 'id';
  }

  /** The primary key, when known. */
  get primaryKeyValue(): PrimaryKey | undefined {
    const value = this.#doc[this.primaryKeyField];
    return isPrimaryKey(value) ? value : undefined;
  }

  /** reference (never loaded), partial (a search row), full, or new (not saved yet). */
  get modelState(): ModelState {
    return this.#state;
  }

  /** True once the model holds a document (full, partial, or new). */
  get isLoaded(): boolean {
    return this.#state !== 'reference';
  }

  /** True for rows of paginated searches: `await model.refresh()` loads the full document. */
  get isPartial(): boolean {
    return this.#state === 'partial';
  }

  get isNew(): boolean {
    return this.#state === 'new';
  }

  get isDirty(): boolean {
    return this.#original.size > 0;
  }

  /** When the document was last read from the server (or cache), if ever. */
  get lastRefreshedAt(): Date | undefined {
    return this.#lastRefresh;
  }

  /** Changed fields with their wire values before and after. */
  get changes(): Readonly<Record<string, FieldChange>> {
    const out: Record<string, FieldChange> = {};
    for (const [name, from] of this.#original) {
      out[name] = { from: from === UNKNOWN ? undefined : from, to: this.#doc[name] };
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Reads and writes

  /** Reads a field; absent optional fields of a loaded document give `fallback`. */
  get(name: string, fallback?: unknown): unknown {
    const spec = this.#spec(name);
    if (this.#original.has(name) || this.#doc[name] !== undefined) return this.#read(name, spec);
    this.#assertReadable(name);
    if (arguments.length >= 2) return fallback;
    return spec && hasDefaultWhenAbsent(spec) ? readValue(spec, undefined) : undefined;
  }

  /** Sets a field (a model instance stores its primary key). Used by the typed setters too. */
  set(name: string, value: unknown): this {
    const table = this.#table;
    const operation = this.#state === 'new' ? 'create' : 'update';
    if (!table[operation]) this.#refuse(operation);
    const spec = this.#spec(name);
    if (!spec && !(name in this.#doc)) {
      throw new ApiError(`${this.#name} has no field "${name}"; declare it in the model table`);
    }
    const plain = value instanceof BaseModel ? value.primaryKeyValue : value;
    const raw = spec ? writeValue(spec, plain, `${this.#name}.${name}`, () => this.#target(this.#saveOperation())) : plain;
    const current = this.#doc[name];
    if (name in this.#doc && sameValue(current, raw)) return this;
    if (!this.#original.has(name)) {
      this.#original.set(name, this.#state === 'reference' && !(name in this.#doc) ? UNKNOWN : current);
    } else if (sameValue(this.#original.get(name), raw)) {
      this.#original.delete(name);
    }
    this.#doc[name] = raw;
    return this;
  }

  /** Reads a field through its declared type; the typed getters call this. */
  protected readField(name: string): unknown {
    const spec = this.#spec(name);
    if (this.#original.has(name) || this.#doc[name] !== undefined) return this.#read(name, spec);
    this.#assertReadable(name);
    if (spec && hasDefaultWhenAbsent(spec)) return readValue(spec, undefined);
    throw new NotLoadedError(
      this.#name,
      name,
      `the server's document has no "${name}" field; use model.get('${name}', fallback)`,
      this.#loadTarget(),
    );
  }

  /** A copy of the raw document (what the server sent, plus local changes). */
  toJSON(): Doc {
    return structuredClone(this.#doc);
  }

  /** Reverts every local change. */
  reset(): this {
    for (const [name, from] of this.#original) {
      if (from === undefined || from === UNKNOWN) delete this.#doc[name];
      else this.#doc[name] = from;
    }
    this.#original.clear();
    return this;
  }

  #spec(name: string): FieldSpec | undefined {
    const decl = this.#table.fields[name];
    return decl === undefined ? undefined : specOf(decl);
  }

  #read(name: string, spec: FieldSpec | undefined): unknown {
    const raw = this.#doc[name];
    return spec ? readValue(spec, raw) : raw;
  }

  #assertReadable(name: string): void {
    if (this.#state === 'reference') {
      const id = JSON.stringify(this.primaryKeyValue);
      throw new NotLoadedError(
        this.#name,
        name,
        `the model was never loaded; call \`await model.load()\` or use \`await cb.fetch(${this.#name}, ${id})\``,
        this.#loadTarget(),
      );
    }
    if (this.#state === 'partial') {
      throw new NotLoadedError(
        this.#name,
        name,
        'this search row holds part of the document; call `await model.refresh()` to load all fields',
        this.#loadTarget(),
      );
    }
  }

  // -------------------------------------------------------------------------------------------
  // Server operations

  /** Loads a never-loaded model (from the model cache when it holds the document). */
  async load(options: CallOptions = {}): Promise<this> {
    if (this.#state !== 'reference') return this;
    if (this.#table.fetch === false) this.#refuse('fetch');
    this.#loading ??= this.#loadOnce(options).finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #loadOnce(options: CallOptions): Promise<this> {
    const pk = this.#requirePrimaryKey('load');
    const cached = await this.api.cache.getDocument(this.api.cacheScope, this.#name, pk);
    if (cached && this.#state === 'reference') {
      this.#adopt(cached, true);
      return this;
    }
    if (this.#state !== 'reference') return this;
    await this.#fetch(options, true);
    return this;
  }

  /** Reads the whole document from the server again, discarding local changes. */
  async refresh(options: CallOptions = {}): Promise<this> {
    if (this.#table.fetch === false) {
      if (this.#state === 'reference') this.#refuse('fetch');
      return this; // no single-object GET exists: the document we hold is all there is
    }
    if (this.#state === 'new' && this.primaryKeyValue === undefined) return this;
    await this.#fetch(options, false);
    return this;
  }

  /** GET the object, parse it and make it this model's document. */
  async #fetch(options: CallOptions, keepChanges: boolean): Promise<void> {
    const pk = this.#requirePrimaryKey('refresh');
    const path = this.objectPath();
    let body: unknown;
    try {
      ({ data: body } = await this.api.requester.request({ method: 'GET', path, ...callOptions(options) }));
    } catch (error) {
      if (error instanceof ObjectNotFoundError) await this.api.cache.invalidate(this.#name, pk, this.api.cacheScope);
      throw error;
    }
    const doc = this.#parse(body);
    if (!doc) {
      await this.api.cache.invalidate(this.#name, pk, this.api.cacheScope);
      throw new ObjectNotFoundError(`${this.#name} ${JSON.stringify(pk)} was not found`, {
        status: 404,
        method: 'GET',
        path,
        body,
      });
    }
    this.#adopt(doc, keepChanges);
    await this.#store();
  }

  #parse(body: unknown): Doc | undefined {
    const table = this.#table;
    if (table.parse) return table.parse(body, this) ?? undefined;
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Doc) : undefined;
  }

  /** Makes `doc` the document; with keepChanges, local changes are re-applied on top of it. */
  #adopt(doc: Doc, keepChanges: boolean): void {
    const pkField = this.primaryKeyField;
    const fresh: Doc = { ...doc };
    if (fresh[pkField] === undefined && this.#doc[pkField] !== undefined) fresh[pkField] = this.#doc[pkField];
    if (keepChanges) {
      for (const name of [...this.#original.keys()]) {
        const local = this.#doc[name];
        if (sameValue(fresh[name], local)) this.#original.delete(name);
        else {
          this.#original.set(name, fresh[name]);
          fresh[name] = local;
        }
      }
    } else {
      this.#original.clear();
    }
    this.#doc = fresh;
    this.#state = 'full';
    this.#lastRefresh = new Date();
  }

  /** Writes the (unchanged) document to the shared cache and registers this instance. */
  async #store(): Promise<void> {
    const pk = this.primaryKeyValue;
    if (pk === undefined || this.isDirty) return;
    // Register only when free: an instance select() already handed out keeps its identity.
    if (!this.api.cache.getInstance(this.api, this.#name, pk)) this.api.cache.setInstance(this.api, this.#name, pk, this);
    await this.api.cache.setDocument(this.api.cacheScope, this.#name, pk, this.#doc);
  }

  /**
   * Sends local changes: POST for a new model (or one whose primary key changed), otherwise the
   * table's update method. No request when nothing changed. Failed saves throw.
   */
  async save(options: CallOptions = {}): Promise<this> {
    if (!this.isDirty) return this;
    const table = this.#table;
    const pkField = this.primaryKeyField;
    const creating = this.#saveOperation() === 'create';
    if (creating && !table.create) this.#refuse('create');
    if (!creating && !table.update) this.#refuse('update');

    // A partial or never-loaded model is completed first, so the body is the whole document.
    if (!creating && (this.#state === 'partial' || this.#state === 'reference') && table.fetch !== false) {
      await this.#fetch(options, true);
      if (!this.isDirty) return this;
    }
    this.validate();

    const changes = this.changes;
    const doc = this.#doc;
    let method: HttpMethod;
    let path: string;
    let body: unknown;
    if (creating) {
      method = table.createMethod ?? 'POST';
      path = table.createPath?.(this) ?? this.#urlObject();
      body = table.createBody?.(doc, this) ?? withoutKey(doc, table.keepPrimaryKeyOnCreate ? undefined : pkField);
    } else {
      method = table.update || 'PUT';
      path = table.updatePath?.(this) ?? this.objectPath();
      body = table.updateBody?.(doc, changes, this) ?? doc;
    }

    const response = await this.api.requester.request({ method, path, body, ...callOptions(options) });
    const context = { status: response.status, method, path, created: creating };
    const outcome = table.saveReply?.(response.data, this, context) ?? interpretSaveReply(this.#name, response.data, context);

    if (outcome.kind === 'doc') {
      this.#adopt(outcome.doc, false);
    } else {
      // An id-only reply names the primary key, whatever the key field is called.
      if (outcome.kind === 'refresh' && outcome.id !== undefined) this.#doc[pkField] = outcome.id;
      this.#original.clear();
      if (this.#state === 'new' || this.#state === 'reference') this.#state = 'full';
      if (outcome.kind === 'refresh' && table.fetch !== false && this.primaryKeyValue !== undefined) {
        await this.#fetch(options, false);
      }
    }
    await this.#store();
    return this;
  }

  /** Throws InvalidObjectError listing the required fields the document lacks. */
  validate(): void {
    const missing = (this.#table.required ?? []).filter((name) => !(name in this.#doc));
    if (missing.length > 0) {
      throw new InvalidObjectError(`Missing fields: [${missing.join(', ')}]`, {
        missingFields: missing,
        ...this.#target(this.#saveOperation()),
      });
    }
  }

  /** DELETE the object and forget it in the model cache. No request when the key is unknown. */
  async delete(options: CallOptions = {}): Promise<void> {
    const table = this.#table;
    if (!table.delete) this.#refuse('delete');
    const pk = this.primaryKeyValue;
    if (pk === undefined) return;
    const path = table.deletePath?.(this) ?? this.objectPath();
    const response = await this.api.requester.request({ method: 'DELETE', path, ...callOptions(options) });
    if (response.status !== 200 && response.status !== 204) {
      throw new ServerError(`Did not delete ${this.#name} record (status ${response.status})`, {
        status: response.status,
        method: 'DELETE',
        path,
        body: response.data,
      });
    }
    await this.api.cache.invalidate(table.name, pk, this.api.cacheScope);
  }

  // -------------------------------------------------------------------------------------------
  // URLs

  /** Path of this object (`{urlObject}/{pk}` unless the table says otherwise). */
  objectPath(): string {
    const table = this.#table;
    if (table.objectPath) return table.objectPath(this);
    const pk = this.#requirePrimaryKey('address');
    return `${this.#urlObject()}/${encodeURIComponent(String(pk))}`;
  }

  #urlObject(): string {
    const url = this.#table.urlObject;
    return typeof url === 'string' ? url : url(this.api, this);
  }

  /** create for a new model (or one whose primary key is unknown or changed), else update. */
  #saveOperation(): 'create' | 'update' {
    const pkChanged = this.#original.has(this.primaryKeyField);
    return this.#state === 'new' || this.primaryKeyValue === undefined || pkChanged ? 'create' : 'update';
  }

  /** Method and path `operation` would use, for errors raised before any request. */
  #target(operation: ModelOperation): OperationTarget {
    return operationTarget(this.#table, this, operation);
  }

  /** The GET that loads this model; the collection URL while the key is unknown. */
  #loadTarget(): OperationTarget {
    const target = this.#target('fetch');
    return target.path === undefined ? { method: 'GET', path: collectionPath(this.#table, this) } : target;
  }

  #refuse(operation: ModelOperation): never {
    throw new OperationNotAllowedError(this.#name, operation, this.#target(operation));
  }

  #requirePrimaryKey(operation: string): PrimaryKey {
    const pk = this.primaryKeyValue;
    if (pk === undefined) {
      throw new ApiError(`Cannot ${operation} ${this.#name}: its primary key (${this.primaryKeyField}) is not set`);
    }
    return pk;
  }

  // -------------------------------------------------------------------------------------------
  // Printing

  toString(): string {
    const markers = new Map<string, '(+)' | '(*)'>();
    for (const [name, from] of this.#original) markers.set(name, from === undefined || from === null || from === UNKNOWN ? '(+)' : '(*)');
    return formatModel({
      name: this.#name,
      server: this.api.url,
      state: this.#state,
      lastRefresh: this.#lastRefresh,
      doc: this.#doc,
      markers,
    });
  }

  [INSPECT](): string {
    return this.toString();
  }
}

function withoutKey(doc: Doc, key: string | undefined): Doc {
  if (key === undefined) return doc;
  const { [key]: _omitted, ...rest } = doc;
  return rest;
}

function callOptions(options: CallOptions): Pick<RequestOptions, 'signal' | 'timeoutMs'> {
  return { signal: options.signal, timeoutMs: options.timeoutMs };
}
