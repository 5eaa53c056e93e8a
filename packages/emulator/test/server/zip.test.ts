import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, createZip, readZip } from '../../src/zip/index.js';
import { createTar } from '../../src/zip/tar.js';

describe('zip writer/reader', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('round-trips deflated and stored members', () => {
    const big = Buffer.alloc(100_000, 'abc');
    const zip = createZip([
      { name: 'filedata', data: big },
      { name: 'metadata', data: 'Timestamp : 01/02/2017 04:05:44\r\n', method: 'store' },
    ]);
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['filedata', 'metadata']);
    expect(entries[0]!.data.equals(big)).toBe(true);
    expect(entries[1]!.data.toString()).toContain('Timestamp');
    expect(zip.length).toBeLessThan(big.length / 10);
  });

  it('writes a local header that zlib can inflate directly', () => {
    const zip = createZip([{ name: 'a.txt', data: 'hello hello hello' }]);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const compressed = zip.readUInt32LE(18);
    const start = 30 + zip.readUInt16LE(26) + zip.readUInt16LE(28);
    expect(inflateRawSync(zip.subarray(start, start + compressed)).toString()).toBe('hello hello hello');
  });

  it('detects corruption', () => {
    const zip = createZip([{ name: 'x', data: 'payload', method: 'store' }]);
    zip[30 + 1] = 'Q'.charCodeAt(0); // flip a data byte
    expect(() => readZip(zip)).toThrow(/CRC/);
    expect(() => readZip(Buffer.from('not a zip'))).toThrow();
  });

  it('writes ustar archives with valid checksums', () => {
    const tar = createTar([{ name: 'a.sh', data: 'echo hi\n' }]);
    expect(tar.length % 512).toBe(0);
    expect(tar.toString('latin1', 257, 262)).toBe('ustar');
    const header = Buffer.from(tar.subarray(0, 512));
    const stored = parseInt(header.toString('latin1', 148, 155), 8);
    header.fill(' ', 148, 156);
    expect([...header].reduce((a, b) => a + b, 0)).toBe(stored);
  });
});
