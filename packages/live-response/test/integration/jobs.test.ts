// The job API against the emulator: no session is left open on the server after failing,
// aborted and cancelled jobs; a job over 200 hosts settles every job within the slot limit;
// the concurrency option caps the hosts worked at once.
import { lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, TimeoutError } from '@cb/core';
import { OfflineError, type HostId, type JobProgress, type JobResult } from '../../src/index.js';
import { eventually, FAST, KINDS, useLrEmulator, type BackendKind } from './support/emulator.js';

const HOSTS = 200;
const fx = useLrEmulator({ scale: { sensors: HOSTS + 10, processesPerSensor: 2 } });

afterEach(() => {
  // Host knobs are per emulator: restore them for the next test.
  for (const id of [1, 2, 4, 5, 6, 7, 8, 9]) {
    fx.emu.liveResponse.setOffline(id, false);
    fx.emu.liveResponse.setHost(id, { sessionLatencyMs: 10, commandLatencyMs: 4 });
  }
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Server-side sessions of the product that are still pending or active. */
function leftOpen(kind: BackendKind): string[] {
  return fx
    .serverSessions(kind)
    .filter((s) => s.status === 'pending' || s.status === 'active')
    .map((s) => `${s.id} (${s.status})`);
}

/** Samples the server's open-session count while `run` runs; returns the highest seen. */
async function peakOpenDuring<T>(run: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, fx.openOnServer())), 2);
  try {
    const result = await run();
    return { result, peak: Math.max(peak, fx.openOnServer()) };
  } finally {
    clearInterval(timer);
  }
}

describe.each(KINDS)('%s: jobs leave nothing open on the server', (kind) => {
  const host = (sensorId: number) => fx.hostId(kind, sensorId);

  it('after a job that throws (and one that succeeds next to it)', async () => {
    const manager = fx.manager(kind);
    const results = await lastValueFrom(
      manager
        .submitJob(async (s, { host: h, signal }) => {
          await s.listDirectory('C:\\', { signal });
          if (h === host(1)) throw new Error('the job failed');
          return s.info.hostname;
        }, [host(1), host(2)])
        .pipe(toArray()),
    );
    const failed = results.find((r) => r.host === host(1))!;
    expect(failed.ok).toBe(false);
    expect((failed as { error: Error }).error.message).toBe('the job failed');
    expect(results.find((r) => r.host === host(2))).toMatchObject({ ok: true, value: fx.emu.state.sensors.get(2)!.computer_name });
    expect(leftOpen(kind)).toEqual([]);
  });

  it('after a session setup that fails (the sensor never checks in)', async () => {
    fx.emu.liveResponse.setOffline(5);
    const manager = fx.manager(kind, { timings: { ...FAST, session: { timeoutMs: 300, delayMs: 10 } } });
    const before = fx.serverSessions(kind).filter((s) => s.sensorId === 5).length;
    const [result] = await lastValueFrom(manager.submitJob((s) => s.listProcesses(), [host(5)], { offline: false }).pipe(toArray()));
    expect(result).toMatchObject({ host: host(5), ok: false, attempts: 1 });
    expect((result as { error: unknown }).error).toBeInstanceOf(TimeoutError);
    expect((result as { error: Error }).error.message).toMatch(/Could not establish a Live Response session/);
    // The session it created was closed, not left pending to eat a slot (user-asks A1).
    const created = fx.serverSessions(kind).filter((s) => s.sensorId === 5).slice(before);
    expect(created.length).toBe(1);
    expect(created[0]!.status).toBe('closed');
    expect(leftOpen(kind)).toEqual([]);
  });

  it('after a job aborted by its deadline in the middle of a command', async () => {
    fx.emu.liveResponse.setHost(6, { commandLatencyMs: 3_000 });
    const manager = fx.manager(kind);
    const [result] = await lastValueFrom(
      manager.submitJob((s, { signal }) => s.createProcess('cmd.exe /c echo slow', { signal }), [host(6)], { timeoutMs: 300 }).pipe(toArray()),
    );
    expect(result!.ok).toBe(false);
    expect((result as { error: unknown }).error).toBeInstanceOf(TimeoutError);
    expect((result as { error: Error }).error.message).toMatch(/did not finish within 300 ms/);
    await eventually(() => leftOpen(kind).length === 0);
  });

  it('after an acquisition aborted through its AbortSignal during session setup', async () => {
    fx.emu.liveResponse.setHost(7, { sessionLatencyMs: 5_000 });
    const manager = fx.manager(kind);
    const controller = new AbortController();
    const acquiring = manager.acquire(host(7), { signal: controller.signal });
    await eventually(() => fx.serverSessions(kind).some((s) => s.sensorId === 7 && s.status === 'pending'));
    controller.abort();
    await expect(acquiring).rejects.toBeInstanceOf(AbortError);
    // The abort rejects at once; the half-open session is closed (and its slot freed) right after.
    await eventually(() => leftOpen(kind).length === 0 && manager.stats.open === 0);
    expect(manager.stats.waiting).toBe(0);
  });

  it('after the subscriber unsubscribes while jobs are running', async () => {
    for (const id of [1, 2, 4]) fx.emu.liveResponse.setHost(id, { commandLatencyMs: 5_000 });
    const manager = fx.manager(kind);
    const seen: JobResult<unknown>[] = [];
    const job$ = manager.submitJob((s, { signal }) => s.createProcess('cmd.exe /c echo slow', { signal }), [host(1), host(2), host(4)]);
    const subscription = job$.subscribe((r) => seen.push(r));
    await eventually(() => fx.serverSessions(kind).filter((s) => s.status === 'active' && s.commands > 0).length === 3);
    subscription.unsubscribe();
    await eventually(() => leftOpen(kind).length === 0 && manager.stats.open === 0);
    // Cancelled jobs emit nothing: the subscriber left.
    expect(seen).toEqual([]);
  });
});

