// Device search, fetch and actions over real sockets against @cb/emulator.
import { describe, expect, it } from 'vitest';
import { Connection, ObjectNotFoundError, resolveCredentials, UnauthorizedError, type Requester } from '@cb/core';
import { CBCloudAPI, Device, WrongProductError } from '../../src/index.js';
import { useCloudEmulator } from '../support/emulator.js';

const fx = useCloudEmulator();

describe('device search', () => {
  it('pages across several requests with a 1-based start and yields every device once', async () => {
    // A requester that records the bodies the real Connection sends.
    const credentials = resolveCredentials({ product: 'platform', env: {}, url: fx.emu.url, token: fx.emu.cloud.token });
    const connection = new Connection({ credentials, retry: false, env: {} });
    const bodies: Record<string, unknown>[] = [];
    const requester: Requester = {
      baseUrl: connection.baseUrl,
      request: (options) => {
        if (options.path.endsWith('/_search')) bodies.push(options.body as Record<string, unknown>);
        return connection.request(options);
      },
    };
    const api = new CBCloudAPI({ requester, orgKey: fx.emu.cloud.orgKey });
    const total = await api.select(Device).count();
    expect(total).toBeGreaterThanOrEqual(3);
    bodies.length = 0;
    const ids: number[] = [];
    for await (const d of api.select(Device).batchSize(2)) ids.push(d.id);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(ids).toEqual([...ids].sort((a, b) => a - b)); // the server's default order: id
    expect(bodies.map((b) => [b.start, b.rows])).toEqual(
      Array.from({ length: Math.ceil(total / 2) }, (_, i) => [i === 0 ? undefined : 2 * i + 1, 2]),
    );
  });

  it('filters by criteria and query, sorts, and reads typed fields', async () => {
    const api = fx.newApi();
    const windows = await api.select(Device).setOs(['WINDOWS']).sortBy('name', 'DESC').all();
    expect(windows.length).toBeGreaterThan(0);
    expect(windows.every((d) => d.os === 'WINDOWS')).toBe(true);
    const names = windows.map((d) => d.name ?? '');
    expect(names).toEqual([...names].sort().reverse());
    const first = windows[0]!;
    expect(first.last_contact_time).toBeInstanceOf(Date);
    expect(typeof first.policy_id).toBe('number');
    expect(first.sensor_states.length).toBeGreaterThan(0);
    const byName = await api.select(Device).where(`name:${first.name}`).one();
    expect(byName.id).toBe(first.id);
    const linux = await api.select(Device).setOs(['LINUX']).count();
    const all = await api.select(Device).count();
    expect(linux).toBeLessThan(all);
  });

  it('walks every device with scroll()', async () => {
    const api = fx.newApi();
    const ids: number[] = [];
    for await (const d of api.select(Device).scroll({ rows: 2 })) ids.push(d.id);
    expect(ids).toHaveLength(await api.select(Device).count());
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('fetch and actions', () => {
  it('fetches a device by id and 404s on an unknown id', async () => {
    const api = fx.newApi();
    const some = (await api.select(Device).first())!;
    fx.takeRequests();
    const device = await fx.newApi().fetch(Device, some.id);
    expect(device.name).toBe(some.name);
    expect(fx.takeRequests()).toEqual([`GET /appservices/v6/orgs/{org}/devices/${some.id}`]);
    await expect(api.fetch(Device, 999_999)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('quarantines and updates the policy of a device, by id and by search', async () => {
    const api = fx.newApi();
    const device = (await api.select(Device).setOs(['WINDOWS']).first())!;
    expect(device.quarantined).toBe(false);
    await device.quarantine(true);
    expect((await api.fetch(Device, device.id)).quarantined).toBe(true);
    await api.select(Device).setDeviceIds([device.id]).quarantine(false);
    await (await api.fetch(Device, device.id)).refresh();
    expect((await api.fetch(Device, device.id)).quarantined).toBe(false);
    await device.updatePolicy(6527);
    expect((await api.fetch(Device, device.id)).policy_name).toBe('Advanced');
  });
});

describe('credentials against the server', () => {
  it('a wrong key is a 401 explaining the key type', async () => {
    const api = fx.newApi({ token: 'NOTTHESECRET0000000000000/NOTANID000' });
    const error = await api
      .select(Device)
      .first()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).toMatch(/access level type Custom/);
  });

  it('the Cb Response token of the same server is refused before any request', () => {
    expect(() => new CBCloudAPI({ url: fx.emu.url, token: fx.emu.token, orgKey: fx.emu.cloud.orgKey })).toThrow(WrongProductError);
  });
});
