// device.lrSession() and api.liveResponse over msw handlers written from cbc-live-response.md §3:
// create (201, "1:<device>" ids), poll until ACTIVE, commands with `path`/`pid` and a command id
// that can be 0, DELETE to close.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, type Logger } from '@cb/core';
import { Device } from '../../src/index.js';
import { BASE, makeDevices, mswCloudApi, ORG, useCloudMsw } from '../support/cloud-msw.js';

const msw = useCloudMsw();
const LR = `${BASE}/appservices/v6/orgs/${ORG}/liveresponse`;

interface LrLog {
  lines: string[];
  commands: Record<string, unknown>[];
}

function useLrHandlers(deviceId: number): LrLog {
  const log: LrLog = { lines: [], commands: [] };
  const sid = `1:${deviceId}`;
  let polls = 0;
  const path = (url: string) => new URL(url).pathname.replace(`/appservices/v6/orgs/${ORG}/liveresponse`, '');
  msw.server.use(
    http.post(`${LR}/sessions`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      log.lines.push(`POST ${path(request.url)} ${JSON.stringify(body)}`);
      return HttpResponse.json({ id: sid, device_id: body.device_id, status: 'PENDING', session_timeout: 900 }, { status: 201 });
    }),
    http.get(`${LR}/sessions/:sid`, ({ request }) => {
      log.lines.push(`GET ${path(request.url)}`);
      polls++;
      return HttpResponse.json({
        id: sid,
        device_id: deviceId,
        status: polls > 1 ? 'ACTIVE' : 'PENDING',
        hostname: 'host-00001',
        drives: ['C:\\'],
        supported_commands: ['directory list', 'process list', 'kill', 'create process', 'put file', 'get file', 'create directory', 'delete file'],
      });
    }),
    http.post(`${LR}/sessions/:sid/commands`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      log.commands.push(body);
      log.lines.push(`POST ${path(request.url)} ${String(body.name)}`);
      return HttpResponse.json({ id: 0, session_id: sid, status: 'PENDING', name: body.name }, { status: 201 });
    }),
    http.get(`${LR}/sessions/:sid/commands/:cid`, ({ request }) => {
      log.lines.push(`GET ${path(request.url)}`);
      return HttpResponse.json({
        id: 0,
        status: 'complete', // the commands endpoint may answer in lower case (§3.1)
        name: 'process list',
        processes: [{ process_pid: 4, process_path: 'c:\\windows\\system32\\ntoskrnl.exe', process_cmdline: '', process_username: 'SYSTEM' }],
      });
    }),
    http.delete(`${LR}/sessions/:sid`, ({ request }) => {
      log.lines.push(`DELETE ${path(request.url)}`);
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return log;
}

const fast = { liveResponse: { keepaliveIntervalMs: 0, timings: { session: { timeoutMs: 5_000, delayMs: 5 }, command: { timeoutMs: 5_000, delayMs: 5 } } } };

describe('device.lrSession()', () => {
  it('opens a v6 session for the device id, runs a command and closes it on close()', async () => {
    msw.state.devices = makeDevices(1).map((d) => ({ ...d, os: 'WINDOWS' }));
    const log = useLrHandlers(1);
    const api = mswCloudApi(fast);
    const device = (await api.select(Device).first())!;
    const lr = await device.lrSession();
    expect(lr.sessionId).toBe('1:1');
    expect(lr.osType).toBe('windows');
    const processes = await lr.listProcesses();
    expect(processes[0]!.process_pid).toBe(4);
    await lr.close();
    expect(log.lines).toEqual([
      'POST /sessions {"device_id":1}',
      'GET /sessions/1:1',
      'GET /sessions/1:1',
      'POST /sessions/1:1/commands process list',
      'GET /sessions/1:1/commands/0',
      'DELETE /sessions/1:1',
    ]);
    expect(log.commands[0]).toEqual({ name: 'process list', session_id: '1:1' });
    // The device document gave the OS: no device GET was needed.
    expect(msw.state.requests.filter((r) => r.method === 'GET')).toEqual([]);
    await api.close();
  });

  it('api.liveResponse is created once, on first use, and anew after api.close()', async () => {
    const api = mswCloudApi(fast);
    const first = api.liveResponse;
    expect(api.liveResponse).toBe(first);
    expect(first.backend.product).toBe('platform');
    expect(first.maxSessions).toBe(10);
    await api.close();
    await expect(first.acquire(1)).rejects.toThrow(/closed/);
    expect(api.liveResponse).not.toBe(first);
    expect(mswCloudApi({ liveResponse: { maxSessions: 3 } }).liveResponse.maxSessions).toBe(3);
  });

  it('warns when the device does not report LIVE_RESPONSE_ENABLED', async () => {
    msw.state.devices = makeDevices(1).map((d) => ({ ...d, sensor_states: ['ACTIVE'] }));
    useLrHandlers(1);
    const warnings: string[] = [];
    const logger: Logger = { debug: () => {}, info: () => {}, warn: (m) => warnings.push(m), error: () => {} };
    const api = mswCloudApi({ ...fast, logger });
    const lr = await (await api.fetch(Device, 1)).lrSession();
    await lr.close();
    expect(warnings.join('\n')).toMatch(/Device 1 does not report LIVE_RESPONSE_ENABLED/);
    await api.close();
  });

  it('needs a CBCloudAPI host', async () => {
    const api = mswCloudApi(fast);
    // A ModelHost that is not a CBCloudAPI (no liveResponse manager).
    const stray = new Device({ requester: api.requester, cache: api.cache, cacheScope: api.cacheScope, url: api.url, orgKey: api.orgKey, logger: api.logger, select: api.select.bind(api) }, { id: 1 });
    expect(() => stray.lrSession()).toThrow(ConfigurationError);
  });
});
