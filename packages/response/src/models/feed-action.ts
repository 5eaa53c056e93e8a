// FeedAction (response.md §8): what the server does when a feed's report hits (email, syslog,
// http_post, alert). Listed per feed only (`where('group_id:<feed id>')`); there is no
// single-object GET, so load/refresh never contact the server.
import { ArrayQuery, defineModel, field, type ModelHost } from '@cb/core';
import { actionRoutes, parseActionData } from './action-routes.js';
import { actionTypeCode, actionTypeName, type ActionType } from './action-type.js';
import { Feed } from './feed.js';
import { saveTarget } from './request-target.js';

export { parseActionData } from './action-routes.js';

const routes = actionRoutes({
  parentField: 'group_id',
  parentPath: '/api/v1/feed',
  missingParent: 'FeedAction has no group_id (feed id): create it with feed.createAction()',
});

export class FeedAction extends defineModel({
  name: 'FeedAction',
  urlObject: routes.urlObject,
  fields: {
    id: { type: 'int', readOnly: true },
    action_type: 'int',
    /** JSON text, e.g. `{"email_recipients":[1,2]}`; `data` reads and writes it as an object. */
    action_data: 'string',
    /** The feed id. */
    group_id: 'int',
    /** Always -1 for feed actions. */
    watchlist_id: field<number | null>('int', { nullable: true }),
  },
  required: ['action_type', 'group_id', 'watchlist_id'],
  joins: { feed: { model: () => Feed, key: 'group_id' } },
  fetch: false,
  create: true,
  update: 'PUT',
  delete: true,
  createPath: routes.createPath,
  updatePath: routes.updatePath,
  deletePath: routes.deletePath,
}) {
  /** `cb.select(FeedAction).where('group_id:<feed id>')` (the clause is mandatory). */
  static createQuery(host: ModelHost): ArrayQuery<FeedAction> {
    return new ArrayQuery(host, FeedAction, {
      parentField: 'group_id',
      path: routes.listPath,
    });
  }

  /** The feed this action belongs to (same as `group_id`). */
  get feedId(): number {
    return this.group_id;
  }

  /** `email`, `syslog`, `http_post` or `alert` (`unknown` for other numbers). */
  get type(): ActionType | 'unknown' {
    return actionTypeName(this.get('action_type', undefined));
  }

  set type(name: ActionType) {
    this.action_type = actionTypeCode(name, () => saveTarget(this));
  }

  /** `action_data` parsed (an empty object when blank). */
  get data(): Record<string, unknown> {
    return parseActionData(this.get('action_data', ''));
  }

  set data(value: Record<string, unknown>) {
    this.action_data = JSON.stringify(value);
  }
}
