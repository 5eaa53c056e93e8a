// Watchlists and watchlist actions (response.md §9). Watchlist ids are strings in documents;
// POST answers {"id": <number>} as in the docs' log.
import type { WatchlistActionDocument, WatchlistDocument } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { badRequest, conflict, notFound } from '../server/errors.js';
import { json, success } from '../server/respond.js';
import { parseAction, validateActionType } from './actions.js';
import { validateQueryText } from './search.js';
import { asBool, getOr404, intParam, mergeKnown, objectBody, requireFields, solrTime, type JsonObject, type Route, clock } from './util.js';

function validateWatchlistFields(body: JsonObject): void {
  if ('index_type' in body && body.index_type !== 'events' && body.index_type !== 'modules') {
    throw badRequest('invalid_index_type', 'index_type must be "events" or "modules"');
  }
  if ('search_query' in body) {
    if (typeof body.search_query !== 'string' || body.search_query === '') throw badRequest('invalid_field', 'search_query must be a URL query string');
    const params = new URLSearchParams(body.search_query);
    validateQueryText(params.getAll('q').join(' '));
  }
  if ('enabled' in body) body.enabled = asBool(body.enabled, 'enabled');
}

function watchlistOr404(ctx: RouteContext): WatchlistDocument {
  return getOr404(ctx.state.watchlists, String(ctx.params.id));
}

function actionsOf(ctx: RouteContext, wid: number): WatchlistActionDocument[] {
  return [...ctx.state.watchlistActions.values()].filter((a) => a.watchlist_id === wid);
}

export const watchlistRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/watchlist', handler: (ctx) => [...ctx.state.watchlists.values()] },
  {
    method: 'POST',
    pattern: '/api/v1/watchlist',
    handler: (ctx) => {
      const body = objectBody(ctx);
      requireFields(body, ['name', 'search_query', 'index_type']);
      validateWatchlistFields(body);
      for (const w of ctx.state.watchlists.values()) {
        if (w.name === body.name) throw conflict('duplicate_name', `A watchlist named ${String(body.name)} already exists`);
      }
      const numericId = ctx.state.nextIds.watchlist++;
      const id = String(numericId);
      const watchlist: WatchlistDocument = {
        id,
        name: String(body.name),
        search_query: String(body.search_query),
        index_type: body.index_type as WatchlistDocument['index_type'],
        enabled: true,
        description: '',
        readonly: false,
        date_added: solrTime(clock(ctx.state)),
        last_hit: '',
        last_hit_count: 0,
        total_hits: '0',
        total_tags: '0',
        group_id: -1,
        alliance_id: null,
        from_alliance: false,
        search_timestamp: solrTime(clock(ctx.state)),
      };
      mergeKnown(watchlist, body, ['id', 'date_added', 'last_hit', 'last_hit_count', 'total_hits', 'total_tags', 'from_alliance']);
      ctx.state.watchlists.set(id, watchlist);
      return json({ id: numericId });
    },
  },
  { method: 'GET', pattern: '/api/v1/watchlist/:id', handler: watchlistOr404 },
  {
    method: 'PUT',
    pattern: '/api/v1/watchlist/:id',
    handler: (ctx) => {
      const watchlist = watchlistOr404(ctx);
      if (watchlist.readonly) throw badRequest('readonly_watchlist', 'This watchlist is read-only');
      const body = objectBody(ctx);
      validateWatchlistFields(body);
      mergeKnown(watchlist, body, ['id', 'date_added', 'last_hit', 'last_hit_count', 'total_hits', 'total_tags', 'from_alliance', 'readonly']);
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/watchlist/:id',
    handler: (ctx) => {
      const watchlist = watchlistOr404(ctx);
      ctx.state.watchlists.delete(watchlist.id);
      for (const a of actionsOf(ctx, Number(watchlist.id))) ctx.state.watchlistActions.delete(a.id);
      return success();
    },
  },
  {
    method: 'GET',
    pattern: '/api/v1/watchlist/:id/action',
    handler: (ctx) => actionsOf(ctx, Number(watchlistOr404(ctx).id)),
  },
  {
    method: 'POST',
    pattern: '/api/v1/watchlist/:id/action',
    handler: (ctx) => {
      const wid = Number(watchlistOr404(ctx).id);
      const fields = parseAction(objectBody(ctx));
      const id = ctx.state.nextIds.watchlistAction++;
      const action: WatchlistActionDocument = { id, ...fields, watchlist_id: wid };
      ctx.state.watchlistActions.set(id, action);
      return action;
    },
  },
  {
    method: 'PUT',
    pattern: '/api/v1/watchlist/:id/action/:aid',
    handler: (ctx) => {
      const wid = Number(watchlistOr404(ctx).id);
      const action = getOr404(ctx.state.watchlistActions, intParam(ctx, 'aid'));
      if (action.watchlist_id !== wid) throw notFound();
      const body = objectBody(ctx);
      if ('action_type' in body) action.action_type = validateActionType(body.action_type);
      if ('action_data' in body) action.action_data = parseAction({ action_type: action.action_type, action_data: body.action_data }).action_data;
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/watchlist/:id/action/:aid',
    handler: (ctx) => {
      const wid = Number(watchlistOr404(ctx).id);
      const action = getOr404(ctx.state.watchlistActions, intParam(ctx, 'aid'));
      if (action.watchlist_id !== wid) throw notFound();
      ctx.state.watchlistActions.delete(action.id);
      return success();
    },
  },
];
