// Sensor model against the emulator: typed fields, derived properties, statistics, group moves,
// the restricted PUT body, flushEvents, isolation polling (progress, timeout, abort) and errors.
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ApiError,
  ClientError,
  ForbiddenError,
  InvalidObjectError,
  ObjectNotFoundError,
  ServerError,
  TimeoutError,
} from '@cb/core';
import { parseNetworkAdapters, Sensor, SensorGroup, SENSOR_WRITABLE_FIELDS, type IsolationState, type PollProgress } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './recording.js';

const fx = useEmulator();

async function sensors(): Promise<Sensor[]> {
  return fx.api().select(Sensor).all();
}

/** A sensor that supports isolation and is neither isolated nor being isolated. */
async function isolatableSensor(): Promise<Sensor> {
  const found = (await sensors()).find((s) => s.supports_isolation && !s.is_isolating && !s.network_isolation_enabled);
  if (!found) throw new Error('dataset has no isolatable sensor');
  return found;
}

describe('Sensor fields and derived properties', () => {
  it('fetches one sensor with the schema types', async () => {
    const [row] = await sensors();
    const s = await fx.api().fetch(Sensor, row!.id);
    expect(s.isPartial).toBe(false);
    expect(typeof s.id).toBe('number');
    expect(typeof s.group_id).toBe('number');
    expect(typeof s.os_type).toBe('number');
    expect(typeof s.is_isolating).toBe('boolean');
    expect(typeof s.supports_cblr).toBe('boolean');
    // Sent as strings, read as integers (cbapi's schema).
    expect(typeof s.toJSON().uptime).toBe('string');
    expect(Number.isInteger(s.uptime)).toBe(true);
    expect(Number.isInteger(s.physical_memory_size)).toBe(true);
    expect(s.last_checkin_time).toBeInstanceOf(Date);
    expect(s.last_checkin_time.getTime()).toBeGreaterThan(Date.UTC(2000, 0, 1));
    expect(s.registration_time.getTime()).toBeLessThanOrEqual(s.last_checkin_time.getTime());
  });

  it('maps hostname, dnsName, os and sid to the computer_* fields', async () => {
    const [s] = await sensors();
    expect(s!.hostname).toBe(s!.computer_name);
    expect(s!.dnsName).toBe(s!.computer_dns_name);
    expect(s!.os).toBe(s!.os_environment_display_string);
    expect(s!.sid).toBe(s!.computer_sid);
    expect(s!.hostname.length).toBeGreaterThan(0);
  });

  it('parses network_adapters into networkInterfaces with colon-separated MACs', async () => {
    for (const s of await sensors()) {
      const entries = s.network_adapters.split('|').filter(Boolean);
      expect(s.networkInterfaces).toHaveLength(entries.length);
      for (const [i, nic] of s.networkInterfaces.entries()) {
        const [ip, mac] = entries[i]!.split(',');
        expect(nic.ipaddr).toBe(ip);
        expect(nic.macaddr).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i);
        expect(nic.macaddr.replaceAll(':', '')).toBe(mac);
      }
    }
  });

  it('parseNetworkAdapters() skips malformed entries and keeps colon MACs as they are', () => {
    expect(parseNetworkAdapters('10.0.0.5,000c29aabbcc|bogus|192.168.1.2,00:0c:29:dd:ee:ff|')).toEqual([
      { ipaddr: '10.0.0.5', macaddr: '00:0c:29:aa:bb:cc' },
      { ipaddr: '192.168.1.2', macaddr: '00:0c:29:dd:ee:ff' },
    ]);
    expect(parseNetworkAdapters('')).toEqual([]);
  });

  it('builds the web console link', async () => {
    const cb = fx.api();
    const [s] = await cb.select(Sensor).all();
    expect(s!.webuiLink).toBe(`${fx.emu.url}/#/host/${s!.id}`);
  });

  it('gives what a Live Response session needs, and refuses sensors without Live Response', async () => {
    const [row] = await sensors();
    const cb = fx.api();
    const target = await cb.select(Sensor, row!.id).liveResponseTarget();
    expect(target).toEqual({ sensorId: row!.id, hostname: row!.computer_name });

    fx.emu.state.sensors.get(row!.id)!.supports_cblr = false;
    try {
      await expect(fx.api().select(Sensor, row!.id).liveResponseTarget()).rejects.toThrow('Sensor does not support Cb Live Response');
    } finally {
      fx.emu.state.sensors.get(row!.id)!.supports_cblr = true;
    }
  });

  it('throws ObjectNotFoundError for an unknown id', async () => {
    const missing = Math.max(...(await sensors()).map((s) => s.id)) + 1000;
    await expect(fx.api().fetch(Sensor, missing)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });
});

