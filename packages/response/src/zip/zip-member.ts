// Streaming extraction of one ZIP member (PKWARE APPNOTE 6.3) from a download, in constant
// memory: local file headers are read in order (the central directory at the end is never
// needed), other members are skipped as they stream past, and the wanted member is inflated on
// the fly (node:zlib createInflateRaw) or passed through when stored. Members whose sizes follow
// in a data descriptor (flag bit 3) are delimited by finding that descriptor. CRC-32 and size are
// checked at the end, so a corrupted download fails instead of returning wrong bytes.
import { Readable } from 'node:stream';
import { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createInflateRaw, crc32 } from 'node:zlib';
import { ApiError, type ErrorContext } from '@cb/core';
import { ByteSource } from './byte-source.js';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const DESCRIPTOR = 0x08074b50;
const FLAG_DESCRIPTOR = 0x08;
const FLAG_ENCRYPTED = 0x01;
const STORED = 0;
const DEFLATED = 8;
const ZIP64_EXTRA = 0x0001;
const U32_MAX = 0xffffffff;

interface LocalHeader {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  /** Compressed size; undefined when it only follows in the data descriptor. */
  readonly compressedSize: number | undefined;
  readonly size: number | undefined;
  readonly zip64: boolean;
}

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 2 ** 32;

function isHeaderSignature(b: Uint8Array, at: number): boolean {
  const sig = u32(b, at);
  return sig === LOCAL_HEADER || sig === CENTRAL_HEADER || sig === END_OF_CENTRAL;
}

async function readLocalHeader(source: ByteSource): Promise<LocalHeader> {
  const fixed = await source.readExact(26);
  const flags = u16(fixed, 2);
  const method = u16(fixed, 4);
  let compressedSize: number | undefined = u32(fixed, 14);
  let size: number | undefined = u32(fixed, 18);
  const name = new TextDecoder().decode(await source.readExact(u16(fixed, 22)));
  const extra = await source.readExact(u16(fixed, 24));
  let zip64 = false;
  // ZIP64: sizes of 0xFFFFFFFF are in extra field 0x0001 (uncompressed first, then compressed).
  for (let at = 0; at + 4 <= extra.length; at += 4 + u16(extra, at + 2)) {
    if (u16(extra, at) !== ZIP64_EXTRA) continue;
    zip64 = true;
    let field = at + 4;
    if (size === U32_MAX) {
      size = u64(extra, field);
      field += 8;
    }
    if (compressedSize === U32_MAX) compressedSize = u64(extra, field);
  }
  if ((flags & FLAG_DESCRIPTOR) !== 0 && compressedSize === 0) {
    compressedSize = undefined;
    size = undefined;
  }
  return { name, flags, method, crc: u32(fixed, 10), compressedSize, size, zip64 };
}

/** Sizes and CRC from a data descriptor (with or without its optional signature). */
interface Descriptor {
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
}

/**
 * The compressed bytes of a member whose length is only in the trailing data descriptor. The
 * descriptor is recognised by its compressed-size field matching the bytes seen so far and a
 * ZIP signature right after it; at most 23 bytes are held back while looking.
 */
async function* untilDescriptor(source: ByteSource, onDescriptor: (d: Descriptor) => void, zip64: boolean): AsyncGenerator<Uint8Array, void, undefined> {
  const sizeBytes = zip64 ? 8 : 4;
  const signed = 4 + 4 + 2 * sizeBytes; // signature, crc, sizes
  const unsigned = 4 + 2 * sizeBytes;
  const window = signed + 4; // + the next header's signature
  const readSize = (b: Uint8Array, at: number): number => (zip64 ? u64(b, at) : u32(b, at));
  let pending = new Uint8Array(0);
  let emitted = 0;
  for (;;) {
    const chunk = await source.next();
    if (chunk === undefined) throw source.truncated();
    const joined = new Uint8Array(pending.length + chunk.length);
    joined.set(pending, 0);
    joined.set(chunk, pending.length);
    pending = joined;
    const decidable = pending.length - window;
    for (let i = 0; i <= decidable; i++) {
      let descriptorLength = 0;
      if (u32(pending, i) === DESCRIPTOR && readSize(pending, i + 8) === emitted + i && isHeaderSignature(pending, i + signed)) {
        descriptorLength = signed;
      } else if (readSize(pending, i + 4) === emitted + i && isHeaderSignature(pending, i + unsigned)) {
        descriptorLength = unsigned;
      }
      if (descriptorLength === 0) continue;
      const offset = descriptorLength === signed ? 4 : 0;
      onDescriptor({
        crc: u32(pending, i + offset),
        compressedSize: readSize(pending, i + offset + 4),
        size: readSize(pending, i + offset + 4 + sizeBytes),
      });
      if (i > 0) yield pending.subarray(0, i);
      source.unshift(pending.subarray(i + descriptorLength));
      return;
    }
    const safe = Math.max(0, decidable + 1);
    if (safe > 0) {
      yield pending.subarray(0, safe);
      emitted += safe;
      pending = pending.subarray(safe);
    }
  }
}

