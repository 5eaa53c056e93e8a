// Minimal multipart/form-data reader for LR uploads: finds the part named `file` and returns
// its bytes and file name (live-response.md §1: a single part named `file`).

export interface UploadedPart {
  fileName: string;
  data: Uint8Array;
}

function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

function headerParam(headers: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|[;\\s])${name}=(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(headers);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The `file` part, or undefined when the body is not multipart or has no such part. */
export function readFilePart(contentType: string | undefined, body: Uint8Array | undefined): UploadedPart | undefined {
  const boundary = boundaryOf(contentType);
  if (!boundary || !body) return undefined;
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = buf.indexOf(delimiter);
  while (pos >= 0) {
    const partStart = pos + delimiter.length;
    if (buf.subarray(partStart, partStart + 2).toString() === '--') return undefined;
    const headerEnd = buf.indexOf('\r\n\r\n', partStart);
    if (headerEnd < 0) return undefined;
    const next = buf.indexOf(delimiter, headerEnd + 4);
    if (next < 0) return undefined;
    const headers = buf.subarray(partStart, headerEnd).toString('utf8');
    // The part body ends with the CRLF that precedes the next delimiter.
    const dataEnd = buf[next - 2] === 0x0d && buf[next - 1] === 0x0a ? next - 2 : next;
    if (headerParam(headers, 'name') === 'file') {
      return { fileName: headerParam(headers, 'filename') ?? 'file', data: Uint8Array.from(buf.subarray(headerEnd + 4, dataEnd)) };
    }
    pos = next;
  }
  return undefined;
}
