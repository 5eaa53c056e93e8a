// A minimal DER (ASN.1 Distinguished Encoding Rules) encoder: just the types an X.509 v3
// certificate needs. Every function returns the complete TLV (tag, length, value) bytes.

export type Der = Buffer;

/** Encodes a definite length: short form below 128, else long form (0x80 | byte count). */
function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A raw TLV with the given tag byte (universal, context-specific or constructed). */
export function tlv(tag: number, value: Uint8Array): Der {
  return Buffer.concat([Buffer.from([tag]), encodeLength(value.length), value]);
}

export function sequence(...items: Der[]): Der {
  return tlv(0x30, Buffer.concat(items));
}

export function set(...items: Der[]): Der {
  return tlv(0x31, Buffer.concat(items));
}

export function boolean(value: boolean): Der {
  return tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
}

/**
 * INTEGER from a non-negative number or big-endian magnitude bytes. DER wants the minimal
 * two's-complement form: strip leading zeros, then add one back if the top bit is set so the
 * value stays positive.
 */
export function integer(value: number | Uint8Array): Der {
  let bytes: Buffer;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`integer: ${value}`);
    const out: number[] = [];
    for (let n = value; n > 0; n = Math.floor(n / 256)) out.unshift(n & 0xff);
    bytes = Buffer.from(out);
  } else {
    bytes = Buffer.from(value);
  }
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes.length === 0) bytes = Buffer.from([0]);
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

/** OBJECT IDENTIFIER from dotted text: first two arcs packed as 40*a+b, the rest base-128. */
export function oid(dotted: string): Der {
  const arcs = dotted.split('.').map((part) => {
    const n = Number(part);
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`oid: bad arc in ${dotted}`);
    return n;
  });
  if (arcs.length < 2) throw new RangeError(`oid: too short: ${dotted}`);
  const out: number[] = [];
  const push = (arc: number): void => {
    const chunk: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80);
    out.push(...chunk);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const arc of arcs.slice(2)) push(arc);
  return tlv(0x06, Buffer.from(out));
}

export function utf8String(text: string): Der {
  return tlv(0x0c, Buffer.from(text, 'utf8'));
}

export function octetString(bytes: Uint8Array): Der {
  return tlv(0x04, bytes);
}

/** BIT STRING whose content is whole bytes (signatures, keys): zero unused bits. */
export function bitString(bytes: Uint8Array, unusedBits = 0): Der {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes]));
}

/**
 * A DER "named bit list" (keyUsage): bit 0 is the most significant bit of the first byte;
 * trailing zero bits are dropped and counted as unused.
 */
export function namedBits(bits: readonly number[]): Der {
  if (bits.length === 0) return bitString(Buffer.alloc(0));
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  return bitString(bytes, 7 - (highest & 7));
}

/** UTCTime up to 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). Seconds precision, UTC. */
export function time(date: Date): Der {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '') + 'Z';
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(0x17, Buffer.from(digits.slice(2), 'ascii'));
  return tlv(0x18, Buffer.from(digits, 'ascii'));
}

/** [n] EXPLICIT: a constructed context-specific wrapper around a complete TLV. */
export function explicit(tagNumber: number, inner: Der): Der {
  return tlv(0xa0 | tagNumber, inner);
}

/** [n] IMPLICIT primitive: the context tag replaces the universal one. */
export function implicitPrimitive(tagNumber: number, value: Uint8Array): Der {
  return tlv(0x80 | tagNumber, value);
}

/** Reads the TLV at `offset`: returns its full bytes and where the value starts/ends. */
export function readTlv(buf: Buffer, offset: number): { tag: number; start: number; end: number; whole: Buffer } {
  const tag = buf[offset]!;
  let length = buf[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[start + i]!;
    start += count;
  }
  const end = start + length;
  if (end > buf.length) throw new RangeError('DER: length runs past the end of the data');
  return { tag, start, end, whole: buf.subarray(offset, end) };
}

/** The children of a constructed TLV (SEQUENCE, SET, explicit tag). */
export function children(buf: Buffer, parent: { start: number; end: number }): ReturnType<typeof readTlv>[] {
  const out: ReturnType<typeof readTlv>[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = readTlv(buf, at);
    out.push(child);
    at = child.end;
  }
  return out;
}
