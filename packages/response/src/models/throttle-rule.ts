// ThrottleRule (response.md §6): a site's bandwidth limit for a time window. Read-only, as in
// cbapi 1.3.2 (HEAD added create/update; the emulator accepts them, the SDK does not offer them yet).
import { defineModel, SimpleListQuery, type ModelHost } from '@cb/core';
import { Site } from './site.js';

export class ThrottleRule extends defineModel({
  name: 'ThrottleRule',
  urlObject: '/api/throttle',
  create: false,
  update: false,
  delete: false,
  fields: {
    id: { type: 'int', readOnly: true },
    site_id: { type: 'int', readOnly: true },
    /** 0–6 */
    day_of_week: { type: 'int', readOnly: true },
    /** Time of day, `HH:MM` */
    from: { type: 'string', readOnly: true },
    to: { type: 'string', readOnly: true },
    bytes_per_second: { type: 'float', readOnly: true },
  },
  joins: { site: { model: () => Site, key: 'site_id' } },
}) {
  static createQuery(host: ModelHost): SimpleListQuery<ThrottleRule> {
    return new SimpleListQuery(host, ThrottleRule);
  }
}
