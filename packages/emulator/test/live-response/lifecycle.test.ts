// Session and command lifecycles: latency, pending → in progress → complete, wait=true, slot
// limits, idle expiry, keepalive, offline hosts, session reuse listing, cancel, faults, 413.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/index.js';
import { call, cloudClient, lrClient, openSession, sleep, startLr } from './helpers.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const cblr = (e: RunningEmulator) => `${e.url}/api/v1/cblr`;

describe('command lifecycle', () => {
  it('goes pending → in progress → complete with the configured latency', async () => {
    emu = await startLr({ liveResponse: { sessionLatencyMs: 20, commandLatencyMs: 400 } });
    const lr = lrClient(emu, 'response');
    const sid = await openSession(lr, 1);
    const posted = await lr.post(sid, 'directory list', 'C:\\');
    expect(posted.body).toMatchObject({ status: 'pending', session_id: sid, sensor_id: 1, name: 'directory list', username: 'admin' });
    expect(posted.body).not.toHaveProperty('result_code');
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const r = await lr.getCommand(sid, posted.body.id);
      seen.add(r.body.status);
      if (r.body.status === 'complete') break;
      await sleep(20);
    }
    expect([...seen]).toEqual(['pending', 'in progress', 'complete']);
  });

  it('runs a session\'s commands one at a time, in order', async () => {
    emu = await startLr({ liveResponse: { commandLatencyMs: 60 } });
    const lr = lrClient(emu, 'response');
    const sid = await openSession(lr, 1);
    const a = await lr.post(sid, 'create directory', 'C:\\order');
    const b = await lr.post(sid, 'directory list', 'C:\\order\\');
    // A later command finishing means the earlier ones did.
    expect((await lr.run(sid, 'process list')).status).toBe('complete');
    const first = (await lr.getCommand(sid, a.body.id)).body;
    const second = (await lr.getCommand(sid, b.body.id)).body;
    expect(second.completion).toBeGreaterThanOrEqual(first.completion);
    expect(second.status).toBe('complete');
    expect(second.files.map((f: any) => f.filename)).toEqual(['.', '..']);
  });

  it('GET ...?wait=true holds until the command finishes (legacy client)', async () => {
    emu = await startLr({ liveResponse: { commandLatencyMs: 250 } });
    const lr = lrClient(emu, 'response');
    const sid = await openSession(lr, 1);
    const posted = await lr.post(sid, 'process list');
    const t0 = Date.now();
    const r = await call(`${cblr(emu)}/session/${sid}/command/${posted.body.id}?wait=true`, 'GET', emu.token);
    expect(r.body.status).toBe('complete');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
  });

  it('wait=true gives up after the server timeout', async () => {
    emu = await startLr({ liveResponse: { commandLatencyMs: 5_000, waitTimeoutMs: 100 } });
    const lr = lrClient(emu, 'response');
    const sid = await openSession(lr, 1);
    const posted = await lr.post(sid, 'process list');
    const r = await call(`${cblr(emu)}/session/${sid}/command/${posted.body.id}?wait=true`, 'GET', emu.token);
    expect(['pending', 'in progress']).toContain(r.body.status);
  });

  it('cancels a pending command (Response PUT status=cancel, Cloud DELETE)', async () => {
    emu = await startLr({ liveResponse: { commandLatencyMs: 2_000 } });
    const lr = lrClient(emu, 'response');
    const sid = await openSession(lr, 1);
    const posted = await lr.post(sid, 'create directory', 'C:\\never');
    const put = await call(`${cblr(emu)}/session/${sid}/command/${posted.body.id}`, 'PUT', emu.token, { status: 'cancel' });
    expect(put.body.status).toBe('cancel');

    const cloud = cloudClient(emu);
    const csid = await openSession(cloud, 1);
    const c = await cloud.post(csid, 'create directory', 'C:\\never2');
    const base = `${emu.url}/appservices/v6/orgs/${emu.cloud.orgKey}/liveresponse/sessions/${csid}/commands/${c.body.id}`;
    expect((await call(base, 'DELETE', emu.cloud.token)).status).toBe(204);
    expect((await cloud.getCommand(csid, c.body.id)).body.status).toBe('CANCELLED');
    expect((await call(base, 'DELETE', emu.cloud.token)).status).toBe(400);
  });

  it('Cloud command statuses can be served lower-case (the documented /commands quirk)', async () => {
    emu = await startLr({ liveResponse: { cloudCommandStatusCase: 'lower' } });
    const cloud = cloudClient(emu);
    const sid = await openSession(cloud, 1);
    const done = await cloud.run(sid, 'process list');
    expect(done.status).toBe('complete');
  });

  it('Cloud sessions take at most commandLimit commands', async () => {
    emu = await startLr({ liveResponse: { commandLimit: 2 } });
    const cloud = cloudClient(emu);
    const sid = await openSession(cloud, 1);
    expect((await cloud.post(sid, 'process list')).status).toBe(201);
    expect((await cloud.post(sid, 'process list')).status).toBe(201);
    const third = await cloud.post(sid, 'process list');
    expect(third.status).toBe(403);
    expect(third.body.error_code).toBe('FORBIDDEN');
  });
});

