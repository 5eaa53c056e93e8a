// Search profiles of the four Cb Response Solr-style collections: field schemas, default
// (bare-term) fields, default sort, page size, caps and facets. Documents are the rows the data
// layer stores (response.md §3.1/§4/§11/§12 field names); anything not listed here is still
// searchable by its raw property name (alliance_*, watchlist_*, ...).

import { completeListSource, EVENT_FIELDS, type EventSource } from './event-fields.js';
import type { FacetSpec } from './facets.js';
import type { PageCaps } from './paginate.js';
import { boolParam } from './params.js';
import type { FieldDef, FieldSchema, FieldType } from './schema.js';
import type { SearchProfile } from './search.js';

/** Server defaults: 10 rows per page (REST docs); window/page cap modelled at 10,000 rows. */
export const DEFAULT_ROWS = 10;
export const DEFAULT_CAPS: Readonly<Required<PageCaps>> = { maxRows: 10_000, maxResultWindow: 10_000 };

export interface ProfileOptions<T, R> {
  /** Extra or replacement field definitions (e.g. binary-joined digsig fields computed by the data layer). */
  fields?: Readonly<Record<string, FieldDef<T>>>;
  caps?: PageCaps;
  defaultRows?: number;
  project?: (doc: T) => R;
}

export interface ProcessProfileOptions<T, R> extends ProfileOptions<T, R> {
  /** Where event-derived fields (filemod, regmod, modload, domain, ...) read their entries. Default: `<kind>_complete` on the document. */
  events?: EventSource<T>;
  /**
   * Also search event fields (childproc_name, domain, filemod, modload, regmod) for bare terms,
   * as the real server does. Off by default: without an event index every non-matching
   * document must have its events produced, which is slow when they are generated on demand.
   */
  eventFieldsInDefaultSearch?: boolean;
}

