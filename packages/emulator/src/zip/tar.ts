// Minimal ustar writer + gzip, for the Linux sensor installer download (a .tar.gz).
import { gzipSync } from 'node:zlib';

export interface TarEntryInput {
  name: string;
  data: Uint8Array | string;
  mode?: number;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

export function createTar(entries: readonly TarEntryInput[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
    const header = Buffer.alloc(512);
    header.write(entry.name.slice(0, 99), 0, 'utf8');
    header.write(octal(entry.mode ?? 0o755, 8), 100, 'latin1');
    header.write(octal(0, 8), 108, 'latin1');
    header.write(octal(0, 8), 116, 'latin1');
    header.write(octal(data.length, 12), 124, 'latin1');
    header.write(octal(0, 12), 136, 'latin1');
    header.write('        ', 148, 'latin1'); // checksum placeholder: spaces while summing
    header.write('0', 156, 'latin1');
    header.write('ustar\u000000', 257, 'latin1');
    let sum = 0;
    for (const b of header) sum += b;
    header.write(octal(sum, 7) + ' ', 148, 'latin1');
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export function createTarGz(entries: readonly TarEntryInput[]): Buffer {
  return gzipSync(createTar(entries));
}
