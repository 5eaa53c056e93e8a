// Site (response.md §6): a location sensor groups belong to, with bandwidth throttle rules.
// The object GET answers a one-element array.
import { ApiError, defineModel, SimpleListQuery, unwrapSingle, type ModelHost } from '@cb/core';
// A cycle with throttle-rule.ts: safe, each uses the other only inside methods.
import { ThrottleRule } from './throttle-rule.js';

export class Site extends defineModel({
  name: 'Site',
  urlObject: '/api/site',
  create: true,
  update: 'PUT',
  delete: true,
  required: ['name'],
  fields: {
    id: { type: 'int', readOnly: true },
    name: 'string',
  },
  parse: (json) => unwrapSingle(json),
}) {
  static createQuery(host: ModelHost): SimpleListQuery<Site> {
    return new SimpleListQuery(host, Site);
  }

  /** This site's throttle rules (client-side filter of `GET /api/throttle`). */
  get throttleRules(): SimpleListQuery<ThrottleRule> {
    const id = this.primaryKeyValue;
    // Named: the throttle rule list the query would read.
    if (id === undefined) throw new ApiError('A site that has not been saved has no throttle rules', { method: 'GET', path: '/api/throttle' });
    return ThrottleRule.createQuery(this.api).where(`site_id:${id}`);
  }
}
