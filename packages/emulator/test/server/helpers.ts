// Shared test helpers: start an emulator on 127.0.0.1:0 and call it with plain fetch.
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../../src/index.js';

export interface TestServer {
  emu: RunningEmulator;
  /** fetch relative to the emulator URL with the admin token (override with headers). */
  api(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  /** GET + JSON with the admin token; asserts a 2xx status. */
  getJson<T = any>(path: string, token?: string): Promise<T>;
  send<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T; text: string; headers: Headers }>;
}

export async function startTestServer(opts: StartEmulatorOptions = {}): Promise<TestServer> {
  const emu = await startEmulator({ seed: 42, scale: 'small', ...opts });
  const api = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    const t = token === undefined ? emu.token : token;
    if (t !== null) headers.set('X-Auth-Token', t);
    return fetch(`${emu.url}${path}`, { ...rest, headers });
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
  return { emu, api, getJson, send };
}
