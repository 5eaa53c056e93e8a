// Platform v6 device search (cbc-live-response.md §2.2–2.3): `criteria` (arrays of allowed
// values; `last_contact_time` as {start,end} or {range}), `exclusions`, a Lucene-style `query`,
// `sort` [{field, order}], 1-based `start` and `rows` (capped at 10,000; the reachable window
// is 10,000 rows — `_scroll` with `search_after` goes past it).
import type { CloudDevice } from '../../data/hosts/index.js';
import { compileQuery, parseQuery, sortDocs, type FieldSchema, type SortKey } from '../../query/index.js';

export class DeviceSearchError extends Error {}

export const MAX_ROWS = 10_000;
export const DEFAULT_ROWS = 20;

const DEVICE_SCHEMA: FieldSchema<CloudDevice> = {
  fields: {
    id: { type: 'int' },
    name: { type: 'keyword' },
    os: { type: 'keyword' },
    os_version: { type: 'text' },
    status: { type: 'keyword' },
    policy_id: { type: 'int' },
    policy_name: { type: 'keyword' },
    sensor_version: { type: 'keyword' },
    last_contact_time: { type: 'date' },
    registered_time: { type: 'date' },
    last_internal_ip_address: { type: 'ip' },
    last_external_ip_address: { type: 'ip' },
    login_user_name: { type: 'keyword' },
    email: { type: 'keyword' },
    quarantined: { type: 'bool' },
    target_priority: { type: 'keyword' },
    deployment_type: { type: 'keyword' },
    ad_group_id: { type: 'int' },
  },
  defaultFields: ['name', 'login_user_name', 'last_internal_ip_address', 'os_version'],
  allowUnknownFields: true,
};

type Body = Record<string, unknown>;
type Test = (d: CloudDevice) => boolean;

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

function lastContactTest(value: unknown, now: number): Test {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DeviceSearchError('criteria.last_contact_time must be an object');
  const v = value as Body;
  const hasRange = v.range !== undefined;
  if (hasRange && (v.start !== undefined || v.end !== undefined)) throw new DeviceSearchError('criteria.last_contact_time takes either range or start/end, not both');
  let lo = -Infinity;
  let hi = Infinity;
  if (hasRange) {
    const m = /^-(\d+)([smhdwy])$/.exec(String(v.range));
    if (!m) throw new DeviceSearchError(`Invalid range '${String(v.range)}'`);
    lo = now - Number(m[1]) * UNITS[m[2]];
  } else {
    if (v.start !== undefined) lo = Date.parse(String(v.start));
    if (v.end !== undefined) hi = Date.parse(String(v.end));
    if (Number.isNaN(lo) || Number.isNaN(hi)) throw new DeviceSearchError('Invalid last_contact_time start/end');
  }
  return (d) => {
    const t = Date.parse(d.last_contact_time);
    return t >= lo && t <= hi;
  };
}

/** Status criteria include a few aggregate values besides the device statuses. */
function statusMatches(d: CloudDevice, want: string): boolean {
  const states = Array.isArray(d.sensor_states) ? (d.sensor_states as string[]) : [];
  switch (want) {
    case 'ALL':
      return true;
    case 'ACTIVE':
      return !['DEREGISTERED', 'UNINSTALLED', 'DELETED'].includes(String(d.status));
    case 'LIVE':
      return states.includes('ACTIVE');
    case 'INACTIVE':
      return !states.includes('ACTIVE');
    case 'BYPASS_ON':
      return d.status === 'BYPASS';
    case 'QUARANTINE':
      return d.quarantined === true;
    case 'SENSOR_OUTOFDATE':
      return d.sensor_out_of_date === true;
    default:
      return String(d.status) === want;
  }
}

function criteriaTests(criteria: unknown, now: number, sample: CloudDevice | undefined): Test[] {
  if (criteria === undefined || criteria === null) return [];
  if (typeof criteria !== 'object' || Array.isArray(criteria)) throw new DeviceSearchError('criteria must be an object');
  const tests: Test[] = [];
  for (const [field, value] of Object.entries(criteria as Body)) {
    if (field === 'last_contact_time') {
      tests.push(lastContactTest(value, now));
      continue;
    }
    if (!Array.isArray(value)) throw new DeviceSearchError(`criteria.${field} must be an array`);
    if (sample && !(field in sample)) throw new DeviceSearchError(`Unknown criteria field '${field}'`);
    const wanted = value.map((x) => String(x).toUpperCase());
    if (field === 'status') tests.push((d) => wanted.some((w) => statusMatches(d, w)));
    else tests.push((d) => wanted.includes(String(d[field]).toUpperCase()));
  }
  return tests;
}

