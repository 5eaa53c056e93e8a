// FeedAction (response.md §8): what the server does when a feed's report hits (email, syslog,
// http_post, alert). Listed per feed only (`where('group_id:<feed id>')`); there is no
// single-object GET, so load/refresh never contact the server.
import { ApiError, ArrayQuery, defineModel, field, type BaseModel, type ModelHost } from '@cb/core';
import { actionTypeCode, actionTypeName, type ActionType } from './action-type.js';
import { Feed } from './feed.js';
import { saveTarget } from './request-target.js';

/**
 * `/api/v1/feed/{group_id}/action`. Without a group_id an ApiError naming `method`, that of the
 * operation the URL is for; it has no path, since every path of the model needs that id.
 */
function actionsPath(model: { toJSON(): Readonly<Record<string, unknown>> } | undefined, method: string): string {
  // The raw document, not get(): URL builders also run while an error for a never-loaded model
  // is being described, and get() on such a model would raise (and describe) again.
  const id = model?.toJSON().group_id;
  if (id === undefined || id === null) {
    throw new ApiError('FeedAction has no group_id (feed id): create it with feed.createAction()', { method });
  }
  return `/api/v1/feed/${encodeURIComponent(String(id))}/action`;
}

const actionPath = (model: BaseModel, method: string): string =>
  `${actionsPath(model, method)}/${encodeURIComponent(String(model.primaryKeyValue))}`;

export class FeedAction extends defineModel({
  name: 'FeedAction',
  urlObject: (_host, model) => actionsPath(model, 'GET'),
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
  // One hook per operation, so a missing group_id names the method of the request it stops.
  createPath: (model) => actionsPath(model, 'POST'),
  updatePath: (model) => actionPath(model, 'PUT'),
  deletePath: (model) => actionPath(model, 'DELETE'),
}) {
  /** `cb.select(FeedAction).where('group_id:<feed id>')` (the clause is mandatory). */
  static createQuery(host: ModelHost): ArrayQuery<FeedAction> {
    return new ArrayQuery(host, FeedAction, {
      parentField: 'group_id',
      path: (feedId) => `/api/v1/feed/${encodeURIComponent(feedId)}/action`,
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

/** `action_data` is JSON text on the wire; blank or invalid text reads as `{}`. */
export function parseActionData(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string' || text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
