// Team (response.md §7): a set of users with per-sensor-group access. The list endpoint
// (`GET /api/teams`) is treated as partial rows (cbapi fetched `GET /api/team/{id}` for any field
// a row lacks): `await team.refresh()` reads the whole document.
import { ApiError, defineModel, field, SimpleListQuery, type CallOptions, type ModelHost } from '@cb/core';
import { saveTarget } from './request-target.js';
import { SensorGroup } from './sensor-group.js';

/** Access categories a team can have on a sensor group. */
export type AccessCategory = 'No Access' | 'Viewer' | 'Administrator';

/** One entry of `group_access`. */
export interface GroupAccess {
  group_id: number;
  group_name: string;
  access_category: AccessCategory | (string & {});
}

/** The team list: rows are partial documents. */
export class TeamQuery extends SimpleListQuery<Team> {
  protected override rowsAreFull(): boolean {
    return false;
  }
}

export class Team extends defineModel({
  name: 'Team',
  urlObject: '/api/team',
  queryPath: '/api/teams',
  create: true,
  update: 'PUT',
  delete: true,
  required: ['name', 'group_access'],
  fields: {
    id: { type: 'int', readOnly: true },
    name: 'string',
    group_access: field<GroupAccess[]>('array'),
  },
}) {
  static createQuery(host: ModelHost): TeamQuery {
    return new TeamQuery(host, Team);
  }

  /** Gives the team Viewer access to a sensor group (replacing its current entry). Save to persist. */
  addViewerAccess(group: SensorGroup | number, options: CallOptions = {}): Promise<this> {
    return this.setGroupAccess(group, 'Viewer', options);
  }

  /** Gives the team Administrator access to a sensor group (replacing its current entry). Save to persist. */
  addAdministratorAccess(group: SensorGroup | number, options: CallOptions = {}): Promise<this> {
    return this.setGroupAccess(group, 'Administrator', options);
  }

  /**
   * Sets the team's access to `group` (a SensorGroup, or an id that is looked up for its name),
   * replacing any entry for that group. Local until save().
   */
  async setGroupAccess(group: SensorGroup | number, category: AccessCategory, options: CallOptions = {}): Promise<this> {
    const sg = typeof group === 'number' ? this.api.select(SensorGroup, group) : group;
    await sg.load(options);
    const groupId = sg.primaryKeyValue;
    // Named: this team's save, which would carry the access entry.
    if (groupId === undefined) throw new ApiError('Cannot grant access to a sensor group that has not been saved yet', saveTarget(this));
    const current = await this.#groupAccess(options);
    const entry: GroupAccess = { group_id: Number(groupId), access_category: category, group_name: sg.name };
    this.group_access = [...current.filter((e) => Number(e.group_id) !== Number(groupId)), entry];
    return this;
  }

  /** group_access, reading the whole document first when this is a list row without it. */
  async #groupAccess(options: CallOptions): Promise<GroupAccess[]> {
    if (this.modelState === 'reference') await this.load(options);
    if (this.isPartial && this.toJSON().group_access === undefined) await this.refresh(options);
    return this.group_access;
  }
}
