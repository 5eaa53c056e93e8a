// StoragePartition against the emulator: the partition map, client-side where on status,
// fetch through the map, mount/unmount/delete, and the API-level createNewPartition().
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ObjectNotFoundError, OperationNotAllowedError } from '@cb/core';
import { StoragePartition, StoragePartitionQuery } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './recording.js';

const fx = useEmulator();

describe('StoragePartition', () => {
  it('maps the partition object to fully loaded models', async () => {
    const rec = recordingApi(fx);
    const q = rec.cb.select(StoragePartition);
    expect(q).toBeInstanceOf(StoragePartitionQuery);
    const parts = await q.all();
    expect(rec.take()).toEqual(['GET /api/v1/storage/events/partition']);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.isPartial).toBe(false);
      expect(p.name).toMatch(/^(writer|cbevents_\d{4}_\d{2}_\d{2}_\d{4}(_\w+)?)$/);
      expect(['hot', 'warm', 'cold']).toContain(p.status);
      expect(typeof p.info.sizeInBytes).toBe('number');
    }
    expect(parts.filter((p) => p.status === 'hot').map((p) => p.name)).toEqual(['writer']);
  });

  it('filters on status client-side', async () => {
    const rec = recordingApi(fx);
    const all = await rec.cb.select(StoragePartition).all();
    const warm = await rec.cb.select(StoragePartition).where('status:warm').all();
    expect(warm.map((p) => p.name).sort()).toEqual(all.filter((p) => p.status === 'warm').map((p) => p.name).sort());
    expect(rec.calls.every((c) => c.query === undefined || Object.keys(c.query).length === 0)).toBe(true);
    const newest = await rec.cb.select(StoragePartition).where('status:warm').sort('name desc').first();
    expect(newest!.name).toBe(warm.map((p) => p.name).sort().at(-1));
  });

  it('fetches one partition through the map; unknown names are ObjectNotFoundError', async () => {
    const rec = recordingApi(fx);
    const writer = await rec.cb.fetch(StoragePartition, 'writer');
    expect(rec.take()).toEqual(['GET /api/v1/storage/events/partition']);
    expect(writer.status).toBe('hot');
    await expect(fx.api().fetch(StoragePartition, 'cbevents_1999_01_01_0000')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('unmounts and mounts a warm partition', async () => {
    const rec = recordingApi(fx);
    const warm = (await rec.cb.select(StoragePartition).where('status:warm').first())!;
    rec.take();
    await warm.unmount();
    expect(rec.take()).toEqual([`POST /api/v1/storage/events/${warm.name}/unmount`, 'GET /api/v1/storage/events/partition']);
    expect(warm.status).toBe('cold');
    await warm.mount();
    expect(warm.status).toBe('warm');
    expect(warm.info.userMounted).toBe(true);
    expect(fx.emu.state.storagePartitions.get(warm.name)!.status).toBe('warm');
  });

  it('sends a null body to mount/unmount', async () => {
    const rec = recordingApi(fx);
    const cold = await rec.cb.select(StoragePartition).where('status:cold').first();
    const target = cold ?? (await rec.cb.select(StoragePartition).where('status:warm').first())!;
    await target.unmount();
    await target.mount();
    expect(rec.calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([null, null]);
  });

  it('the hot writer cannot be unmounted or deleted', async () => {
    const writer = await fx.api().fetch(StoragePartition, 'writer');
    await expect(writer.unmount()).rejects.toBeInstanceOf(ConflictError);
    await expect(writer.delete()).rejects.toBeInstanceOf(ConflictError);
  });

  it('createNewPartition() rolls the writer; delete() removes a partition', async () => {
    const rec = recordingApi(fx);
    const before = await rec.cb.select(StoragePartition).all();
    await rec.cb.createNewPartition();
    const after = await rec.cb.select(StoragePartition).all();
    const added = after.filter((p) => !before.some((b) => b.name === p.name));
    expect(added.map((p) => p.status)).toEqual(['warm']);
    rec.take();

    await added[0]!.delete();
    expect(rec.take()).toEqual([`DELETE /api/v1/storage/events/${added[0]!.name}`]);
    const names = (await rec.cb.select(StoragePartition).all()).map((p) => p.name);
    expect(names).not.toContain(added[0]!.name);
    await expect(fx.api().fetch(StoragePartition, added[0]!.name)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('partitions cannot be created or edited', async () => {
    const cb = fx.api();
    expect(() => cb.create(StoragePartition)).toThrow(OperationNotAllowedError);
    const [p] = await cb.select(StoragePartition).all();
    expect(() => p!.set('status', 'cold')).toThrow(OperationNotAllowedError);
  });

  it('storage management needs a global admin (ForbiddenError)', async () => {
    const ro = fx.api({ token: fx.emu.readOnlyToken });
    await expect(ro.select(StoragePartition).all()).rejects.toBeInstanceOf(ForbiddenError);
    await expect(ro.select(StoragePartition, 'writer').mount()).rejects.toBeInstanceOf(ForbiddenError);
  });
});
