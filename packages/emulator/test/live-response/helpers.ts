// Plain-fetch clients for the three Live Response wire protocols (no SDK), so tests can run the
// same scenario against Cb Response, Cb Defense and Carbon Black Cloud.
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../../src/index.js';

export type BackendName = 'response' | 'defense' | 'cloud';

export interface Reply<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startLr(opts: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({
    seed: 42,
    scale: 'small',
    ...opts,
    liveResponse: { sessionLatencyMs: 20, commandLatencyMs: 10, ...opts.liveResponse },
  });
}

export async function call(url: string, method: string, token: string | null, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (token !== null) headers['X-Auth-Token'] = token;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(url, { method, headers, body: payload, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

/** Backend-specific spelling of the same operations. */
export interface LrClient {
  backend: BackendName;
  emu: RunningEmulator;
  /** Host id as the backend names it (sensor id or device id). */
  hostId(sensorId: number): number;
  createSession(sensorId: number): Promise<Reply>;
  getSession(id: string | number): Promise<Reply>;
  waitActive(id: string | number, timeoutMs?: number): Promise<any>;
  close(id: string | number): Promise<Reply>;
  keepalive(id: string | number): Promise<Reply>;
  /** `target` goes into `object` (Response/Defense) or `path`/`pid` (Cloud). */
  post(id: string | number, name: string, target?: string | number, extra?: Record<string, unknown>): Promise<Reply>;
  getCommand(id: string | number, cid: number): Promise<Reply>;
  /** Polls until complete/error. */
  run(id: string | number, name: string, target?: string | number, extra?: Record<string, unknown>): Promise<any>;
  upload(id: string | number, data: Uint8Array, fileName: string): Promise<Reply>;
  download(id: string | number, fileId: number): Promise<Uint8Array>;
  /** The file id a get-file POST reply carries. */
  fileIdOf(postReply: any): number;
  done(status: string): boolean;
  ok(status: string): boolean;
  active: string;
}

function legacyClient(emu: RunningEmulator, backend: 'response' | 'defense'): LrClient {
  const base = backend === 'response' ? `${emu.url}/api/v1/cblr` : `${emu.url}/integrationServices/v3/cblr`;
  const token = backend === 'response' ? emu.token : emu.defense.token;
  const client: LrClient = {
    backend,
    emu,
    hostId: (sensorId) => (backend === 'response' ? sensorId : sensorId + 21210),
    createSession: (sensorId) =>
      backend === 'response'
        ? call(`${base}/session`, 'POST', token, { sensor_id: sensorId })
        : call(`${base}/session/${sensorId + 21210}`, 'POST', token, { sensor_id: sensorId + 21210 }),
    getSession: (id) => call(`${base}/session/${id}`, 'GET', token),
    async waitActive(id, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const r = await client.getSession(id);
        if (r.body?.status === client.active) return r.body;
        if (Date.now() > deadline) throw new Error(`session ${id} not active: ${r.text}`);
        await sleep(10);
      }
    },
    async close(id) {
      if (backend === 'defense') return call(`${base}/session`, 'PUT', token, { session_id: id, status: 'CLOSE' });
      const current = await client.getSession(id);
      return call(`${base}/session/${id}`, 'PUT', token, { ...current.body, status: 'close' });
    },
    keepalive: (id) => call(`${base}/session/${id}/keepalive`, 'GET', token),
    post: (id, name, target, extra = {}) =>
      call(`${base}/session/${id}/command`, 'POST', token, { name, ...(target === undefined ? {} : { object: target }), session_id: id, ...extra }),
    getCommand: (id, cid) => call(`${base}/session/${id}/command/${cid}`, 'GET', token),
    async run(id, name, target, extra) {
      const posted = await client.post(id, name, target, extra);
      if (posted.status !== 200) throw new Error(`POST ${name} -> ${posted.status}: ${posted.text}`);
      return pollCommand(client, id, posted.body.id);
    },
    upload: (id, data, fileName) => {
      const form = new FormData();
      form.append('file', new Blob([Uint8Array.from(data)]), fileName);
      return call(`${base}/session/${id}/file`, 'POST', token, form);
    },
    async download(id, fileId) {
      const res = await fetch(`${base}/session/${id}/file/${fileId}/content`, { headers: { 'X-Auth-Token': token } });
      if (res.status !== 200) throw new Error(`download -> ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    fileIdOf: (reply) => reply.file_id,
    done: (s) => s === 'complete' || s === 'error',
    ok: (s) => s === 'complete',
    active: backend === 'response' ? 'active' : 'ACTIVE',
  };
  return client;
}

function cloudClient(emu: RunningEmulator, token = emu.cloud.token, orgKey = emu.cloud.orgKey): LrClient {
  const base = `${emu.url}/appservices/v6/orgs/${orgKey}/liveresponse`;
  const client: LrClient = {
    backend: 'cloud',
    emu,
    hostId: (sensorId) => sensorId + 21210,
    createSession: (sensorId) => call(`${base}/sessions`, 'POST', token, { device_id: sensorId + 21210 }),
    getSession: (id) => call(`${base}/sessions/${id}`, 'GET', token),
    async waitActive(id, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const r = await client.getSession(id);
        if (r.body?.status === 'ACTIVE') return r.body;
        if (Date.now() > deadline) throw new Error(`session ${id} not active: ${r.text}`);
        await sleep(10);
      }
    },
    close: (id) => call(`${base}/sessions/${id}`, 'DELETE', token),
    keepalive: (id) => call(`${base}/sessions/${id}/keepalive`, 'GET', token),
    post: (id, name, target, extra = {}) => {
      const operand = target === undefined ? {} : name === 'kill' ? { pid: target } : { path: target };
      return call(`${base}/sessions/${id}/commands`, 'POST', token, { name, ...operand, session_id: id, ...extra });
    },
    getCommand: (id, cid) => call(`${base}/sessions/${id}/commands/${cid}`, 'GET', token),
    async run(id, name, target, extra) {
      const posted = await client.post(id, name, target, extra);
      if (posted.status !== 201) throw new Error(`POST ${name} -> ${posted.status}: ${posted.text}`);
      return pollCommand(client, id, posted.body.id);
    },
    upload: (id, data, fileName) => {
      const form = new FormData();
      form.append('file', new Blob([Uint8Array.from(data)]), fileName);
      return call(`${base}/sessions/${id}/files`, 'POST', token, form);
    },
    async download(id, fileId) {
      const first = await fetch(`${base}/sessions/${id}/files/${fileId}/content`, { headers: { 'X-Auth-Token': token }, redirect: 'manual' });
      if (first.status !== 302) throw new Error(`content -> ${first.status}`);
      // The redirect target is a pre-signed style link: no token follows it.
      const res = await fetch(new URL(first.headers.get('location')!, emu.url));
      if (res.status !== 200) throw new Error(`download -> ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    fileIdOf: (reply) => reply.file_details.file_id,
    done: (s) => ['COMPLETE', 'ERROR', 'CANCELLED'].includes(s.toUpperCase()),
    ok: (s) => s.toUpperCase() === 'COMPLETE',
    active: 'ACTIVE',
  };
  return client;
}

export function lrClient(emu: RunningEmulator, backend: BackendName): LrClient {
  return backend === 'cloud' ? cloudClient(emu) : legacyClient(emu, backend);
}

export { cloudClient };

async function pollCommand(client: LrClient, id: string | number, cid: number, timeoutMs = 3000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await client.getCommand(id, cid);
    if (r.status !== 200) throw new Error(`GET command ${cid} -> ${r.status}: ${r.text}`);
    if (client.done(r.body.status)) return r.body;
    if (Date.now() > deadline) throw new Error(`command ${cid} not done: ${r.text}`);
    await sleep(5);
  }
}

/** Opens a session and waits for it to become active. */
export async function openSession(client: LrClient, sensorId: number): Promise<string | number> {
  const created = await client.createSession(sensorId);
  if (created.status !== 200 && created.status !== 201) throw new Error(`create session -> ${created.status}: ${created.text}`);
  await client.waitActive(created.body.id);
  return created.body.id;
}

/** HRESULT of a Win32 code, unsigned (Response/Defense) or signed (Cloud). */
export function hresult(code: number, backend: BackendName): number {
  const u = (0x80070000 | code) >>> 0;
  return backend === 'cloud' ? u | 0 : u;
}
