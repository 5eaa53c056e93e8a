// PATCH-updating models (Defense Device style) over a real Connection intercepted by msw: the
// body is built from the changes only, and an id-only save reply lands in the primary key.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BaseAPI } from '../../src/api.js';
import { defineModel } from '../../src/model/index.js';
import type { Doc, FieldChange } from '../../src/model/types.js';
import { BASE, mswConnection } from '../http/msw-helpers.js';

/** Only the changed fields, flat: what Defense's PATCH expects (defense.md §3.1). */
const changedFields = (_doc: Readonly<Doc>, changes: Readonly<Record<string, FieldChange>>): Doc =>
  Object.fromEntries(Object.entries(changes).map(([name, change]) => [name, change.to]));

const unwrap = (key: string) => (json: unknown): Doc | undefined => {
  const inner = (json as Record<string, unknown> | null)?.[key];
  return typeof inner === 'object' && inner !== null ? (inner as Doc) : undefined;
};

class Device extends defineModel({
  name: 'Device',
  urlObject: '/integrationServices/v3/device',
  primaryKey: 'deviceId',
  fields: { deviceId: 'int', name: 'string', policyId: 'int', policyName: 'string', status: 'string' },
  update: 'PATCH',
  updateBody: changedFields,
  parse: unwrap('deviceInfo'),
}) {}

class Rule extends defineModel({
  name: 'Rule',
  urlObject: '/api/rules',
  primaryKey: 'ruleId',
  fields: { ruleId: 'int', name: 'string', enabled: 'boolean' },
  required: ['name'],
  create: true,
  update: 'PATCH',
  updateBody: changedFields,
}) {}

class TestAPI extends BaseAPI {
  constructor() {
    super({ requester: mswConnection() }, { product: 'defense' });
  }
}

interface Seen {
  method: string;
  path: string;
  body: string;
}

const seen: Seen[] = [];
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

function record(request: Request, body: string): void {
  seen.push({ method: request.method, path: new URL(request.url).pathname, body });
}

const deviceDoc = { deviceId: 42, name: 'WIN-7', policyId: 1, policyName: 'default', status: 'REGISTERED' };

describe('PATCH updates', () => {
  it('sends only the changed fields, sorted, and adopts the returned document', async () => {
    server.use(
      http.patch(`${BASE}/integrationServices/v3/device/42`, async ({ request }) => {
        record(request, await request.text());
        return HttpResponse.json({ ...deviceDoc, policyId: 6525, policyName: 'Restrictive_Windows_Workstation' });
      }),
    );
    const api = new TestAPI();
    const d = new Device(api, { doc: deviceDoc });
    d.policyName = 'Restrictive_Windows_Workstation';
    d.policyId = 6525;
    d.status = 'REGISTERED'; // unchanged value: not a change
    await d.save();
    expect(seen).toEqual([
      { method: 'PATCH', path: '/integrationServices/v3/device/42', body: '{"policyId":6525,"policyName":"Restrictive_Windows_Workstation"}' },
    ]);
    expect(d.isDirty).toBe(false);
    expect(d.policyId).toBe(6525);
  });

  it('leaves a change that was set back out of the body; no change at all sends nothing', async () => {
    server.use(
      http.patch(`${BASE}/integrationServices/v3/device/42`, async ({ request }) => {
        record(request, await request.text());
        return new HttpResponse(null, { status: 204 });
      }),
      http.get(`${BASE}/integrationServices/v3/device/42`, ({ request }) => {
        record(request, '');
        return HttpResponse.json({ success: true, deviceInfo: { ...deviceDoc, name: 'WIN-8' } });
      }),
    );
    const api = new TestAPI();
    const d = new Device(api, { doc: deviceDoc });
    d.policyId = 7;
    d.policyId = 1; // back to the original
    await d.save();
    expect(seen).toEqual([]);
    d.name = 'WIN-8';
    d.policyId = 9;
    d.policyId = 1;
    await d.save(); // 204 → refresh
    expect(seen).toEqual([
      { method: 'PATCH', path: '/integrationServices/v3/device/42', body: '{"name":"WIN-8"}' },
      { method: 'GET', path: '/integrationServices/v3/device/42', body: '' },
    ]);
    expect(d.name).toBe('WIN-8');
  });

  it('completes a search row first, then PATCHes only what the caller changed', async () => {
    server.use(
      http.get(`${BASE}/integrationServices/v3/device/42`, ({ request }) => {
        record(request, '');
        return HttpResponse.json({ success: true, deviceInfo: deviceDoc });
      }),
      http.patch(`${BASE}/integrationServices/v3/device/42`, async ({ request }) => {
        record(request, await request.text());
        return HttpResponse.json({ success: true });
      }),
    );
    const api = new TestAPI();
    const row = new Device(api, { doc: { deviceId: 42, name: 'WIN-7' }, state: 'partial' });
    row.policyName = 'Strict';
    await row.save(); // {success: true} is a document: adopted as is, no further GET
    expect(seen.map((s) => `${s.method} ${s.path} ${s.body}`)).toEqual([
      'GET /integrationServices/v3/device/42 ',
      'PATCH /integrationServices/v3/device/42 {"policyName":"Strict"}',
    ]);
  });
});

describe('id-only save replies', () => {
  it('write the id to the primary-key field (not "id") and refresh from that URL', async () => {
    server.use(
      http.post(`${BASE}/api/rules`, async ({ request }) => {
        record(request, await request.text());
        return HttpResponse.json({ id: 77 });
      }),
      http.get(`${BASE}/api/rules/77`, ({ request }) => {
        record(request, '');
        return HttpResponse.json({ ruleId: 77, name: 'block', enabled: true });
      }),
      http.patch(`${BASE}/api/rules/77`, async ({ request }) => {
        record(request, await request.text());
        return HttpResponse.json({ id: 77 });
      }),
    );
    const api = new TestAPI();
    const rule = api.create(Rule, { name: 'block' });
    await rule.save();
    expect(rule.primaryKeyValue).toBe(77);
    expect(rule.ruleId).toBe(77);
    expect(rule.get('id')).toBeUndefined();
    expect(rule.enabled).toBe(true);
    expect(api.select(Rule, 77)).toBe(rule);

    rule.enabled = false;
    await rule.save();
    expect(seen.map((s) => `${s.method} ${s.path} ${s.body}`)).toEqual([
      'POST /api/rules {"name":"block"}',
      'GET /api/rules/77 ',
      'PATCH /api/rules/77 {"enabled":false}',
      'GET /api/rules/77 ',
    ]);
  });
});
