// Investigation and TaggedEvent against the emulator (response.md §13).
import { MoreThanOneResultError, OperationNotAllowedError } from '@cb/core';
import { describe, expect, it } from 'vitest';
import { Investigation, Process, TaggedEvent } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';

const fx = useEmulator();

describe('Investigation', () => {
  it('lists investigations; where(id:…).one() resolves one (there is no single GET)', async () => {
    const all = await fx.cb.select(Investigation).all();
    expect(all.map((i) => [i.id, i.name])).toEqual([
      [1, 'Default Investigation'],
      [2, 'evil.exe outbreak'],
    ]);
    const outbreak = await fx.cb.select(Investigation).where('id:2').one();
    expect(outbreak.notes).toBe('FUZZYWOMBAT dropper seen on several hosts');
    expect(outbreak.date_started).toBeInstanceOf(Date);
    await expect(fx.cb.select(Investigation).where('id:99').one()).rejects.toBeInstanceOf(MoreThanOneResultError);
    await expect(fx.cb.fetch(Investigation, 2)).rejects.toBeInstanceOf(OperationNotAllowedError);
  });

  it('updates with PUT /api/investigations/{id}', async () => {
    const inv = await fx.api().select(Investigation).where('id:2').one();
    inv.notes = 'Contained on 2024-04-21';
    fx.takeRequests();
    await inv.save();
    expect(fx.takeRequests()).toEqual(['PUT /api/investigations/2']);
    expect((await fx.api().select(Investigation).where('id:2').one()).notes).toBe('Contained on 2024-04-21');
  });

  it('creates and deletes an investigation', async () => {
    const inv = fx.api().create(Investigation, { name: 'Phishing wave', notes: 'from API' });
    await inv.save();
    expect(inv.id).toBe(3);
    expect((await fx.api().select(Investigation).where('name:phishing wave').one()).notes).toBe('from API');
    await inv.delete();
    expect(await fx.api().select(Investigation).count()).toBe(2);
  });

  it('events of an unsaved investigation is an ApiError', () => {
    expect(() => fx.cb.create(Investigation, { name: 'x' }).events).toThrow('has not been saved');
    expect(() => fx.cb.create(Investigation, { name: 'x' }).events).toThrow(expect.objectContaining({ method: 'GET', path: '/api/tagged_event' }));
  });

  it('a save the server rejects is an error', async () => {
    const inv = await fx.api().select(Investigation).where('id:1').one();
    inv.name = '';
    await expect(inv.save()).rejects.toMatchObject({ status: 400 });
  });
});

describe('TaggedEvent', () => {
  it('events lists an investigation’s tagged events', async () => {
    const inv = await fx.cb.select(Investigation).where('id:2').one();
    fx.takeRequests();
    const events = await inv.events.all();
    expect(fx.takeRequests()).toEqual(['GET /api/tagged_event/2']);
    expect(events.map((e) => [e.id, e.event_type])).toEqual([
      [1, 'procstart'],
      [2, 'netconn'],
    ]);
    expect(events[1]!.event_data).toMatchObject({ remote_ip: '45.137.21.9', remote_port: 8080 });
    expect(await (await fx.cb.select(Investigation).where('id:1').one()).events.count()).toBe(0);
  });

  it('needs an investigation_id clause', async () => {
    await expect(fx.cb.select(TaggedEvent).all()).rejects.toThrow("Must use a search parameter: .where('investigation_id:<id>')");
    expect(() => fx.cb.select(TaggedEvent).where('id:1')).toThrow('Field name must be: investigation_id');
  });

  it('process and investigation joins', async () => {
    const [event] = await fx.api().select(TaggedEvent).where('investigation_id:2').all();
    const proc = await event!.process;
    expect(proc).toBeInstanceOf(Process);
    expect(proc?.guid).toBe(event!.unique_id);
    expect(proc?.process_name).toBe('evil.exe');
    const inv = await event!.investigation;
    expect(inv?.name).toBe('evil.exe outbreak');
  });

  it('tags, edits and untags an event', async () => {
    const cb = fx.api();
    const [existing] = await cb.select(TaggedEvent).where('investigation_id:2').all();
    const tag = cb.create(TaggedEvent, {
      investigation_id: 1,
      event_type: 'procstart',
      unique_id: existing!.unique_id,
      process_id: existing!.process_id,
      segment_id: existing!.segment_id,
      event_id: `${existing!.unique_id}-procstart`,
      notes: 'look here',
    });
    fx.takeRequests();
    await tag.save();
    expect(fx.takeRequests()).toEqual(['POST /api/tagged_event']);
    expect(tag.id).toBeGreaterThan(2);
    let listed = await fx.api().select(TaggedEvent).where('investigation_id:1').all();
    expect(listed.map((e) => [e.id, e.notes])).toEqual([[tag.id, 'look here']]);

    tag.notes = 'confirmed';
    await tag.save();
    listed = await fx.api().select(TaggedEvent).where('investigation_id:1').all();
    expect(listed[0]?.notes).toBe('confirmed');

    await listed[0]!.delete();
    expect(await fx.api().select(TaggedEvent).where('investigation_id:1').count()).toBe(0);
  });

  it('the investigation join is null once the investigation is gone', async () => {
    const cb = fx.api();
    const inv = cb.create(Investigation, { name: 'short-lived' });
    await inv.save();
    const tag = cb.create(TaggedEvent, { investigation_id: inv.id, event_type: 'procstart' });
    await tag.save();
    expect((await tag.investigation)?.name).toBe('short-lived');
    await inv.delete();
    expect(await tag.investigation).toBeNull();
  });

  it('tagging into a missing investigation is rejected', async () => {
    const tag = fx.api().create(TaggedEvent, { investigation_id: 42, event_type: 'procstart' });
    await expect(tag.save()).rejects.toMatchObject({ status: 400 });
  });
});
