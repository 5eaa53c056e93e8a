// Test models and a minimal API over a fake requester.
import { BaseAPI, type BaseAPIOptions } from '../../src/api.js';
import type { ModelCache } from '../../src/cache/model-cache.js';
import { defineModel, field } from '../../src/model/index.js';
import { unwrapSingle } from '../../src/model/parsers.js';
import type { ModelHost } from '../../src/model/types.js';
import { SimpleListQuery } from '../../src/query/simple-list-query.js';
import { solrPaging } from '../../src/query/strategies/solr.js';
import { FakeRequester } from './fake-requester.js';

export interface TeamAccess {
  team_id: number;
  team_name: string;
  access_category: string;
}

export class SensorGroup extends defineModel({
  name: 'SensorGroup',
  urlObject: '/api/group',
  fields: { id: 'int', name: 'string', site_id: 'int', team_access: field<TeamAccess[]>('array') },
  required: ['name', 'site_id'],
  parse: unwrapSingle,
  create: true,
  update: 'PUT',
  delete: true,
}) {
  static createQuery(host: ModelHost): SimpleListQuery<SensorGroup> {
    return new SimpleListQuery(host, this);
  }
}

export class Sensor extends defineModel({
  name: 'Sensor',
  urlObject: '/api/v1/sensor',
  fields: {
    id: { type: 'int', readOnly: true },
    computer_name: 'string',
    network_isolation_enabled: 'boolean',
    is_isolating: 'boolean',
    group_id: 'int',
    clock_delta: 'int',
    last_checkin_time: 'date',
    event_log_flush_time: { type: 'date', nullable: true },
    network_adapters: 'string',
    notes: 'string',
  },
  joins: { group: { model: () => SensorGroup, key: 'group_id' } },
  update: 'PUT',
}) {
  get hostname(): string {
    return this.computer_name;
  }
}

export class Process extends defineModel({
  name: 'Process',
  urlObject: '/api/v1/process',
  fields: { id: 'string', process_name: 'string', hostname: 'string', sensor_id: 'int', last_update: 'date' },
}) {}

export class Feed extends defineModel({
  name: 'Feed',
  urlObject: '/api/v1/feed',
  fields: { id: 'int', name: 'string', feed_url: 'string', enabled: 'boolean', icon: 'bytes', provider_rating: 'float' },
  required: ['feed_url'],
  create: true,
  update: 'PUT',
  delete: true,
}) {}

export class User extends defineModel({
  name: 'User',
  urlObject: '/api/user',
  queryPath: '/api/users',
  primaryKey: 'username',
  keepPrimaryKeyOnCreate: true,
  fields: { username: 'string', first_name: 'string', last_name: 'string', email: 'string', global_admin: 'boolean' },
  required: ['username', 'first_name', 'last_name', 'email'],
  create: true,
  update: 'PUT',
  delete: true,
}) {}

export class Binary extends defineModel({
  name: 'Binary',
  urlObject: '/api/v1/binary',
  primaryKey: 'md5',
  fields: { md5: 'string', observed_filename: 'array', size: 'int' },
  objectPath: (m) => `/api/v1/binary/${String(m.primaryKeyValue)}/summary`,
}) {}

export class TestAPI extends BaseAPI {
  constructor(options: BaseAPIOptions = {}) {
    super(options, { product: 'response', paging: solrPaging({ baseParams: { facet: 'false' } }) });
  }
}

export function makeApi(cache?: ModelCache): { api: TestAPI; fake: FakeRequester } {
  const fake = new FakeRequester();
  const api = new TestAPI({ requester: fake, ...(cache ? { cache } : {}) });
  return { api, fake };
}
