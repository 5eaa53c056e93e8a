// msw request handlers over the same core the node server uses, for unit tests without sockets:
//   server = setupServer(...emulatorHandlers(createState({ seed: 42, scale: 'small' })))
// answers every request whatever its origin; `{ baseUrl }` limits the handlers to one server.
// Transport faults map onto what msw can express: reset → network error (fetch rejects),
// truncate → a body stream that errors half-way, slow → a trickled stream.
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { EmulatorState } from './data/types.js';
import { createEmulatorCore, type CoreOptions, type EmulatorCore } from './server/runtime.js';
import type { EmuResponse } from './server/types.js';

export interface EmulatorHandlersOptions extends CoreOptions {
  /**
   * Origin (and optional path prefix) the handlers answer for, e.g. https://cb.example.test.
   * Default: every request, whatever its origin (the paths are the emulator's paths).
   */
  baseUrl?: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function toBytes(body: EmuResponse['body']): Uint8Array {
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

function toMswResponse(response: EmuResponse, method: string): Response {
  const headers = new Headers(response.headers);
  const bytes = toBytes(response.body);
  const noBody = method === 'HEAD' || response.status === 204 || response.status === 304;
  if (response.transport?.kind === 'reset') return HttpResponse.error();
  if (noBody) return new HttpResponse(null, { status: response.status, statusText: response.statusText, headers });
  headers.set('content-length', String(bytes.length));
  if (response.transport?.kind === 'truncate') {
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(half);
        controller.error(new TypeError('terminated: connection closed before the body was complete'));
      },
    });
    return new HttpResponse(stream, { status: response.status, statusText: response.statusText, headers });
  }
  if (response.transport?.kind === 'slow') {
    const { chunkDelayMs, chunkSize } = response.transport;
    const size = Math.max(chunkSize, Math.ceil(bytes.length / 32));
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (offset > 0) await sleep(chunkDelayMs);
        controller.enqueue(bytes.subarray(offset, offset + size));
        offset += size;
        if (offset >= bytes.length) controller.close();
      },
    });
    return new HttpResponse(stream, { status: response.status, statusText: response.statusText, headers });
  }
  return new HttpResponse(bytes, { status: response.status, statusText: response.statusText, headers });
}

function isCore(value: EmulatorState | EmulatorCore): value is EmulatorCore {
  return 'handle' in value && 'runtime' in value;
}

/**
 * Handlers answering every request under `baseUrl` (every request at all without it). Pass a
 * state (a new core is built with `opts`) or an existing core (e.g. `emulator.core` of a running
 * server) to share faults, stats and isolation tracking with it.
 */
export function emulatorHandlers(stateOrCore: EmulatorState | EmulatorCore, opts: EmulatorHandlersOptions = {}): HttpHandler[] {
  const core = isCore(stateOrCore) ? stateOrCore : createEmulatorCore(stateOrCore, opts);
  const base = opts.baseUrl?.replace(/\/+$/, '');
  const prefix = base ? new URL(base).pathname.replace(/\/+$/, '') : '';
  return [
    http.all(base ? `${base}/*` : '*', async ({ request }) => {
      const url = new URL(request.url);
      const path = prefix && url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => {
        headers[key] = value;
      });
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(await request.arrayBuffer());
      const response = await core.handle({ method: request.method, url: path + url.search, headers, body });
      return toMswResponse(response, request.method);
    }),
  ];
}

export { createEmulatorCore, type EmulatorCore, type CoreOptions } from './server/runtime.js';
