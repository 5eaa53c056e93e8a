// Wire format of each pagination scheme, compared with the examples in core.md §6 and
// cbc-live-response.md §2.2 (query strings encoded by the Connection's own encoder).
import { describe, expect, it } from 'vitest';
import { defineModel } from '../../src/model/define-model.js';
import type { ModelHost } from '../../src/model/types.js';
import { PaginatedQuery } from '../../src/query/paginated-query.js';
import { offsetLimitPaging } from '../../src/query/strategies/offset-limit.js';
import { oneBasedPaging } from '../../src/query/strategies/one-based.js';
import { searchBodyPaging } from '../../src/query/strategies/search-body.js';
import { solrPaging } from '../../src/query/strategies/solr.js';
import type { RequestOptions } from '../../src/http/types.js';
import { makeApi, Process } from '../support/models.js';

/** A Response process query with the documented Process-only parameters (response.md §2.2). */
class ProcessQuery extends PaginatedQuery<Process> {
  constructor(host: ModelHost) {
    super(host, Process, solrPaging({ baseParams: { facet: 'false' } }), { spec: { sort: 'last_update desc' } });
  }
  groupBy(field: string): this {
    return this.withParams({ 'cb.group': field });
  }
  minLastUpdate(t: Date | string): this {
    const value = t instanceof Date ? t.toISOString().replace(/\.\d{3}Z$/, 'Z') : t;
    return this.withParams({ 'cb.min_last_update': value });
  }
}

function solrReply(total: number) {
  return (r: RequestOptions) => {
    const start = Number(r.query?.start);
    const rows = Number(r.query?.rows);
    const results = Array.from({ length: Math.max(0, Math.min(rows, total - start)) }, (_, i) => ({ id: `p${start + i}` }));
    return { data: { results, total_results: total } };
  };
}

describe('solrPaging (Cb Response)', () => {
  it('matches the documented search request', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process', solrReply(3));
    const q = new ProcessQuery(api).where('process_name:net.exe').and('cmdline:\\\\test\\blah');
    await q.all();
    expect(fake.lines).toEqual([
      'GET /api/v1/process?cb.urlver=1&facet=false&q=process_name%3Anet.exe+cmdline%3A%5C%5Ctest%5Cblah&rows=100&sort=last_update+desc&start=0',
    ]);
  });

  it('lets product queries add parameters that survive where/sort clones', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process', solrReply(1));
    const base = new ProcessQuery(api);
    const q = base.groupBy('id').minLastUpdate(new Date('2017-05-21T18:41:58Z')).where('process_name:cmd.exe');
    await q.first();
    expect(fake.lines).toEqual([
      'GET /api/v1/process?cb.group=id&cb.min_last_update=2017-05-21T18%3A41%3A58Z&cb.urlver=1&facet=false&q=process_name%3Acmd.exe&rows=1&sort=last_update+desc&start=0',
    ]);
    expect(q).toBeInstanceOf(ProcessQuery);
    await base.first(); // the base query was not changed by its clones
    expect(fake.lines[1]).toBe('GET /api/v1/process?cb.urlver=1&facet=false&q=&rows=1&sort=last_update+desc&start=0');
  });

  it('counts with start=0&rows=0, no sort, q only when set', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process', { data: { results: [], total_results: 42 } });
    expect(await new ProcessQuery(api).count()).toBe(42);
    expect(await new ProcessQuery(api).where('process_name:a b').count()).toBe(42);
    expect(fake.lines).toEqual([
      'GET /api/v1/process?cb.urlver=1&facet=false&rows=0&start=0',
      'GET /api/v1/process?cb.urlver=1&facet=false&q=process_name%3Aa+b&rows=0&start=0',
    ]);
  });

  it('clears the sort with a blank sort()', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/v1/process', solrReply(0));
    await new ProcessQuery(api).sort('  ').all();
    expect(fake.lines[0]).toBe('GET /api/v1/process?cb.urlver=1&facet=false&q=&rows=100&start=0');
  });
});

const Computer = defineModel({
  name: 'Computer',
  urlObject: '/api/bit9platform/v1/computer',
  fields: { id: 'int', name: 'string' },
});

describe('offsetLimitPaging (Cb Protection)', () => {
  it('sends one q per clause, offset/limit pages with no skipped rows, and limit=-1 counts', async () => {
    const { api, fake } = makeApi();
    const total = 2500;
    fake.on('GET', '/api/bit9platform/v1/computer', (r) => {
      if (r.query?.limit === -1) return { data: { count: total } };
      const offset = Number(r.query?.offset);
      const limit = Number(r.query?.limit);
      const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({ id: offset + i }));
      return { data: rows };
    });
    const q = new PaginatedQuery(api, Computer, offsetLimitPaging()).where('deleted:false').and('policyName:MyPolicy');
    const all = await q.all();
    expect(all.map((c) => c.id)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(await q.count()).toBe(total);
    expect(fake.lines).toEqual([
      'GET /api/bit9platform/v1/computer?limit=1000&offset=0&q=deleted%3Afalse&q=policyName%3AMyPolicy',
      'GET /api/bit9platform/v1/computer?limit=1000&offset=1000&q=deleted%3Afalse&q=policyName%3AMyPolicy',
      'GET /api/bit9platform/v1/computer?limit=1000&offset=2000&q=deleted%3Afalse&q=policyName%3AMyPolicy',
      'GET /api/bit9platform/v1/computer?limit=-1&q=deleted%3Afalse&q=policyName%3AMyPolicy',
    ]);
  });

  it('sends the sort and stops at an empty page', async () => {
    const { api, fake } = makeApi();
    fake.on('GET', '/api/bit9platform/v1/computer', (r) => ({ data: r.query?.offset === 0 ? [{ id: 1 }, { id: 2 }] : [] }));
    const rows = await new PaginatedQuery(api, Computer, offsetLimitPaging()).sort('name DESC').batchSize(2).all();
    expect(rows).toHaveLength(2);
    expect(fake.lines).toEqual([
      'GET /api/bit9platform/v1/computer?limit=2&offset=0&sort=name+DESC',
      'GET /api/bit9platform/v1/computer?limit=2&offset=2&sort=name+DESC',
    ]);
  });
});

