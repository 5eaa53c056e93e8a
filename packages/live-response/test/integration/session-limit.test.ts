// The server's 403 "session limit reached" (user-asks A12): a SessionLimitError, never a
// permission error; the manager waits for a slot (lowering its own budget to what the server
// takes) instead of failing jobs, and gives up with a clear error after the session budget.
// The emulator has Cb Response's 10 slots and, for Cloud and Defense together, 3.
import { lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { ForbiddenError, TimeoutError } from '@cb/core';
import {
  LiveResponsePermissionError,
  SessionLimitError,
  openSession,
  type HostId,
  type LiveResponseBackend,
} from '../../src/index.js';
import { eventually, FAST, quietLogger, useLrEmulator, type BackendKind } from './support/emulator.js';

const SLOTS: Readonly<Record<BackendKind, number>> = { response: 10, defense: 3, platform: 3 };
const fx = useLrEmulator({ scale: { sensors: 80, processesPerSensor: 2 }, liveResponse: { slotLimit: 10, cloudSlotLimit: 3 } });

afterEach(() => fx.emu.liveResponse.closeAll());

const KINDS: readonly BackendKind[] = ['response', 'defense', 'platform'];

function onlineHosts(kind: BackendKind, count: number): HostId[] {
  const online = [...fx.emu.state.sensors.values()].filter((s) => s.status === 'Online').map((s) => fx.hostId(kind, s.id));
  expect(online.length).toBeGreaterThanOrEqual(count);
  return online.slice(0, count);
}

/** Another client takes `count` server sessions (one per host) and keeps them. */
async function fillServer(kind: BackendKind, hosts: HostId[]): Promise<{ backend: LiveResponseBackend; ids: Array<string | number> }> {
  const backend = fx.backend(kind);
  const ids: Array<string | number> = [];
  for (const h of hosts) ids.push((await backend.createSession(h, {}))['id'] as string | number);
  return { backend, ids };
}

const refusals = (): number => fx.emu.requests.filter((r) => r.status === 403 && r.method === 'POST' && /\/sessions?(\/\d+)?$/.test(r.path)).length;

describe.each(KINDS)('%s: out of session slots', (kind) => {
  const slots = SLOTS[kind];

  it('is a SessionLimitError, not a permission error, and opens nothing', async () => {
    const hosts = onlineHosts(kind, slots + 1);
    await fillServer(kind, hosts.slice(0, slots));
    const error = await openSession(fx.backend(kind), hosts[slots]!, { timings: FAST, logger: quietLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionLimitError);
    expect(error).not.toBeInstanceOf(ForbiddenError);
    expect(error).not.toBeInstanceOf(LiveResponsePermissionError);
    const e = error as SessionLimitError;
    expect(e.status).toBe(403);
    expect(e.message).toMatch(/No free Live Response session slot/);
    expect(e.message).toMatch(/not a permission problem/);
    expect(e.message).not.toMatch(/may lack a permission/);
    if (kind === 'response') expect(e.limit).toBe(10);
    expect(fx.openOnServer()).toBe(slots);
  });

  it('the manager waits for a slot another client holds and takes it when it frees up', async () => {
    const hosts = onlineHosts(kind, slots + 1);
    const other = await fillServer(kind, hosts.slice(0, slots));
    const manager = fx.manager(kind);
    const before = refusals();
    let lease: Awaited<ReturnType<typeof manager.acquire>> | undefined;
    const acquiring = manager.acquire(hosts[slots]!).then((s) => (lease = s));
    await eventually(() => refusals() > before);
    await new Promise((r) => setTimeout(r, 200));
    expect(lease).toBeUndefined();
    expect(manager.stats.limit).toBeLessThan(manager.maxSessions);
    // Waiting is not hammering: the retries back off (10 ms doubling, here within 200 ms).
    expect(refusals() - before).toBeLessThanOrEqual(8);
    await other.backend.closeSession(other.ids[0]!, {});
    await acquiring;
    expect(lease!.hostId).toBe(hosts[slots]);
    expect((await lease!.listDirectory(lease!.info.drives[0] ?? '/')).length).toBeGreaterThan(0);
    await lease!.close();
  });

  it('gives up after the session budget with a SessionLimitError, leaving nothing behind', async () => {
    const hosts = onlineHosts(kind, slots + 1);
    await fillServer(kind, hosts.slice(0, slots));
    const manager = fx.manager(kind, { timings: { ...FAST, session: { timeoutMs: 300, delayMs: 10 } } });
    const started = Date.now();
    const error = await manager.acquire(hosts[slots]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionLimitError);
    expect((error as SessionLimitError).waitedMs).toBe(300);
    expect((error as Error).message).toMatch(/No Live Response session slot became free for host .* within 300 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(manager.stats).toMatchObject({ open: 0, waiting: 0, held: 0 });
    expect(fx.openOnServer()).toBe(slots);
  });

  it('jobs with a client budget above the server limit all succeed, within the server limit', async () => {
    const hosts = onlineHosts(kind, 60);
    const maxSessions = kind === 'response' ? 20 : 10;
    const manager = fx.manager(kind, { maxSessions });
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, fx.openOnServer())), 2);
    const results = await lastValueFrom(
      manager
        .submitJob(async (s, { signal }) => (await s.listDirectory(s.info.drives[0] ?? '/', { signal })).length, hosts, { offline: false, timeoutMs: 60_000 })
        .pipe(toArray()),
    ).finally(() => clearInterval(timer));
    const failures = results.filter((r) => !r.ok).map((r) => `${String(r.host)}: ${String((r as { error: unknown }).error)}`);
    expect(failures).toEqual([]);
    expect(results).toHaveLength(60);
    expect(peak).toBeLessThanOrEqual(slots);
    expect(fx.openOnServer()).toBe(0);
    // The manager learnt that fewer sessions fit than it was allowed.
    expect(manager.stats.limit).toBeLessThan(maxSessions);
  });

  it('a job that cannot get a slot before its deadline settles with a clear error', async () => {
    const hosts = onlineHosts(kind, slots + 2);
    await fillServer(kind, hosts.slice(0, slots));
    const manager = fx.manager(kind);
    const results = await lastValueFrom(
      manager.submitJob((s) => s.listProcesses(), hosts.slice(slots), { offline: false, timeoutMs: 300 }).pipe(toArray()),
    );
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.ok).toBe(false);
      expect((r as { error: unknown }).error).toBeInstanceOf(TimeoutError);
      expect((r as { error: Error }).error.message).toMatch(/did not finish within 300 ms \(its session was not ready yet.*no server session slot was free\)/);
    }
    await eventually(() => manager.stats.open === 0 && manager.stats.waiting === 0);
    expect(fx.openOnServer()).toBe(slots);
  });
});
