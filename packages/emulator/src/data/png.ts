// Minimal PNG writer for binary/feed icons. Uses stored (uncompressed) deflate blocks so the
// bytes never depend on the zlib build: identical output on every machine.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib stream with stored blocks (max 65535 bytes each) */
function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(2 + data.length + blocks * 5 + 4);
  const dv = new DataView(out.buffer);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const chunk = data.subarray(b * 65535, Math.min(data.length, (b + 1) * 65535));
    out[o++] = b === blocks - 1 ? 1 : 0;
    dv.setUint16(o, chunk.length, true);
    dv.setUint16(o + 2, ~chunk.length & 0xffff, true);
    o += 4;
    out.set(chunk, o);
    o += chunk.length;
  }
  dv.setUint32(o, adler32(data));
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** A size×size RGB PNG: a rounded badge in `rgb` with a lighter diagonal stripe. */
export function iconPng(rgb: readonly [number, number, number], size = 16): Uint8Array {
  const raw = new Uint8Array(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const edge = (x === 0 || y === 0 || x === size - 1 || y === size - 1) as boolean;
      const stripe = Math.abs(x - y) < 2;
      const k = edge ? 0.55 : stripe ? 1.35 : 1;
      const o = row + 1 + x * 3;
      raw[o] = Math.min(255, Math.round(rgb[0] * k));
      raw[o + 1] = Math.min(255, Math.round(rgb[1] * k));
      raw[o + 2] = Math.min(255, Math.round(rgb[2] * k));
    }
  }
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, size);
  dv.setUint32(4, size);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const parts = [
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibStored(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const cache = new Map<string, string>();

/** base64 PNG, cached per colour (a large estate shares a handful of icons). */
export function iconBase64(rgb: readonly [number, number, number]): string {
  const key = rgb.join(',');
  let s = cache.get(key);
  if (s === undefined) {
    s = Buffer.from(iconPng(rgb)).toString('base64');
    cache.set(key, s);
  }
  return s;
}