describe('Sensor statistics', () => {
  it('reads queued, activity and resource statistics', async () => {
    const rec = recordingApi(fx);
    const [s] = await rec.cb.select(Sensor).all();
    rec.take();
    const queued = await s!.queuedStats();
    const activity = await s!.activityStats();
    const resources = await s!.resourceStatus();
    expect(rec.take()).toEqual([
      `GET /api/v1/sensor/${s!.id}/queued`,
      `GET /api/v1/sensor/${s!.id}/activity`,
      `GET /api/v1/sensor/${s!.id}/resourcestatus`,
    ]);
    for (const list of [queued, activity, resources]) {
      expect(list.length).toBeGreaterThan(0);
      for (const item of list) expect(item.sensor_id).toBe(s!.id);
    }
    expect(queued[0]).toHaveProperty('num_eventlog_bytes');
  });

  it('turns 204 No Content into an empty list', async () => {
    const [s] = await sensors();
    const state = fx.emu.state;
    const queued = state.sensorQueued.get(s!.id) ?? [];
    const activity = state.sensorActivity.get(s!.id) ?? [];
    const resources = state.sensorResources.get(s!.id) ?? [];
    state.sensorQueued.set(s!.id, []);
    state.sensorActivity.set(s!.id, []);
    state.sensorResources.set(s!.id, []);
    try {
      expect(await s!.queuedStats()).toEqual([]);
      expect(await s!.activityStats()).toEqual([]);
      expect(await s!.resourceStatus()).toEqual([]);
    } finally {
      state.sensorQueued.set(s!.id, queued);
      state.sensorActivity.set(s!.id, activity);
      state.sensorResources.set(s!.id, resources);
    }
  });
});

describe('Sensor group join and moves', () => {
  it('joins the sensor group through the model cache', async () => {
    const rec = recordingApi(fx);
    const [s] = await rec.cb.select(Sensor).all();
    rec.take();
    const group = await s!.group;
    expect(group).toBeInstanceOf(SensorGroup);
    expect(group!.id).toBe(s!.group_id);
    expect(await s!.group).toBe(group);
    expect(rec.take()).toEqual([`GET /api/group/${s!.group_id}`]);
  });

  it('moves a sensor with setGroup() and the group setter; PUT carries only the writable fields', async () => {
    const rec = recordingApi(fx);
    const [s] = await rec.cb.select(Sensor).all();
    const from = s!.group_id;
    const groups = await rec.cb.select(SensorGroup).all();
    const target = groups.find((g) => g.id !== from)!;
    rec.take();

    s!.setGroup(target);
    expect(s!.changes).toEqual({ group_id: { from, to: target.id } });
    await s!.save();
    const [body] = rec.bodies('PUT', `/api/v1/sensor/${s!.id}`);
    expect(Object.keys(body as object).sort()).toEqual([...SENSOR_WRITABLE_FIELDS].sort());
    expect(body).toMatchObject({ group_id: target.id, event_log_flush_time: null });
    expect(rec.take()).toEqual([`PUT /api/v1/sensor/${s!.id}`, `GET /api/v1/sensor/${s!.id}`]);
    expect(s!.isDirty).toBe(false);
    expect(s!.group_id).toBe(target.id);
    expect((await s!.group)!.id).toBe(target.id);
    expect(fx.emu.state.sensors.get(s!.id)!.group_id).toBe(target.id);
    const inTarget = await rec.cb.select(Sensor).where(`groupid:${target.id}`).all();
    expect(inTarget.map((x) => x.id)).toContain(s!.id);

    // The setter takes a group or an id.
    s!.group = from;
    await s!.save();
    expect(fx.emu.state.sensors.get(s!.id)!.group_id).toBe(from);
  });

  it('refuses a group that was never saved', async () => {
    const cb = fx.api();
    const [s] = await cb.select(Sensor).all();
    expect(() => s!.setGroup(cb.create(SensorGroup, { name: 'unsaved' }))).toThrow(ApiError);
    // named: the sensor's save that would carry the move
    expect(() => s!.setGroup(cb.create(SensorGroup, { name: 'unsaved' }))).toThrow(
      new ApiError('Cannot move a sensor into a sensor group that has not been saved yet', { method: 'PUT', path: `/api/v1/sensor/${s!.id}` }),
    );
  });

  it('reports a rejected save as a ServerError and keeps the change', async () => {
    const cb = fx.api();
    const [s] = await cb.select(Sensor).all();
    const missing = Math.max(...(await cb.select(SensorGroup).all()).map((g) => g.id)) + 100;
    s!.setGroup(missing);
    const error = await s!.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(400);
    expect(s!.isDirty).toBe(true);
    s!.reset();
    expect(s!.isDirty).toBe(false);
  });
});

