// Platform Device API v6 (cbc-live-response.md §2): search, scroll, get one, device actions.
// Devices are the emulated hosts under cloud ids; offline hosts report an old
// `last_contact_time` and no ACTIVE sensor state.
import { cloudDevice, deviceOverlay, sensorIdOf, KNOWN_POLICIES, type CloudDevice } from '../../data/hosts/index.js';
import { QuerySyntaxError } from '../../query/errors.js';
import type { RouteContext } from '../../server/context.js';
import { HttpError } from '../../server/errors.js';
import { json, noContent } from '../../server/respond.js';
import type { Route } from '../util.js';
import { cloudAuth, need, type PermissionNeed } from './auth.js';
import { liveResponseOf } from './engine/registry.js';
import { DeviceSearchError, matchDevices, scrollDevices, searchDevices } from './device-search.js';
import { cloudError } from './wire/errors.js';

const ORG = '/appservices/v6/orgs/:org';

function allDevices(ctx: RouteContext): CloudDevice[] {
  const engine = liveResponseOf(ctx.runtime);
  const now = engine.now();
  return [...ctx.state.sensors.values()].map((s) => cloudDevice(ctx.state, s, engine.isOnline(s.id), now));
}

function bodyOf(ctx: RouteContext): Record<string, unknown> {
  const body = ctx.body() ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw cloudError(400, 'INVALID_ARGUMENT', 'Request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Runs a search step, mapping its errors to the documented 400 bodies. */
function searching<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof QuerySyntaxError) throw new HttpError(400, json(err.toJSON(), 400));
    if (err instanceof DeviceSearchError) throw cloudError(400, 'INVALID_ARGUMENT', err.message);
    throw err;
  }
}

const ACTION_PERMISSIONS: Readonly<Record<string, PermissionNeed>> = {
  QUARANTINE: need('device.quarantine', 'EXECUTE'),
  BYPASS: need('device.bypass', 'EXECUTE'),
  BACKGROUND_SCAN: need('device.bg-scan', 'EXECUTE'),
  UPDATE_POLICY: need('device.policy', 'UPDATE'),
  UPDATE_SENSOR_VERSION: need('org.kits', 'EXECUTE'),
  DELETE_SENSOR: need('device.deregistered', 'DELETE'),
  UNINSTALL_SENSOR: need('device.uninstall', 'EXECUTE'),
};

function toggle(options: Record<string, unknown>): boolean {
  const t = String(options.toggle ?? '').toUpperCase();
  if (t !== 'ON' && t !== 'OFF') throw cloudError(400, 'INVALID_ARGUMENT', 'options.toggle must be ON or OFF');
  return t === 'ON';
}

function applyAction(ctx: RouteContext, action: string, options: Record<string, unknown>, deviceIds: number[]): void {
  const policyId = Number(options.policy_id);
  const policy = KNOWN_POLICIES.find((p) => p.id === policyId);
  if (action === 'UPDATE_POLICY' && !policy) throw cloudError(400, 'INVALID_ARGUMENT', `Unknown policy_id ${String(options.policy_id)}`);
  const versions = (options.sensor_version ?? {}) as Record<string, unknown>;
  for (const id of deviceIds) {
    const o = deviceOverlay(ctx.state, id);
    if (action === 'QUARANTINE') o.quarantined = toggle(options);
    else if (action === 'BYPASS') o.bypass = toggle(options);
    else if (action === 'BACKGROUND_SCAN') o.backgroundScan = toggle(options);
    else if (action === 'UPDATE_POLICY') o.policy = policy;
    else if (action === 'UPDATE_SENSOR_VERSION') o.sensorVersion = String(Object.values(versions)[0] ?? '');
    else if (action === 'DELETE_SENSOR') o.status = 'DEREGISTERED';
    else if (action === 'UNINSTALL_SENSOR') o.status = 'UNINSTALLED';
  }
}

const pub = { access: 'public' as const };

export const deviceRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: `${ORG}/devices/_search`,
    ...pub,
    searchPage: true,
    handler: (ctx) => {
      cloudAuth(ctx, need('device', 'READ'));
      const body = bodyOf(ctx);
      return searching(() => searchDevices(allDevices(ctx), body, Date.now()));
    },
  },
  {
    method: 'POST',
    pattern: `${ORG}/devices/_scroll`,
    ...pub,
    searchPage: true,
    handler: (ctx) => {
      cloudAuth(ctx, need('device', 'READ'));
      const body = bodyOf(ctx);
      return searching(() => scrollDevices(allDevices(ctx), body, Date.now()));
    },
  },
  {
    method: 'GET',
    pattern: `${ORG}/devices/:id`,
    ...pub,
    handler: (ctx) => {
      cloudAuth(ctx, need('device', 'READ'));
      const raw = ctx.params.id ?? '';
      const sensorId = /^\d+$/.test(raw) ? sensorIdOf(Number(raw)) : NaN;
      const sensor = ctx.state.sensors.get(sensorId);
      if (!sensor) throw cloudError(404, 'NOT_FOUND', `Device ${raw} not found`);
      const engine = liveResponseOf(ctx.runtime);
      return cloudDevice(ctx.state, sensor, engine.isOnline(sensorId), engine.now());
    },
  },
  {
    method: 'POST',
    pattern: `${ORG}/device_actions`,
    ...pub,
    handler: (ctx) => {
      cloudAuth(ctx);
      const body = bodyOf(ctx);
      const action = String(body.action_type ?? '');
      const permission = ACTION_PERMISSIONS[action];
      if (!permission) throw cloudError(400, 'INVALID_ARGUMENT', `Unknown action_type '${action}'`);
      cloudAuth(ctx, permission);
      const options = (typeof body.options === 'object' && body.options !== null ? body.options : {}) as Record<string, unknown>;
      let ids: number[];
      if (Array.isArray(body.device_id)) ids = body.device_id.map((x) => Number(x)).filter((x) => Number.isInteger(x));
      else if (typeof body.search === 'object' && body.search !== null) ids = searching(() => matchDevices(allDevices(ctx), body.search as Record<string, unknown>, Date.now())).map((d) => d.id);
      else throw cloudError(400, 'INVALID_ARGUMENT', 'Either device_id or search is required');
      const known = new Set(allDevices(ctx).map((d) => d.id));
      applyAction(ctx, action, options, ids.filter((id) => known.has(id)));
      return noContent();
    },
  },
];
