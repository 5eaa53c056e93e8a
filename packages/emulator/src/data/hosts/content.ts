// Deterministic file bodies for the simulated file systems. The size is chosen up front (so a
// directory listing never materialises content) and the generator produces exactly that many
// bytes from a label, so a download is the same on every run.
import { createHash } from 'node:crypto';

export type ContentKind = 'pe' | 'elf' | 'macho' | 'text' | 'binary';

function hashFill(buf: Buffer, from: number, label: string): void {
  let block = createHash('sha256').update(label).digest();
  for (let off = from; off < buf.length; off += block.length) {
    block.copy(buf, off);
    block = createHash('sha256').update(block).digest();
  }
}

function executable(kind: 'pe' | 'elf' | 'macho', label: string, size: number): Buffer {
  const buf = Buffer.alloc(size);
  if (kind === 'pe') {
    buf.write('MZ', 0, 'latin1');
    if (size >= 0x90) {
      buf.writeUInt32LE(0x80, 0x3c); // e_lfanew
      buf.write('This program cannot be run in DOS mode.\r\r\n$', 0x4e, 'latin1');
      buf.write('PE\0\0', 0x80, 'latin1');
      buf.writeUInt16LE(0x8664, 0x84); // x64
    }
  } else if (kind === 'elf') {
    buf.write('\x7fELF\x02\x01\x01', 0, 'latin1');
  } else {
    buf.writeUInt32LE(0xfeedfacf, 0); // MH_MAGIC_64
  }
  hashFill(buf, Math.min(size, 0x100), label);
  return buf;
}

function text(label: string, lines: readonly string[], size: number): Buffer {
  const body = lines.join('\r\n');
  if (body.length >= size) return Buffer.from(body.slice(0, size), 'latin1');
  // Pad with numbered filler lines so the size is exact and the content still reads as text.
  let out = body;
  for (let i = 1; out.length < size; i++) out += `\r\n# ${label} ${i}`;
  return Buffer.from(out.slice(0, size), 'latin1');
}

export function generateContent(kind: ContentKind, label: string, size: number, lines: readonly string[] = []): Uint8Array {
  if (size <= 0) return new Uint8Array(0);
  switch (kind) {
    case 'pe':
    case 'elf':
    case 'macho':
      return executable(kind, label, size);
    case 'text':
      return text(label, lines.length ? lines : [label], size);
    case 'binary': {
      const buf = Buffer.alloc(size);
      hashFill(buf, 0, label);
      return buf;
    }
  }
}

/** Content kind implied by a file name on a given OS family. */
export function kindForName(name: string, windows: boolean, macOs = false): ContentKind {
  const lower = name.toLowerCase();
  if (/\.(exe|dll|sys|scr|cpl|ocx|drv|com)$/.test(lower)) return 'pe';
  if (/\.(txt|log|ini|cfg|conf|xml|json|csv|md|ps1|bat|cmd|sh|plist|html?|reg|inf)$/.test(lower)) return 'text';
  if (!windows && !lower.includes('.')) return macOs ? 'macho' : 'elf';
  return 'binary';
}
