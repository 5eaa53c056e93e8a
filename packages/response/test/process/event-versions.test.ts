// Event encodings by server version (response.md §3.3): v1 (< 5.1) all pipes; v2 (5.1.x) netconn
// objects with integer IPs; v3 (5.2.x) + childproc objects; v4 (>= 6.0) netconn IP strings.
import { describe, expect, it } from 'vitest';
import { Process, type CbResponseAPI, type NetconnEvent } from '../../src/index.js';
import { useEmulator, type EmulatorFixture } from '../support/emulator.js';
import { busyProcess, processWithChildren, rawEvents } from '../support/process-data.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const dotted = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

async function checkVersion(fx: EmulatorFixture, cb: CbResponseAPI, version: 'v1' | 'v2' | 'v3'): Promise<void> {
  const proc = await busyProcess(cb);
  expect(proc.unique_id).toHaveLength(45);
  fx.takeRequests();
  const netconns: NetconnEvent[] = await collect(proc.netconns());
  expect(fx.takeRequests()).toEqual([`GET /api/${version}/process/${proc.guid}/${proc.segment_id}/event`]);
  const raw = await rawEvents(cb, proc, version);
  for (const nc of netconns) {
    const wire = raw.netconn_complete![nc.sequence];
    if (version === 'v1') {
      const [, ip, port, , domain, outbound] = (wire as string).split('|');
      expect(nc.remoteIp).toBe(dotted(Number(ip) >>> 0));
      expect(nc.remotePort).toBe(Number(port));
      expect(nc.domain).toBe(domain);
      expect(nc.direction).toBe(outbound === 'true' ? 'Outbound' : 'Inbound');
    } else {
      const o = wire as Record<string, number | string>;
      expect(typeof o.remote_ip).toBe('number');
      expect(nc.remoteIp).toBe(dotted(Number(o.remote_ip) >>> 0));
      expect(nc.localIp).toBe(dotted(Number(o.local_ip) >>> 0));
      expect(nc.direction).toBe(o.direction === 'true' ? 'Outbound' : 'Inbound');
    }
    expect(['IPPROTO_TCP', 'IPPROTO_UDP']).toContain(nc.proto);
  }
  expect(netconns.length).toBeGreaterThan(0);

  const parent = await processWithChildren(cb, 1);
  const childprocs = await collect(parent.childprocs());
  const rawChildren = (await rawEvents(cb, parent, version)).childproc_complete!;
  expect(typeof rawChildren[0]).toBe(version === 'v3' ? 'object' : 'string');
  for (const c of childprocs) {
    expect(c.childGuid).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
    expect(c.pid).toBeGreaterThan(0);
    expect(c.path.length).toBeGreaterThan(0);
  }
  expect(childprocs.filter((c) => !c.terminated).length).toBeGreaterThan(0);
  const children = await collect(parent.children());
  const child = await children[0]!.child;
  expect(child.parent_id).toBe(parent.guid);
}

describe('5.0 server: v1 events (all pipes)', () => {
  const fx = useEmulator({ serverVersion: '5.0.0.150105.1023' });
  it('decodes netconn and childproc pipe strings; default segment 1', async () => {
    const cb = fx.api();
    await checkVersion(fx, cb, 'v1');
    const row = (await cb.select(Process).first())!;
    const p = await cb.fetch(Process, row.guid);
    expect(p.segment).toBe(1);
  });
});

describe('5.1 server: v2 events (netconn objects, integer IPs)', () => {
  const fx = useEmulator({ serverVersion: '5.1.1.160603.2' });
  it('decodes v2', async () => {
    await checkVersion(fx, fx.api(), 'v2');
  });
});

describe('5.2 server: v3 events (+ childproc objects)', () => {
  const fx = useEmulator({ serverVersion: '5.2.0.161004.1206' });
  it('decodes v3 and lists segments with a process_id search', async () => {
    const cb = fx.api();
    await checkVersion(fx, cb, 'v3');
    const row = (await cb.select(Process).where('process_name:explorer.exe').first())!;
    fx.takeRequests();
    const segments = await cb.select(Process, row.guid).segments();
    expect(segments).toContain(row.segment_id);
    expect(fx.takeRequests()[0]).toBe(`GET /api/v1/process?cb.urlver=1&facet=false&q=process_id%3A${row.guid}&rows=100&start=0`);
  });
});
