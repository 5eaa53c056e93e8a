// Process summary/events/segments and binary summary/download/icon against the reference shapes.
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../src/index.js';
import { startTestServer, type TestServer } from '../server/helpers.js';

let t: TestServer;
let proc: { id: string; segment_id: number; unique_id: string };
beforeAll(async () => {
  t = await startTestServer();
  // A process with a parent, children and modloads.
  const page = await t.getJson('/api/v1/process?q=childproc_count:[1 TO *] modload_count:[1 TO *]&rows=50&sort=start asc');
  proc = page.results.find((r: { parent_unique_id: string }) => r.parent_unique_id) ?? page.results[0];
});
afterAll(async () => {
  await t.emu.close();
});

describe('process endpoints', () => {
  it('summary has process, parent, children and siblings', async () => {
    const body = await t.getJson(`/api/v1/process/${proc.id}/0`);
    expect(Object.keys(body).sort()).toEqual(['children', 'parent', 'process', 'siblings']);
    expect(body.process.id).toBe(proc.id);
    expect(Array.isArray(body.children)).toBe(true);
    expect(body.children.length).toBeGreaterThan(0);
    expect(body.children.length).toBeLessThanOrEqual(15);
    for (const c of body.children) expect(c.parent_id).toBe(proc.id);
    if (body.process.parent_id) expect(body.parent.id).toBe(body.process.parent_id);
    const one = await t.getJson(`/api/v1/process/${proc.id}/0?children=1`);
    expect(one.children.length).toBe(1);
  });

  it('unknown processes are 404', async () => {
    expect((await t.api('/api/v1/process/00000001-0000-0001-0000-000000000001/0')).status).toBe(404);
    expect((await t.api(`/api/v4/process/00000001-0000-0001-0000-000000000001/0/event`)).status).toBe(404);
  });

  it('lists segments as unique ids', async () => {
    const body = await t.getJson(`/api/v1/process/${proc.id}/segment`);
    expect(body.process.segments.length).toBeGreaterThan(0);
    for (const s of body.process.segments) expect(s.unique_id.startsWith(proc.id)).toBe(true);
  });

  it('serves events in each API version format', async () => {
    const v1 = await t.getJson(`/api/v1/process/${proc.id}/${proc.segment_id}/event`);
    expect(v1).toHaveProperty('elapsed');
    expect(v1.process.id).toBe(proc.id);
    for (const key of ['modload_complete', 'filemod_complete', 'regmod_complete', 'netconn_complete', 'childproc_complete', 'crossproc_complete']) {
      expect(Array.isArray(v1.process[key])).toBe(true);
    }
    expect(v1.process.modload_complete.length).toBeGreaterThan(0);
    expect(v1.process.modload_complete[0].split('|')).toHaveLength(3);
    expect(v1.process.binaries).toBeTypeOf('object');
    expect(typeof v1.process.childproc_complete[0]).toBe('string');

    const v3 = await t.getJson(`/api/v3/process/${proc.id}/${proc.segment_id}/event`);
    expect(v3.process.childproc_complete[0]).toMatchObject({ processId: expect.any(String), type: expect.stringMatching(/^(start|end)$/) });

    const v4 = await t.getJson(`/api/v4/process/${proc.id}/${proc.segment_id}/event`);
    const net = v4.process.netconn_complete;
    if (net.length) {
      expect(typeof net[0].remote_ip).toBe('string');
      expect(['true', 'false']).toContain(net[0].direction);
    }
    const v2 = await t.getJson(`/api/v2/process/${proc.id}/${proc.segment_id}/event`);
    if (v2.process.netconn_complete.length) expect(typeof v2.process.netconn_complete[0].remote_ip).toBe('number');
    expect((await t.api(`/api/v9/process/${proc.id}/${proc.segment_id}/event`)).status).toBe(404);
  });

  it('reports binary frequency under /process/host/count', async () => {
    const md5 = (await t.getJson('/api/v1/binary?rows=1')).results[0].md5;
    const body = await t.getJson(`/api/v1/process/host/count?cb.freqver=1&md5=${md5}&name=md5`);
    expect(body).toEqual({ hostCount: expect.any(Number), globalCount: expect.any(Number), numDocs: expect.any(Number) });
  });
});