describe('sessions', () => {
  it('become active only after the session latency', async () => {
    emu = await startLr({ liveResponse: { sessionLatencyMs: 300 } });
    const lr = lrClient(emu, 'response');
    const created = await lr.createSession(1);
    expect(created.body.status).toBe('pending');
    expect((await lr.getSession(created.body.id)).body.status).toBe('pending');
    await sleep(400);
    expect((await lr.getSession(created.body.id)).body.status).toBe('active');
  });

  it('are listed for reuse (GET /session?active_only=true) and closed with PUT status=close', async () => {
    emu = await startLr();
    const lr = lrClient(emu, 'response');
    const a = await openSession(lr, 1);
    const b = await openSession(lr, 2);
    await lr.close(b);
    const active = await call(`${cblr(emu)}/session?active_only=true`, 'GET', emu.token);
    expect(active.body.map((s: any) => [s.id, s.sensor_id, s.status])).toEqual([[a, 1, 'active']]);
    const all = await call(`${cblr(emu)}/session`, 'GET', emu.token);
    expect(all.body.map((s: any) => s.status)).toEqual(['active', 'close']);
    expect(emu.liveResponse.openSessions()).toEqual({ response: 1, defense: 0, cloud: 0, total: 1 });
  });

  it('expire after the idle timeout; commands then get the 404 the SDKs recreate on', async () => {
    emu = await startLr({ liveResponse: { idleTimeoutMs: 150 } });
    const lr = lrClient(emu, 'response');
    const sid = await openSession(lr, 1);
    expect((await lr.getSession(sid)).body.session_timeout).toBe(0.15);
    await sleep(250);
    expect((await lr.getSession(sid)).body.status).toBe('timeout');
    const posted = await lr.post(sid, 'process list');
    expect(posted.status).toBe(404);
    expect(posted.text).toBe(`Session ${sid} not found`);
    expect((await lr.keepalive(sid)).status).toBe(404);
    expect(emu.liveResponse.openSessions().response).toBe(0);

    const cloud = cloudClient(emu);
    const csid = await openSession(cloud, 1);
    await sleep(250);
    expect((await cloud.getSession(csid)).body.status).toBe('TIMEOUT');
    const c = await cloud.post(csid, 'process list');
    expect(c.status).toBe(404);
    expect(c.body.error_code).toBe('NOT_FOUND');
  });

  it('keepalive (and commands) keep a session from idling out', async () => {
    emu = await startLr({ liveResponse: { idleTimeoutMs: 400 } });
    for (const backend of ['response', 'defense', 'cloud'] as const) {
      const lr = lrClient(emu, backend);
      const sid = await openSession(lr, 1);
      for (let i = 0; i < 5; i++) {
        await sleep(120);
        const k = await lr.keepalive(sid);
        expect(k.status).toBe(200);
        expect(k.headers.get('content-type')).toContain('application/json');
      }
      expect((await lr.getSession(sid)).body.status).toBe(lr.active);
      await sleep(500);
      expect(String((await lr.getSession(sid)).body.status).toLowerCase()).toBe('timeout');
    }
  });

  it('Cb Response: the 11th concurrent session hits the default slot limit of 10', async () => {
    emu = await startLr();
    const lr = lrClient(emu, 'response');
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push((await lr.createSession(1 + (i % 4))).body.id);
    const over = await lr.createSession(1);
    expect(over.status).toBe(403);
    expect(over.body).toEqual({ reason: 'session_limit_reached', message: expect.stringContaining('10') });
    await lr.close(ids[0]);
    expect((await lr.createSession(1)).status).toBe(200);
    expect(emu.liveResponse.openSessions().response).toBe(10);
  });

  it('Cloud and Defense share the per-org limit, counted per device', async () => {
    emu = await startLr({ liveResponse: { cloudSlotLimit: 2 } });
    const cloud = cloudClient(emu);
    const defense = lrClient(emu, 'defense');
    expect((await cloud.createSession(1)).status).toBe(201);
    expect((await cloud.createSession(1)).status).toBe(201); // same device: same slot
    expect((await defense.createSession(2)).status).toBe(200);
    const over = await cloud.createSession(4);
    expect(over.status).toBe(403);
    expect(over.body).toEqual({ error_code: 'FORBIDDEN', message: 'session limit reached' });
    const overDefense = await defense.createSession(4);
    expect(overDefense.status).toBe(403);
    expect(emu.liveResponse.openSessions()).toMatchObject({ cloud: 2, defense: 1, total: 3 });
  });
});

