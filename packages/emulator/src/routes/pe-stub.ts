// A small, well-formed-looking PE image ("MZ" DOS header, e_lfanew → "PE\0\0") whose body is
// derived from a label, so a binary download is recognisably an executable and deterministic.
import { createHash } from 'node:crypto';

export function peStub(label: string, size = 1024): Buffer {
  const buf = Buffer.alloc(Math.max(size, 256));
  buf.write('MZ', 0, 'latin1');
  buf.writeUInt32LE(0x80, 0x3c); // e_lfanew
  buf.write('This program cannot be run in DOS mode.\r\r\n$', 0x4e, 'latin1');
  buf.write('PE\0\0', 0x80, 'latin1');
  buf.writeUInt16LE(0x8664, 0x84); // machine: x64
  // Fill the rest with a hash chain of the label: deterministic, incompressible-ish content.
  let block = createHash('sha256').update(label).digest();
  for (let off = 0x100; off < buf.length; off += block.length) {
    block.copy(buf, off);
    block = createHash('sha256').update(block).digest();
  }
  return buf;
}
