// Unit-test fixture: msw handlers for the platform device routes, written from
// cbc-live-response.md §2 (1-based `start`, `rows`, `{results, num_found}`, `_scroll` with
// `search_after`, device_actions answering 204), and a CBCloudAPI whose Connection uses the
// msw-patched global fetch.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Connection, resolveCredentials, type Logger } from '@cb/core';
import { CBCloudAPI, type CBCloudAPIOptions } from '../../src/index.js';

export const BASE = 'https://defense.cloud.test';
export const ORG = 'ABCD1234';
export const TOKEN = 'SECRETSECRETSECRET12345/APIID12345';
export const DEVICES = `${BASE}/appservices/v6/orgs/${ORG}/devices`;

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly headers: Headers;
}

export interface FakeDevice {
  id: number;
  name: string;
  os: string;
  status: string;
  [key: string]: unknown;
}

export function makeDevices(n: number, from = 1): FakeDevice[] {
  return Array.from({ length: n }, (_, i) => ({
    id: from + i,
    name: `host-${String(from + i).padStart(5, '0')}`,
    os: i % 3 === 0 ? 'LINUX' : 'WINDOWS',
    os_version: i % 3 === 0 ? 'Ubuntu 22.04' : 'Windows 10 x64',
    status: i % 5 === 0 ? 'INACTIVE' : 'ACTIVE',
    sensor_states: ['ACTIVE', 'LIVE_RESPONSE_ENABLED'],
    sensor_version: '3.9.1.2345',
    last_contact_time: '2026-03-01T10:20:30.456Z',
    quarantined: false,
    policy_id: 6525,
    policy_name: 'Standard',
    last_internal_ip_address: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    last_external_ip_address: null,
  }));
}

/** State the handlers serve; tests mutate it between requests to simulate a changing org. */
export interface CloudState {
  devices: FakeDevice[];
  requests: RecordedRequest[];
  /** Rows the server keeps in offset paging (start - 1 + rows beyond it is a 400). */
  window: number;
  /** Status for device_actions (default 204). */
  actionStatus: number;
  /** Called before each _search reply (e.g. to insert rows between pages). */
  beforeSearch?: ((body: Record<string, unknown>, state: CloudState) => void) | undefined;
}

function matches(device: FakeDevice, criteria: Record<string, unknown>): boolean {
  for (const [name, wanted] of Object.entries(criteria)) {
    if (!Array.isArray(wanted)) continue;
    if (wanted.length > 0 && !wanted.includes(device[name])) return false;
  }
  return true;
}

export function cloudHandlers(state: CloudState): HttpHandler[] {
  const record = async (request: Request): Promise<Record<string, unknown>> => {
    const text = await request.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    state.requests.push({ method: request.method, path: new URL(request.url).pathname, body: text ? body : undefined, headers: request.headers });
    return body;
  };
  const select = (body: Record<string, unknown>): FakeDevice[] => {
    const criteria = (body.criteria ?? {}) as Record<string, unknown>;
    let rows = state.devices.filter((d) => matches(d, criteria));
    const sort = (body.sort as { field: string; order: string }[] | undefined)?.[0];
    if (sort) {
      const dir = sort.order === 'DESC' ? -1 : 1;
      rows = [...rows].sort((a, b) => (String(a[sort.field]) < String(b[sort.field]) ? -dir : String(a[sort.field]) > String(b[sort.field]) ? dir : 0));
    }
    return rows;
  };
  return [
    http.post(`${DEVICES}/_search`, async ({ request }) => {
      const body = await record(request);
      state.beforeSearch?.(body, state);
      const rows = select(body);
      const start = typeof body.start === 'number' ? body.start : 1; // 1-based (§2.2)
      const count = typeof body.rows === 'number' ? body.rows : 20;
      if (start - 1 + count > state.window) {
        return HttpResponse.json({ error_code: 'INVALID_PAGING', message: 'Result window is too large' }, { status: 400 });
      }
      return HttpResponse.json({ results: rows.slice(start - 1, start - 1 + count), num_found: rows.length });
    }),
    http.post(`${DEVICES}/_scroll`, async ({ request }) => {
      const body = await record(request);
      const rows = select(body);
      const after = typeof body.search_after === 'string' ? Number(body.search_after) : 0;
      const count = typeof body.rows === 'number' ? body.rows : 20;
      const page = rows.slice(after, after + count);
      const next = after + page.length;
      return HttpResponse.json({ results: page, num_found: rows.length, search_after: next < rows.length ? String(next) : '' });
    }),
    http.get(`${DEVICES}/:id`, async ({ request, params }) => {
      await record(request);
      const device = state.devices.find((d) => d.id === Number(params.id));
      return device
        ? HttpResponse.json(device)
        : HttpResponse.json({ error_code: 'NOT_FOUND', message: `Device ${String(params.id)} not found` }, { status: 404 });
    }),
    http.post(`${BASE}/appservices/v6/orgs/${ORG}/device_actions`, async ({ request }) => {
      await record(request);
      return state.actionStatus === 204 ? new HttpResponse(null, { status: 204 }) : HttpResponse.json({}, { status: state.actionStatus });
    }),
  ];
}

/** A CBCloudAPI on an msw-backed Connection (real HTTP layer, no sockets). */
export function mswCloudApi(options: CBCloudAPIOptions & { logger?: Logger } = {}): CBCloudAPI {
  const credentials = resolveCredentials({ product: 'platform', env: {}, url: BASE, token: TOKEN, orgKey: ORG });
  const requester = new Connection({
    credentials,
    fetch: (input, init) => globalThis.fetch(input, init),
    retry: false,
    env: {},
    logger: options.logger,
  });
  return new CBCloudAPI({ requester, orgKey: ORG, ...options });
}

export interface MswFixture {
  readonly state: CloudState;
  readonly server: SetupServer;
  /** Recorded request bodies of one route, in order. */
  bodies(pathSuffix: string): Record<string, unknown>[];
}

/** Starts msw for the file; state is reset after each test. */
export function useCloudMsw(): MswFixture {
  const state: CloudState = { devices: [], requests: [], window: 10_000, actionStatus: 204 };
  const server = setupServer(...cloudHandlers(state));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    state.devices = [];
    state.requests = [];
    state.window = 10_000;
    state.actionStatus = 204;
    state.beforeSearch = undefined;
  });
  afterAll(() => server.close());
  return {
    state,
    server,
    bodies: (suffix) => state.requests.filter((r) => r.path.endsWith(suffix)).map((r) => r.body as Record<string, unknown>),
  };
}
