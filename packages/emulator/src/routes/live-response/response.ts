// Cb Response Live Response, `/api/v1/cblr` (live-response.md §1): user API tokens (the core
// authenticates them), integer session ids, lower-case statuses, session reuse through the
// list, close by PUTting the session back with `"status": "close"`. Needs `cblrEnabled`
// (CbLREnabled in cb.conf) — HTTP 412 otherwise.
import { notFound } from '../../server/errors.js';
import type { RouteContext } from '../../server/context.js';
import type { Route } from '../util.js';
import { SlotLimitError } from './engine/engine.js';
import { isOpen } from './engine/lifecycle.js';
import { legacyHelpers, legacySessionRoutes, type LegacyDialectSpec } from './legacy-routes.js';
import { responseError, responseNotFound } from './wire/errors.js';
import { legacySession } from './wire/legacy.js';

const BASE = '/api/v1/cblr';

function requireEnabled(ctx: RouteContext): void {
  if (!ctx.state.info.cblrEnabled) throw responseError(412, 'cblr_disabled', 'Live Response is not enabled on this server (CbLREnabled)');
}

const dialect: LegacyDialectSpec = {
  backend: 'response',
  base: BASE,
  authenticate: (ctx) => {
    requireEnabled(ctx);
    return ctx.user.username;
  },
  sequenceOf: (raw) => (/^\d+$/.test(raw) ? Number(raw) : undefined),
  sessionGone: (raw) => responseNotFound(`Session ${raw} not found`),
  notFound: (what) => notFound(what),
  badRequest: (message) => responseError(400, 'invalid_request', message),
  conflict: (message) => responseError(409, 'conflict', message),
};

const h = legacyHelpers(dialect);

function optionalSeconds(body: Record<string, unknown>, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) throw dialect.badRequest(`${key} must be a positive number of seconds`);
  return n;
}

export const responseLiveResponseRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: `${BASE}/session`,
    handler: (ctx) => {
      requireEnabled(ctx);
      const activeOnly = ctx.query.get('active_only') === 'true';
      const engine = h.engine(ctx);
      return engine.list('response').filter((s) => !activeOnly || isOpen(s)).map((s) => legacySession(engine, s));
    },
  },
  {
    method: 'POST',
    pattern: `${BASE}/session`,
    handler: (ctx) => {
      requireEnabled(ctx);
      const body = ctx.body();
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw dialect.badRequest('Request body must be a JSON object');
      const fields = body as Record<string, unknown>;
      const raw = fields.sensor_id;
      const sensorId = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof sensorId !== 'number' || !Number.isInteger(sensorId)) throw dialect.badRequest('Missing required field: sensor_id');
      if (!ctx.state.sensors.has(sensorId)) throw responseNotFound(`Sensor ${sensorId} not found`);
      const engine = h.engine(ctx);
      try {
        const s = engine.createSession('response', sensorId, {
          sessionTimeoutS: optionalSeconds(fields, 'session_timeout'),
          sensorWaitTimeoutS: optionalSeconds(fields, 'sensor_wait_timeout'),
        });
        return legacySession(engine, s);
      } catch (err) {
        if (err instanceof SlotLimitError) throw responseError(403, 'session_limit_reached', `session limit reached (${err.limit} concurrent Live Response sessions)`);
        throw err;
      }
    },
  },
  {
    method: 'GET',
    pattern: `${BASE}/session/:sid`,
    handler: (ctx) => {
      requireEnabled(ctx);
      return legacySession(h.engine(ctx), h.session(ctx, false));
    },
  },
  {
    method: 'PUT',
    pattern: `${BASE}/session/:sid`,
    handler: (ctx) => {
      requireEnabled(ctx);
      const s = h.session(ctx, false);
      const body = ctx.body();
      const status = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).status : undefined;
      if (typeof status === 'string' && status.toLowerCase() === 'close') h.engine(ctx).close(s);
      return legacySession(h.engine(ctx), s);
    },
  },
  ...legacySessionRoutes(dialect),
];
