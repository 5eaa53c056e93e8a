// Feeds, feed actions, feed reports and synchronize (response.md §8, legacy.md §1.9).
import type { FeedActionDocument, FeedDocument } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { badRequest, conflict, jsonError, HttpError, notFound } from '../server/errors.js';
import { json, success } from '../server/respond.js';
import { parseAction, validateActionType } from './actions.js';
import { asBool, getOr404, intParam, mergeKnown, objectBody, requireFields, type JsonObject, type Route } from './util.js';

function validateFeedUrl(url: unknown): string {
  if (typeof url !== 'string' || !/^(https?|file):\/\/\S+$/.test(url)) {
    throw badRequest('invalid_feed_url', 'feed_url must be an http://, https:// or file:// URL');
  }
  return url;
}

/** Internal name: alphanumeric, derived from the URL's last path part when not given. */
function feedName(body: JsonObject, url: string): string {
  const given = typeof body.name === 'string' && body.name ? body.name : url.split('/').filter(Boolean).pop() ?? 'feed';
  return given.replace(/[^A-Za-z0-9]/g, '').toLowerCase() || 'feed';
}

function createFeed(ctx: RouteContext) {
  const body = objectBody(ctx);
  requireFields(body, ['feed_url']);
  const url = validateFeedUrl(body.feed_url);
  for (const f of ctx.state.feeds.values()) {
    if (f.feed_url === url) throw conflict('duplicate_feed', `A feed with URL ${url} already exists`);
  }
  const id = ctx.state.nextIds.feed++;
  const name = feedName(body, url);
  const feed: FeedDocument = {
    id,
    name,
    display_name: typeof body.display_name === 'string' ? body.display_name : name,
    feed_url: url,
    provider_url: '',
    summary: '',
    tech_data: '',
    category: 'Custom',
    enabled: true,
    use_proxy: false,
    validate_server_cert: false,
    manually_added: true,
    order: ctx.state.feeds.size + 1,
    local_rating: null,
    provider_rating: 3,
    username: null,
    password: null,
    ssl_client_crt: null,
    ssl_client_key: null,
    requires: null,
    requires_who: null,
    requires_what: null,
    icon: '',
    icon_small: '',
  };
  mergeKnown(feed, body, ['id', 'name', 'feed_url']);
  for (const key of ['enabled', 'use_proxy', 'validate_server_cert'] as const) {
    if (key in body) feed[key] = asBool(body[key], key);
  }
  ctx.state.feeds.set(id, feed);
  return json({ id });
}

function actionsOfFeed(ctx: RouteContext, feedId: number): FeedActionDocument[] {
  return [...ctx.state.feedActions.values()].filter((a) => a.group_id === feedId);
}

export const feedRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/feed', handler: (ctx) => [...ctx.state.feeds.values()] },
  { method: 'POST', pattern: '/api/v1/feed', handler: createFeed },
  { method: 'GET', pattern: '/api/v1/feed/:id', handler: (ctx) => getOr404(ctx.state.feeds, intParam(ctx, 'id')) },
  {
    method: 'PUT',
    pattern: '/api/v1/feed/:id',
    handler: (ctx) => {
      const feed = getOr404(ctx.state.feeds, intParam(ctx, 'id'));
      const body = objectBody(ctx);
      if ('feed_url' in body) validateFeedUrl(body.feed_url);
      for (const key of ['enabled', 'use_proxy', 'validate_server_cert'] as const) {
        if (key in body) body[key] = asBool(body[key], key);
      }
      mergeKnown(feed, body, ['id', 'name']);
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/feed/:id',
    handler: (ctx) => {
      const id = intParam(ctx, 'id');
      getOr404(ctx.state.feeds, id);
      ctx.state.feeds.delete(id);
      for (const a of actionsOfFeed(ctx, id)) ctx.state.feedActions.delete(a.id);
      for (const [key, report] of ctx.state.threatReports) if (report.feed_id === id) ctx.state.threatReports.delete(key);
      return success();
    },
  },
  {
    method: 'POST',
    pattern: '/api/v1/feed/:id/synchronize',
    handler: (ctx) => {
      const feed = getOr404(ctx.state.feeds, intParam(ctx, 'id'));
      const body = (ctx.body() ?? {}) as JsonObject;
      if ('full_sync' in body) asBool(body.full_sync, 'full_sync');
      // 409 for a disabled feed is what the clients map to "feed is disabled".
      if (!feed.enabled) throw new HttpError(409, jsonError(409, 'feed_disabled', `Feed ${feed.id} is disabled`));
      return success();
    },
  },
  {
    method: 'GET',
    pattern: '/api/v1/feed/:id/requirements',
    handler: (ctx) => {
      const feed = getOr404(ctx.state.feeds, intParam(ctx, 'id'));
      return { requires: feed.requires, requires_who: feed.requires_who, requires_what: feed.requires_what };
    },
  },
  {
    method: 'GET',
    pattern: '/api/v1/feed/:id/report/:rid',
    handler: (ctx) => getOr404(ctx.state.threatReports, `${intParam(ctx, 'id')}:${ctx.params.rid}`),
  },
  {
    method: 'GET',
    pattern: '/api/v1/feed/:id/report/:rid/stats',
    handler: (ctx) => {
      const report = getOr404(ctx.state.threatReports, `${intParam(ctx, 'id')}:${ctx.params.rid}`);
      return { hit_count: report.hit_count, is_ignored: report.is_ignored, last_hit: report.create_time };
    },
  },
  {
    method: 'GET',
    pattern: '/api/v1/feed/:id/action',
    handler: (ctx) => {
      const id = intParam(ctx, 'id');
      getOr404(ctx.state.feeds, id);
      return actionsOfFeed(ctx, id);
    },
  },
  {
    method: 'POST',
    pattern: '/api/v1/feed/:id/action',
    handler: (ctx) => {
      const feedId = intParam(ctx, 'id');
      getOr404(ctx.state.feeds, feedId);
      const fields = parseAction(objectBody(ctx));
      const id = ctx.state.nextIds.feedAction++;
      const action: FeedActionDocument = { id, ...fields, group_id: feedId, watchlist_id: -1 };
      ctx.state.feedActions.set(id, action);
      return action;
    },
  },
  {
    method: 'PUT',
    pattern: '/api/v1/feed/:id/action/:aid',
    handler: (ctx) => {
      const action = getOr404(ctx.state.feedActions, intParam(ctx, 'aid'));
      if (action.group_id !== intParam(ctx, 'id')) throw notFound();
      const body = objectBody(ctx);
      if ('action_type' in body) action.action_type = validateActionType(body.action_type);
      if ('action_data' in body) action.action_data = parseAction({ action_type: action.action_type, action_data: body.action_data }).action_data;
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/feed/:id/action/:aid',
    handler: (ctx) => {
      const action = getOr404(ctx.state.feedActions, intParam(ctx, 'aid'));
      if (action.group_id !== intParam(ctx, 'id')) throw notFound();
      ctx.state.feedActions.delete(action.id);
      return success();
    },
  },
];

