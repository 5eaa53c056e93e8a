// Live Response through the Cb Response API, against the emulator over a real socket:
// sensor.lrSession() (a lease from cb.liveResponse), cb.liveResponse.submitJob() over several
// sensors, the preconditions (cblrEnabled, supports_cblr), and cb.close() / `await using cb`.
import { AbortError, ApiError, ConfigurationError, type ModelHost } from '@cb/core';
import { OfflineError, SessionClosedError, type JobProgress, type JobResult } from '@cb/live-response';
import { distinct, filter, from, lastValueFrom, map, mergeMap, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import { CbResponseAPI, Process, ResponseLiveResponseManager, Sensor, type CbResponseAPIOptions } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';

const fx = useEmulator({ liveResponse: { sessionLatencyMs: 30, commandLatencyMs: 5 } });

/** Poll quickly: the emulator answers in milliseconds. */
const FAST_LR: CbResponseAPIOptions['liveResponse'] = {
  keepaliveIntervalMs: 0,
  timings: { session: { timeoutMs: 20_000, delayMs: 20 }, command: { timeoutMs: 20_000, delayMs: 10 }, createProcess: { timeoutMs: 20_000, delayMs: 10 } },
};
const COMPUTER_NAME = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName\\ComputerName';
const RUN_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run';

const made: CbResponseAPI[] = [];
function api(extra: CbResponseAPIOptions = {}): CbResponseAPI {
  const cb = fx.api({ liveResponse: FAST_LR, ...extra });
  made.push(cb);
  return cb;
}
afterAll(async () => {
  await Promise.all(made.map((cb) => cb.close()));
});

const openResponseSessions = (): number => fx.emu.liveResponse.openSessions().response;
const cblrRequests = (): string[] => fx.takeRequests().filter((r) => r.includes('/api/v1/cblr'));

/** Online Windows sensors (Offline ones never open a session). */
async function onlineWindowsSensors(cb: CbResponseAPI, n: number): Promise<Sensor[]> {
  const sensors = (await cb.select(Sensor).sort('id').all()).filter((s) => s.status === 'Online' && s.os_type === 1 && s.supports_cblr);
  expect(sensors.length).toBeGreaterThanOrEqual(n);
  return sensors.slice(0, n);
}

describe('sensor.lrSession()', () => {
  it('runs commands on the sensor and closes the server session at the end of `await using`', async () => {
    const cb = api();
    const [sensor] = await onlineWindowsSensors(cb, 1);
    fx.takeRequests();
    let leaked: Awaited<ReturnType<Sensor['lrSession']>> | undefined;
    {
      await using lr = await sensor!.lrSession();
      leaked = lr;
      expect(lr.hostId).toBe(sensor!.id);
      expect(lr.osType).toBe('windows'); // from the sensor's os_type: no host lookup needed
      expect(openResponseSessions()).toBe(1);
      const name = await lr.getRegistryValue(COMPUTER_NAME);
      expect(name).toMatchObject({ value_name: 'ComputerName', value_type: 'REG_SZ', value_data: sensor!.computer_name });
      const entries = await lr.listDirectory('C:\\Windows\\');
      expect(entries.map((e) => e.filename.toLowerCase())).toContain('system32');
    }
    expect(openResponseSessions()).toBe(0);
    const requests = cblrRequests();
    expect(requests[0]).toBe('GET /api/v1/cblr/session?active_only=true'); // reuse lookup, as cbapi
    expect(requests).toContain('POST /api/v1/cblr/session');
    expect(requests.filter((r) => r.startsWith('POST /api/v1/cblr/session/') && r.endsWith('/command'))).toHaveLength(2);
    expect(requests.at(-1)).toMatch(/^PUT \/api\/v1\/cblr\/session\/\d+$/); // close: the session document with status "close"
    expect(fx.emu.liveResponse.sessions('response').at(-1)?.status).toBe('closed');
    await expect(leaked!.listProcesses()).rejects.toBeInstanceOf(SessionClosedError);
  });

  it('is a lease from cb.liveResponse: two leases on one sensor share one server session', async () => {
    const cb = api();
    const [sensor] = await onlineWindowsSensors(cb, 1);
    expect(cb.liveResponse).toBeInstanceOf(ResponseLiveResponseManager);
    expect(cb.liveResponse).toBe(cb.liveResponse); // created once
    const [a, b] = await Promise.all([sensor!.lrSession(), cb.liveResponse.acquire(sensor!.id)]);
    expect(a.sessionId).toBe(b.sessionId);
    expect(openResponseSessions()).toBe(1);
    await a.close();
    expect(openResponseSessions()).toBe(1); // b still holds it
    expect((await b.listProcesses()).length).toBeGreaterThan(0);
    await b.close();
    expect(openResponseSessions()).toBe(0);
  });

  it('refuses a sensor without supports_cblr before any Live Response request', async () => {
    const cb = api();
    const [sensor] = await onlineWindowsSensors(cb, 1);
    const doc = fx.emu.state.sensors.get(sensor!.id)!;
    doc.supports_cblr = false;
    try {
      const fresh = api(); // its own cache: reads the changed sensor
      const target = await fresh.fetch(Sensor, sensor!.id);
      fx.takeRequests();
      const error = await target.lrSession().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as Error).message).toBe('Sensor does not support Cb Live Response');
      // named: the session request it spared the server
      expect(error).toMatchObject({ method: 'POST', path: '/api/v1/cblr/session' });
      await expect(fresh.liveResponse.acquire(sensor!.id)).rejects.toThrow('Sensor does not support Cb Live Response');
      await expect(fresh.liveResponse.acquire(sensor!.id)).rejects.toMatchObject({ method: 'POST', path: '/api/v1/cblr/session' });
      expect(cblrRequests()).toEqual([]);
    } finally {
      doc.supports_cblr = true;
    }
  });

  it('refuses when /api/info says cblrEnabled is false (the emulator would answer 412)', async () => {
    const info = fx.emu.state.info;
    info.cblrEnabled = false;
    try {
      const cb = api();
      const sensor = await cb.fetch(Sensor, (await onlineWindowsSensors(cb, 1))[0]!.id);
      fx.takeRequests();
      const error = await sensor.lrSession().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as Error).message).toBe('Cb server does not support Live Response');
      expect(error).toMatchObject({ method: 'POST', path: '/api/v1/cblr/session' });
      // jobs settle with the same refusal, one result per host
      const results = await lastValueFrom(cb.liveResponse.submitJob((s) => s.listProcesses(), [sensor.id], { offline: false }).pipe(toArray()));
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ host: sensor.id, ok: false });
      expect(String((results[0] as { error: Error }).error.message)).toBe('Cb server does not support Live Response');
      expect(cblrRequests()).toEqual([]);
      // the server really refuses: without the check the request gets HTTP 412
      const direct = await cb.request('POST', '/api/v1/cblr/session', { body: { sensor_id: sensor.id } }).catch((e: unknown) => e);
      expect(direct).toMatchObject({ status: 412 });
    } finally {
      info.cblrEnabled = true;
    }
  });

  it('a host that is not a sensor id is refused before any request, naming the session request', async () => {
    const cb = api();
    fx.takeRequests();
    for (const host of ['WIN-IA9NQ1GN8OI', 0, -3, 1.5]) {
      const error = await cb.liveResponse.acquire(host).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ message: `Not a sensor id: ${String(host)}`, method: 'POST', path: '/api/v1/cblr/session' });
    }
    expect(cblrRequests()).toEqual([]);
  });

  it('a sensor of another API object is a ConfigurationError naming the session request', async () => {
    const cb = fx.cb;
    // A host with the model plumbing but no Live Response manager (another product's API, say).
    const host: ModelHost = { requester: cb.requester, cache: cb.cache, cacheScope: cb.cacheScope, url: cb.url, orgKey: undefined, logger: undefined, select: (m, id) => cb.select(m, id) };
    const sensor = new Sensor(host, { doc: { id: 1, supports_cblr: true }, state: 'full' });
    const error = await Promise.resolve().then(() => sensor.lrSession()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ method: 'POST', path: '/api/v1/cblr/session' });
  });

  it('an aborted signal rejects with AbortError and leaves nothing open', async () => {
    const cb = api();
    const [sensor] = await onlineWindowsSensors(cb, 1);
    await expect(sensor!.lrSession({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(openResponseSessions()).toBe(0);
  });
});

describe('cb.liveResponse.submitJob()', () => {
  it('runs a job on several sensors (ids, or Sensors from a query) and closes every session', async () => {
    const cb = api();
    const sensors = await onlineWindowsSensors(cb, 3);
    const job = async (s: Awaited<ReturnType<Sensor['lrSession']>>, { signal }: { signal: AbortSignal }) =>
      String((await s.getRegistryValue(COMPUTER_NAME, { signal })).value_data);
    const expected = Object.fromEntries(sensors.map((s) => [s.id, s.computer_name]));
    const byHost = (results: JobResult<string>[]) =>
      Object.fromEntries(results.map((r) => [r.host, r.ok ? r.value : `failed: ${String(r.error)}`]));

    const job$ = cb.liveResponse.submitJob(job, sensors.map((s) => s.id));
    const progress: JobProgress[] = [];
    job$.progress$.subscribe((p) => progress.push(p));
    const results = await lastValueFrom(job$.pipe(toArray()));
    expect(byHost(results)).toEqual(expected);
    expect(results.every((r) => r.attempts === 1)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ succeeded: 3, failed: 0, running: 0, total: 3 });
    expect(openResponseSessions()).toBe(0);

    // A SensorQuery is an async iterable of Sensors: hosts stream in as the list is read. Offline
    // sensors settle with OfflineError once their TTL is over.
    const ids = new Set(sensors.map((s) => s.id));
    const all = await cb.select(Sensor).all();
    const fromQuery = await lastValueFrom(
      cb.liveResponse.submitJob(job, cb.select(Sensor).sort('id'), { offline: { ttlMs: 300, recheckMs: 100 } }).pipe(toArray()),
    );
    expect(fromQuery).toHaveLength(all.length);
    expect(byHost(fromQuery.filter((r) => ids.has(Number(r.host))))).toEqual(expected);
    const offline = all.filter((s) => s.status !== 'Online').map((s) => s.id);
    expect(offline.length).toBeGreaterThan(0);
    for (const id of offline) {
      const r = fromQuery.find((x) => x.host === id)!;
      expect(r.ok).toBe(false);
      expect((r as { error: unknown }).error).toBeInstanceOf(OfflineError);
    }
    // one Sensor object, an Observable of Sensors
    expect(byHost(await lastValueFrom(cb.liveResponse.submitJob(job, sensors[0]!).pipe(toArray())))).toEqual({ [sensors[0]!.id]: sensors[0]!.computer_name });
    expect(byHost(await lastValueFrom(cb.liveResponse.submitJob(job, from(sensors)).pipe(toArray())))).toEqual(expected);
    expect(openResponseSessions()).toBe(0);
  });

  it('the live-response README pipeline: hosts from a process query into jobs, failures collected', async () => {
    const cb = api();
    const saved = new Map<number | string, string>();
    const save = async (host: number | string, value: string): Promise<void> => {
      saved.set(host, value);
    };
    const evil = await cb.select(Process).where('process_name:evil.exe').all();
    const evilHosts = new Set(evil.map((p) => p.sensor_id));
    expect(evilHosts.size).toBeGreaterThan(0);

    // Hosts arrive as they are found; jobs start before the search has finished.
    const hosts$ = from(cb.select(Process).where('process_name:evil.exe')).pipe(map((proc) => proc.sensor_id));
    const job$ = cb.liveResponse.submitJob(
      async (s, { signal }) => {
        const { output } = await s.createProcess('cmd.exe /c tasklist /v', { signal });
        return output?.toString('utf8') ?? '';
      },
      hosts$,
      { timeoutMs: 120_000, retry: { count: 1, delay: 10_000 } },
    );
    const progress: JobProgress[] = [];
    job$.progress$.subscribe((p) => progress.push(p));
    const failures = await lastValueFrom(
      job$.pipe(
        mergeMap(async (r) => (r.ok ? (await save(r.host, r.value), undefined) : r)),
        filter((r) => r !== undefined),
        toArray(),
      ),
    );
    expect(failures).toEqual([]);
    expect(new Set(saved.keys())).toEqual(evilHosts);
    for (const output of saved.values()) {
      expect(output.toLowerCase()).toContain('image name'); // tasklist's table, from each host
      expect(output.toLowerCase()).toContain('cb.exe'); // the sensor itself runs there
    }
    expect(progress.at(-1)).toMatchObject({ succeeded: evil.length, failed: 0, total: evil.length }); // one job per process row
    expect(openResponseSessions()).toBe(0);
  });

  it('a registry job over the distinct hosts of a process query finds the Run-key persistence of the sample', async () => {
    const cb = api();
    const rows = await cb.select(Process).where('process_name:evil.exe').all();
    const cmdlines = new Map<number, Set<string>>();
    for (const p of rows) cmdlines.set(p.sensor_id, (cmdlines.get(p.sensor_id) ?? new Set()).add(p.cmdline));

    const hosts$ = from(cb.select(Process).where('process_name:evil.exe')).pipe(
      map((p) => p.sensor_id),
      distinct(), // one job per host, not per process segment
    );
    const results = await lastValueFrom(
      cb.liveResponse
        .submitJob(async (s, { signal }) => {
          const values = await s.listRegistryValues(RUN_KEY, { signal });
          return values.filter((v) => String(v.value_data).toLowerCase().includes('evil.exe')).map((v) => String(v.value_data));
        }, hosts$)
        .pipe(toArray()),
    );
    expect(results.map((r) => r.host).sort()).toEqual([...cmdlines.keys()].sort());
    let found = 0;
    for (const r of results) {
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      // every hit is the command line of an evil.exe the process search saw on that host
      for (const value of r.value) expect(cmdlines.get(Number(r.host))).toContain(value);
      found += r.value.length;
    }
    expect(found).toBeGreaterThan(0);
    expect(openResponseSessions()).toBe(0);
  });
});

describe('closing the API', () => {
  it('cb.close() closes the sessions it opened; `await using cb` does the same; a later liveResponse is fresh', async () => {
    const cb = api();
    const [one, two] = await onlineWindowsSensors(cb, 2);
    const first = cb.liveResponse;
    await cb.liveResponse.acquire(one!); // a lease never given back
    expect(openResponseSessions()).toBe(1);
    await cb.close();
    expect(openResponseSessions()).toBe(0);
    expect(cb.liveResponse).not.toBe(first);
    await expect(first.acquire(one!.id)).rejects.toThrow(/closed/);

    {
      await using scoped = new CbResponseAPI({ url: fx.emu.url, token: fx.emu.token, retry: false, liveResponse: FAST_LR });
      const lease = await (await scoped.fetch(Sensor, two!.id)).lrSession();
      expect(await lease.getRegistryValue(COMPUTER_NAME)).toMatchObject({ value_data: two!.computer_name });
      expect(openResponseSessions()).toBe(1);
    }
    expect(openResponseSessions()).toBe(0);
  });
});
