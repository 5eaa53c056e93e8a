// IngressFilter (response.md §14, server 6.1+): server/sensor-side event filters. The id is
// chosen by the client (e.g. `crypto.randomUUID()`); create POSTs a one-element JSON array and
// the server answers an array of ids.
import { defineModel, field, SimpleListQuery, type Doc, type ModelHost, type SaveOutcome } from '@cb/core';

/** Values a new filter gets for fields left unset (the server's documented defaults). */
export const INGRESS_FILTER_DEFAULTS: Readonly<Doc> = Object.freeze({
  priority: 0,
  enabled: true,
  filter_on_sensor: false,
  filter_on_server: true,
  track_metrics: true,
  os_mask: 7,
  global: true,
  descendant_filtering_level: 0,
  filter_all_events: true,
});

/** `os_mask` bits. */
export const OsMask = { windows: 1, osx: 2, linux: 4, all: 7 } as const;

function createReply(body: unknown): SaveOutcome | undefined {
  if (!Array.isArray(body)) return undefined;
  const [id] = body as unknown[];
  return { kind: 'refresh', id: typeof id === 'string' || typeof id === 'number' ? id : undefined };
}

const strings = () => field<string[]>('array');

export class IngressFilter extends defineModel({
  name: 'IngressFilter',
  urlObject: '/api/v1/ingress_whitelist',
  create: true,
  update: 'PUT',
  delete: true,
  keepPrimaryKeyOnCreate: true,
  required: ['id', 'name', 'description'],
  fields: {
    /** Client-chosen (a UUID, say); honoured only when the filter is created. */
    id: 'string',
    name: 'string',
    description: 'string',
    create_timestamp: { type: 'date', readOnly: true },
    modify_timestamp: { type: 'date', readOnly: true },
    create_user_id: { type: 'int', readOnly: true },
    modify_user_id: { type: 'int', readOnly: true },
    version: { type: 'int', readOnly: true },
    /** default 0 */
    priority: 'int',
    internal: { type: 'boolean', readOnly: true },
    /** default true */
    enabled: 'boolean',
    /** default false */
    filter_on_sensor: 'boolean',
    /** default true */
    filter_on_server: 'boolean',
    /** default true */
    track_metrics: 'boolean',
    hit_rate: { type: 'float', readOnly: true },
    /** Bitmask: 1 Windows, 2 OS X, 4 Linux (default 7, see OsMask). */
    os_mask: 'int',
    /** default true: applies to every sensor group */
    global: 'boolean',
    group_ids: field<number[]>('array'),
    sensor_ids: field<number[]>('array'),
    path_filters: strings(),
    command_line_filters: strings(),
    md5_filters: strings(),
    /** 0 (default): the process only; -1: all descendants */
    descendant_filtering_level: 'int',
    /** default true */
    filter_all_events: 'boolean',
    regmod_filters: strings(),
    modload_filters: strings(),
    filemod_filters: strings(),
    non_binary_filemod_filters: strings(),
    netconn_filters: strings(),
    crossproc_filters: strings(),
  },
  // The server takes an array of filters; unset fields get the documented defaults.
  createBody: (doc) => [{ ...INGRESS_FILTER_DEFAULTS, ...doc }],
  saveReply: (body, _model, context) => (context.created ? createReply(body) : undefined),
}) {
  static createQuery(host: ModelHost): SimpleListQuery<IngressFilter> {
    return new SimpleListQuery(host, IngressFilter);
  }
}
