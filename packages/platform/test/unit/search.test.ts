// DeviceSearchQuery against msw handlers built from the reference: exact request bodies,
// 1-based paging, dedupe, the result window and _scroll.
import { describe, expect, it } from 'vitest';
import { MoreThanOneResultError } from '@cb/core';
import { Device, InvalidCriteriaError, ResultWindowError } from '../../src/index.js';
import { makeDevices, mswCloudApi, useCloudMsw } from '../support/cloud-msw.js';

const msw = useCloudMsw();

describe('search body', () => {
  it('sends criteria, query and sort exactly, with no start on the first page', async () => {
    msw.state.devices = makeDevices(3);
    const api = mswCloudApi();
    const q = api
      .select(Device)
      .setOs(['WINDOWS', 'LINUX'])
      .setStatus(['ACTIVE'])
      .setPolicyIds([6525])
      .criteria('ad_group_id', 12)
      .where('name:host-*')
      .and('os_version:"Windows 10 x64"')
      .sortBy('name', 'DESC');
    await q.all();
    expect(msw.bodies('/_search')).toEqual([
      {
        criteria: { os: ['WINDOWS', 'LINUX'], status: ['ACTIVE'], policy_id: [6525], ad_group_id: [12] },
        query: 'name:host-* AND (os_version:"Windows 10 x64")',
        sort: [{ field: 'name', order: 'DESC' }],
        rows: 100,
      },
    ]);
  });

  it('always sends criteria (empty object) and appends repeated criteria without duplicates', async () => {
    const api = mswCloudApi();
    expect(api.select(Device).searchBody()).toEqual({ criteria: {} });
    const q = api.select(Device).setOs(['WINDOWS']).setOs(['WINDOWS', 'MAC']).setDeviceIds([1, 2]).setDeviceIds([2, 3]);
    expect(q.searchBody()).toEqual({ criteria: { os: ['WINDOWS', 'MAC'], id: [1, 2, 3] } });
  });

  it('builds every documented criterion, last_contact_time and exclusions', () => {
    const api = mswCloudApi();
    const q = api
      .select(Device)
      .setTargetPriorities(['HIGH', 'MISSION_CRITICAL'])
      .setAdGroupIds([7])
      .setDeploymentType(['WORKLOAD', 'AWS'])
      .setCloudProviderAccountIds(['acct-1'])
      .setAutoScalingGroupNames(['asg'])
      .setVirtualPrivateCloudIds(['vpc-9'])
      .setLastContactTime({ range: '-3w' })
      .setExcludeSensorVersions(['3.6.0.1', '3.6.0.1', '3.7.0.2']);
    expect(q.searchBody()).toEqual({
      criteria: {
        target_priority: ['HIGH', 'MISSION_CRITICAL'],
        ad_group_id: [7],
        deployment_type: ['WORKLOAD', 'AWS'],
        cloud_provider_account_id: ['acct-1'],
        auto_scaling_group_name: ['asg'],
        virtual_private_cloud_id: ['vpc-9'],
        last_contact_time: { range: '-3w' },
      },
      exclusions: { sensor_version: ['3.6.0.1', '3.7.0.2'] },
    });
    const window = api.select(Device).setLastContactTime({ start: new Date('2026-01-01T00:00:00Z'), end: '2026-01-02T00:00:00Z' });
    expect(window.searchBody().criteria).toEqual({
      last_contact_time: { start: '2026-01-01T00:00:00.000Z', end: '2026-01-02T00:00:00.000Z' },
    });
  });

  it('rejects invalid criteria before any request', () => {
    const q = mswCloudApi().select(Device);
    expect(() => q.setOs(['WINDOWZ' as 'WINDOWS'])).toThrow(InvalidCriteriaError);
    expect(() => q.setStatus(['ONLINE' as 'ACTIVE'])).toThrow(/allowed: PENDING, REGISTERED/);
    expect(() => q.setPolicyIds([1.5])).toThrow(/integers expected/);
    expect(() => q.criteria('Bad Name', ['x'])).toThrow(InvalidCriteriaError);
    expect(() => q.setLastContactTime({ range: '3 weeks' })).toThrow(/-3w/);
    expect(() => q.setLastContactTime({ start: 'yesterday', end: 'today' })).toThrow(/ISO-8601/);
    expect(() => q.setLastContactTime({ range: '-1d', start: 'x', end: 'y' } as never)).toThrow(/not both/);
    expect(() => q.sortBy('name', 'UP' as 'ASC')).toThrow(/ASC' or 'DESC/);
    expect(() => q.batchSize(10_001)).toThrow(/1 to 10000/);
    expect(msw.state.requests).toEqual([]);
  });

  it('count() sends rows: 0 and one() asks for two rows', async () => {
    msw.state.devices = makeDevices(5);
    const api = mswCloudApi();
    expect(await api.select(Device).setOs(['LINUX']).count()).toBe(2);
    await expect(api.select(Device).one()).rejects.toBeInstanceOf(MoreThanOneResultError);
    const one = await api.select(Device).setDeviceIds([3]).one();
    expect(one.id).toBe(3);
    expect(msw.bodies('/_search').map((b) => [b.start, b.rows])).toEqual([
      [undefined, 0],
      [undefined, 2],
      [undefined, 2],
    ]);
  });
});

