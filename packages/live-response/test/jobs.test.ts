// The RxJS job API: cold Observables, per-host serialisation, slots, deadlines, retries,
// offline hosts, cancellation and progress.
import { TimeoutError } from '@cb/core';
import { filter, firstValueFrom, interval, lastValueFrom, map, Subject, take, toArray } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OfflineError } from '../src/errors.js';
import type { JobProgress, JobResult } from '../src/jobs/types.js';
import { LiveResponseManager, type LiveResponseManagerOptions } from '../src/manager/manager.js';
import { eventually, FAST, msw, quietLogger, setup } from './support/harness.js';
import type { Product } from './support/fake-server.js';

beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

function managerFor(product: Product, hosts: number, options: Partial<LiveResponseManagerOptions> = {}) {
  const ctx = setup(product, hosts);
  const manager = new LiveResponseManager({ backend: ctx.backend, timings: FAST, logger: quietLogger, ...options });
  return { ...ctx, manager };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const byHost = <T>(results: JobResult<T>[]) => [...results].sort((a, b) => Number(a.host) - Number(b.host));

describe('submitJob', () => {
  it('is cold: nothing runs until subscribed, and each subscription runs anew', async () => {
    const { server, manager } = managerFor('response', 2);
    const job$ = manager.submitJob((s) => s.listProcesses().then((p) => p.length), [1, 2]);
    await sleep(20);
    expect(server.log).toEqual([]);
    const first = await lastValueFrom(job$.pipe(toArray()));
    expect(byHost(first).map((r) => (r.ok ? r.value : r.error))).toEqual([2, 2]);
    await lastValueFrom(job$.pipe(toArray()));
    expect(server.createdSessions).toBe(4);
    expect(server.openSessions).toBe(0);
  });

  it('runs a function or a { run } object and emits { host, ok, value } per host', async () => {
    const { server, manager } = managerFor('platform', 3);
    for (const id of [1, 2, 3]) server.hosts.get(id)!.files.set('c:\\id.txt', Buffer.from(`host ${id}`));
    const results = await lastValueFrom(
      manager.submitJob({ run: async (s, ctx) => `${ctx.host}: ${await s.getFile('C:\\id.txt', { encoding: 'utf8', signal: ctx.signal })}` }, new Set([1, 2, 3])).pipe(toArray()),
    );
    expect(byHost(results)).toEqual([
      { host: 1, ok: true, value: '1: host 1', attempts: 1, durationMs: expect.any(Number) },
      { host: 2, ok: true, value: '2: host 2', attempts: 1, durationMs: expect.any(Number) },
      { host: 3, ok: true, value: '3: host 3', attempts: 1, durationMs: expect.any(Number) },
    ]);
    expect(server.openSessions).toBe(0);
  });

  it('a job error is a result, not a stream error, and its session is closed', async () => {
    const { server, manager } = managerFor('defense', 2);
    const results = await lastValueFrom(manager.submitJob((s, { host }) => (host === 1 ? s.getFile('C:\\missing') : 'fine'), [1, 2]).pipe(toArray()));
    const [one, two] = byHost(results);
    expect(one).toMatchObject({ host: 1, ok: false, attempts: 1 });
    expect((one as { error: Error }).error.name).toBe('LiveResponseError');
    expect(two).toMatchObject({ host: 2, ok: true, value: 'fine' });
    expect(server.openSessions).toBe(0);
  });

  it('200 hosts: every job settles, the slot limit is never exceeded', async () => {
    const { server, manager } = managerFor('platform', 200, { maxSessions: 10 });
    let running = 0;
    let peak = 0;
    const results = await lastValueFrom(
      manager
        .submitJob(async (s) => {
          running++;
          peak = Math.max(peak, running);
          try {
            await sleep(2);
            return (await s.listProcesses()).length;
          } finally {
            running--;
          }
        }, range(200))
        .pipe(toArray()),
    );
    expect(results.length).toBe(200);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => r.host)).size).toBe(200);
    expect(server.maxOpen).toBeLessThanOrEqual(10);
    expect(server.maxOpen).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(10);
    expect(server.createdSessions).toBe(200);
    expect(server.openSessions).toBe(0);
  }, 20_000);

  it('serialises a host\'s jobs in submission order on one session', async () => {
    const { server, manager } = managerFor('response', 2);
    const events: string[] = [];
    const results = await lastValueFrom(
      manager
        .submitJob(async (s, { host }) => {
          const n = events.filter((e) => e.startsWith(`start ${host}`)).length;
          events.push(`start ${host}#${n}`);
          await sleep(5);
          await s.listProcesses();
          events.push(`end ${host}#${n}`);
          return s.sessionId;
        }, [1, 1, 2, 1])
        .pipe(toArray()),
    );
    const host1 = events.filter((e) => / 1#/.test(e));
    expect(host1).toEqual(['start 1#0', 'end 1#0', 'start 1#1', 'end 1#1', 'start 1#2', 'end 1#2']);
    const sessions1 = new Set(results.filter((r) => r.host === 1).map((r) => (r.ok ? r.value : undefined)));
    expect(sessions1.size).toBe(1);
    expect(server.createdSessions).toBe(2);
    expect(server.openSessions).toBe(0);
  });

  it('per-job deadline → TimeoutError result, even when the job ignores its signal', async () => {
    const { server, manager } = managerFor('platform', 3);
    server.hosts.get(1)!.hangCommands.add('process list');
    const results = await lastValueFrom(
      manager
        .submitJob(
          async (s, { host, signal }) => {
            if (host === 1) return s.listProcesses({ signal, timeoutMs: 60_000 }); // honours the signal
            if (host === 2) return new Promise<never>(() => {}); // ignores it
            return 'quick';
          },
          [1, 2, 3],
          { timeoutMs: 80 },
        )
        .pipe(toArray()),
    );
    const [one, two, three] = byHost(results);
    expect(one).toMatchObject({ ok: false });
    expect((one as { error: unknown }).error).toBeInstanceOf(TimeoutError);
    expect((two as { error: Error }).error).toBeInstanceOf(TimeoutError);
    expect((two as { error: Error }).error.message).toMatch(/did not finish within 80 ms/);
    expect(three).toMatchObject({ ok: true, value: 'quick' });
    await eventually(() => server.openSessions === 0);
  });

  it('unsubscribing aborts in-flight jobs and closes their sessions', async () => {
    const { server, manager } = managerFor('defense', 5, { maxSessions: 3 });
    for (const id of range(5)) server.hosts.get(id)!.hangCommands.add('process list');
    const aborted: number[] = [];
    const seen: JobResult<unknown>[] = [];
    const subscription = manager
      .submitJob(async (s, { host, signal }) => {
        signal.addEventListener('abort', () => aborted.push(Number(host)));
        return s.listProcesses({ signal, timeoutMs: 60_000 });
      }, range(5))
      .subscribe((r) => seen.push(r));
    await eventually(() => server.openSessions === 3);
    subscription.unsubscribe();
    await eventually(() => server.openSessions === 0);
    expect(aborted.sort()).toEqual([1, 2, 3]);
    expect(seen).toEqual([]);
    await sleep(30);
    expect(server.createdSessions).toBe(3); // queued hosts never started
    expect(manager.stats.open).toBe(0);
  });

  it('take(n) cancels the rest (teardown also runs on early completion)', async () => {
    const { server, manager } = managerFor('response', 6, { maxSessions: 2 });
    server.hosts.get(6)!.hangCommands.add('process list');
    const firstTwo = await lastValueFrom(
      manager.submitJob((s, { host, signal }) => (host === 6 ? s.listProcesses({ signal }) : host), [6, 1, 2, 3, 4, 5]).pipe(take(2), toArray()),
    );
    expect(firstTwo.length).toBe(2);
    await eventually(() => server.openSessions === 0);
  });

  it('offline hosts are parked, re-probed, and settled with OfflineError after the TTL', async () => {
    const { server, manager } = managerFor('response', 3);
    server.hosts.get(2)!.online = false;
    server.hosts.get(3)!.online = false;
    setTimeout(() => (server.hosts.get(3)!.online = true), 40);
    const started = Date.now();
    const results = byHost(
      await lastValueFrom(manager.submitJob(() => 'ran', [1, 2, 3], { offline: { ttlMs: 120, recheckMs: 15 } }).pipe(toArray())),
    );
    expect(results[0]).toMatchObject({ host: 1, ok: true });
    expect(results[1]).toMatchObject({ host: 2, ok: false, attempts: 0 });
    expect((results[1] as { error: unknown }).error).toBeInstanceOf(OfflineError);
    expect(results[2]).toMatchObject({ host: 3, ok: true, value: 'ran' }); // came back before its TTL
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    // Host 2 never got a session.
    expect([...server.sessions.values()].some((s) => s.hostId === 2)).toBe(false);
    expect(server.requests('GET', /\/api\/v1\/sensor\/2$/).length).toBeGreaterThan(2);
    expect(server.openSessions).toBe(0);
  });

  it('offline: false skips the probe', async () => {
    const { server, manager } = managerFor('platform', 1);
    await lastValueFrom(manager.submitJob(() => 1, [1], { offline: false }).pipe(toArray()));
    expect(server.requests('GET', /\/devices\/1$/).length).toBe(1); // the session's OS lookup only
    // With the probe, its answer doubles as the OS lookup: still one device request.
    await lastValueFrom(manager.submitJob(() => 1, [1]).pipe(toArray()));
    expect(server.requests('GET', /\/devices\/1$/).length).toBe(2);
  });

  it('retries transient failures (session setup, 5xx) with the configured count and delay', async () => {
    const { server, manager } = managerFor('response', 2);
    server.hosts.get(1)!.failCreates = 2;
    const delays: number[] = [];
    const results = byHost(
      await lastValueFrom(
        manager
          .submitJob((s) => s.listProcesses().then((p) => p.length), [1, 2], {
            retry: {
              count: 3,
              delay: (_err, n) => {
                delays.push(n);
                return 1;
              },
            },
          })
          .pipe(toArray()),
      ),
    );
    expect(results[0]).toMatchObject({ host: 1, ok: true, value: 2, attempts: 3 });
    expect(results[1]).toMatchObject({ host: 2, ok: true, attempts: 1 });
    expect(delays).toEqual([1, 2]);

    // A 503 on a command during the job is transient too.
    server.failCommands = 1;
    const [again] = await lastValueFrom(manager.submitJob((s) => s.listProcesses().then((p) => p.length), [2], { retry: { count: 1, delay: 1 } }).pipe(toArray()));
    expect(again).toMatchObject({ ok: true, attempts: 2 });
    expect(server.openSessions).toBe(0);
  });

  it('does not retry non-transient failures, nor without a retry policy', async () => {
    const { server, manager } = managerFor('platform', 1);
    const [bad] = await lastValueFrom(manager.submitJob((s) => s.getFile('C:\\missing'), [1], { retry: 3 }).pipe(toArray()));
    expect(bad).toMatchObject({ ok: false, attempts: 1 });
    server.hosts.get(1)!.failCreates = 1;
    const [setupFailure] = await lastValueFrom(manager.submitJob(() => 1, [1]).pipe(toArray()));
    expect(setupFailure).toMatchObject({ ok: false, attempts: 1 });
    expect((setupFailure as { error: { status: number } }).error.status).toBe(500);
    expect(server.openSessions).toBe(0);
  });

  it('reports progress counts as a stream that completes with the run', async () => {
    const { manager } = managerFor('defense', 4, { maxSessions: 2 });
    const job$ = manager.submitJob(async (s, { host }) => {
      await sleep(5);
      if (host === 3) throw new Error('nope');
      return (await s.listProcesses()).length;
    }, [1, 2, 3, 4]);
    const progress: JobProgress[] = [];
    const progressDone = new Promise<void>((resolve) => job$.progress$.subscribe({ next: (p) => progress.push(p), complete: resolve }));
    const results = await lastValueFrom(job$.pipe(toArray()));
    await progressDone;
    expect(results.filter((r) => r.ok).length).toBe(3);
    expect(progress.at(-1)).toEqual({ queued: 0, running: 0, succeeded: 3, failed: 1, total: 4 });
    expect(progress.some((p) => p.running === 2)).toBe(true);
    expect(progress.every((p) => p.running <= 2 && p.queued + p.running + p.succeeded + p.failed === p.total)).toBe(true);
  });

  it('takes hosts from an Observable: a pipeline of hosts into jobs', async () => {
    const { server, manager } = managerFor('response', 6);
    const hosts$ = interval(3).pipe(
      map((i) => i + 1),
      filter((id) => id % 2 === 0),
      take(3),
    );
    const values = await lastValueFrom(
      manager.submitJob((s, { host }) => s.listProcesses().then((p) => `${host}:${p.length}`), hosts$).pipe(
        filter((r) => r.ok),
        map((r) => (r.ok ? r.value : '')),
        toArray(),
      ),
    );
    expect(values.sort()).toEqual(['2:2', '4:2', '6:2']);
    expect(server.openSessions).toBe(0);
  });

  it('keeps working while the host source is still open, completes when it completes', async () => {
    const { server, manager } = managerFor('platform', 3);
    const hosts = new Subject<number>();
    const job$ = manager.submitJob((_s, { host }) => host, hosts);
    const collected = lastValueFrom(job$.pipe(toArray()));
    hosts.next(1);
    const first = await firstValueFrom(job$.progress$.pipe(filter((p) => p.succeeded === 1)));
    expect(first.total).toBe(1);
    hosts.next(2);
    hosts.next(3);
    hosts.complete();
    expect((await collected).map((r) => r.host).sort()).toEqual([1, 2, 3]);
    expect(server.openSessions).toBe(0);
  });

  it('an error in the host source errors the stream and cleans up', async () => {
    const { server, manager } = managerFor('response', 2);
    server.hosts.get(1)!.hangCommands.add('process list');
    const hosts = new Subject<number>();
    const done = lastValueFrom(manager.submitJob((s, { signal }) => s.listProcesses({ signal }), hosts).pipe(toArray()));
    hosts.next(1);
    await eventually(() => server.openSessions === 1);
    hosts.error(new Error('inventory failed'));
    await expect(done).rejects.toThrow('inventory failed');
    await eventually(() => server.openSessions === 0);
  });

  it('a single string host id is one host, not its characters', async () => {
    const { server, manager } = managerFor('platform', 12);
    const results = await lastValueFrom(manager.submitJob((s) => s.hostId, '12' as unknown as Iterable<number>).pipe(toArray()));
    expect(results).toMatchObject([{ host: '12', ok: true, value: '12' }]);
    expect(server.openSessions).toBe(0);
  });
});
