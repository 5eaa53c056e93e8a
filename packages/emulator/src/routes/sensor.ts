// Sensors (response.md §5): the unpaginated v1 list with its single server-side filter, the
// HEAD-era paginated v2 list, one sensor (whose GETs drive the isolation check-in model),
// PUT of the writable fields, and the per-sensor statistics lists.
import type { SensorDocument } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { badRequest } from '../server/errors.js';
import { json, noContent } from '../server/respond.js';
import { asBool, asInt, getOr404, intParam, objectBody, type Route } from './util.js';

function ips(sensor: SensorDocument): string[] {
  return sensor.network_adapters
    .split('|')
    .filter(Boolean)
    .map((pair) => pair.split(',')[0] ?? '');
}

/** v1 semantics: `ip` / `hostname` are case-sensitive substring matches, `ip` wins over `hostname`. */
function filterSensors(ctx: RouteContext): SensorDocument[] {
  let sensors = [...ctx.state.sensors.values()];
  const ip = ctx.query.get('ip');
  const hostname = ctx.query.get('hostname');
  const groupid = ctx.query.get('groupid');
  if (ip) sensors = sensors.filter((s) => ips(s).some((addr) => addr.includes(ip)));
  else if (hostname) sensors = sensors.filter((s) => s.computer_name.includes(hostname));
  if (groupid !== null && groupid !== '') {
    const gid = Number(groupid);
    sensors = sensors.filter((s) => s.group_id === gid);
  }
  return sensors;
}

function v2List(ctx: RouteContext) {
  const sensors = filterSensors(ctx);
  const col = ctx.query.get('sort.col') ?? 'computer_name';
  const desc = (ctx.query.get('sort.dir') ?? 'asc').toLowerCase() === 'desc';
  sensors.sort((a, b) => {
    const x = (a as unknown as Record<string, unknown>)[col];
    const y = (b as unknown as Record<string, unknown>)[col];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
    return desc ? -c : c;
  });
  const start = Math.max(0, Number(ctx.query.get('start') ?? 0) || 0);
  const rows = Math.max(0, Number(ctx.query.get('rows') ?? 100) || 0);
  const body: Record<string, unknown> = { results: sensors.slice(start, start + rows), total_results: sensors.length, start };
  if (ctx.query.get('facet') === 'true') {
    const facets: Record<string, { name: string; value: number }[]> = {};
    for (const field of ctx.query.getAll('facet.field')) {
      const counts = new Map<string, number>();
      for (const s of sensors) {
        const v = String((s as unknown as Record<string, unknown>)[field] ?? '');
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      facets[field] = [...counts].sort((a, b) => b[1] - a[1]).map(([name, value]) => ({ name, value }));
    }
    body.facets = facets;
  }
  return body;
}

/** Fields a client may change with PUT (HEAD's save() whitelist); everything else is server-owned. */
function applySensorUpdate(ctx: RouteContext, sensor: SensorDocument): void {
  const body = objectBody(ctx);
  if ('network_isolation_enabled' in body) {
    const wanted = asBool(body.network_isolation_enabled, 'network_isolation_enabled');
    if (wanted && !sensor.supports_isolation) throw badRequest('isolation_not_supported', 'Sensor does not support network isolation');
    if (wanted !== sensor.network_isolation_enabled) {
      sensor.network_isolation_enabled = wanted;
      ctx.runtime.isolation.requested(sensor);
    }
  }
  if ('restart_queued' in body) sensor.restart_queued = asBool(body.restart_queued, 'restart_queued');
  if ('uninstall' in body) {
    sensor.uninstall = asBool(body.uninstall, 'uninstall');
    if (sensor.uninstall) sensor.status = 'Uninstall Pending';
  }
  if ('group_id' in body && body.group_id !== null) {
    const gid = asInt(body.group_id, 'group_id');
    if (!ctx.state.sensorGroups.has(gid)) throw badRequest('invalid_group', `Sensor group ${gid} does not exist`);
    sensor.group_id = gid;
  }
  if ('notes' in body) sensor.notes = body.notes === null ? null : String(body.notes);
  if ('event_log_flush_time' in body) {
    const v = body.event_log_flush_time;
    if (v !== null && (typeof v !== 'string' || Number.isNaN(Date.parse(v.replace(' ', 'T'))) && Number.isNaN(Date.parse(v)))) {
      throw badRequest('invalid_field', 'event_log_flush_time must be a date-time or null');
    }
    sensor.event_log_flush_time = v as string | null;
  }
}

function statsList<T>(ctx: RouteContext, map: Map<number, T[]>) {
  const sensor = getOr404(ctx.state.sensors, intParam(ctx, 'id'));
  const list = map.get(sensor.id) ?? [];
  // 204 when there is nothing to report (the client maps it to []).
  return list.length ? json(list) : noContent();
}

export const sensorRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/sensor', handler: (ctx) => filterSensors(ctx) },
  { method: 'GET', pattern: '/api/v2/sensor', handler: v2List },
  {
    method: 'GET',
    pattern: '/api/v1/sensor/statistics',
    handler: (ctx) => {
      let eventlog = 0;
      let storefile = 0;
      for (const s of ctx.state.sensors.values()) {
        eventlog += Number(s.num_eventlog_bytes) || 0;
        storefile += Number(s.num_storefiles_bytes) || 0;
      }
      return { sensor_count: ctx.state.sensors.size, num_eventlog_bytes: String(eventlog), num_storefile_bytes: String(storefile) };
    },
  },
  {
    method: 'GET',
    pattern: '/api/v1/sensor/:id',
    handler: (ctx) => {
      const sensor = getOr404(ctx.state.sensors, intParam(ctx, 'id'));
      ctx.runtime.isolation.polled(ctx.state, sensor);
      return sensor;
    },
  },
  {
    method: 'PUT',
    pattern: '/api/v1/sensor/:id',
    handler: (ctx) => {
      const sensor = getOr404(ctx.state.sensors, intParam(ctx, 'id'));
      applySensorUpdate(ctx, sensor);
      return noContent();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/sensor/:id',
    // Queues an uninstall, as the console's "Uninstall" does; the document stays listed.
    handler: (ctx) => {
      const sensor = getOr404(ctx.state.sensors, intParam(ctx, 'id'));
      sensor.uninstall = true;
      sensor.status = 'Uninstall Pending';
      return noContent();
    },
  },
  { method: 'GET', pattern: '/api/v1/sensor/:id/queued', handler: (ctx) => statsList(ctx, ctx.state.sensorQueued) },
  { method: 'GET', pattern: '/api/v1/sensor/:id/activity', handler: (ctx) => statsList(ctx, ctx.state.sensorActivity) },
  { method: 'GET', pattern: '/api/v1/sensor/:id/resourcestatus', handler: (ctx) => statsList(ctx, ctx.state.sensorResources) },
];