describe('paging', () => {
  it('walks pages of 100 with a 1-based start (1, 101, 201) and stops at num_found', async () => {
    msw.state.devices = makeDevices(250);
    const ids: number[] = [];
    for await (const d of mswCloudApi().select(Device)) ids.push(d.id);
    expect(ids).toEqual(makeDevices(250).map((d) => d.id));
    expect(msw.bodies('/_search').map((b) => [b.start, b.rows])).toEqual([
      [undefined, 100],
      [101, 100],
      [201, 100],
    ]);
  });

  it('translates slices and custom batch sizes to start/rows', async () => {
    msw.state.devices = makeDevices(400);
    const api = mswCloudApi();
    const slice = await api.select(Device).slice(150, 160);
    expect(slice.map((d) => d.id)).toEqual(Array.from({ length: 10 }, (_, i) => 151 + i));
    await api.select(Device).batchSize(250).all();
    expect(msw.bodies('/_search').map((b) => [b.start, b.rows])).toEqual([
      [151, 10],
      [undefined, 250],
      [251, 250],
    ]);
  });

  it('yields each device once when rows shift between pages (B1)', async () => {
    msw.state.devices = makeDevices(150, 100);
    let inserted = false;
    msw.state.beforeSearch = (body, state) => {
      // A device registering mid-walk sorts first and pushes the rest one row down.
      if (body.start === 101 && !inserted) {
        inserted = true;
        state.devices.unshift(...makeDevices(1, 1));
      }
    };
    const ids: number[] = [];
    for await (const d of mswCloudApi().select(Device)) ids.push(d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(150);
    expect(ids).toContain(249);
  });

  it('search rows are full documents with typed fields', async () => {
    msw.state.devices = makeDevices(1);
    const device = (await mswCloudApi().select(Device).first())!;
    expect(device.isPartial).toBe(false);
    expect(device.name).toBe('host-00001');
    expect(device.last_contact_time).toEqual(new Date('2026-03-01T10:20:30.456Z'));
    expect(device.last_external_ip_address).toBeNull();
    expect(device.sensor_states).toContain('LIVE_RESPONSE_ENABLED');
    expect(device.liveResponseEnabled).toBe(true);
  });
});

describe('result window (B5)', () => {
  it('stops inside the 10 000-row window and throws ResultWindowError after the last row it may read', async () => {
    msw.state.devices = makeDevices(10_050);
    const q = mswCloudApi().select(Device).batchSize(4000);
    let seen = 0;
    const walk = async () => {
      for await (const _ of q) seen++;
    };
    const error = await walk().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResultWindowError);
    expect((error as ResultWindowError).numFound).toBe(10_050);
    expect((error as Error).message).toMatch(/query\.scroll\(\).*query\.limit\(10000\)/);
    expect(seen).toBe(10_000);
    // The last request ends exactly at the window: start 8001 + 2000 rows.
    expect(msw.bodies('/_search').map((b) => [b.start, b.rows])).toEqual([
      [undefined, 4000],
      [4001, 4000],
      [8001, 2000],
    ]);
  });

  it('limit(10 000) accepts the window explicitly; slices past it fail without a request', async () => {
    msw.state.devices = makeDevices(10_050);
    const api = mswCloudApi();
    expect(await api.select(Device).batchSize(10_000).limit(10_000).all()).toHaveLength(10_000);
    msw.state.requests = [];
    await expect(api.select(Device).slice(10_000, 10_010)).rejects.toBeInstanceOf(ResultWindowError);
    expect(msw.state.requests).toEqual([]);
  });

  it('pages() reports the real num_found as total', async () => {
    msw.state.devices = makeDevices(10_050);
    const q = mswCloudApi().select(Device).batchSize(10_000).limit(10_000);
    const totals: (number | undefined)[] = [];
    for await (const page of q.pages()) totals.push(page.total);
    expect(totals).toEqual([10_050]);
  });
});

describe('scroll()', () => {
  it('walks past the window with search_after, deduplicating by id', async () => {
    msw.state.devices = makeDevices(2_500);
    const ids: number[] = [];
    for await (const d of mswCloudApi().select(Device).setOs(['WINDOWS']).scroll({ rows: 1000 })) ids.push(d.id);
    const expected = makeDevices(2_500).filter((d) => d.os === 'WINDOWS').map((d) => d.id);
    expect(ids).toEqual(expected);
    const bodies = msw.bodies('/_scroll');
    expect(bodies[0]).toEqual({ criteria: { os: ['WINDOWS'] }, rows: 1000 });
    expect(bodies[1]).toEqual({ criteria: { os: ['WINDOWS'] }, rows: 1000, search_after: '1000' });
    expect(bodies).toHaveLength(2);
  });

  it('honours limit()', async () => {
    msw.state.devices = makeDevices(50);
    const ids: number[] = [];
    for await (const d of mswCloudApi().select(Device).limit(15).scroll({ rows: 10 })) ids.push(d.id);
    expect(ids).toHaveLength(15);
    expect(msw.bodies('/_scroll')).toHaveLength(2);
  });
});
