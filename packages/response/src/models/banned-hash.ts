// BannedHash (response.md §10): an MD5 the sensors refuse to run. The banning API is unusual:
// a ban is a POST of the whole document to the list URL, lifting a ban is a DELETE (which also
// clears its text on the server), and only text changes of an existing ban are plain PUTs.
import {
  ConflictError,
  defineModel,
  field,
  interpretSaveReply,
  LazyPromise,
  ObjectNotFoundError,
  ServerError,
  SimpleListQuery,
  type CallOptions,
  type ModelHost,
} from '@cb/core';
import { Binary } from './binary.js';
import { HashAlreadyBannedError } from './intel-errors.js';

const LIST = '/api/v1/banning/blacklist';

/** One entry of a ban's `audit` history. */
export interface BannedHashAudit {
  readonly username: string;
  readonly timestamp: string;
  readonly text: string;
  readonly enabled: boolean;
  readonly user_id: number;
}

/** A 409, or an error reply saying so, means the hash is banned already. */
function alreadyBanned(error: unknown): error is ServerError {
  if (error instanceof ConflictError) return true;
  return error instanceof ServerError && /already exists|already banned/i.test(JSON.stringify(error.body ?? ''));
}

export class BannedHash extends defineModel({
  name: 'BannedHash',
  urlObject: LIST,
  primaryKey: 'md5hash',
  fields: {
    md5hash: 'string',
    /** Why the hash is banned (the server clears it when the ban is lifted). */
    text: 'string',
    enabled: 'boolean',
    username: { type: 'string', readOnly: true },
    user_id: { type: 'int', readOnly: true },
    timestamp: { type: 'date', readOnly: true },
    block_count: { type: 'int', readOnly: true },
    last_block_time: { type: 'date', nullable: true, readOnly: true },
    last_block_sensor_id: { type: 'int', nullable: true, readOnly: true },
    last_block_hostname: { type: 'string', nullable: true, readOnly: true },
    audit: field<BannedHashAudit[]>('array', { readOnly: true }),
  },
  required: ['md5hash'],
  create: true,
  update: 'PUT',
  delete: true,
  // A new ban must carry its MD5 (cbapi stripped the primary key and lost it).
  keepPrimaryKeyOnCreate: true,
}) {
  /** `cb.select(BannedHash)`: every ban (`?count=10000`, as cbapi HEAD), filtered client-side. */
  static createQuery(host: ModelHost): SimpleListQuery<BannedHash> {
    return new SimpleListQuery(host, BannedHash, { spec: { params: { count: 10000 } } });
  }

  /** The banned binary, or null when the server has never seen it. */
  get binary(): Promise<Binary | null> {
    return new LazyPromise(async () => {
      const md5 = String(this.get('md5hash', '') ?? '');
      if (md5 === '') return null;
      try {
        return await this.api.select(Binary, md5.toUpperCase()).load();
      } catch (error) {
        if (error instanceof ObjectNotFoundError) return null;
        throw error;
      }
    });
  }

  /**
   * Saves the ban:
   * - new: `POST /api/v1/banning/blacklist` with the whole document, MD5 included;
   * - `enabled` changed to true: the same POST (re-ban), then a GET;
   * - `enabled` changed to false: `DELETE /api/v1/banning/blacklist/{md5}`, then a PUT when the
   *   text was changed too (the DELETE clears it), then a GET;
   * - anything else: `PUT /api/v1/banning/blacklist/{md5}` with the whole document.
   * Banning a hash that is already banned is a HashAlreadyBannedError (a ConflictError).
   */
  override async save(options: CallOptions = {}): Promise<this> {
    if (!this.isDirty) return this;
    const changes = this.changes;
    if (this.isNew) {
      if (!('enabled' in changes)) this.enabled = true;
      return this.#banning(() => super.save(options));
    }
    if (!('enabled' in changes)) return super.save(options);
    if (this.enabled) return this.#banning(() => this.#ban(options));
    return this.#lift('text' in changes, options);
  }

  /** Runs a ban POST; "already banned" replies become a HashAlreadyBannedError. */
  async #banning(post: () => Promise<this>): Promise<this> {
    try {
      return await post();
    } catch (error) {
      if (alreadyBanned(error)) throw new HashAlreadyBannedError(String(this.get('md5hash', '')), error);
      throw error;
    }
  }

  async #ban(options: CallOptions): Promise<this> {
    this.validate();
    const response = await this.api.requester.request({ method: 'POST', path: LIST, body: this.toJSON(), ...call(options) });
    // Raises for `{"result": <not success>}`; any other reply is followed by a GET.
    interpretSaveReply('BannedHash', response.data, { status: response.status, method: 'POST', path: LIST, created: false });
    return this.refresh(options);
  }

  async #lift(textChanged: boolean, options: CallOptions): Promise<this> {
    const path = this.objectPath();
    await this.api.requester.request({ method: 'DELETE', path, ...call(options) });
    if (textChanged) {
      const response = await this.api.requester.request({ method: 'PUT', path, body: this.toJSON(), ...call(options) });
      interpretSaveReply('BannedHash', response.data, { status: response.status, method: 'PUT', path, created: false });
    }
    return this.refresh(options);
  }
}

function call(options: CallOptions): CallOptions {
  return { signal: options.signal, timeoutMs: options.timeoutMs };
}
