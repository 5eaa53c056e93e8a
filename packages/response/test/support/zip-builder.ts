// Hand-built ZIP archives for the extractor tests: data descriptors (with and without their
// signature), stored members, ZIP64 extras, corrupt CRCs. (The emulator's writer always puts
// sizes in the local header.)
import { crc32, deflateRawSync } from 'node:zlib';

export interface MemberSpec {
  name: string;
  data: Uint8Array;
  method?: 'store' | 'deflate';
  /** Sizes and CRC only in a trailing data descriptor (flag bit 3). */
  descriptor?: 'signed' | 'unsigned';
  /** Write a wrong CRC. */
  badCrc?: boolean;
  /** Use ZIP64 sizes (0xFFFFFFFF + extra field 0x0001). */
  zip64?: boolean;
}

const u16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const u64 = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

export function buildZip(members: readonly MemberSpec[]): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    const payload = m.method === 'store' ? Buffer.from(m.data) : deflateRawSync(m.data);
    const crc = m.badCrc ? (crc32(m.data) ^ 1) >>> 0 : crc32(m.data);
    const name = Buffer.from(m.name);
    const flags = m.descriptor ? 0x08 : 0;
    const inHeader = !m.descriptor;
    const extra = m.zip64 ? Buffer.concat([u16(1), u16(16), u64(m.data.length), u64(payload.length)]) : Buffer.alloc(0);
    const size = (n: number): Buffer => (m.zip64 ? u32(0xffffffff) : u32(inHeader ? n : 0));
    parts.push(
      u32(0x04034b50), u16(20), u16(flags), u16(m.method === 'store' ? 0 : 8), u16(0), u16(0),
      u32(inHeader ? crc : 0), size(payload.length), size(m.data.length), u16(name.length), u16(extra.length), name, extra, payload,
    );
    if (m.descriptor) {
      const sizes = m.zip64 ? [u64(payload.length), u64(m.data.length)] : [u32(payload.length), u32(m.data.length)];
      parts.push(...(m.descriptor === 'signed' ? [u32(0x08074b50)] : []), u32(crc), ...sizes);
    }
  }
  // A (minimal) central directory signature so the reader sees where members end.
  parts.push(u32(0x02014b50), Buffer.alloc(42), u32(0x06054b50), Buffer.alloc(18));
  return Buffer.concat(parts);
}

/** A web stream delivering `bytes` in chunks of `size`. */
export function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}
