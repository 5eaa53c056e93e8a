// Site and ThrottleRule against the emulator.
import { describe, expect, it } from 'vitest';
import { ApiError, ClientError, ConflictError, ForbiddenError, InvalidObjectError, ObjectNotFoundError, OperationNotAllowedError } from '@cb/core';
import { SensorGroup, Site, ThrottleRule } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './recording.js';

const fx = useEmulator();

describe('Site', () => {
  it('lists and fetches sites (one-element array reply)', async () => {
    const rec = recordingApi(fx);
    const sites = await rec.cb.select(Site).sort('name').all();
    expect(sites.length).toBe(fx.emu.state.sites.size);
    expect(sites.map((s) => s.name)).toEqual(sites.map((s) => s.name).sort((a, b) => a.localeCompare(b)));
    rec.take();
    const one = await fx.api().fetch(Site, sites[0]!.id);
    expect(one.name).toBe(sites[0]!.name);
    const max = Math.max(...sites.map((s) => s.id));
    await expect(fx.api().fetch(Site, max + 100)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('creates, renames and deletes a site', async () => {
    const rec = recordingApi(fx);
    const unnamed = rec.cb.create(Site, { name: 'x' });
    unnamed.reset();
    expect(() => unnamed.validate()).toThrow(InvalidObjectError);
    expect(() => unnamed.validate()).toThrow(expect.objectContaining({ missingFields: ['name'], method: 'POST', path: '/api/site' }));
    expect(() => unnamed.throttleRules).toThrow(
      new ApiError('A site that has not been saved has no throttle rules', { method: 'GET', path: '/api/throttle' }),
    );
    const empty = await rec.cb.create(Site, { name: '' }).save().catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ClientError);
    expect((empty as ClientError).status).toBe(400);
    rec.take();

    const site = rec.cb.create(Site, { name: 'Lab' });
    await site.save();
    expect(rec.bodies('POST', '/api/site')).toEqual([{ name: 'Lab' }]);
    expect(rec.take()).toEqual(['POST /api/site', `GET /api/site/${site.id}`]);
    site.name = 'Lab 2';
    await site.save();
    expect((await fx.api().fetch(Site, site.id)).name).toBe('Lab 2');
    expect(await site.throttleRules.all()).toEqual([]);
    await site.delete();
    await expect(fx.api().fetch(Site, site.id)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('a site that still has sensor groups cannot be deleted', async () => {
    const cb = fx.api();
    const [g] = await cb.select(SensorGroup).all();
    const site = (await g!.site)!;
    await expect(site.delete()).rejects.toBeInstanceOf(ConflictError);
  });

  it('lists its throttle rules (client-side filter of /api/throttle)', async () => {
    const rec = recordingApi(fx);
    const rules = await rec.cb.select(ThrottleRule).all();
    const withRules = rules[0]!.site_id;
    const site = await rec.cb.fetch(Site, withRules);
    rec.take();
    const mine = await site.throttleRules.all();
    expect(rec.take()).toEqual(['GET /api/throttle']);
    expect(mine.map((r) => r.id).sort()).toEqual(rules.filter((r) => r.site_id === withRules).map((r) => r.id).sort());
  });

  it('a read-only token cannot change a site', async () => {
    const ro = fx.api({ token: fx.emu.readOnlyToken });
    const [site] = await ro.select(Site).all();
    site!.name = `${site!.name}!`;
    await expect(site!.save()).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('ThrottleRule', () => {
  it('lists rules with typed fields and joins the site', async () => {
    const cb = fx.api();
    const rules = await cb.select(ThrottleRule).all();
    expect(rules.length).toBe(fx.emu.state.throttleRules.size);
    for (const r of rules) {
      expect(typeof r.bytes_per_second).toBe('number');
      expect(r.day_of_week).toBeGreaterThanOrEqual(0);
      expect(r.from).toMatch(/^\d{1,2}:\d{2}/);
    }
    const site = await rules[0]!.site;
    expect(site).toBeInstanceOf(Site);
    expect(site!.id).toBe(rules[0]!.site_id);
    const byDay = await cb.select(ThrottleRule).where(`day_of_week:${rules[0]!.day_of_week}`).all();
    expect(byDay.map((r) => r.id)).toContain(rules[0]!.id);
  });

  it('fetches one rule and is read-only', async () => {
    const cb = fx.api();
    const [first] = await cb.select(ThrottleRule).all();
    const rule = await cb.fetch(ThrottleRule, first!.id);
    expect(rule.to).toBe(first!.to);
    expect(() => cb.create(ThrottleRule)).toThrow(OperationNotAllowedError);
    expect(() => rule.set('bytes_per_second', 1)).toThrow(OperationNotAllowedError);
    await expect(rule.delete()).rejects.toBeInstanceOf(OperationNotAllowedError);
  });
});