/** Reads the descriptor after a member whose sizes were already in the local header. */
async function skipDescriptor(source: ByteSource, zip64: boolean): Promise<Descriptor> {
  const head = await source.readExact(4);
  const sizeBytes = zip64 ? 8 : 4;
  let body: Uint8Array;
  if (u32(head, 0) === DESCRIPTOR) body = await source.readExact(4 + 2 * sizeBytes);
  else {
    const rest = await source.readExact(2 * sizeBytes);
    body = new Uint8Array([...head, ...rest]);
  }
  const read = (at: number): number => (zip64 ? u64(body, at) : u32(body, at));
  return { crc: u32(body, 0), compressedSize: read(4), size: read(4 + sizeBytes) };
}

/** Inflates raw-deflate chunks as they are pulled (zlib's own buffers bound the memory). */
async function* inflate(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const compressed = Readable.from(input, { objectMode: false });
  const inflater = createInflateRaw();
  compressed.on('error', (error) => inflater.destroy(error));
  compressed.pipe(inflater);
  try {
    for await (const chunk of inflater as AsyncIterable<Uint8Array>) yield chunk;
  } finally {
    compressed.destroy();
    inflater.destroy();
  }
}

/** Bytes gathered before they go on (tiny network chunks would make zlib crawl). */
const BATCH_BYTES = 16 * 1024;

/** Joins small chunks into pieces of at least BATCH_BYTES (the last one may be shorter). */
async function* coalesce(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  let parts: Uint8Array[] = [];
  let size = 0;
  const flush = (): Uint8Array => {
    const out = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    return out;
  };
  for await (const chunk of input) {
    if (chunk.length === 0) continue;
    if (size === 0 && chunk.length >= BATCH_BYTES) {
      yield chunk;
      continue;
    }
    parts.push(chunk);
    size += chunk.length;
    if (size >= BATCH_BYTES) yield flush();
  }
  if (size > 0) yield flush();
}

async function drain(input: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of input) void chunk;
}

/**
 * Yields the bytes of member `name`; throws ApiError when the archive has no such member, uses
 * an unsupported method or encryption, or fails its CRC/size check. Stops reading the source
 * after the member (the caller cancels the rest of the download).
 */
export async function* extractZipMember(source: ByteSource, name: string, context: ErrorContext = {}): AsyncGenerator<Uint8Array, void, undefined> {
  for (;;) {
    const signature = u32(await source.readExact(4), 0);
    if (signature === CENTRAL_HEADER || signature === END_OF_CENTRAL) {
      throw new ApiError(`The ZIP download has no "${name}" member`, context);
    }
    if (signature !== LOCAL_HEADER) throw new ApiError('The download is not a ZIP archive', context);
    const header = await readLocalHeader(source);
    const hasDescriptor = (header.flags & FLAG_DESCRIPTOR) !== 0;
    let descriptor: Descriptor | undefined;
    const data =
      header.compressedSize === undefined
        ? untilDescriptor(source, (d) => (descriptor = d), header.zip64)
        : source.take(header.compressedSize);

    if (header.name !== name) {
      await drain(data);
      if (hasDescriptor && header.compressedSize !== undefined) await skipDescriptor(source, header.zip64);
      continue;
    }
    if ((header.flags & FLAG_ENCRYPTED) !== 0) throw new ApiError(`ZIP member "${name}" is encrypted`, context);
    if (header.method !== STORED && header.method !== DEFLATED) {
      throw new ApiError(`ZIP member "${name}" uses compression method ${header.method} (only stored and deflate are supported)`, context);
    }

    let crc = 0;
    let size = 0;
    for await (const chunk of header.method === DEFLATED ? inflate(coalesce(data)) : coalesce(data)) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      yield chunk;
    }
    if (hasDescriptor && header.compressedSize !== undefined) descriptor = await skipDescriptor(source, header.zip64);
    const expected = descriptor ?? { crc: header.crc, size: header.size ?? size, compressedSize: header.compressedSize ?? 0 };
    if (expected.crc !== crc || expected.size !== size) {
      throw new ApiError(`ZIP member "${name}" is corrupt (CRC-32 or size mismatch)`, context);
    }
    return;
  }
}

/** A web ReadableStream typed with Node's async iteration (`for await (const chunk of stream)`). */
export type ByteStream = NodeReadableStream<Uint8Array>;

/**
 * A stream of member `name` of the ZIP in `zip`. Reading is driven by the consumer (one chunk in
 * flight); cancelling the returned stream cancels the download.
 */
export function zipMemberStream(zip: ReadableStream<Uint8Array>, name: string, context: ErrorContext = {}): ByteStream {
  const source = new ByteSource(zip.getReader(), context);
  const member = extractZipMember(source, name, context);
  return new NodeReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await member.next();
          if (done) {
            controller.close();
            await source.cancel(); // the rest of the archive (metadata, directory) is not needed
          } else {
            controller.enqueue(value);
          }
        } catch (error) {
          controller.error(error);
          await source.cancel(error);
        }
      },
      async cancel(reason) {
        await member.return(undefined);
        await source.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
