import { describe, expect, it } from 'vitest';
import { InvalidObjectError, NotLoadedError, OperationNotAllowedError } from '../../src/errors.js';
import { formatCbDate, parseCbDate } from '../../src/model/coerce.js';
import { defineModel } from '../../src/model/define-model.js';
import { ConfigurationError } from '../../src/errors.js';
import { Feed, makeApi, Process, Sensor } from '../support/models.js';

describe('typed fields', () => {
  it('coerces wire values on read per the declared type', () => {
    const { api } = makeApi();
    const s = new Sensor(api, {
      doc: {
        id: '3',
        computer_name: 'WIN-1',
        network_isolation_enabled: 'true',
        is_isolating: 0,
        clock_delta: '42',
        last_checkin_time: '2018-02-06 12:44:33.883886-06:00',
        event_log_flush_time: null,
      },
    });
    expect(s.id).toBe(3);
    expect(s.hostname).toBe('WIN-1');
    expect(s.network_isolation_enabled).toBe(true);
    expect(s.is_isolating).toBe(false);
    expect(s.clock_delta).toBe(42);
    expect(s.last_checkin_time).toEqual(new Date('2018-02-06T18:44:33.883Z'));
    expect(s.event_log_flush_time).toBeNull();
  });

  it('gives [] / {} / epoch for absent arrays, objects and dates of a loaded document', () => {
    const { api } = makeApi();
    const s = new Sensor(api, { doc: { id: 1 } });
    expect(s.last_checkin_time).toEqual(new Date(0));
    expect(s.event_log_flush_time).toBeNull();
    const f = new Feed(api, { doc: { id: 1, icon: Buffer.from('PNG!').toString('base64'), provider_rating: '2.5' } });
    expect(Buffer.from(f.icon).toString()).toBe('PNG!');
    expect(f.provider_rating).toBe(2.5);
  });

  it('coerces on write and stores the wire form', () => {
    const { api } = makeApi();
    const s = new Sensor(api, { doc: { id: 1, group_id: 1, network_isolation_enabled: false } });
    s.set('group_id', '7');
    s.last_checkin_time = new Date('2024-03-04T05:06:07.089Z');
    expect(s.group_id).toBe(7);
    expect(s.toJSON()).toMatchObject({ group_id: 7, last_checkin_time: '2024-03-04 05:06:07.089000' });
    expect(() => s.set('group_id', 'abc')).toThrow(InvalidObjectError);
    const f = new Feed(api, { state: 'new' });
    f.icon = new Uint8Array(Buffer.from('hi'));
    expect(f.toJSON().icon).toBe(Buffer.from('hi').toString('base64'));
  });

  it('parses and formats cbapi dates', () => {
    expect(parseCbDate('2016-10-17T19:08:09.645Z').toISOString()).toBe('2016-10-17T19:08:09.645Z');
    expect(parseCbDate('2017-05-21T18:41:58Z').toISOString()).toBe('2017-05-21T18:41:58.000Z');
    expect(parseCbDate('2016-10-17 19:08:09.645294-05:00').toISOString()).toBe('2016-10-18T00:08:09.645Z');
    expect(parseCbDate('-1').getTime()).toBe(0);
    expect(formatCbDate(new Date('2024-01-02T03:04:05.006Z'))).toBe('2024-01-02 03:04:05.006000');
  });

  it('rejects field names that collide with model members', () => {
    expect(() => defineModel({ name: 'Bad', urlObject: '/x', fields: { save: 'string' } })).toThrow(ConfigurationError);
  });
});

describe('NotLoadedError', () => {
  it('names load()/fetch() for a never-loaded model, and sends nothing', () => {
    const { api, fake } = makeApi();
    const s = api.select(Sensor, 3);
    expect(s.id).toBe(3); // the primary key of a reference is known
    let error: unknown;
    try {
      void s.computer_name;
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotLoadedError);
    expect((error as NotLoadedError).message).toMatch(/await model\.load\(\)/);
    expect((error as NotLoadedError).message).toMatch(/cb\.fetch\(Sensor, 3\)/);
    expect((error as NotLoadedError).field).toBe('computer_name');
    expect(() => s.get('computer_name', 'x')).toThrow(NotLoadedError);
    expect(fake.requests).toHaveLength(0);
  });

  it('names refresh() for a field absent from a partial row', () => {
    const { api } = makeApi();
    const p = new Process(api, { doc: { id: 'abc', process_name: 'cmd.exe' }, state: 'partial' });
    expect(p.isPartial).toBe(true);
    expect(p.process_name).toBe('cmd.exe');
    expect(() => p.hostname).toThrow(/await model\.refresh\(\)/);
  });

  it('points to get() with a fallback for a field the full document lacks', () => {
    const { api } = makeApi();
    const s = new Sensor(api, { doc: { id: 1 } });
    expect(() => s.notes).toThrow(/model\.get\('notes', fallback\)/);
    expect(s.get('notes', 'none')).toBe('none');
    expect(s.get('notes')).toBeUndefined();
    expect(s.get('computer_name', 'x')).toBe('x');
  });
});

describe('change tracking', () => {
  it('tracks changes, ignores same-value writes and un-dirties on revert', () => {
    const { api } = makeApi();
    const s = new Sensor(api, { doc: { id: 1, computer_name: 'A', network_isolation_enabled: false } });
    s.network_isolation_enabled = false;
    expect(s.isDirty).toBe(false);
    s.network_isolation_enabled = true;
    expect(s.isDirty).toBe(true);
    expect(s.changes).toEqual({ network_isolation_enabled: { from: false, to: true } });
    s.network_isolation_enabled = false;
    expect(s.isDirty).toBe(false);
    s.notes = 'added';
    expect(s.changes).toEqual({ notes: { from: undefined, to: 'added' } });
    s.reset();
    expect(s.isDirty).toBe(false);
    expect(s.toJSON()).toEqual({ id: 1, computer_name: 'A', network_isolation_enabled: false });
  });

  it('stores the primary key when a model is assigned', () => {
    const { api } = makeApi();
    const s = new Sensor(api, { doc: { id: 1, group_id: 1 } });
    s.set('group_id', api.select(Sensor, 9));
    expect(s.group_id).toBe(9);
  });

  it('refuses changes to models that cannot be updated or created', () => {
    const { api } = makeApi();
    const p = new Process(api, { doc: { id: 'x', process_name: 'a' } });
    expect(() => {
      p.process_name = 'b';
    }).toThrow(OperationNotAllowedError);
    expect(() => api.create(Process)).toThrow(OperationNotAllowedError);
    expect(() => api.create(Process)).toThrow('Cannot create object of type Process');
  });

  it('refuses unknown fields and read-only accessors', () => {
    const { api } = makeApi();
    const s = new Sensor(api, { doc: { id: 1 } });
    expect(() => s.set('nonsense', 1)).toThrow(/has no field "nonsense"/);
    expect(() => {
      (s as unknown as { id: number }).id = 4;
    }).toThrow(TypeError);
  });
});