describe('offline hosts', () => {
  it('sessions to an offline sensor stay pending, then time out (all backends)', async () => {
    emu = await startLr({ liveResponse: { pendingTimeoutMs: 1_000 } });
    expect(emu.state.sensors.get(3)!.status).toBe('Offline');
    for (const backend of ['response', 'defense', 'cloud'] as const) {
      const lr = lrClient(emu, backend);
      const created = await lr.createSession(3);
      await sleep(50);
      expect(String((await lr.getSession(created.body.id)).body.status).toLowerCase()).toBe('pending');
    }
    await sleep(1_000);
    for (const s of emu.liveResponse.sessions()) expect(s.status).toBe('timeout');
    const r = await lrClient(emu, 'response').getSession(1);
    expect(r.body).toMatchObject({ status: 'timeout', sensor_wait_timeout: 1 });
    expect(emu.liveResponse.openSessions().total).toBe(0);
  });

  it('offlineHosts / setHost(null latency) keep an otherwise online host from ever attaching', async () => {
    emu = await startLr({ liveResponse: { offlineHosts: ['WKS-IT-0649'], hosts: { 4: { sessionLatencyMs: null } } } });
    const lr = cloudClient(emu);
    const a = await lr.createSession(2);
    const b = await lr.createSession(4);
    await sleep(150);
    expect((await lr.getSession(a.body.id)).body.status).toBe('PENDING');
    expect((await lr.getSession(b.body.id)).body.status).toBe('PENDING');
    expect((await lr.getSession(a.body.id)).body).not.toHaveProperty('supported_commands');
    // Bringing the host back lets the pending session attach.
    emu.liveResponse.setOffline(2, false);
    await lr.waitActive(a.body.id);
    expect(emu.liveResponse.openSessions().cloud).toBe(2);
  });

  it('a per-host command latency slows only that host', async () => {
    emu = await startLr({ liveResponse: { commandLatencyMs: 5 } });
    emu.liveResponse.setHost('WIN-IA9NQ1GN8OI', { commandLatencyMs: 700 });
    const lr = lrClient(emu, 'response');
    const slow = await openSession(lr, 1);
    const fast = await openSession(lr, 2);
    const t0 = Date.now();
    await lr.run(fast, 'process list');
    expect(Date.now() - t0).toBeLessThan(500);
    const t1 = Date.now();
    await lr.run(slow, 'process list');
    expect(Date.now() - t1).toBeGreaterThanOrEqual(650);
  });
});

