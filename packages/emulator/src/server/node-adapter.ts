// Bridges node:http(s) to the transport-neutral core: buffers the body (never more than the
// upload limit; the rest is counted and discarded so the 413 can still be answered cleanly),
// then writes the core's response, applying transport faults (reset, truncate, slow body).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
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

/**
 * The TCP socket carrying `socket`: itself for HTTP; for HTTPS the TLSSocket's transport. Node
 * exposes that only as `_parent`, so it is checked to really be a net.Socket before use.
 */
function tcpSocketOf(socket: Socket): Socket {
  const parent = (socket as Socket & { _parent?: unknown })._parent;
  return parent instanceof Socket ? parent : socket;
}

/**
 * Drop the connection with a TCP RST (ECONNRESET at the client). resetAndDestroy works only on
 * a socket whose handle is TCP (not on a TLSSocket, where it throws ERR_INVALID_HANDLE_TYPE), so
 * it is applied to the TCP socket underneath; the TLS layer then dies with it. Where that is not
 * possible the socket is destroyed, which the client still sees as a network error.
 */
export function resetSocket(socket: Socket): void {
  const tcp = tcpSocketOf(socket);
  try {
    tcp.resetAndDestroy();
  } catch {
    tcp.destroy();
  }
  if (tcp !== socket) socket.destroy();
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
  if (response.statusText) res.statusMessage = response.statusText;
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
