// Cb Defense Live Response, `/integrationServices/v3/cblr` (live-response.md §1, defense.md §6),
// plus the v3 device lookups LR needs (`deviceType` decides the path style). Authenticated with
// the legacy Live Response connector key; JSON error bodies; session ids "n:deviceId";
// upper-case session statuses; close with PUT /session {session_id, status: "CLOSE"}.
import { defenseDevice, sensorIdOf } from '../../data/hosts/index.js';
import { runDefenseQuery } from '../../query/defense.js';
import { SearchParamError } from '../../query/errors.js';
import type { RouteContext } from '../../server/context.js';
import type { Route } from '../util.js';
import { defenseAuth } from './auth.js';
import { SlotLimitError } from './engine/engine.js';
import { liveResponseOf } from './engine/registry.js';
import { legacyHelpers, legacySessionRoutes, type LegacyDialectSpec } from './legacy-routes.js';
import { defenseError } from './wire/errors.js';
import { legacySession } from './wire/legacy.js';

const BASE = '/integrationServices/v3/cblr';
const DEVICE = '/integrationServices/v3/device';

const dialect: LegacyDialectSpec = {
  backend: 'defense',
  base: BASE,
  access: 'public',
  authenticate: defenseAuth,
  sequenceOf: (raw) => {
    const m = /^(\d+):(\d+)$/.exec(raw);
    return m ? Number(m[1]) : undefined;
  },
  sessionGone: (raw) => defenseError(404, 'NOT_FOUND', `Session ${raw} not found`),
  notFound: (what) => defenseError(404, 'NOT_FOUND', what),
  badRequest: (message) => defenseError(400, 'BAD_REQUEST', message),
  conflict: (message) => defenseError(409, 'CONFLICT', message),
};

const h = legacyHelpers(dialect);

function bodyOf(ctx: RouteContext): Record<string, unknown> {
  const body = ctx.body();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw dialect.badRequest('Request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Sensor id behind a device id path segment, or undefined. */
function sensorOfDevice(ctx: RouteContext, raw: string | undefined): number | undefined {
  if (!raw || !/^\d+$/.test(raw)) return undefined;
  const sensorId = sensorIdOf(Number(raw));
  return ctx.state.sensors.has(sensorId) ? sensorId : undefined;
}

const pub = { access: 'public' as const };

export const defenseLiveResponseRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: `${BASE}/session/:sid`,
    ...pub,
    handler: (ctx) => {
      defenseAuth(ctx);
      const sensorId = sensorOfDevice(ctx, ctx.params.sid);
      if (sensorId === undefined) throw defenseError(404, 'NOT_FOUND', `Device ${ctx.params.sid} not found`);
      const engine = liveResponseOf(ctx.runtime);
      try {
        return legacySession(engine, engine.createSession('defense', sensorId));
      } catch (err) {
        if (err instanceof SlotLimitError) throw defenseError(403, 'FORBIDDEN', 'session limit reached');
        throw err;
      }
    },
  },
  {
    method: 'GET',
    pattern: `${BASE}/session/:sid`,
    ...pub,
    handler: (ctx) => {
      defenseAuth(ctx);
      return legacySession(h.engine(ctx), h.session(ctx, false));
    },
  },
  {
    method: 'PUT',
    pattern: `${BASE}/session`,
    ...pub,
    handler: (ctx) => {
      defenseAuth(ctx);
      const body = bodyOf(ctx);
      const raw = String(body.session_id ?? '');
      const s = h.session({ ...ctx, params: { ...ctx.params, sid: raw } }, false);
      if (String(body.status ?? '').toUpperCase() === 'CLOSE') h.engine(ctx).close(s);
      return legacySession(h.engine(ctx), s);
    },
  },
  ...legacySessionRoutes(dialect),
  {
    method: 'GET',
    pattern: `${DEVICE}/:id`,
    ...pub,
    handler: (ctx) => {
      defenseAuth(ctx);
      const sensorId = sensorOfDevice(ctx, ctx.params.id);
      if (sensorId === undefined) throw defenseError(404, 'NOT_FOUND', `Device ${ctx.params.id} not found`);
      const engine = liveResponseOf(ctx.runtime);
      const info = defenseDevice(ctx.state, ctx.state.sensors.get(sensorId)!, engine.isOnline(sensorId), engine.now());
      return { success: true, message: 'Success', deviceInfo: info };
    },
  },
  {
    method: 'GET',
    pattern: DEVICE,
    ...pub,
    handler: (ctx) => {
      defenseAuth(ctx);
      const engine = liveResponseOf(ctx.runtime);
      const docs = [...ctx.state.sensors.values()].map((s) => defenseDevice(ctx.state, s, engine.isOnline(s.id), engine.now()));
      try {
        const page = runDefenseQuery(docs, ctx.query, 'device');
        return { success: true, message: 'Success', totalResults: page.totalResults, results: page.results };
      } catch (err) {
        if (err instanceof SearchParamError) throw dialect.badRequest(err.message);
        throw err;
      }
    },
  },
];


