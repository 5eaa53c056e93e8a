// A tiny in-test Live Response server speaking the three wire protocols of live-response.md
// and cbc-live-response.md, as one msw catch-all handler. It keeps per-host file systems,
// registries and process lists, counts open sessions (and the maximum ever open at once) and
// records every request, so tests can assert request shapes and "nothing left open".
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { hresultFromWin32 } from '../../src/win32.js';

export type Product = 'response' | 'defense' | 'platform';

export const BASE = 'https://cb.test';
export const CDN = 'https://cdn.test';
export const ORG = 'ORG1';

const WINDOWS_COMMANDS = [
  'put file', 'get file', 'memdump', 'create directory', 'delete file', 'directory list', 'reg enum key', 'reg query value',
  'reg create key', 'reg delete key', 'reg delete value', 'reg set value', 'process list', 'kill', 'create process',
];
const POSIX_COMMANDS = WINDOWS_COMMANDS.filter((c) => !c.startsWith('reg '));

export interface RegValue {
  type: string;
  data: unknown;
}

export interface FakeHost {
  id: number;
  os: 'windows' | 'linux';
  online: boolean;
  /** Lower-cased full path → content. */
  files: Map<string, Buffer>;
  dirs: Set<string>;
  /** Lower-cased key → value name → value. */
  registry: Map<string, Map<string, RegValue>>;
  processes: { pid: number; path: string; cmdline: string; username: string; parent: number }[];
  /** 'normal': active after `pendingPolls` GETs; 'never': stays pending; 'error': goes to error. */
  sessionMode: 'normal' | 'never' | 'error';
  /** Session creates that answer 500 before one succeeds. */
  failCreates: number;
  /** Command names that stay pending forever. */
  hangCommands: Set<string>;
}

export interface LoggedRequest {
  method: string;
  path: string;
  body: unknown;
}

interface FakeCommand {
  id: number;
  name: string;
  doc: Record<string, unknown>;
  /** GETs that still answer pending. */
  pendingPolls: number;
  finish: () => Record<string, unknown>;
  cancelled: boolean;
}

interface FakeSession {
  id: number | string;
  hostId: number;
  status: 'pending' | 'active' | 'error' | 'close';
  polls: number;
  commands: Map<number, FakeCommand>;
  nextCommand: number;
  createdAt: number;
}

export interface FakeServerOptions {
  /** Session GETs answered "pending" before "active" (default 1). */
  pendingPolls?: number;
  /** Command GETs answered "pending" before the result (default 0). */
  commandPendingPolls?: number;
  /** Upload size limit: bigger uploads get nginx's HTML 413. */
  uploadLimit?: number;
  /** Operations answered 403 (platform permission tests): command names or 'session create'. */
  forbid?: string[];
  /** Latency of the session-create reply. */
  createDelayMs?: number;
}

export class FakeLrServer {
  readonly product: Product;
  readonly hosts = new Map<number, FakeHost>();
  readonly sessions = new Map<string, FakeSession>();
  readonly log: LoggedRequest[] = [];
  /** Uploaded blobs by file id, with the multipart file name. */
  readonly uploads = new Map<number, { name: string; data: Buffer }>();
  maxOpen = 0;
  /** Command POSTs still to answer with the product's "session gone" 404. */
  expireOnCommand = 0;
  /** Transient command failures: the next N command POSTs get a 503. */
  failCommands = 0;
  readonly options: Required<Pick<FakeServerOptions, 'pendingPolls' | 'commandPendingPolls'>> & FakeServerOptions;
  #nextSession = 1;
  #nextFile = 1;
  #nextPid = 5000;
  /** Server-side file store for downloads (file ids from get file). */
  readonly #served = new Map<number, Buffer>();

  constructor(product: Product, options: FakeServerOptions = {}) {
    this.product = product;
    this.options = { pendingPolls: 1, commandPendingPolls: 0, ...options };
  }

