import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors.js';
import { defineModel } from '../../src/model/define-model.js';
import type { ModelHost } from '../../src/model/types.js';
import { ArrayQuery } from '../../src/query/array-query.js';
import { SimpleListQuery } from '../../src/query/simple-list-query.js';
import { makeApi, SensorGroup, User } from '../support/models.js';

const groups = [
  { id: 1, name: 'Default Group', site_id: 1 },
  { id: 2, name: 'Servers', site_id: 2 },
  { id: 3, name: 'servers', site_id: 1 },
  { id: 4, site_id: 1 },
];

class FeedAction extends defineModel({
  name: 'FeedAction',
  urlObject: (_host, model) => `/api/v1/feed/${String(model?.get('group_id'))}/action`,
  fields: { id: 'int', action_type: 'int', group_id: 'int', watchlist_id: 'int' },
  fetch: false,
}) {
  static createQuery(host: ModelHost): ArrayQuery<FeedAction> {
    return new ArrayQuery(host, this, { parentField: 'group_id', path: (id) => `/api/v1/feed/${id}/action` });
  }
}

describe('SimpleListQuery', () => {
  it('is what select() returns for models that declare it', () => {
    const { api } = makeApi();
    expect(api.select(SensorGroup)).toBeInstanceOf(SimpleListQuery);
  });

  it('GETs the list once and filters client-side, ignoring case; absent fields never match', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/group', { data: groups });
    const found = await api.select(SensorGroup).where('name:SERVERS').all();
    expect(found.map((g) => g.id)).toEqual([2, 3]);
    expect(found[0]?.isPartial).toBe(false); // list rows are whole documents
    expect(await api.select(SensorGroup).where('site_id:1').count()).toBe(3);
    expect(fake.lines).toEqual(['GET /api/group', 'GET /api/group']);
  });

  it('allows one where clause only', () => {
    const { api } = makeApi();
    expect(() => api.select(SensorGroup).where('name:a').and('site_id:1')).toThrow("Cannot have multiple 'where' clauses");
  });

  it('sorts client-side (ascending unless "desc") and slices', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/group', { data: groups });
    expect((await api.select(SensorGroup).sort('id desc').all()).map((g) => g.id)).toEqual([4, 3, 2, 1]);
    expect((await api.select(SensorGroup).sort('site_id').slice(0, 2)).map((g) => g.site_id)).toEqual([1, 1]);
    expect((await api.select(SensorGroup).slice(-1))[0]?.id).toBe(4);
    expect((await api.select(SensorGroup).where('name:servers').one().catch((e: unknown) => e)) as Error).toBeInstanceOf(
      ApiError,
    );
  });

  it('uses the table queryPath for list URLs', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/users', { data: [{ username: 'a' }, { username: 'b' }] });
    const q = new SimpleListQuery(api, User);
    expect((await q.all()).map((u) => u.username)).toEqual(['a', 'b']);
  });
});

describe('ArrayQuery', () => {
  it('builds the URL from the mandatory parent clause', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/feed/7/action', { data: [{ id: 1, group_id: 7, action_type: 0 }] });
    const actions = await api.select(FeedAction).where('group_id:7').all();
    expect(actions.map((a) => a.action_type)).toEqual([0]);
    expect(fake.lines).toEqual(['GET /api/v1/feed/7/action']);
  });

  it('requires the parent clause and refuses other fields', async () => {
    const { api } = makeApi();
    await expect(api.select(FeedAction).all()).rejects.toThrow("Must use a search parameter: .where('group_id:<id>')");
    expect(() => api.select(FeedAction).where('id:3')).toThrow('Field name must be: group_id');
  });
});
