// Shared test helpers: start an emulator on 127.0.0.1:0 and call it with plain fetch — the
// global fetch over HTTP; with `tls`, undici's fetch through an Agent that trusts the
// emulator's CA (what a client pinning the generated certificate would do).
import { createRequire } from 'node:module';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../../src/index.js';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface TestServer {
  emu: RunningEmulator;
  /** fetch for this server's scheme (trusts the emulator CA with `tls`). */
  fetch: FetchLike;
  /** fetch relative to the emulator URL with the admin token (override with headers). */
  api(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  /** GET + JSON with the admin token; asserts a 2xx status. */
  getJson<T = any>(path: string, token?: string): Promise<T>;
  send<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T; text: string; headers: Headers }>;
  /** Stops the server (and the TLS client agent). */
  close(): Promise<void>;
}

/** The slice of undici the tests use (its types are not visible from this package). */
export interface UndiciLike {
  Agent: new (opts: { connect: { ca?: string } }) => { close(): Promise<void> };
  fetch(url: string, init: Record<string, unknown>): Promise<Response>;
}

/** undici lives in the workspace (a dependency of @cb/core); load it from there. */
export function loadUndici(): UndiciLike {
  for (const anchor of ['../../package.json', '../../../core/package.json', '../../../../package.json']) {
    try {
      return createRequire(new URL(anchor, import.meta.url))('undici') as UndiciLike;
    } catch {
      // try the next location
    }
  }
  throw new Error('undici is not resolvable from the workspace (it is a dependency of @cb/core)');
}

/** A fetch that trusts `ca` (for the emulator's HTTPS mode), and a way to release its agent. */
export function fetchTrusting(ca: string): { fetch: FetchLike; close(): Promise<void> } {
  const undici = loadUndici();
  const agent = new undici.Agent({ connect: { ca } });
  return {
    fetch: (url, init = {}) => undici.fetch(url, { ...init, dispatcher: agent }),
    close: () => agent.close(),
  };
}

export async function startTestServer(opts: StartEmulatorOptions = {}): Promise<TestServer> {
  const emu = await startEmulator({ seed: 42, scale: 'small', ...opts });
  const tls = emu.caCert ? fetchTrusting(emu.caCert) : undefined;
  const doFetch: FetchLike = tls ? tls.fetch : (url, init) => fetch(url, init);
  const api = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    const t = token === undefined ? emu.token : token;
    if (t !== null) headers.set('X-Auth-Token', t);
    return doFetch(`${emu.url}${path}`, { ...rest, headers });
  };
  const getJson = async (path: string, token?: string) => {
    const res = await api(path, { token });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${path} -> ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  const send = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await api(path, {
      method,
      token,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
  const close = async () => {
    await emu.close();
    await tls?.close();
  };
  return { emu, fetch: doFetch, api, getJson, send, close };
}