  get openSessions(): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.status === 'pending' || s.status === 'active') n++;
    return n;
  }

  get createdSessions(): number {
    return this.sessions.size;
  }

  addHost(id: number, init: Partial<FakeHost> = {}): FakeHost {
    const host: FakeHost = {
      id,
      os: 'windows',
      online: true,
      files: new Map(),
      dirs: new Set(['c:', 'c:\\windows', 'c:\\windows\\temp']),
      registry: new Map(),
      processes: [
        { pid: 4, path: 'c:\\windows\\system32\\ntoskrnl.exe', cmdline: 'System', username: 'NT AUTHORITY\\SYSTEM', parent: 0 },
        { pid: 1234, path: 'c:\\windows\\system32\\notepad.exe', cmdline: 'notepad.exe', username: 'CORP\\alice', parent: 4 },
      ],
      sessionMode: 'normal',
      failCreates: 0,
      hangCommands: new Set(),
      ...init,
    };
    if (host.os === 'linux') host.dirs = new Set(['', '/tmp']);
    this.hosts.set(id, host);
    return host;
  }

  requests(method?: string, pattern?: RegExp): LoggedRequest[] {
    return this.log.filter((r) => (!method || r.method === method) && (!pattern || pattern.test(r.path)));
  }

  handlers(): HttpHandler[] {
    return [
      http.all(`${BASE}/*`, async ({ request }) => this.#route(request)),
      http.get(`${CDN}/blob/:fid`, ({ request, params }) => {
        this.log.push({ method: 'GET', path: new URL(request.url).pathname, body: undefined });
        const data = this.#served.get(Number(params['fid']));
        return data ? new HttpResponse(data, { headers: { 'content-type': 'application/octet-stream' } }) : new HttpResponse(null, { status: 404 });
      }),
    ];
  }

  // ------------------------------------------------------------------------------------------
  // Routing

  async #route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = decodeURIComponent(url.pathname);
    const method = request.method;
    let body: unknown;
    const type = request.headers.get('content-type') ?? '';
    let form: FormData | undefined;
    if (type.startsWith('multipart/form-data')) {
      form = await request.formData();
      const file = form.get('file');
      const keys: string[] = [];
      form.forEach((_value, k) => keys.push(k));
      body = { multipart: keys, fileName: file instanceof File ? file.name : undefined };
    } else if (method !== 'GET' && method !== 'DELETE') {
      const text = await request.text();
      body = text ? (JSON.parse(text) as unknown) : undefined;
    }
    this.log.push({ method, path: path + url.search, body });

    const cblr = this.product === 'response' ? '/api/v1/cblr' : '/integrationServices/v3/cblr';
    const v6 = `/appservices/v6/orgs/${ORG}/liveresponse`;
    let m: RegExpExecArray | null;
    if (this.product === 'platform') {
      if ((m = /^\/appservices\/v6\/orgs\/[^/]+\/devices\/(\d+)$/.exec(path)) && method === 'GET') return this.#device(Number(m[1]));
      if (path === `${v6}/sessions` && method === 'POST') return await this.#createSession(Number((body as { device_id: number }).device_id), 201);
      if (path === `${v6}/sessions` && method === 'GET') return this.#listSessions(false);
      if ((m = new RegExp(`^${v6}/sessions/([^/]+)$`).exec(path))) {
        if (method === 'GET') return this.#getSession(m[1]!);
        if (method === 'DELETE') return this.#closeSession(m[1]!, 204);
      }
      if ((m = new RegExp(`^${v6}/sessions/([^/]+)/keepalive$`).exec(path))) return this.#keepalive(m[1]!);
      if ((m = new RegExp(`^${v6}/sessions/([^/]+)/commands$`).exec(path)) && method === 'POST') return this.#postCommand(m[1]!, body as Record<string, unknown>, 201);
      if ((m = new RegExp(`^${v6}/sessions/([^/]+)/commands/(\\d+)$`).exec(path))) {
        if (method === 'GET') return this.#getCommand(m[1]!, Number(m[2]));
        if (method === 'DELETE') return this.#cancelCommand(m[1]!, Number(m[2]));
      }
      if ((m = new RegExp(`^${v6}/sessions/([^/]+)/files$`).exec(path)) && method === 'POST') return this.#upload(m[1]!, form, 201);
      if ((m = new RegExp(`^${v6}/sessions/([^/]+)/files/(\\d+)/content$`).exec(path))) {
        return new HttpResponse(null, { status: 302, headers: { location: `${CDN}/blob/${m[2]}` } });
      }
    } else {
      if (this.product === 'response' && (m = /^\/api\/v1\/sensor\/(\d+)$/.exec(path))) return this.#device(Number(m[1]));
      if (this.product === 'defense' && (m = /^\/integrationServices\/v3\/device\/(\d+)$/.exec(path))) return this.#device(Number(m[1]));
      if (path === `${cblr}/session` && method === 'GET') return this.#listSessions(url.searchParams.get('active_only') === 'true');
      if (this.product === 'response' && path === `${cblr}/session` && method === 'POST') {
        return await this.#createSession(Number((body as { sensor_id: number }).sensor_id), 200);
      }
      if (this.product === 'defense' && path === `${cblr}/session` && method === 'PUT') {
        const b = body as { session_id: string; status: string };
        return b.status === 'CLOSE' ? this.#closeSession(b.session_id, 200) : HttpResponse.json({ error: 'bad close' }, { status: 400 });
      }
      if ((m = new RegExp(`^${cblr}/session/([^/]+)$`).exec(path))) {
        if (this.product === 'defense' && method === 'POST') return await this.#createSession(Number(m[1]), 200);
        if (method === 'GET') return this.#getSession(m[1]!);
        if (method === 'PUT' && this.product === 'response') {
          return (body as { status?: string }).status === 'close' ? this.#closeSession(m[1]!, 200) : HttpResponse.json({}, { status: 400 });
        }
      }
      if ((m = new RegExp(`^${cblr}/session/([^/]+)/keepalive$`).exec(path))) return this.#keepalive(m[1]!);
      if ((m = new RegExp(`^${cblr}/session/([^/]+)/command$`).exec(path)) && method === 'POST') return this.#postCommand(m[1]!, body as Record<string, unknown>, 200);
      if ((m = new RegExp(`^${cblr}/session/([^/]+)/command/(\\d+)$`).exec(path)) && method === 'GET') return this.#getCommand(m[1]!, Number(m[2]));
      if ((m = new RegExp(`^${cblr}/session/([^/]+)/file$`).exec(path)) && method === 'POST') return this.#upload(m[1]!, form, 200);
      if ((m = new RegExp(`^${cblr}/session/([^/]+)/file/(\\d+)/content$`).exec(path))) {
        const data = this.#served.get(Number(m[2]));
        return data ? new HttpResponse(data, { headers: { 'content-type': 'application/octet-stream' } }) : this.#gone('file');
      }
    }
    return HttpResponse.json({ error: `fake server: no route for ${method} ${path}` }, { status: 400 });
  }

  // ------------------------------------------------------------------------------------------
  // Spelling per product

  #status(s: string): string {
    return this.product === 'response' ? s : s.toUpperCase();
  }

  #commandStatus(s: string): string {
    return this.product === 'platform' ? s.toUpperCase() : s;
  }

  #gone(what: string): Response {
    return this.product === 'platform'
      ? HttpResponse.json({ error_code: 'NOT_FOUND', message: `${what} not found` }, { status: 404 })
      : new HttpResponse(`Session ${what} not found`, { status: 404, headers: { 'content-type': 'text/plain' } });
  }

  #forbidden(operation: string): Response | undefined {
    if (!this.options.forbid?.includes(operation)) return undefined;
    return HttpResponse.json({ success: false, message: 'Forbidden' }, { status: 403 });
  }

  #sessionDoc(s: FakeSession): Record<string, unknown> {
    const host = this.hosts.get(s.hostId)!;
    const doc: Record<string, unknown> = {
      id: s.id,
      status: this.#status(s.status),
      hostname: `HOST-${s.hostId}`,
      address: '10.0.0.1',
      os_version: host.os === 'windows' ? 'Windows 10 x64' : 'CentOS 7',
      current_working_directory: host.os === 'windows' ? 'C:\\Windows\\CarbonBlack' : '/',
      drives: host.os === 'windows' ? ['A:\\', 'C:\\'] : ['/'],
      supported_commands: host.os === 'windows' ? WINDOWS_COMMANDS : POSIX_COMMANDS,
      create_time: s.createdAt / 1000,
      session_timeout: 300,
    };
    if (this.product === 'platform') doc['device_id'] = s.hostId;
    else doc['sensor_id'] = s.hostId;
    return doc;
  }

  // ------------------------------------------------------------------------------------------
  // Hosts and sessions

  #device(id: number): Response {
    const host = this.hosts.get(id);
    if (!host) return HttpResponse.json({ error: 'no such device' }, { status: 404 });
    const lastContact = host.online ? Date.now() - 60_000 : Date.now() - 3 * 3600_000;
    if (this.product === 'response') {
      return HttpResponse.json({ id, os_type: host.os === 'windows' ? 1 : 3, status: host.online ? 'Online' : 'Offline', supports_cblr: true });
    }
    if (this.product === 'defense') {
      return HttpResponse.json({ success: true, deviceInfo: { deviceId: id, deviceType: host.os.toUpperCase(), lastContact, status: 'REGISTERED' } });
    }
    return HttpResponse.json({ id, os: host.os.toUpperCase(), status: 'REGISTERED', last_contact_time: new Date(lastContact).toISOString() });
  }

  async #createSession(hostId: number, okStatus: number): Promise<Response> {
    if (this.options.createDelayMs) await delay(this.options.createDelayMs);
    const forbidden = this.#forbidden('session create');
    if (forbidden) return forbidden;
    const host = this.hosts.get(hostId);
    if (!host) return HttpResponse.json({ error: `no sensor ${hostId}` }, { status: 404 });
    if (host.failCreates > 0) {
      host.failCreates--;
      return HttpResponse.json({ error: 'internal error' }, { status: 500 });
    }
    const n = this.#nextSession++;
    const id = this.product === 'response' ? n : `${n}:${hostId}`;
    const session: FakeSession = { id, hostId, status: 'pending', polls: 0, commands: new Map(), nextCommand: this.product === 'response' ? 1 : 0, createdAt: Date.now() };
    this.sessions.set(String(id), session);
    this.maxOpen = Math.max(this.maxOpen, this.openSessions);
    return HttpResponse.json(this.#sessionDoc(session), { status: okStatus });
  }

  #listSessions(activeOnly: boolean): Response {
    const list = [...this.sessions.values()]
      .filter((s) => !activeOnly || s.status === 'pending' || s.status === 'active')
      .map((s) => this.#sessionDoc(s));
    return HttpResponse.json(this.product === 'platform' ? { results: list } : list);
  }

  #session(id: string): FakeSession | undefined {
    return this.sessions.get(id);
  }

  #getSession(id: string): Response {
    const s = this.#session(id);
    if (!s) return this.#gone('session');
    const host = this.hosts.get(s.hostId)!;
    if (s.status === 'pending') {
      s.polls++;
      if (host.sessionMode === 'error') s.status = 'error';
      else if (host.sessionMode === 'normal' && s.polls >= this.options.pendingPolls) s.status = 'active';
    }
    return HttpResponse.json(this.#sessionDoc(s));
  }

  #closeSession(id: string, okStatus: number): Response {
    const s = this.#session(id);
    if (!s) return this.#gone('session');
    s.status = 'close';
    return okStatus === 204 ? new HttpResponse(null, { status: 204 }) : HttpResponse.json(this.#sessionDoc(s));
  }

  #keepalive(id: string): Response {
    const s = this.#session(id);
    if (!s || s.status !== 'active') return this.#gone('session');
    return HttpResponse.json({});
  }

  async #upload(id: string, form: FormData | undefined, okStatus: number): Promise<Response> {
    const s = this.#session(id);
    if (!s || s.status !== 'active') return this.#gone('session');
    const file = form?.get('file');
    if (!(file instanceof File)) return HttpResponse.json({ error: 'no file part' }, { status: 400 });
    const data = Buffer.from(await file.arrayBuffer());
    if (this.options.uploadLimit !== undefined && data.byteLength > this.options.uploadLimit) {
      return new HttpResponse('<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>', {
        status: 413,
        headers: { 'content-type': 'text/html' },
      });
    }
    const fid = this.#nextFile++;
    this.uploads.set(fid, { name: file.name, data });
    return HttpResponse.json({ id: fid, file_name: file.name, size: data.byteLength, status: 0 }, { status: okStatus });
  }

  // ------------------------------------------------------------------------------------------
  // Commands

  #postCommand(id: string, body: Record<string, unknown>, okStatus: number): Response {
    const s = this.#session(id);
    if (this.expireOnCommand > 0 && s) {
      this.expireOnCommand--;
      s.status = 'close';
      return this.#gone('session');
    }
    if (!s || s.status !== 'active') return this.#gone('session');
    if (this.failCommands > 0) {
      this.failCommands--;
      return HttpResponse.json({ error: 'try again' }, { status: 503 });
    }
    const name = String(body['name']);
    const forbidden = this.#forbidden(name);
    if (forbidden) return forbidden;
    const host = this.hosts.get(s.hostId)!;
    const target = this.product === 'platform' ? (name === 'kill' ? body['pid'] : body['path']) : body['object'];
    const cid = s.nextCommand++;
    const doc: Record<string, unknown> = {
      id: cid,
      session_id: s.id,
      name,
      object: target ?? null,
      status: this.#commandStatus('pending'),
      create_time: Date.now() / 1000,
    };
    if (this.product === 'platform') doc['device_id'] = s.hostId;
    else doc['sensor_id'] = s.hostId;
    let finish: () => Record<string, unknown> = () => ({});
    const fail = (win32: number, desc: string) => () => ({ status: 'error', result_type: 'WinHresult', result_code: this.product === 'platform' ? hresultFromWin32(win32) | 0 : hresultFromWin32(win32), result_desc: desc });
    const path = typeof target === 'string' ? target.toLowerCase() : '';
    // Registry value names keep their case; keys and file paths are case-insensitive.
    const valuePath = (): { key: string; value: string } => {
      const parts = splitValue(typeof target === 'string' ? target : '');
      return { key: parts.key.toLowerCase(), value: parts.value };
    };
    switch (name) {
      case 'get file': {
        const data = host.files.get(path);
        const fid = this.#nextFile++;
        if (data) this.#served.set(fid, data);
        if (this.product === 'platform') doc['file_details'] = { offset: 0, count: data?.byteLength ?? 0, file_id: fid };
        else doc['file_id'] = fid;
        finish = data ? () => ({}) : fail(2, 'File not found');
        break;
      }
      case 'put file': {
        const upload = this.uploads.get(Number(body['file_id']));
        finish = upload ? () => (host.files.set(path, upload.data), {}) : fail(87, 'bad file id');
        break;
      }
      case 'delete file':
        finish = () => {
          if (host.files.delete(path) || host.dirs.delete(path.replace(/\\$/, ''))) return {};
          return fail(2, 'File not found')();
        };
        break;
      case 'create directory': {
        const dir = path.replace(/[\\/]$/, '');
        finish = () => (host.dirs.has(dir) ? fail(183, 'Already exists')() : (host.dirs.add(dir), {}));
        break;
      }
      case 'directory list': {
        const dir = path.replace(/[\\/]\*$/, '').replace(/[\\/]$/, '');
        finish = () => (host.dirs.has(dir) ? { files: this.#list(host, dir) } : fail(3, 'Path not found')());
        break;
      }
      case 'process list':
        finish = () => ({
          processes: host.processes.map((p) =>
            this.product === 'platform'
              ? { process_pid: p.pid, process_path: p.path, process_cmdline: p.cmdline, process_username: p.username, parent_pid: p.parent, sid: 's-1-5-18', create_time: 1515775878 }
              : { pid: p.pid, path: p.path, command_line: p.cmdline, username: p.username, parent: p.parent, sid: 's-1-5-18', create_time: 1515775878 },
          ),
        });
        break;
      case 'kill': {
        const pid = Number(target);
        finish = () => {
          const i = host.processes.findIndex((p) => p.pid === pid);
          if (i < 0) return fail(87, 'The parameter is incorrect.')();
          host.processes.splice(i, 1);
          return {};
        };
        break;
      }
      case 'create process': {
        const pid = this.#nextPid++;
        const out = body['output_file'];
        host.processes.push({ pid, path: String(target).split(' ')[0]!, cmdline: String(target), username: 'NT AUTHORITY\\SYSTEM', parent: 4 });
        finish = () => {
          if (typeof out === 'string') host.files.set(out.toLowerCase(), Buffer.from(`output of ${String(target)}\r\n`));
          return { pid, return_code: 0 };
        };
        break;
      }
      case 'memdump': {
        const file = `${path}${body['compress'] ? '.zip' : ''}`;
        finish = () => (host.files.set(file, Buffer.from('MDMP fake dump')), { complete: true, percentdone: 100, dumping: false, return_code: 0 });
        break;
      }
      case 'reg enum key':
        finish = () => {
          const key = host.registry.get(path);
          if (!key) return fail(2, 'Key not found')();
          const subKeys = [...host.registry.keys()].filter((k) => k.startsWith(`${path}\\`) && !k.slice(path.length + 1).includes('\\')).map((k) => k.slice(path.length + 1));
          return { values: [...key].map(([n, v]) => this.#regValue(n, v)), sub_keys: subKeys };
        };
        break;
      case 'reg query value':
        finish = () => {
          const { key, value } = valuePath();
          const v = host.registry.get(key)?.get(value);
          return v ? { value: this.#regValue(value, v) } : fail(2, 'Value not found')();
        };
        break;
      case 'reg set value':
        finish = () => {
          const { key, value } = valuePath();
          const k = host.registry.get(key);
          if (!k) return fail(2, 'Key not found')();
          if (k.has(value) && body['overwrite'] === false) return fail(183, 'Already exists')();
          k.set(value, { type: String(body['value_type']), data: body['value_data'] });
          return {};
        };
        break;
      case 'reg create key':
        finish = () => (host.registry.has(path) ? fail(183, 'Already exists')() : (host.registry.set(path, new Map()), {}));
        break;
      case 'reg delete key':
        finish = () => (host.registry.delete(path) ? {} : fail(2, 'Key not found')());
        break;
      case 'reg delete value':
        finish = () => {
          const { key, value } = valuePath();
          return host.registry.get(key)?.delete(value) ? {} : fail(2, 'Value not found')();
        };
        break;
      default:
        return HttpResponse.json({ error: `unknown command ${name}` }, { status: 400 });
    }
    const pendingPolls = host.hangCommands.has(name) ? Number.POSITIVE_INFINITY : this.options.commandPendingPolls;
    s.commands.set(cid, { id: cid, name, doc, pendingPolls, finish, cancelled: false });
    return HttpResponse.json(doc, { status: okStatus });
  }

  #getCommand(id: string, cid: number): Response {
    const s = this.#session(id);
    const c = s?.commands.get(cid);
    if (!s || !c) return this.#gone('command');
    if (c.cancelled) return HttpResponse.json({ ...c.doc, status: this.#commandStatus('cancelled') });
    if (c.doc['status'] === this.#commandStatus('pending')) {
      if (c.pendingPolls > 0) {
        c.pendingPolls--;
        return HttpResponse.json({ ...c.doc, status: this.#commandStatus(c.name === 'memdump' ? 'in progress' : 'pending'), percentdone: 50 });
      }
      const result = c.finish();
      const status = typeof result['status'] === 'string' ? result['status'] : 'complete';
      Object.assign(c.doc, { result_type: 'WinHresult', result_code: 0, result_desc: '' }, result, {
        status: this.#commandStatus(status),
        completion: Date.now() / 1000,
      });
    }
    return HttpResponse.json(c.doc);
  }

  #cancelCommand(id: string, cid: number): Response {
    const c = this.#session(id)?.commands.get(cid);
    if (!c) return this.#gone('command');
    c.cancelled = true;
    return new HttpResponse(null, { status: 204 });
  }

  #list(host: FakeHost, dir: string): Record<string, unknown>[] {
    const entry = (filename: string, attributes: string[], size = 0) => ({
      filename,
      attributes,
      size,
      create_time: 1476390668,
      last_access_time: 1476390668,
      last_write_time: 1476390668,
      alt_name: '',
    });
    const out = [entry('.', ['DIRECTORY']), entry('..', ['DIRECTORY'])];
    const prefix = `${dir}${host.os === 'windows' ? '\\' : '/'}`;
    for (const d of host.dirs) if (d.startsWith(prefix) && !d.slice(prefix.length).match(/[\\/]/)) out.push(entry(d.slice(prefix.length), ['DIRECTORY']));
    for (const [f, data] of host.files) if (f.startsWith(prefix) && !f.slice(prefix.length).match(/[\\/]/)) out.push(entry(f.slice(prefix.length), ['ARCHIVE'], data.byteLength));
    return out;
  }

  #regValue(name: string, v: RegValue): Record<string, unknown> {
    return this.product === 'defense'
      ? { valueName: name, valueType: v.type, valueData: v.data }
      : { value_name: name, value_type: v.type, value_data: v.data };
  }
}

function splitValue(path: string): { key: string; value: string } {
  const i = path.lastIndexOf('\\');
  return { key: path.slice(0, i), value: path.slice(i + 1) };
}