function exclusionTests(exclusions: unknown): Test[] {
  if (exclusions === undefined || exclusions === null) return [];
  if (typeof exclusions !== 'object' || Array.isArray(exclusions)) throw new DeviceSearchError('exclusions must be an object');
  const tests: Test[] = [];
  for (const [field, value] of Object.entries(exclusions as Body)) {
    if (!Array.isArray(value)) throw new DeviceSearchError(`exclusions.${field} must be an array`);
    const excluded = value.map((x) => String(x));
    tests.push((d) => !excluded.includes(String(d[field])));
  }
  return tests;
}

function sortKeys(sort: unknown): SortKey[] {
  if (sort === undefined || sort === null) return [{ field: 'id', direction: 'asc' }];
  if (!Array.isArray(sort)) throw new DeviceSearchError('sort must be an array of {field, order}');
  return sort.map((s: unknown) => {
    const spec = (typeof s === 'object' && s !== null ? s : {}) as Body;
    const order = String(spec.order ?? 'ASC').toUpperCase();
    if (typeof spec.field !== 'string' || (order !== 'ASC' && order !== 'DESC')) throw new DeviceSearchError('sort entries need a field and order ASC or DESC');
    return { field: spec.field, direction: order === 'ASC' ? ('asc' as const) : ('desc' as const) };
  });
}

function intField(body: Body, key: string, fallback: number): number {
  const v = body[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new DeviceSearchError(`${key} must be a non-negative integer`);
  return v;
}

/** All devices matching criteria, exclusions and query, sorted. Throws QuerySyntaxError for bad queries. */
export function matchDevices(devices: readonly CloudDevice[], body: Body, now: number): CloudDevice[] {
  const tests = [...criteriaTests(body.criteria, now, devices[0]), ...exclusionTests(body.exclusions)];
  if (typeof body.query === 'string' && body.query.trim() !== '') tests.push(compileQuery(parseQuery(body.query), DEVICE_SCHEMA, { now }));
  else if (body.query !== undefined && body.query !== null && body.query !== '') throw new DeviceSearchError('query must be a string');
  return sortDocs(
    devices.filter((d) => tests.every((t) => t(d))),
    sortKeys(body.sort),
    DEVICE_SCHEMA,
  );
}

/** `_search`: `start` is 1-based (absent or 0 = the first row). */
export function searchDevices(devices: readonly CloudDevice[], body: Body, now: number): { results: CloudDevice[]; num_found: number } {
  const rows = Math.min(intField(body, 'rows', DEFAULT_ROWS), MAX_ROWS);
  const start = Math.max(1, intField(body, 'start', 1));
  if (start - 1 + rows > MAX_ROWS) throw new DeviceSearchError(`start + rows may not exceed ${MAX_ROWS}; use _scroll for more`);
  const matches = matchDevices(devices, body, now);
  return { results: matches.slice(start - 1, start - 1 + rows), num_found: matches.length };
}

/** `_scroll`: pages in id order after `search_after`; an empty `search_after` in the reply ends it. */
export function scrollDevices(devices: readonly CloudDevice[], body: Body, now: number): { results: CloudDevice[]; num_found: number; search_after: string } {
  const rows = Math.min(intField(body, 'rows', DEFAULT_ROWS), MAX_ROWS);
  const after = body.search_after === undefined || body.search_after === null || body.search_after === '' ? -Infinity : Number(body.search_after);
  if (Number.isNaN(after)) throw new DeviceSearchError('search_after must be the value returned by the previous page');
  const matches = matchDevices(devices, { ...body, sort: [{ field: 'id', order: 'ASC' }] }, now);
  const rest = matches.filter((d) => d.id > after);
  const page = rest.slice(0, rows);
  return { results: page, num_found: matches.length, search_after: rest.length > rows ? String(page[page.length - 1].id) : '' };
}
