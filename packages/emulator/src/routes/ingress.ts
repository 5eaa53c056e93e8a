// Ingress filters (response.md §14). POST takes a JSON *array* of filters (client-chosen ids)
// and answers the array of created ids.
import type { IngressFilterDocument } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { badRequest, conflict } from '../server/errors.js';
import { json, success } from '../server/respond.js';
import { getOr404, mergeKnown, objectBody, requireFields, solrTime, type JsonObject, type Route, clock } from './util.js';

const ARRAY_FIELDS = [
  'group_ids',
  'sensor_ids',
  'path_filters',
  'command_line_filters',
  'md5_filters',
  'regmod_filters',
  'modload_filters',
  'filemod_filters',
  'non_binary_filemod_filters',
  'netconn_filters',
  'crossproc_filters',
] as const;

function validate(body: JsonObject): void {
  for (const key of ARRAY_FIELDS) {
    if (key in body && !Array.isArray(body[key])) throw badRequest('invalid_field', `${key} must be an array`);
  }
  if ('os_mask' in body && !(Number.isInteger(body.os_mask) && (body.os_mask as number) >= 0 && (body.os_mask as number) <= 7)) {
    throw badRequest('invalid_field', 'os_mask must be a bitmask of 1 (windows), 2 (osx), 4 (linux)');
  }
}

function userId(ctx: RouteContext): number {
  return [...ctx.state.users.keys()].indexOf(ctx.user.username) + 1;
}

function newFilter(ctx: RouteContext, body: JsonObject): IngressFilterDocument {
  requireFields(body, ['id', 'name', 'description']);
  validate(body);
  const now = solrTime(clock(ctx.state));
  const doc: IngressFilterDocument = {
    id: String(body.id),
    name: String(body.name),
    description: String(body.description),
    create_timestamp: now,
    modify_timestamp: now,
    create_user_id: userId(ctx),
    modify_user_id: userId(ctx),
    version: 1,
    priority: 0,
    internal: false,
    enabled: true,
    filter_on_sensor: false,
    filter_on_server: true,
    track_metrics: true,
    hit_rate: 0,
    os_mask: 7,
    global: true,
    group_ids: [],
    sensor_ids: [],
    path_filters: [],
    command_line_filters: [],
    md5_filters: [],
    descendant_filtering_level: 0,
    filter_all_events: true,
    regmod_filters: [],
    modload_filters: [],
    filemod_filters: [],
    non_binary_filemod_filters: [],
    netconn_filters: [],
    crossproc_filters: [],
  };
  return mergeKnown(doc, body, ['id', 'create_timestamp', 'modify_timestamp', 'create_user_id', 'modify_user_id', 'version', 'hit_rate']);
}

export const ingressRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/ingress_whitelist', handler: (ctx) => [...ctx.state.ingressFilters.values()] },
  {
    method: 'POST',
    pattern: '/api/v1/ingress_whitelist',
    handler: (ctx) => {
      const body = ctx.body();
      const items = Array.isArray(body) ? body : [body];
      if (!items.length || items.some((i) => typeof i !== 'object' || i === null)) {
        throw badRequest('invalid_request', 'Request body must be an array of ingress filter objects');
      }
      const docs = items.map((item) => newFilter(ctx, item as JsonObject));
      for (const doc of docs) {
        if (ctx.state.ingressFilters.has(doc.id)) throw conflict('duplicate_id', `Ingress filter ${doc.id} already exists`);
      }
      for (const doc of docs) ctx.state.ingressFilters.set(doc.id, doc);
      return json(docs.map((d) => d.id));
    },
  },
  { method: 'GET', pattern: '/api/v1/ingress_whitelist/:id', handler: (ctx) => getOr404(ctx.state.ingressFilters, String(ctx.params.id)) },
  {
    method: 'PUT',
    pattern: '/api/v1/ingress_whitelist/:id',
    handler: (ctx) => {
      const doc = getOr404(ctx.state.ingressFilters, String(ctx.params.id));
      const body = objectBody(ctx);
      validate(body);
      mergeKnown(doc, body, ['id', 'create_timestamp', 'modify_timestamp', 'create_user_id', 'modify_user_id', 'version', 'hit_rate', 'internal']);
      doc.version++;
      doc.modify_timestamp = solrTime(clock(ctx.state));
      doc.modify_user_id = userId(ctx);
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/ingress_whitelist/:id',
    handler: (ctx) => {
      const doc = getOr404(ctx.state.ingressFilters, String(ctx.params.id));
      ctx.state.ingressFilters.delete(doc.id);
      return success();
    },
  },
];