describe('Sensor save', () => {
  it('saves notes and makes no request when nothing changed', async () => {
    const rec = recordingApi(fx);
    const [s] = await rec.cb.select(Sensor).all();
    rec.take();
    await s!.save();
    expect(rec.take()).toEqual([]);
    s!.notes = 'quarantine candidate';
    await s!.save();
    expect(s!.notes).toBe('quarantine candidate');
    expect(fx.emu.state.sensors.get(s!.id)!.notes).toBe('quarantine candidate');
  });

  it('refuses to save server-owned fields, before any request', async () => {
    const rec = recordingApi(fx);
    const [s] = await rec.cb.select(Sensor).all();
    rec.take();
    s!.set('computer_name', 'RENAMED');
    const error = await s!.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidObjectError);
    expect((error as Error).message).toContain('computer_name');
    expect(error).toMatchObject({ method: 'PUT', path: `/api/v1/sensor/${s!.id}` }); // the update it refused
    expect(rec.take()).toEqual([]);
  });

  it('loads a never-loaded sensor before saving it', async () => {
    const [row] = await sensors();
    const rec = recordingApi(fx);
    const s = rec.cb.select(Sensor, row!.id);
    s.restart_queued = true;
    await s.save();
    expect(rec.take()).toEqual([`GET /api/v1/sensor/${row!.id}`, `PUT /api/v1/sensor/${row!.id}`, `GET /api/v1/sensor/${row!.id}`]);
    expect(s.restart_queued).toBe(true);
    s.restart_queued = false;
    await s.save();
  });

  it('flushEvents() sets event_log_flush_time (RFC-822 GMT on 6.x) and saves', async () => {
    const rec = recordingApi(fx);
    const [s] = await rec.cb.select(Sensor).all();
    const before = Date.now();
    await s!.flushEvents();
    const [body] = rec.bodies('PUT', `/api/v1/sensor/${s!.id}`) as { event_log_flush_time: string }[];
    expect(body!.event_log_flush_time).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    const flush = s!.event_log_flush_time;
    expect(flush).toBeInstanceOf(Date);
    expect(flush!.getTime()).toBeGreaterThanOrEqual(before + 86_400_000 - 1000);
    expect(flush!.getTime()).toBeLessThanOrEqual(Date.now() + 86_400_000);

    const until = new Date(Date.UTC(2030, 0, 2, 3, 4, 5));
    await s!.flushEvents({ until });
    expect(s!.event_log_flush_time!.getTime()).toBe(until.getTime());
  });

  it('a read-only token cannot change a sensor (ForbiddenError)', async () => {
    expect(fx.emu.readOnlyToken).toBeTruthy();
    const ro = fx.api({ token: fx.emu.readOnlyToken });
    const [s] = await ro.select(Sensor).all();
    s!.notes = 'read-only';
    await expect(s!.save()).rejects.toBeInstanceOf(ForbiddenError);
    const ref = ro.select(Sensor, s!.id);
    await expect(ref.isolate({ pollIntervalMs: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    expect(ref.isDirty).toBe(false); // the refused request is not left pending locally
    expect(ref.network_isolation_enabled).toBe(false);
  });
});

describe('Sensor isolation', () => {
  it('isolate() saves, polls until is_isolating, and reports progress', async () => {
    const rec = recordingApi(fx);
    const s = rec.cb.select(Sensor, (await isolatableSensor()).id);
    const seen: PollProgress<IsolationState>[] = [];
    const result = await s.isolate({ pollIntervalMs: 5, onPoll: (p) => seen.push(p) });
    expect(result).toBe(s);
    expect(s.network_isolation_enabled).toBe(true);
    expect(s.is_isolating).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.map((p) => p.attempt)).toEqual(seen.map((_, i) => i));
    expect(seen.at(-1)!.state).toMatchObject({ requested: true, isIsolating: true });
    expect(seen[0]!.state).toMatchObject({ requested: true, isIsolating: false, status: expect.any(String) });
    expect(seen[0]!.state.nextCheckinTime).toBeInstanceOf(Date);
    expect(rec.bodies('PUT', `/api/v1/sensor/${s.id}`)).toEqual([expect.objectContaining({ network_isolation_enabled: true })]);
    const requests = rec.take();
    expect(requests.filter((r) => r.startsWith('PUT'))).toHaveLength(1);
    expect(requests.filter((r) => r === `GET /api/v1/sensor/${s.id}`).length).toBeGreaterThanOrEqual(2);

    // Already isolated: nothing to save, confirmed at once.
    rec.take();
    await s.isolate({ pollIntervalMs: 5 });
    expect(rec.take()).toEqual([]);

    await s.unisolate({ pollIntervalMs: 5 });
    expect(s.network_isolation_enabled).toBe(false);
    expect(s.is_isolating).toBe(false);
    expect(fx.emu.state.sensors.get(s.id)!.is_isolating).toBe(false);
  });

  it('times out with TimeoutError when the sensor does not confirm in time', async () => {
    const s = fx.api().select(Sensor, (await isolatableSensor()).id);
    const polls = fx.emu.core.config.isolationPolls;
    fx.emu.core.config.isolationPolls = 10_000;
    try {
      const started = Date.now();
      const seen: number[] = [];
      const error = await s.isolate({ timeoutMs: 200, pollIntervalMs: 20, onPoll: (p) => seen.push(p.attempt) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).message).toBe('timed out waiting for isolation to become active');
      expect((error as TimeoutError).timeoutMs).toBe(200);
      expect(error).toMatchObject({ method: 'GET', path: `/api/v1/sensor/${s.id}` }); // the poll it gave up on
      expect(Date.now() - started).toBeLessThan(2000);
      expect(seen.length).toBeGreaterThan(1);
      expect(s.network_isolation_enabled).toBe(true);
      expect(s.is_isolating).toBe(false);

      const undo = await s.unisolate({ timeoutMs: 5000, pollIntervalMs: 5 }).then(() => 'ok');
      expect(undo).toBe('ok'); // the request never became active, so lifting it confirms at once
    } finally {
      fx.emu.core.config.isolationPolls = polls;
    }
  });

  it('unisolate() times out with its own message', async () => {
    const s = fx.api().select(Sensor, (await isolatableSensor()).id);
    await s.isolate({ pollIntervalMs: 5 });
    const polls = fx.emu.core.config.isolationPolls;
    fx.emu.core.config.isolationPolls = 10_000;
    try {
      const error = await s.unisolate({ timeoutMs: 100, pollIntervalMs: 10 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as Error).message).toBe('timed out waiting for isolation to be removed');
    } finally {
      fx.emu.core.config.isolationPolls = polls;
    }
    // The removal is still pending on the (slow) sensor: re-request and lift it again.
    await s.isolate({ pollIntervalMs: 5 });
    await s.unisolate({ pollIntervalMs: 5 });
    expect(s.is_isolating).toBe(false);
  });

  it('stops with AbortError when the signal aborts while polling', async () => {
    const s = fx.api().select(Sensor, (await isolatableSensor()).id);
    const polls = fx.emu.core.config.isolationPolls;
    fx.emu.core.config.isolationPolls = 10_000;
    const controller = new AbortController();
    try {
      const error = await s
        .isolate({ signal: controller.signal, pollIntervalMs: 10, onPoll: (p) => p.attempt === 2 && controller.abort() })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(error).not.toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ method: 'GET', path: `/api/v1/sensor/${s.id}` }); // the poll the abort stopped
    } finally {
      fx.emu.core.config.isolationPolls = polls;
    }
    await s.unisolate({ pollIntervalMs: 5 });
  });

  it('sends nothing when the signal is already aborted', async () => {
    const rec = recordingApi(fx);
    const s = rec.cb.select(Sensor, (await isolatableSensor()).id);
    await expect(s.isolate({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    // named: the save it did not send; so do bad options
    await expect(s.isolate({ signal: AbortSignal.abort() })).rejects.toMatchObject({ method: 'PUT', path: `/api/v1/sensor/${s.id}` });
    await expect(s.isolate({ timeoutMs: -1 })).rejects.toThrow(
      new ApiError('timeoutMs must be >= 0, got -1', { method: 'PUT', path: `/api/v1/sensor/${s.id}` }),
    );
    await expect(s.unisolate({ pollIntervalMs: Number.NaN })).rejects.toMatchObject({ message: 'pollIntervalMs must be >= 0, got NaN', method: 'PUT' });
    expect(rec.take()).toEqual([]);
  });

  it('a sensor that cannot isolate fails with the server error and is left unchanged', async () => {
    const row = await isolatableSensor();
    fx.emu.state.sensors.get(row.id)!.supports_isolation = false;
    try {
      const s = await fx.api().fetch(Sensor, row.id);
      const error = await s.isolate({ pollIntervalMs: 5 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientError);
      expect((error as ClientError).status).toBe(400);
      expect(s.network_isolation_enabled).toBe(false);
      expect(s.isDirty).toBe(false);
    } finally {
      fx.emu.state.sensors.get(row.id)!.supports_isolation = true;
    }
  });

  it('rejects invalid wait options', async () => {
    const s = fx.api().select(Sensor, (await isolatableSensor()).id);
    await expect(s.isolate({ timeoutMs: -1 })).rejects.toBeInstanceOf(ApiError);
    await expect(s.isolate({ pollIntervalMs: Number.NaN })).rejects.toBeInstanceOf(ApiError);
  });
});
