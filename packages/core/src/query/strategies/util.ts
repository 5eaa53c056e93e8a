// Small readers shared by the strategies.
import { ServerError } from '../../errors.js';
import type { HttpResponse, QueryParams, QueryValue } from '../../http/types.js';

export function objectBody(response: HttpResponse<unknown>, what: string): Record<string, unknown> {
  const body = response.data;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new ServerError(`Expected a JSON object from the ${what} endpoint`, { status: response.status, body });
}

export function rowsOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function intOf(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** Drops undefined entries so request records and bodies stay clean. */
export function compact(params: Record<string, QueryValue>): QueryParams {
  const out: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out[key] = value;
  return out;
}

/** `"name desc"` → `{ field: 'name', order: 'DESC' }`; order defaults to ASC. */
export function parseSort(sort: string): { field: string; order: 'ASC' | 'DESC' } {
  const [field = '', order = 'ASC'] = sort.trim().split(/\s+/);
  return { field, order: order.toUpperCase() === 'DESC' ? 'DESC' : 'ASC' };
}
