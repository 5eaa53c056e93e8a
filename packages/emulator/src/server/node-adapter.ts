// Bridges node:http(s) to the transport-neutral core: buffers the body (never more than the
// upload limit; the rest is counted and discarded so the 413 can still be answered cleanly),
// then writes the core's response, applying transport faults (reset, truncate, slow body).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { EmuResponse, RequestHandler } from './types.js';

export interface NodeAdapterOptions {
  uploadLimitBytes: number;
  /** Called when writing a response fails unexpectedly (not for injected faults). */
  onError?: (err: unknown) => void;
}

export function createNodeListener(handle: RequestHandler, opts: NodeAdapterOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= opts.uploadLimitBytes) chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = received > 0 && received <= opts.uploadLimitBytes ? Buffer.concat(chunks) : undefined;
      handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, bodyLength: received })
        .then((response) => writeResponse(req, res, response))
        .catch((err: unknown) => {
          opts.onError?.(err);
          if (!res.headersSent) {
            res.statusCode = 500;
            res.end();
          } else res.destroy();
        });
    });
  };
}

function resetSocket(socket: Socket): void {
  // resetAndDestroy sends a TCP RST (ECONNRESET at the client) where supported.
  const s = socket as Socket & { resetAndDestroy?: () => void };
  if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
  else s.destroy();
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function writeResponse(req: IncomingMessage, res: ServerResponse, response: EmuResponse): Promise<void> {
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : Buffer.from(response.body);
  const transport = response.transport;
  if (transport?.kind === 'reset') {
    resetSocket(req.socket);
    return;
  }
  const isHead = req.method === 'HEAD';
  const noBody = isHead || response.status === 204 || response.status === 304;
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (!noBody || isHead) res.setHeader('content-length', String(noBody && !isHead ? 0 : body.length));
  if (noBody) {
    if (response.status === 204 || response.status === 304) res.removeHeader('content-length');
    res.end();
    return;
  }
  if (transport?.kind === 'truncate') {
    // Promise the whole body, deliver half, then drop the connection.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
      res.socket?.destroy();
    });
    return;
  }
  if (transport?.kind === 'slow') {
    res.flushHeaders();
    // At most 32 chunks, so a large page trickles for ~32 delays rather than minutes.
    const size = Math.max(transport.chunkSize, Math.ceil(body.length / 32));
    for (let i = 0; i < body.length; i += size) {
      if (res.destroyed) return;
      res.write(body.subarray(i, i + size));
      if (i + size < body.length) await sleep(transport.chunkDelayMs);
    }
    res.end();
    return;
  }
  res.end(body);
}
