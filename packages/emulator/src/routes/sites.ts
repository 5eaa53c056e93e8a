// Sites and throttle rules (response.md §6).
import type { ThrottleRuleDocument } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { badRequest, conflict } from '../server/errors.js';
import { json, success } from '../server/respond.js';
import { asInt, getOr404, intParam, mergeKnown, objectBody, requireFields, type Route } from './util.js';

function validateThrottle(ctx: RouteContext, body: Record<string, unknown>): void {
  if ('site_id' in body && !ctx.state.sites.has(asInt(body.site_id, 'site_id'))) {
    throw badRequest('invalid_site', `Site ${String(body.site_id)} does not exist`);
  }
  if ('day_of_week' in body) {
    const d = asInt(body.day_of_week, 'day_of_week');
    if (d < 0 || d > 6) throw badRequest('invalid_field', 'day_of_week must be 0..6');
  }
  for (const key of ['from', 'to'] as const) {
    if (key in body && !/^\d{1,2}:\d{2}(:\d{2})?$/.test(String(body[key]))) {
      throw badRequest('invalid_field', `${key} must be a time of day (HH:MM)`);
    }
  }
  if ('bytes_per_second' in body && !(typeof body.bytes_per_second === 'number' && body.bytes_per_second >= 0)) {
    throw badRequest('invalid_field', 'bytes_per_second must be a number >= 0');
  }
}

export const siteRoutes: Route[] = [
  { method: 'GET', pattern: '/api/site', handler: (ctx) => [...ctx.state.sites.values()] },
  {
    method: 'GET',
    pattern: '/api/site/:id',
    // One-element array (empty for an unknown id), like /api/group/{id}.
    handler: (ctx) => {
      const site = ctx.state.sites.get(intParam(ctx, 'id'));
      return site ? [site] : [];
    },
  },
  {
    method: 'POST',
    pattern: '/api/site',
    handler: (ctx) => {
      const body = objectBody(ctx);
      requireFields(body, ['name']);
      const id = ctx.state.nextIds.site++;
      ctx.state.sites.set(id, { id, name: String(body.name) });
      return json({ id });
    },
  },
  {
    method: 'PUT',
    pattern: '/api/site/:id',
    handler: (ctx) => {
      const site = getOr404(ctx.state.sites, intParam(ctx, 'id'));
      const body = objectBody(ctx);
      if ('name' in body && (typeof body.name !== 'string' || !body.name)) throw badRequest('invalid_field', 'name must be a non-empty string');
      mergeKnown(site, body);
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/site/:id',
    handler: (ctx) => {
      const id = intParam(ctx, 'id');
      getOr404(ctx.state.sites, id);
      for (const g of ctx.state.sensorGroups.values()) {
        if (g.site_id === id) throw conflict('site_in_use', 'Cannot delete a site that still has sensor groups');
      }
      ctx.state.sites.delete(id);
      for (const [rid, rule] of ctx.state.throttleRules) if (rule.site_id === id) ctx.state.throttleRules.delete(rid);
      return success();
    },
  },
  { method: 'GET', pattern: '/api/throttle', handler: (ctx) => [...ctx.state.throttleRules.values()] },
  { method: 'GET', pattern: '/api/throttle/:id', handler: (ctx) => getOr404(ctx.state.throttleRules, intParam(ctx, 'id')) },
  {
    method: 'POST',
    pattern: '/api/throttle',
    handler: (ctx) => {
      const body = objectBody(ctx);
      requireFields(body, ['site_id', 'day_of_week', 'from', 'to', 'bytes_per_second']);
      validateThrottle(ctx, body);
      const id = ctx.state.nextIds.throttleRule++;
      const rule: ThrottleRuleDocument = {
        id,
        site_id: asInt(body.site_id, 'site_id'),
        day_of_week: asInt(body.day_of_week, 'day_of_week'),
        from: String(body.from),
        to: String(body.to),
        bytes_per_second: Number(body.bytes_per_second),
      };
      ctx.state.throttleRules.set(id, rule);
      return json({ id });
    },
  },
  {
    method: 'PUT',
    pattern: '/api/throttle/:id',
    handler: (ctx) => {
      const rule = getOr404(ctx.state.throttleRules, intParam(ctx, 'id'));
      const body = objectBody(ctx);
      validateThrottle(ctx, body);
      mergeKnown(rule, body);
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/throttle/:id',
    handler: (ctx) => {
      const id = intParam(ctx, 'id');
      getOr404(ctx.state.throttleRules, id);
      ctx.state.throttleRules.delete(id);
      return success();
    },
  },
];
