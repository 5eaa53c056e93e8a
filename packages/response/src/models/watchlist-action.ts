// WatchlistAction (response.md §8): what the server does when a watchlist hits. Listed per
// watchlist only (`where('watchlist_id:<id>')`); no single-object GET exists.
import { ApiError, ArrayQuery, defineModel, type BaseModel, type ModelHost } from '@cb/core';
import { actionTypeCode, actionTypeName, type ActionType } from './action-type.js';
import { parseActionData } from './feed-action.js';
import { saveTarget } from './request-target.js';
import { Watchlist } from './watchlist.js';

/**
 * `/api/v1/watchlist/{watchlist_id}/action`. Without a watchlist_id an ApiError naming `method`,
 * that of the operation the URL is for; it has no path, since every path of the model needs that id.
 */
function actionsPath(model: { toJSON(): Readonly<Record<string, unknown>> } | undefined, method: string): string {
  // The raw document, not get(): URL builders also run while an error for a never-loaded model
  // is being described, and get() on such a model would raise (and describe) again.
  const id = model?.toJSON().watchlist_id;
  if (id === undefined || id === null) {
    throw new ApiError('WatchlistAction has no watchlist_id: create it with watchlist.createAction()', { method });
  }
  return `/api/v1/watchlist/${encodeURIComponent(String(id))}/action`;
}

const actionPath = (model: BaseModel, method: string): string =>
  `${actionsPath(model, method)}/${encodeURIComponent(String(model.primaryKeyValue))}`;

export class WatchlistAction extends defineModel({
  name: 'WatchlistAction',
  urlObject: (_host, model) => actionsPath(model, 'GET'),
  fields: {
    id: { type: 'int', readOnly: true },
    action_type: 'int',
    /** JSON text; `data` reads and writes it as an object. */
    action_data: 'string',
    watchlist_id: 'int',
  },
  required: ['action_type', 'watchlist_id'],
  joins: { watchlist: { model: () => Watchlist, key: 'watchlist_id' } },
  fetch: false,
  create: true,
  update: 'PUT',
  delete: true,
  // One hook per operation, so a missing watchlist_id names the method of the request it stops.
  createPath: (model) => actionsPath(model, 'POST'),
  updatePath: (model) => actionPath(model, 'PUT'),
  deletePath: (model) => actionPath(model, 'DELETE'),
}) {
  /** `cb.select(WatchlistAction).where('watchlist_id:<id>')` (the clause is mandatory). */
  static createQuery(host: ModelHost): ArrayQuery<WatchlistAction> {
    return new ArrayQuery(host, WatchlistAction, {
      parentField: 'watchlist_id',
      path: (watchlistId) => `/api/v1/watchlist/${encodeURIComponent(watchlistId)}/action`,
    });
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
