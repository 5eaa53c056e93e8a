import { ApiError, type HttpResponse, type RequestOptions } from '@cb/core';
import { describe, expect, it } from 'vitest';
import { CbResponseAPI, Process } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { processWithChildren } from '../support/process-data.js';

const fx = useEmulator();

/** Two processes on the same host under the same (non-root) parent chain. */
async function cousins(cb: CbResponseAPI): Promise<[Process, Process]> {
  for await (const p of cb.select(Process).where('process_name:notepad.exe OR process_name:cmd.exe OR process_name:net.exe')) {
    const other = await cb
      .select(Process)
      .where(`parent_id:${p.parent_id}`)
      .and(`-process_id:${p.guid}`)
      .first();
    if (other && p.parent_id) return [p, other];
  }
  throw new Error('no two processes sharing a parent');
}

describe('walkParents()', () => {
  it('visits each ancestor with its depth (0 = parent) up to the root', async () => {
    const p = (await fx.cb.select(Process).where('process_name:notepad.exe').first())!;
    const seen: Array<[string, number]> = [];
    await p.walkParents((parent, depth) => {
      seen.push([parent.process_name, depth]);
    });
    expect(seen[0]).toEqual([p.parent_name, 0]);
    expect(seen.map(([, d]) => d)).toEqual(seen.map((_, i) => i));
    expect(seen.length).toBe(await p.depth());
  });

  it('fetches each shared ancestor once for two walks (model cache); a second walk sends nothing', async () => {
    const cb = fx.api();
    const [a, b] = await cousins(cb);
    fx.takeRequests();
    const visitedA: string[] = [];
    const visitedB: string[] = [];
    await a.walkParents((p) => void visitedA.push(p.guid));
    await b.walkParents((p) => void visitedB.push(p.guid));
    expect(visitedA).toEqual(visitedB);
    const summaries = fx.takeRequests().filter((r) => /^GET \/api\/v1\/process\/[0-9a-f-]{36}\/\d+$/.test(r));
    expect(summaries).toHaveLength(visitedA.length);
    expect(new Set(summaries).size).toBe(summaries.length);
    await a.walkParents(() => undefined);
    expect(fx.takeRequests()).toEqual([]);
  });

  it('maxDepth limits the levels visited; returning false stops the walk', async () => {
    const p = (await fx.cb.select(Process).where('process_name:notepad.exe').first())!;
    const depths: number[] = [];
    await p.walkParents((_, d) => void depths.push(d), { maxDepth: 2 });
    expect(depths).toEqual([0, 1]);
    let calls = 0;
    await p.walkParents(() => {
      calls++;
      return false;
    });
    expect(calls).toBe(1);
  });
});

describe('walkChildren()', () => {
  it('visits every descendant depth first with its depth, each loaded once', async () => {
    const proc = await processWithChildren(fx.cb, 2);
    const root = fx.cb.select(Process, proc.guid);
    const visited: Array<{ guid: string; parent: string; depth: number }> = [];
    await root.walkChildren((child, depth) => {
      visited.push({ guid: child.guid, parent: child.parent_id, depth });
    });
    const direct = visited.filter((v) => v.depth === 0);
    const children: string[] = [];
    for await (const c of root.children()) children.push(c.childGuid);
    expect(direct.map((v) => v.guid).sort()).toEqual([...children].sort());
    for (const v of visited) {
      if (v.depth === 0) expect(v.parent).toBe(proc.guid);
      else expect(visited.some((o) => o.guid === v.parent && o.depth === v.depth - 1)).toBe(true);
    }
    expect(new Set(visited.map((v) => v.guid)).size).toBe(visited.length);
  });

  it('stops as soon as the callback returns false (sync or async): nothing more is visited or fetched', async () => {
    // childproc_count counts start and end events: 8 events are several children
    const proc = await processWithChildren(fx.cb, 8);
    const everything: string[] = [];
    fx.takeRequests();
    await fx.api().select(Process, proc.guid).walkChildren((child) => void everything.push(child.guid));
    const fullWalkRequests = fx.takeRequests().length;
    expect(everything.length).toBeGreaterThanOrEqual(3);

    const first: string[] = [];
    await fx.api().select(Process, proc.guid).walkChildren((child) => {
      first.push(child.guid);
      return false;
    });
    expect(first).toEqual(everything.slice(0, 1));
    const stopAtOne = fx.takeRequests().length;

    const two: string[] = [];
    await fx.api().select(Process, proc.guid).walkChildren(async (child) => {
      two.push(child.guid);
      await new Promise((r) => setTimeout(r, 1));
      return two.length < 2 ? undefined : false; // undefined (or true) continues
    });
    expect(two).toEqual(everything.slice(0, 2)); // the same depth-first order, cut after the second
    expect(stopAtOne).toBeLessThan(fullWalkRequests);
    expect(fx.takeRequests().length).toBeLessThan(fullWalkRequests);
  });

  it('maxDepth: 1 visits only the children', async () => {
    const proc = await processWithChildren(fx.cb, 2);
    const depths = new Set<number>();
    await fx.cb.select(Process, proc.guid).walkChildren((_, d) => void depths.add(d), { maxDepth: 1 });
    expect([...depths]).toEqual([0]);
  });
});

describe('depth()', () => {
  it('counts parent hops to the root', async () => {
    const p = (await fx.cb.select(Process).where('process_name:notepad.exe').first())!;
    const parent = (await p.parent)!;
    expect(await p.depth()).toBe((await parent.depth()) + 1);
  });

  it('detects cycles in the parent chain (ApiError naming the depth)', async () => {
    // A server whose two processes are each other's parent.
    const a = '00000001-0000-0001-01d2-2efd3af51186';
    const b = '00000001-0000-0002-01d2-2efd3af51186';
    const summary = (id: string, parent: string) => ({
      process: { id, unique_id: `${id}-000000000001`, segment_id: 1, process_pid: 7, start: '2017-01-01T00:00:00Z', sensor_id: 1, parent_unique_id: `${parent}-000000000001`, parent_id: parent },
      parent: {},
      children: [],
      siblings: [],
    });
    const requester = {
      baseUrl: 'https://cb.example.test',
      async request<T>(options: RequestOptions): Promise<HttpResponse<T>> {
        const data = options.path === '/api/info' ? { version: '6.2.0' } : options.path.includes(a) ? summary(a, b) : summary(b, a);
        return { status: 200, headers: new Headers(), data: data as T, attempts: 1, durationMs: 0 };
      },
    };
    const cb = new CbResponseAPI({ requester });
    const proc = cb.select(Process, a);
    // Named: the summary of the process whose parent closes the cycle (b, at the default segment 0 of 6.x; its parent is a).
    await expect(proc.depth()).rejects.toThrow(
      new ApiError('Process cycle detected at depth 1', { method: 'GET', path: `/api/v1/process/${b}/0` }),
    );
    await expect(proc.walkParents(() => undefined)).rejects.toThrow(/cycle detected/);
  });
});
