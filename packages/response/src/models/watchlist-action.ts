// WatchlistAction (response.md §8): what the server does when a watchlist hits. Listed per
// watchlist only (`where('watchlist_id:<id>')`); no single-object GET exists.
import { ArrayQuery, defineModel, type ModelHost } from '@cb/core';
import { actionRoutes, parseActionData } from './action-routes.js';
import { actionTypeCode, actionTypeName, type ActionType } from './action-type.js';
import { saveTarget } from './request-target.js';
import { Watchlist } from './watchlist.js';

const routes = actionRoutes({
  parentField: 'watchlist_id',
  parentPath: '/api/v1/watchlist',
  missingParent: 'WatchlistAction has no watchlist_id: create it with watchlist.createAction()',
});

export class WatchlistAction extends defineModel({
  name: 'WatchlistAction',
  urlObject: routes.urlObject,
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
  createPath: routes.createPath,
  updatePath: routes.updatePath,
  deletePath: routes.deletePath,
}) {
  /** `cb.select(WatchlistAction).where('watchlist_id:<id>')` (the clause is mandatory). */
  static createQuery(host: ModelHost): ArrayQuery<WatchlistAction> {
    return new ArrayQuery(host, WatchlistAction, {
      parentField: 'watchlist_id',
      path: routes.listPath,
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
