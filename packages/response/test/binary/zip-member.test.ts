import { randomBytes } from 'node:crypto';
import { ApiError } from '@cb/core';
import { createZip } from '@cb/emulator';
import { describe, expect, it } from 'vitest';
import { zipMemberStream } from '../../src/index.js';
import { buildZip, chunked } from '../support/zip-builder.js';

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream) parts.push(chunk);
  return Buffer.concat(parts);
}

const payload = Buffer.concat([Buffer.from('MZ'), randomBytes(70_000), Buffer.alloc(50_000, 7)]);
const metadata = Buffer.from('Timestamp : 02/01/2017 04:05:44\r\nOrigFilename : \\Device\\x.exe\r\n');

describe('zipMemberStream()', () => {
  it('extracts a deflated member after skipping another one (emulator writer)', async () => {
    const zip = createZip([{ name: 'metadata', data: metadata }, { name: 'filedata', data: payload }]);
    expect((await readAll(zipMemberStream(chunked(zip, 1000), 'filedata'))).equals(payload)).toBe(true);
    expect((await readAll(zipMemberStream(chunked(zip, 7), 'metadata'))).equals(metadata)).toBe(true);
  });

  it('handles stored members and one-byte network chunks', async () => {
    const zip = buildZip([{ name: 'metadata', data: metadata, method: 'store' }, { name: 'filedata', data: payload, method: 'store' }]);
    expect((await readAll(zipMemberStream(chunked(zip, 1), 'filedata'))).equals(payload)).toBe(true);
  });

  for (const method of ['deflate', 'store'] as const) {
    for (const descriptor of ['signed', 'unsigned'] as const) {
      it(`finds the end of a ${method}d member from its ${descriptor} data descriptor`, async () => {
        const zip = buildZip([
          { name: 'metadata', data: metadata, method, descriptor },
          { name: 'filedata', data: payload, method, descriptor },
        ]);
        for (const size of [1, 13, 4096]) {
          expect((await readAll(zipMemberStream(chunked(zip, size), 'filedata'))).equals(payload)).toBe(true);
        }
      });
    }
  }

  it('reads ZIP64 sizes from the extra field', async () => {
    const zip = buildZip([{ name: 'filedata', data: payload, zip64: true }]);
    expect((await readAll(zipMemberStream(chunked(zip, 999), 'filedata'))).equals(payload)).toBe(true);
  });

  it('empty members', async () => {
    const zip = buildZip([{ name: 'filedata', data: new Uint8Array(0), method: 'store' }]);
    expect((await readAll(zipMemberStream(chunked(zip, 5), 'filedata'))).length).toBe(0);
  });

  it('fails with ApiError: missing member, not a zip, truncated, CRC mismatch', async () => {
    const zip = createZip([{ name: 'metadata', data: metadata }]);
    await expect(readAll(zipMemberStream(chunked(zip, 100), 'filedata'))).rejects.toThrow(/no "filedata" member/);
    await expect(readAll(zipMemberStream(chunked(Buffer.from('<html>500</html>'), 100), 'filedata'))).rejects.toThrow(/not a ZIP/);
    const whole = createZip([{ name: 'filedata', data: payload }]);
    await expect(readAll(zipMemberStream(chunked(whole.subarray(0, 5000), 100), 'filedata'))).rejects.toBeInstanceOf(ApiError);
    const bad = buildZip([{ name: 'filedata', data: payload, badCrc: true }]);
    await expect(readAll(zipMemberStream(chunked(bad, 4096), 'filedata'))).rejects.toThrow(/corrupt/);
  });

  it('cancelling the member stream cancels the source', async () => {
    let cancelled = false;
    const zip = createZip([{ name: 'filedata', data: payload }]);
    let at = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(c) {
        if (at >= zip.length) return c.close();
        c.enqueue(zip.subarray(at, at + 512));
        at += 512;
      },
      cancel() {
        cancelled = true;
      },
    });
    const reader = zipMemberStream(source, 'filedata').getReader();
    const { value } = await reader.read();
    expect(Buffer.from(value!.subarray(0, 2)).toString()).toBe('MZ');
    await reader.cancel();
    expect(cancelled).toBe(true);
    expect(at).toBeLessThan(zip.length);
  });
});