const Device = defineModel({
  name: 'Device',
  urlObject: '/integrationServices/v3/device',
  primaryKey: 'deviceId',
  fields: { deviceId: 'int', name: 'string' },
});

describe('oneBasedPaging (Cb Defense)', () => {
  it('splits clauses into parameters and pages with a 1-based start', async () => {
    const { api, fake } = makeApi();
    const total = 250;
    fake.on('GET', '/integrationServices/v3/device', (r) => {
      if (r.query?.limit === 0) return { data: { success: true, totalResults: total, results: [] } };
      const start = r.query?.start === undefined ? 1 : Number(r.query.start);
      const rows = Number(r.query?.rows);
      const results = Array.from({ length: Math.max(0, Math.min(rows, total - start + 1)) }, (_, i) => ({ deviceId: start + i }));
      return { data: { success: true, totalResults: total, results } };
    });
    const q = new PaginatedQuery(api, Device, oneBasedPaging())
      .where('hostNameExact:WIN-IA9NQ1GN8OI')
      .and('ipAddress:192.168.215.150');
    const devices = await q.all();
    expect(devices.map((d) => d.deviceId)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(await q.count()).toBe(total);
    const tail = await q.slice(100, 102); // a 0-based slice start becomes start=101 (cbapi sent 100)
    expect(tail.map((d) => d.deviceId)).toEqual([101, 102]);
    expect(fake.lines).toEqual([
      'GET /integrationServices/v3/device?hostNameExact=WIN-IA9NQ1GN8OI&ipAddress=192.168.215.150&rows=100',
      'GET /integrationServices/v3/device?hostNameExact=WIN-IA9NQ1GN8OI&ipAddress=192.168.215.150&rows=100&start=101',
      'GET /integrationServices/v3/device?hostNameExact=WIN-IA9NQ1GN8OI&ipAddress=192.168.215.150&rows=100&start=201',
      'GET /integrationServices/v3/device?hostNameExact=WIN-IA9NQ1GN8OI&ipAddress=192.168.215.150&limit=0',
      'GET /integrationServices/v3/device?hostNameExact=WIN-IA9NQ1GN8OI&ipAddress=192.168.215.150&rows=2&start=101',
    ]);
  });

  it('rejects clauses without a colon when run', async () => {
    const { api } = makeApi();
    await expect(new PaginatedQuery(api, Device, oneBasedPaging()).where('oops').all()).rejects.toThrow(/key:value/);
  });
});

const PlatformDevice = defineModel({
  name: 'PlatformDevice',
  urlObject: (host) => `/appservices/v6/orgs/${host.orgKey ?? ''}/devices`,
  queryPath: (host) => `/appservices/v6/orgs/${host.orgKey ?? ''}/devices/_search`,
  fields: { id: 'int', name: 'string', os: 'string' },
});

class DeviceSearchQuery extends PaginatedQuery<InstanceType<typeof PlatformDevice>> {
  constructor(host: ModelHost) {
    super(host, PlatformDevice, searchBodyPaging());
  }
  criteria(name: string, values: readonly unknown[]): this {
    const current = (this.spec.body.criteria ?? {}) as Record<string, unknown>;
    return this.withBody({ criteria: { ...current, [name]: values } });
  }
}

describe('searchBodyPaging (platform v6)', () => {
  it('POSTs {criteria, query, sort, start, rows} with a 1-based start and counts with rows: 0', async () => {
    const fake = makeApi().fake;
    const { TestAPI } = await import('../support/models.js');
    const api = new TestAPI({ requester: fake, orgKey: 'ABCD1234' });
    const total = 150;
    fake.on('POST', '/appservices/v6/orgs/ABCD1234/devices/_search', (r) => {
      const body = r.body as { start?: number; rows: number };
      const start = body.start ?? 1;
      const results = Array.from({ length: Math.max(0, Math.min(body.rows, total - start + 1)) }, (_, i) => ({ id: start + i }));
      return { data: { results, num_found: total } };
    });
    const q = new DeviceSearchQuery(api).where('name:WIN*').and('os:WINDOWS OR os:MAC').criteria('status', ['ACTIVE']).sort('name desc');
    const devices = await q.all();
    expect(devices).toHaveLength(total);
    expect(await q.count()).toBe(total);
    const bodies = fake.requests.map((r) => r.body);
    const common = { criteria: { status: ['ACTIVE'] }, query: 'name:WIN* AND (os:WINDOWS OR os:MAC)' };
    expect(bodies).toEqual([
      { ...common, sort: [{ field: 'name', order: 'DESC' }], rows: 100 },
      { ...common, sort: [{ field: 'name', order: 'DESC' }], rows: 100, start: 101 },
      { ...common, rows: 0 },
    ]);
    expect(fake.requests.every((r) => r.method === 'POST' && r.idempotent === true)).toBe(true);
  });

  it('caps pages at the server maximum', async () => {
    const { api, fake } = makeApi();
    fake.on('POST', /_search$/, { data: { results: [], num_found: 0 } });
    await new DeviceSearchQuery(api).batchSize(50_000).all();
    expect((fake.requests[0]?.body as { rows: number }).rows).toBe(10_000);
  });
});
