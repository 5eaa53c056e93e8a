// The multipart body of a file upload: one part named `file` (live-response.md §1). Buffers
// and strings go through FormData; streams are sent as a hand-built multipart stream so a
// large file is never held in memory (and, being a stream, is never re-sent by a retry).
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';

/** What `putFile` accepts: text (UTF-8), bytes, a Blob, a web stream or a Node readable. */
export type UploadSource = string | Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

export interface PreparedUpload {
  readonly body: BodyInit;
  /** Extra request headers (the multipart content type of a streamed body). */
  readonly headers: Readonly<Record<string, string>>;
  /** Bytes of file data when known up front. */
  readonly size: number | undefined;
  /** Bytes of file data handed to the transport so far (streams). */
  bytesSent(): number;
}

function isWebStream(source: unknown): source is ReadableStream<Uint8Array> {
  return typeof source === 'object' && source !== null && typeof (source as { getReader?: unknown }).getReader === 'function';
}

function isAsyncIterable(source: unknown): source is AsyncIterable<Uint8Array | string> {
  return typeof source === 'object' && source !== null && typeof (source as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/** A file name for the part: the caller's, else a file stream's own name, else `file` (cbapi). */
export function uploadFileName(source: UploadSource, explicit: string | undefined): string {
  if (explicit) return explicit;
  const path = (source as { path?: unknown }).path;
  if (typeof path === 'string' && path !== '') return basename(path);
  return 'file';
}

export function prepareUpload(source: UploadSource, fileName: string, declaredSize?: number): PreparedUpload {
  if (typeof source === 'string' || source instanceof Uint8Array || source instanceof ArrayBuffer || source instanceof Blob) {
    const blob = source instanceof Blob ? source : new Blob([typeof source === 'string' ? Buffer.from(source, 'utf8') : toBlobPart(source)]);
    const form = new FormData();
    form.append('file', blob, fileName);
    return { body: form, headers: {}, size: blob.size, bytesSent: () => blob.size };
  }
  if (isWebStream(source) || isAsyncIterable(source)) return streamedUpload(source, fileName, declaredSize);
  throw new TypeError('putFile needs a string, Buffer/Uint8Array, ArrayBuffer, Blob, web ReadableStream or Node readable stream');
}

function toBlobPart(bytes: Uint8Array | ArrayBuffer): ArrayBuffer | Uint8Array<ArrayBuffer> {
  if (bytes instanceof ArrayBuffer) return bytes;
  // Blob wants ArrayBuffer-backed views; a SharedArrayBuffer-backed one is copied.
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

function quoteName(name: string): string {
  return name.replace(/[\r\n]/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function streamedUpload(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>, fileName: string, declaredSize: number | undefined): PreparedUpload {
  const boundary = `----cbLiveResponse${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoteName(fileName)}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  let sent = 0;
  const chunks = isWebStream(source) ? readWebStream(source) : source;
  async function* parts(): AsyncGenerator<Uint8Array> {
    yield head;
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      sent += bytes.byteLength;
      yield bytes;
    }
    yield tail;
  }
  const iterator = parts();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
  return {
    body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    size: declaredSize,
    bytesSent: () => sent,
  };
}

async function* readWebStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