describe('binary endpoints', () => {
  let md5: string;
  beforeAll(async () => {
    md5 = (await t.getJson('/api/v1/binary?q=is_executable_image:true os_type:Windows&rows=1')).results[0].md5;
  });

  it('serves the flat summary (lower-case md5 accepted)', async () => {
    const body = await t.getJson(`/api/v1/binary/${md5.toLowerCase()}/summary`);
    expect(body.md5).toBe(md5);
    for (const f of ['digsig_result', 'observed_filename', 'orig_mod_len', 'is_64bit', 'is_executable_image', 'host_count', 'os_type', 'endpoint', 'group', 'server_added_timestamp']) {
      expect(body).toHaveProperty(f);
    }
    expect((await t.api(`/api/v1/binary/${'0'.repeat(32)}/summary`)).status).toBe(404);
  });

  it('downloads a zip with filedata (MZ) and metadata', async () => {
    const res = await t.api(`/api/v1/binary/${md5}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = Buffer.from(await res.arrayBuffer());
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    // First member by hand: local header → inflateRaw.
    const nameLen = zip.readUInt16LE(26);
    expect(zip.toString('utf8', 30, 30 + nameLen)).toBe('filedata');
    const start = 30 + nameLen + zip.readUInt16LE(28);
    const filedata = inflateRawSync(zip.subarray(start, start + zip.readUInt32LE(18)));
    expect(filedata.toString('latin1', 0, 2)).toBe('MZ');
    // And all members through the reader.
    const entries = readZip(zip);
    expect(entries.map((e) => e.name).sort()).toEqual(['filedata', 'metadata']);
    const metadata = entries.find((e) => e.name === 'metadata')!.data.toString();
    expect(metadata).toMatch(/^Timestamp : \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}\r\nOrigFilename : /);
  });

  /** The `filedata` member of a binary's download. */
  async function filedataOf(hash: string): Promise<Buffer> {
    const res = await t.api(`/api/v1/binary/${hash}`);
    expect(res.status).toBe(200);
    return readZip(Buffer.from(await res.arrayBuffer())).find((e) => e.name === 'filedata')!.data;
  }

  it('downloads copied_mod_len bytes: all of a small module, the first 1 MiB of a big one', async () => {
    const docs = [...t.emu.state.binaries.values()];
    const small = docs.find((d) => d.orig_mod_len < 1 << 20)!;
    const big = docs.find((d) => d.orig_mod_len > 1 << 20)!;
    expect(small.copied_mod_len).toBe(small.orig_mod_len);
    expect(big.copied_mod_len).toBe(1 << 20);
    expect((await filedataOf(small.md5)).length).toBe(small.copied_mod_len);
    expect((await filedataOf(big.md5)).length).toBe(big.copied_mod_len);
  });

  it('downloads a PE stub of copied_mod_len for a binary added to the state by hand', async () => {
    const md5 = 'ABCDEF0123456789ABCDEF0123456789';
    const template = [...t.emu.state.binaries.values()][0]!;
    t.emu.state.binaries.set(md5, { ...template, md5, orig_mod_len: 9000, copied_mod_len: 5000 });
    try {
      const data = await filedataOf(md5);
      expect(data.length).toBe(5000);
      expect(data.toString('latin1', 0, 2)).toBe('MZ');
    } finally {
      t.emu.state.binaries.delete(md5);
    }
  });

  it('serves a large hand-added binary whole (tests and benches stream 4 MiB on purpose)', async () => {
    const md5 = 'B16B1A4B16B1A4B16B1A4B16B1A4B16C';
    const template = [...t.emu.state.binaries.values()][0]!;
    t.emu.state.binaries.set(md5, { ...template, md5, orig_mod_len: 4 << 20, copied_mod_len: 4 << 20 });
    try {
      expect((await filedataOf(md5)).length).toBe(4 << 20);
    } finally {
      t.emu.state.binaries.delete(md5);
    }
  });

  it('serves the icon as PNG', async () => {
    const res = await t.api(`/api/v1/binary/${md5}/icon`);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });
});
