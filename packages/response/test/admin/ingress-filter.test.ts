// IngressFilter against the emulator: create POSTs a one-element array and takes element 0
// of the reply as the id; documented defaults; updates, deletes and errors.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ClientError, ConflictError, ForbiddenError, InvalidObjectError, ObjectNotFoundError } from '@cb/core';
import { INGRESS_FILTER_DEFAULTS, IngressFilter, OsMask } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './recording.js';

const fx = useEmulator();

describe('IngressFilter', () => {
  it('lists and fetches filters with typed fields', async () => {
    const cb = fx.api();
    const filters = await cb.select(IngressFilter).all();
    expect(filters.length).toBe(fx.emu.state.ingressFilters.size);
    const one = await fx.api().fetch(IngressFilter, filters[0]!.id);
    expect(one.name).toBe(filters[0]!.name);
    expect(typeof one.enabled).toBe('boolean');
    expect(typeof one.os_mask).toBe('number');
    expect(one.create_timestamp).toBeInstanceOf(Date);
    expect(Array.isArray(one.path_filters)).toBe(true);
    await expect(fx.api().fetch(IngressFilter, randomUUID())).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('requires id, name and description before sending anything', async () => {
    const rec = recordingApi(fx);
    const error = await rec.cb.create(IngressFilter, { name: 'no id' }).save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidObjectError);
    expect([...(error as InvalidObjectError).missingFields].sort()).toEqual(['description', 'id']);
    expect(rec.take()).toEqual([]);
  });

  it('creates with a one-element array body, documented defaults, then GETs the new id', async () => {
    const rec = recordingApi(fx);
    const id = randomUUID();
    const f = rec.cb.create(IngressFilter, {
      id,
      name: 'Ignore backup agent',
      description: 'Backup agent churn',
      path_filters: ['c:\\program files\\backup\\agent.exe'],
      os_mask: OsMask.windows,
    });
    await f.save();
    const [body] = rec.bodies('POST', '/api/v1/ingress_whitelist');
    expect(body).toEqual([
      {
        ...INGRESS_FILTER_DEFAULTS,
        id,
        name: 'Ignore backup agent',
        description: 'Backup agent churn',
        path_filters: ['c:\\program files\\backup\\agent.exe'],
        os_mask: 1,
      },
    ]);
    expect(rec.take()).toEqual(['POST /api/v1/ingress_whitelist', `GET /api/v1/ingress_whitelist/${id}`]);
    expect(f.id).toBe(id);
    expect(f.enabled).toBe(true);
    expect(f.filter_on_server).toBe(true);
    expect(f.filter_on_sensor).toBe(false);
    expect(f.os_mask).toBe(1);
    expect(f.version).toBe(1);

    f.enabled = false;
    f.md5_filters = ['0123456789abcdef0123456789abcdef'];
    await f.save();
    expect(rec.take()).toEqual([`PUT /api/v1/ingress_whitelist/${id}`, `GET /api/v1/ingress_whitelist/${id}`]);
    expect(f.enabled).toBe(false);
    expect(f.version).toBe(2);

    await f.delete();
    await expect(fx.api().fetch(IngressFilter, id)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('a duplicate id is a ConflictError; invalid values are ClientErrors', async () => {
    const cb = fx.api();
    const [existing] = await cb.select(IngressFilter).all();
    await expect(cb.create(IngressFilter, { id: existing!.id, name: 'dup', description: 'dup' }).save()).rejects.toBeInstanceOf(
      ConflictError,
    );
    const bad = cb.create(IngressFilter, { id: randomUUID(), name: 'bad', description: 'bad', os_mask: 64 });
    const error = await bad.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).status).toBe(400);
  });

  it('a read-only token cannot create filters', async () => {
    const ro = fx.api({ token: fx.emu.readOnlyToken });
    await expect(ro.create(IngressFilter, { id: randomUUID(), name: 'ro', description: 'ro' }).save()).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
