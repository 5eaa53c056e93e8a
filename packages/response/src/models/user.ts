// User (response.md §7): console users, keyed by username. The server has no `id` field; like
// cbapi, the client mirrors `username` into `id` after every read, so update bodies carry
// `"id": "<username>"`. Creating keeps the username in the POST body (a client-chosen key).
import { ApiError, defineModel, field, SimpleListQuery, type CallOptions, type Doc, type ModelHost } from '@cb/core';
import { responseHost } from '../query/response-host.js';
import { versionAtLeast } from '../version.js';
import { saveTarget } from './request-target.js';
import { Team } from './team.js';

/** A team membership as the user document lists it. */
export interface UserTeam {
  id: number;
  name: string;
}

const REDACTED = '[REDACTED]';
/** Write-only or secret fields hidden when a user is printed. */
const SECRET_FIELDS = ['password', 'auth_token'] as const;

/** Server versions that take `teams` as `{id, name}` objects on create (older ones want ids). */
const TEAM_OBJECTS_SINCE = '6.1.0';

/** Server version captured by save() for the (synchronous) create-body hook. */
const versionForSave = new WeakMap<object, string>();

function createBody(doc: Readonly<Doc>, model: object): Doc {
  // No id for a user that does not exist yet (cbapi sent `"id": null`, HEAD drops it).
  const { id: _id, ...rest } = doc;
  const body: Doc = { ...rest };
  const version = versionForSave.get(model);
  if (version !== undefined && !versionAtLeast(version, TEAM_OBJECTS_SINCE) && Array.isArray(body.teams)) {
    body.teams = (body.teams as unknown[]).map((t) => (typeof t === 'object' && t !== null ? (t as Doc).id : t));
  }
  return body;
}

export class User extends defineModel({
  name: 'User',
  urlObject: '/api/user',
  queryPath: '/api/users',
  primaryKey: 'username',
  keepPrimaryKeyOnCreate: true,
  create: true,
  update: 'PUT',
  delete: true,
  required: ['username', 'last_name', 'first_name', 'email', 'teams', 'global_admin'],
  fields: {
    username: 'string',
    /** Mirror of `username` (cbapi compatibility). */
    id: { type: 'string', readOnly: true },
    first_name: 'string',
    last_name: 'string',
    email: 'string',
    global_admin: 'boolean',
    teams: field<UserTeam[]>('array'),
    /** Write-only: sent on create or change, never returned by the server. */
    password: 'string',
    /** The user's API token (returned by the server). */
    auth_token: { type: 'string', readOnly: true },
  },
  parse: (json) => {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
    const doc = json as Doc;
    return { ...doc, id: doc.username };
  },
  createBody,
}) {
  static createQuery(host: ModelHost): SimpleListQuery<User> {
    return new SimpleListQuery(host, User);
  }

  /** Reads the server version first: servers before 6.1 take team ids on create. */
  override async save(options: CallOptions = {}): Promise<this> {
    if (this.isDirty && this.isNew) {
      this.validate(); // before the version probe: a missing field should cost no request
      versionForSave.set(this, await responseHost(this.api).serverVersion(options));
    }
    try {
      return await super.save(options);
    } finally {
      versionForSave.delete(this);
    }
  }

  /**
   * Adds the user to a team: a Team, a team id (looked up for its name) or a team name
   * (`where('name:<n>').one()`). Replaces an existing entry for that team. Save to persist.
   */
  async addTeam(team: Team | number | string, options: CallOptions = {}): Promise<this> {
    const t = await this.#resolveTeam(team, options);
    const id = Number(t.primaryKeyValue);
    const current = await this.#teams(options);
    this.teams = [...current.filter((e) => Number(e.id) !== id), { id, name: t.name }];
    return this;
  }

  /** Removes the user from a team (Team, id or name). Save to persist. */
  async removeTeam(team: Team | number | string, options: CallOptions = {}): Promise<this> {
    const id = typeof team === 'number' ? team : Number((await this.#resolveTeam(team, options)).primaryKeyValue);
    const current = await this.#teams(options);
    this.teams = current.filter((e) => Number(e.id) !== id);
    return this;
  }

  /** Current memberships, loading a never-loaded user first (so no team is dropped by accident). */
  async #teams(options: CallOptions): Promise<UserTeam[]> {
    await this.load(options);
    return this.teams;
  }

  async #resolveTeam(team: Team | number | string, options: CallOptions): Promise<Team> {
    if (typeof team === 'string') return Team.createQuery(this.api).where(`name:${team}`).one(options);
    const t = typeof team === 'number' ? this.api.select(Team, team) : team;
    // Named: this user's save, which would carry the membership (the unsaved team is never read).
    if (t.primaryKeyValue === undefined) throw new ApiError('Cannot add a user to a team that has not been saved yet', saveTarget(this));
    await t.load(options);
    if (t.isPartial && t.toJSON().name === undefined) await t.refresh(options);
    return t;
  }

  /** The field table, with the password and API token hidden. */
  override toString(): string {
    const hidden = new RegExp(`^(.{3} +(?:${SECRET_FIELDS.join('|')})): .*$`, 'gm');
    return super.toString().replace(hidden, `$1: ${REDACTED}`);
  }

  /** The document; a password set locally is hidden (it is write-only anyway). */
  override toJSON(): Doc {
    const doc = super.toJSON();
    if (doc.password !== undefined && doc.password !== null) doc.password = REDACTED;
    return doc;
  }
}