describe.each(KINDS)('%s: a job over 200 hosts', (kind) => {
  it('settles every job, honours the slot limit, and closes every session', async () => {
    const manager = fx.manager(kind);
    expect(manager.maxSessions).toBe(10);
    const sensors = [...fx.emu.state.sensors.values()].slice(0, HOSTS);
    const offline = new Set(sensors.filter((s) => s.status !== 'Online').map((s) => fx.hostId(kind, s.id)));
    expect(offline.size).toBeGreaterThan(0);
    const names = new Map(sensors.map((s) => [fx.hostId(kind, s.id), s.computer_name]));
    const job$ = manager.submitJob(
      async (s, { signal }) => {
        const root = await s.listDirectory(s.info.drives[0] ?? '/', { signal });
        return { hostname: s.info.hostname, entries: root.length };
      },
      sensors.map((s) => fx.hostId(kind, s.id)),
      { offline: { ttlMs: 200, recheckMs: 50 }, timeoutMs: 60_000 },
    );
    const progress: JobProgress[] = [];
    job$.progress$.subscribe((p) => progress.push(p));
    const { result: results, peak } = await peakOpenDuring(() => lastValueFrom(job$.pipe(toArray())));

    expect(results).toHaveLength(HOSTS);
    expect(new Set(results.map((r) => String(r.host))).size).toBe(HOSTS);
    for (const r of results) {
      if (offline.has(r.host)) {
        expect(r.ok, String(r.host)).toBe(false);
        expect((r as { error: unknown }).error).toBeInstanceOf(OfflineError);
      } else {
        expect(r.ok, `${String(r.host)}: ${r.ok ? '' : String((r as { error: unknown }).error)}`).toBe(true);
        const value = (r as { value: { hostname: string; entries: number } }).value;
        expect(value.hostname).toBe(names.get(r.host as HostId));
        expect(value.entries).toBeGreaterThan(0);
      }
    }
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(10);
    expect(progress.at(-1)).toEqual({ queued: 0, running: 0, succeeded: HOSTS - offline.size, failed: offline.size, total: HOSTS });
    expect(leftOpen(kind)).toEqual([]);
    expect(manager.stats).toMatchObject({ open: 0, held: 0, waiting: 0 });
  });
});

describe.each(KINDS)('%s: the concurrency option', (kind) => {
  it('works at most `concurrency` hosts at once, below the session limit', async () => {
    const manager = fx.manager(kind);
    const hosts = [1, 2, 4, 5, 6, 7, 8, 9].map((id) => fx.hostId(kind, id));
    let running = 0;
    let most = 0;
    const job$ = manager.submitJob(
      async (s, { signal }) => {
        running++;
        most = Math.max(most, running);
        try {
          await s.listDirectory('C:\\', { signal });
          await sleep(40);
          return running;
        } finally {
          running--;
        }
      },
      hosts,
      { concurrency: 3, offline: false },
    );
    const { result: results, peak } = await peakOpenDuring(() => lastValueFrom(job$.pipe(toArray())));
    expect(results.filter((r) => r.ok)).toHaveLength(hosts.length);
    expect(most).toBe(3);
    expect(peak).toBeLessThanOrEqual(3);
    expect(leftOpen(kind)).toEqual([]);
  });
});