const kw = (extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'keyword', ...extra });
const t = (type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({ type, ...extra });

function withOverrides<T>(base: Record<string, FieldDef>, extra: Readonly<Record<string, FieldDef<T>>> | undefined): Record<string, FieldDef<T>> {
  return { ...(base as Record<string, FieldDef<T>>), ...(extra ?? {}) };
}

// ---------------------------------------------------------------------------------------------
// Process

export const PROCESS_FACET_FIELDS = [
  'process_md5',
  'hostname',
  'group',
  'path_full',
  'parent_name',
  'process_name',
  'host_type',
  'hour_of_day',
  'day_of_week',
  'start',
] as const;

export const PROCESS_FACETS: Readonly<Record<string, FacetSpec>> = {
  path_full: { kind: 'terms', field: 'path' },
  hour_of_day: { kind: 'hour_of_day', field: 'start' },
  day_of_week: { kind: 'day_of_week', field: 'start' },
  start: { kind: 'date', field: 'start', unit: 'day', buckets: 30 },
};

/** Bare-term fields, cheapest first. */
export const PROCESS_DEFAULT_FIELDS = ['process_name', 'hostname', 'group', 'process_md5', 'parent_name', 'username', 'path', 'cmdline'] as const;

/** Event fields added to bare-term search with `eventFieldsInDefaultSearch` (computed lazily, tried last). */
export const PROCESS_EVENT_DEFAULT_FIELDS = ['childproc_name', 'domain', 'filemod', 'modload', 'regmod'] as const;

const EVENT_FIELD_TYPES: Record<string, FieldType> = {
  filemod: 'path',
  modload: 'path',
  regmod: 'path',
  ipaddr: 'ip',
  ipport: 'int',
};

export function processSchema<T>(
  options: { events?: EventSource<T>; fields?: Readonly<Record<string, FieldDef<T>>>; eventFieldsInDefaultSearch?: boolean } = {},
): FieldSchema<T> {
  const events = options.events ?? completeListSource;
  const base: Record<string, FieldDef<T>> = {
    id: kw({ caseSensitive: true, aliases: ['process_id'] }),
    unique_id: kw({ caseSensitive: true }),
    segment_id: t('int'),
    process_md5: kw({ aliases: ['md5'] }),
    process_sha256: kw({ aliases: ['sha256'] }),
    process_name: kw(),
    path: t('path'),
    path_full: kw({ source: 'path' }),
    cmdline: t('text'),
    // domain\user: tokenised on the backslash so `username:bit9rad` matches `HOST\bit9rad`.
    username: t('path'),
    hostname: kw(),
    sensor_id: t('int'),
    start: t('date'),
    last_update: t('date'),
    last_server_update: t('date'),
    min_last_server_update: t('date'),
    max_last_server_update: t('date'),
    process_pid: t('int'),
    parent_unique_id: kw({ caseSensitive: true }),
    parent_id: kw({ caseSensitive: true }),
    parent_name: kw(),
    parent_pid: t('int'),
    parent_md5: kw(),
    comms_ip: t('ip'),
    interface_ip: t('ip'),
    modload_count: t('int'),
    filemod_count: t('int'),
    regmod_count: t('int'),
    netconn_count: t('int'),
    childproc_count: t('int'),
    crossproc_count: t('int'),
    group: kw(),
    host_type: kw(),
    os_type: kw(),
    terminated: t('bool'),
    tampered: t('bool'),
    digsig_result: kw({ compute: (d) => rec(d).digsig_result ?? rec(d).process_digsig_result }),
  };
  for (const [name, spec] of Object.entries(EVENT_FIELDS)) {
    base[name] = { type: EVENT_FIELD_TYPES[name] ?? 'keyword', compute: (d: T) => spec.values(events(d, spec.kind)) };
  }
  const defaultFields = options.eventFieldsInDefaultSearch ? [...PROCESS_DEFAULT_FIELDS, ...PROCESS_EVENT_DEFAULT_FIELDS] : PROCESS_DEFAULT_FIELDS;
  return { fields: withOverrides(base as Record<string, FieldDef>, options.fields), defaultFields };
}

function rec(d: unknown): Record<string, unknown> {
  return d as Record<string, unknown>;
}

/** `/api/v1/process`: default sort `last_update desc`; cb.group and the update bounds enabled. */
export function processProfile<T, R = T>(options: ProcessProfileOptions<T, R> = {}): SearchProfile<T, R> {
  return {
    name: 'process',
    schema: processSchema<T>(options),
    defaultSort: 'last_update desc',
    defaultRows: options.defaultRows ?? DEFAULT_ROWS,
    caps: options.caps ?? DEFAULT_CAPS,
    facetSpecs: PROCESS_FACETS,
    defaultFacetFields: PROCESS_FACET_FIELDS,
    processFilters: {},
    project: options.project,
    extraResponse: ({ params, grouped }) => ({
      tagged_pids: {},
      filtered: {},
      comprehensive_search: boolParam(params, 'comprehensive_search'),
      all_segments: !grouped,
      incomplete_results: false,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Binary

export const BINARY_FACET_FIELDS = [
  'product_name_facet',
  'file_version_facet',
  'alliance_score_virustotal',
  'digsig_result',
  'company_name_facet',
  'digsig_publisher_facet',
  'digsig_sign_time',
  'server_added_timestamp',
  'observed_filename_facet',
] as const;

export const BINARY_FACETS: Readonly<Record<string, FacetSpec>> = {
  product_name_facet: { kind: 'terms', field: 'product_name' },
  file_version_facet: { kind: 'terms', field: 'file_version' },
  company_name_facet: { kind: 'terms', field: 'company_name' },
  digsig_publisher_facet: { kind: 'terms', field: 'digsig_publisher' },
  observed_filename_facet: { kind: 'terms', field: 'observed_filename' },
  digsig_sign_time: { kind: 'date', field: 'digsig_sign_time', unit: 'month', buckets: 48 },
  server_added_timestamp: { kind: 'date', field: 'server_added_timestamp', unit: 'day', buckets: 30 },
};

export const BINARY_DEFAULT_FIELDS = [
  'md5',
  'original_filename',
  'internal_name',
  'product_name',
  'company_name',
  'file_desc',
  'digsig_publisher',
  'observed_filename',
] as const;

export function binarySchema<T>(fields?: Readonly<Record<string, FieldDef<T>>>): FieldSchema<T> {
  const base: Record<string, FieldDef> = {
    md5: kw(),
    digsig_result: kw(),
    digsig_publisher: t('text'),
    digsig_issuer: t('text'),
    digsig_subject: t('text'),
    digsig_prog_name: t('text'),
    digsig_sign_time: t('date'),
    digsig_result_code: kw(),
    signed: kw(),
    file_desc: t('text'),
    file_version: kw(),
    product_name: t('text'),
    product_version: kw(),
    company_name: t('text'),
    legal_copyright: t('text'),
    legal_trademark: t('text'),
    original_filename: kw(),
    internal_name: kw(),
    private_build: t('text'),
    special_build: t('text'),
    observed_filename: t('path', { aliases: ['filename'] }),
    orig_mod_len: t('int'),
    copied_mod_len: t('int'),
    is_64bit: t('bool'),
    is_executable_image: t('bool'),
    host_count: t('int'),
    os_type: kw(),
    endpoint: kw(),
    // Endpoint entries are `HOST|SENSOR_ID`; binary searches accept hostname:.
    hostname: kw({ compute: (d) => arr(rec(d).endpoint).map((e) => String(e).split('|')[0]) }),
    group: kw(),
    server_added_timestamp: t('date'),
    timestamp: t('date'),
    last_seen: t('date'),
    cb_version: t('int'),
    alliance_score_virustotal: t('int'),
  };
  return { fields: withOverrides(base, fields), defaultFields: BINARY_DEFAULT_FIELDS };
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** `/api/v1/binary`: server default sort `server_added_timestamp desc` (REST docs). */
export function binaryProfile<T, R = T>(options: ProfileOptions<T, R> = {}): SearchProfile<T, R> {
  return {
    name: 'binary',
    schema: binarySchema<T>(options.fields),
    defaultSort: 'server_added_timestamp desc',
    defaultRows: options.defaultRows ?? DEFAULT_ROWS,
    caps: options.caps ?? DEFAULT_CAPS,
    facetSpecs: BINARY_FACETS,
    defaultFacetFields: BINARY_FACET_FIELDS,
    project: options.project,
  };
}

// ---------------------------------------------------------------------------------------------
// Alert and ThreatReport

export function alertSchema<T>(fields?: Readonly<Record<string, FieldDef<T>>>): FieldSchema<T> {
  const base: Record<string, FieldDef> = {
    unique_id: kw({ caseSensitive: true }),
    alert_type: kw(),
    status: kw(),
    alert_severity: t('float'),
    sensor_criticality: t('float'),
    report_score: t('int'),
    feed_rating: t('float'),
    ioc_confidence: t('float'),
    feed_name: kw(),
    feed_id: t('int'),
    hostname: kw(),
    sensor_id: t('int'),
    md5: kw(),
    os_type: kw(),
    created_time: t('date'),
    resolved_time: t('date'),
    process_id: kw({ caseSensitive: true }),
    segment_id: t('int'),
    watchlist_id: kw(),
    watchlist_name: kw(),
    process_name: kw(),
    process_path: t('path'),
    username: t('path'),
    ioc_type: kw(),
    ioc_value: kw(),
    assigned_to: kw(),
    is_ignored: t('bool'),
    total_hosts: t('int'),
  };
  return {
    fields: withOverrides(base, fields),
    defaultFields: ['hostname', 'process_name', 'md5', 'watchlist_name', 'feed_name', 'ioc_value', 'username'],
  };
}

/** `/api/v1/alert`: default sort `created_time desc` (what the legacy clients send). */
export function alertProfile<T, R = T>(options: ProfileOptions<T, R> = {}): SearchProfile<T, R> {
  return {
    name: 'alert',
    schema: alertSchema<T>(options.fields),
    defaultSort: 'created_time desc',
    defaultRows: options.defaultRows ?? DEFAULT_ROWS,
    caps: options.caps ?? DEFAULT_CAPS,
    project: options.project,
  };
}

/** IOC values of a report: `iocs` is `{md5: [...], ipv4: [...], dns: [...], query: [...]}`. */
function iocValues(d: unknown): string[] {
  const iocs = rec(d).iocs;
  if (iocs === null || typeof iocs !== 'object') return [];
  const out: string[] = [];
  for (const list of Object.values(iocs as Record<string, unknown>)) {
    for (const v of arr(list)) {
      if (typeof v === 'string') out.push(v);
      else if (v !== null && typeof v === 'object' && 'search_query' in v) out.push(String((v as { search_query: unknown }).search_query));
    }
  }
  return out;
}

export function threatReportSchema<T>(fields?: Readonly<Record<string, FieldDef<T>>>): FieldSchema<T> {
  const base: Record<string, FieldDef> = {
    id: kw({ caseSensitive: true, aliases: ['report_id'] }),
    feed_id: t('int'),
    feed_name: kw(),
    title: t('text'),
    description: t('text'),
    // Legacy clients sort on severity_score; rows carry it as `score`.
    score: t('int', { aliases: ['severity_score', 'report_score'] }),
    link: kw(),
    timestamp: t('date'),
    create_time: t('date'),
    is_ignored: t('bool'),
    tags: kw(),
    _internal_id: kw({ caseSensitive: true }),
    ioc_value: kw({ compute: iocValues }),
  };
  return { fields: withOverrides(base, fields), defaultFields: ['title', 'feed_name', 'id', 'ioc_value'] };
}

/** `/api/v1/threat_report`: default sort `severity_score desc` (legacy client default). */
export function threatReportProfile<T, R = T>(options: ProfileOptions<T, R> = {}): SearchProfile<T, R> {
  return {
    name: 'threat_report',
    schema: threatReportSchema<T>(options.fields),
    defaultSort: 'severity_score desc',
    defaultRows: options.defaultRows ?? DEFAULT_ROWS,
    caps: options.caps ?? DEFAULT_CAPS,
    project: options.project,
  };
}
