// The typed model table: one declaration per model gives its URL, primary key, fields (with wire
// types), required fields, joins, allowed operations and product hooks. Instance types are derived
// from it with mapped types, so `sensor.hostname` is a `string` without any hand-written getter.
import type { Requester } from '../http/types.js';
import type { Logger } from '../logging/types.js';
import type { ModelCache } from '../cache/model-cache.js';
import type { BaseModel } from './base-model.js';

/** A raw JSON document as the server sends it. */
export type Doc = Record<string, unknown>;

/** Primary-key values: numeric ids, GUIDs, MD5 hashes, user names. */
export type PrimaryKey = string | number;

/**
 * Wire types a field may declare (core.md §3.1):
 * - `int` / `float` / `boolean`: coerced on read and write;
 * - `date`: read with a liberal parser (missing → epoch unless nullable), written as
 *   `YYYY-MM-DD HH:MM:SS.ffffff` (UTC, no zone; the format cbapi sends);
 * - `iso-date`: read like `date`, written as an ISO-8601 string;
 * - `epoch-ms`: milliseconds since the epoch on the wire, `Date` in code;
 * - `array` / `object`: `[]` / `{}` when missing or null;
 * - `bytes`: base64 on the wire, `Uint8Array` in code;
 * - `string` / `unknown`: as stored.
 */
export type FieldType =
  | 'string'
  | 'int'
  | 'float'
  | 'boolean'
  | 'date'
  | 'iso-date'
  | 'epoch-ms'
  | 'array'
  | 'object'
  | 'bytes'
  | 'unknown';

/** The TypeScript type a wire type reads as. */
export interface FieldTypeMap {
  string: string;
  int: number;
  float: number;
  boolean: boolean;
  date: Date;
  'iso-date': Date;
  'epoch-ms': Date;
  array: unknown[];
  object: Record<string, unknown>;
  bytes: Uint8Array;
  unknown: unknown;
}

/** A field declared with options. `T` is a phantom type (see `field<T>()`). */
export interface FieldSpec<K extends FieldType = FieldType, T = FieldTypeMap[K]> {
  readonly type: K;
  /** Reads as `null` when null or absent instead of throwing / coercing. */
  readonly nullable?: boolean;
  /** Not assignable through the typed accessor (still settable with `model.set`). */
  readonly readOnly?: boolean;
  /** Phantom: never set at runtime; carries the element/object type for arrays and objects. */
  readonly __type?: T;
}

export type FieldDecl = FieldType | FieldSpec;

/** Declares a join: `key` is the foreign-key field, `model` a thunk (so declaration order is free). */
export interface JoinDecl {
  readonly model: () => ModelClass;
  readonly key: string;
}

export type UpdateMethod = 'PUT' | 'PATCH' | 'POST';

export interface FieldChange {
  /** Value before the first change (`undefined` when the field was added). */
  readonly from: unknown;
  /** Current value, as it will be sent. */
  readonly to: unknown;
}

/** What a `saveReply` hook decided to do with the server's reply to a save. */
export type SaveOutcome =
  | { readonly kind: 'doc'; readonly doc: Doc }
  | { readonly kind: 'refresh'; readonly id?: PrimaryKey | undefined }
  | { readonly kind: 'keep' };

export interface SaveReplyContext {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly created: boolean;
}

export interface ModelTable {
  readonly name: string;
  /** Object URL (`/api/v1/sensor`), or a function for org- or parent-scoped URLs. */
  readonly urlObject: string | ((host: ModelHost, model?: BaseModel) => string);
  /** URL of the list/search endpoint when it differs from `urlObject` (`/api/users`, `.../_search`). */
  readonly queryPath?: string | ((host: ModelHost) => string);
  readonly primaryKey?: string;
  readonly fields: Readonly<Record<string, FieldDecl>>;
  readonly required?: readonly string[];
  readonly joins?: Readonly<Record<string, JoinDecl>>;
  /** GET of a single object (default true). False: load/refresh never contact the server. */
  readonly fetch?: boolean;
  readonly create?: boolean;
  readonly update?: UpdateMethod | false;
  readonly delete?: boolean;
  /** Method used to create (default POST). */
  readonly createMethod?: 'POST' | 'PUT';
  /** Keep the primary key in the create body (client-chosen keys, e.g. Response User). */
  readonly keepPrimaryKeyOnCreate?: boolean;
  /** Turns a single-object GET reply into the document; null/undefined means "not found". */
  parse?(json: unknown, model: BaseModel): Doc | null | undefined;
  /** Path of the single object (default `{urlObject}/{pk}`); used by load, refresh, update, delete. */
  objectPath?(model: BaseModel): string;
  createPath?(model: BaseModel): string;
  updatePath?(model: BaseModel): string;
  deletePath?(model: BaseModel): string;
  /** Create body (default: the document minus the primary key unless keepPrimaryKeyOnCreate). */
  createBody?(doc: Readonly<Doc>, model: BaseModel): unknown;
  /** Update body (default: the whole document). Receives the dirty fields for PATCH-style APIs. */
  updateBody?(doc: Readonly<Doc>, changes: Readonly<Record<string, FieldChange>>, model: BaseModel): unknown;
  /** Interprets a save reply before the generic rules (return undefined to fall through). */
  saveReply?(body: unknown, model: BaseModel, context: SaveReplyContext): SaveOutcome | undefined;
}