describe('server plumbing', () => {
  it('injected faults apply to the LR routes (they go through the core)', async () => {
    emu = await startLr();
    emu.faults.add({ match: { path: '/api/v1/cblr/*' }, status: 503, times: 1 });
    emu.faults.add({ match: { method: 'POST', path: '/appservices/v6/*' }, rateLimit: { retryAfterSec: 7 }, times: 1 });
    const lr = lrClient(emu, 'response');
    const first = await lr.createSession(1);
    expect(first.status).toBe(503);
    expect(first.text).toContain('<title>503 Service Temporarily Unavailable</title>');
    expect((await lr.createSession(1)).status).toBe(200);
    const cloud = cloudClient(emu);
    const limited = await cloud.createSession(1);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await cloud.createSession(1)).status).toBe(201);
  });

  it('an upload over the body limit gets nginx\'s HTML 413 on every backend', async () => {
    emu = await startLr({ uploadLimitBytes: 64 * 1024 });
    const big = new Uint8Array(100 * 1024);
    for (const backend of ['response', 'defense', 'cloud'] as const) {
      const lr = lrClient(emu, backend);
      const sid = await openSession(lr, 1);
      const r = await lr.upload(sid, big, 'big.bin');
      expect(r.status).toBe(413);
      expect(r.headers.get('content-type')).toBe('text/html');
      expect(r.text).toContain('<title>413 Request Entity Too Large</title>');
      // Under the limit is fine.
      expect((await lr.upload(sid, big.subarray(0, 32 * 1024), 'ok.bin')).status).toBe(backend === 'cloud' ? 201 : 200);
    }
  });

  it('Cb Response LR needs cblrEnabled (412) and write rights (read-only users get 403)', async () => {
    emu = await startLr();
    const lr = lrClient(emu, 'response');
    expect((await call(`${cblr(emu)}/session`, 'POST', emu.readOnlyToken!, { sensor_id: 1 })).status).toBe(403);
    expect((await call(`${cblr(emu)}/session`, 'GET', null)).status).toBe(401);
    emu.state.info.cblrEnabled = false;
    expect((await lr.createSession(1)).status).toBe(412);
    emu.state.info.cblrEnabled = true;
    expect((await lr.createSession(99)).text).toBe('Sensor 99 not found');
  });

  it('session files: list, metadata, archive (zip), delete', async () => {
    emu = await startLr();
    const lr = lrClient(emu, 'response');
    const sid = await openSession(lr, 1);
    const up = await lr.upload(sid, new TextEncoder().encode('hello'), 'hello.txt');
    expect(up.body).toEqual({ id: 1, file_name: 'hello.txt', size: 5, size_uploaded: 5, status: 0, delete: false });
    expect((await call(`${cblr(emu)}/session/${sid}/file`, 'GET', emu.token)).body).toHaveLength(1);
    const archive = await fetch(`${cblr(emu)}/session/${sid}/archive`, { headers: { 'X-Auth-Token': emu.token } });
    const bytes = new Uint8Array(await archive.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 2)).toString()).toBe('PK');
    expect((await call(`${cblr(emu)}/session/${sid}/file/1`, 'DELETE', emu.token)).status).toBe(200);
    expect((await call(`${cblr(emu)}/session/${sid}/file/1`, 'GET', emu.token)).status).toBe(404);
  });
});
