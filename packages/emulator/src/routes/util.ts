// Small helpers shared by route modules: typed route lists, id parsing, body validation.
import { mutationClock } from '../data/mutations.js';
import type { EmulatorState } from '../data/types.js';
import { badRequest, notFound } from '../server/errors.js';
import type { RouteContext, RouteHandler } from '../server/context.js';
import type { RouteDef } from '../server/router.js';

export type Route = RouteDef<RouteHandler>;

export function intParam(ctx: RouteContext, name: string): number {
  const raw = ctx.params[name] ?? '';
  if (!/^-?\d+$/.test(raw)) throw notFound();
  return Number(raw);
}

export function getOr404<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw notFound();
  return value;
}

export type JsonObject = Record<string, unknown>;

/** The body as a JSON object (400 otherwise). */
export function objectBody(ctx: RouteContext): JsonObject {
  const body = ctx.body();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('invalid_request', 'Request body must be a JSON object');
  }
  return body as JsonObject;
}

/** 400 naming the first missing (absent, null or empty-string) field. */
export function requireFields(body: JsonObject, fields: readonly string[]): void {
  for (const field of fields) {
    const v = body[field];
    if (v === undefined || v === null || v === '') throw badRequest('missing_field', `Missing required field: ${field}`);
  }
}

/** Copies `body[key]` over `doc[key]` for every key the document already has (ids excluded). */
export function mergeKnown<T extends object>(doc: T, body: JsonObject, readOnly: readonly string[] = ['id']): T {
  const target = doc as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (readOnly.includes(key) || !(key in target)) continue;
    target[key] = value;
  }
  return doc;
}

export function asInt(value: unknown, field: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw badRequest('invalid_field', `Field ${field} must be an integer`);
  return n;
}

export function asBool(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw badRequest('invalid_field', `Field ${field} must be a boolean`);
}

export { sensorTime, solrTime } from '../data/time.js';

/**
 * Time of a mutation on the dataset clock (the data layer's `mutationClock`: the dataset's
 * "now" plus one second per mutation), so a scripted request sequence always produces the
 * same documents regardless of the wall clock.
 */
export function clock(state: EmulatorState): number {
  state.nextIds.opaque++;
  return mutationClock(state);
}