/** What models need from the API object that owns them. */
export interface ModelHost {
  readonly requester: Requester;
  readonly cache: ModelCache;
  /** Stable, secret-free identity of the server/credentials; prefixes shared cache keys. */
  readonly cacheScope: string;
  /** Server URL (shown when a model is printed). */
  readonly url: string;
  readonly orgKey: string | undefined;
  readonly logger: Logger | undefined;
  select<C extends ModelClass>(model: C, id: PrimaryKey): InstanceType<C>;
}

export type ModelState = 'reference' | 'partial' | 'full' | 'new';

export interface ModelInit {
  readonly id?: PrimaryKey | undefined;
  readonly doc?: Doc | undefined;
  readonly state?: ModelState | undefined;
}

/** Options of every model call that talks to the server. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

/** A model class: what `select`, `fetch`, `create` and queries accept. */
export interface ModelClass<M extends BaseModel = BaseModel> {
  new (host: ModelHost, init?: ModelInit): M;
  readonly table: ModelTable;
}

// ---------------------------------------------------------------------------------------------
// Instance types derived from a table

/** The wire type's TS type of a spec. */
type WireValue<D> = D extends { readonly type: infer K extends FieldType } ? FieldTypeMap[K] : unknown;

/**
 * The declared TS type of a spec: its phantom type when given, else the wire type's. (Inline
 * specs have no `__type` key; matching them against `{ __type?: T }` fails the weak-type check,
 * which made every inline spec such as `{ type: 'int', readOnly: true }` read as `never`.)
 */
type SpecValue<D> = '__type' extends keyof D
  ? D extends { readonly __type?: infer T }
    ? unknown extends T
      ? WireValue<D>
      : T
    : WireValue<D>
  : WireValue<D>;

type ValueOfDecl<D> = D extends FieldType
  ? FieldTypeMap[D]
  : D extends { readonly nullable: true }
    ? SpecValue<D> | null
    : SpecValue<D>;

type IsReadOnly<D> = D extends { readonly readOnly: true } ? true : false;

type FieldsOf<T extends ModelTable> = T['fields'];

type WritableKeys<T extends ModelTable> = {
  [K in keyof FieldsOf<T>]: IsReadOnly<FieldsOf<T>[K]> extends true ? never : K;
}[keyof FieldsOf<T>];

type ReadOnlyKeys<T extends ModelTable> = Exclude<keyof FieldsOf<T>, WritableKeys<T>>;

/** Typed field accessors of a table (minus names that collide with model methods). */
export type FieldAccessors<T extends ModelTable> = Omit<
  { -readonly [K in WritableKeys<T>]: ValueOfDecl<FieldsOf<T>[K]> } & {
    readonly [K in ReadOnlyKeys<T>]: ValueOfDecl<FieldsOf<T>[K]>;
  },
  keyof BaseModel
>;

/** Promise-valued join getters of a table. */
export type JoinAccessors<T extends ModelTable> = T['joins'] extends Readonly<Record<string, JoinDecl>>
  ? {
      readonly [K in keyof T['joins']]: T['joins'][K] extends { model: () => infer C }
        ? C extends ModelClass<infer M>
          ? Promise<M | null>
          : never
        : never;
    }
  : unknown;

export type ModelInstance<T extends ModelTable> = BaseModel & FieldAccessors<T> & JoinAccessors<T>;

/** The class `defineModel(table)` returns; product classes extend it. */
export interface DefinedModelClass<T extends ModelTable> {
  new (host: ModelHost, init?: ModelInit): ModelInstance<T>;
  readonly table: T;
  readonly prototype: ModelInstance<T>;
}

/** Typed values of a table's fields, e.g. for `cb.create(Model, data)`. */
export type FieldValues<T extends ModelTable> = { -readonly [K in keyof FieldsOf<T>]: ValueOfDecl<FieldsOf<T>[K]> };

/** Field names of a table, for `get()`/`set()` autocompletion. */
export type FieldName<T extends ModelTable> = keyof T['fields'] & string;

/**
 * Declares a field with an element/object type: `team_access: field<TeamAccess[]>('array')`.
 * For a nullable typed field include null in `T`: `field<Date | null>('date', { nullable: true })`.
 * (Inline specs such as `{ type: 'int', readOnly: true }` keep their literal flags in the type.)
 */
export function field<T>(
  type: FieldType,
  options: { readonly nullable?: boolean; readonly readOnly?: boolean } = {},
): FieldSpec<FieldType, T> {
  return { type, ...options };
}
