// device.lrSession() end to end over real sockets: the seed-004 walkthrough of
// architecture.md (create directory, put file, list directory, create process, list processes,
// kill process, close) against the emulator's Live Response v6 routes.
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { LiveResponsePermissionError } from '@cb/live-response';
import { Device } from '../../src/index.js';
import { useCloudEmulator } from '../support/emulator.js';

const fx = useCloudEmulator({ liveResponse: { sessionLatencyMs: 20, commandLatencyMs: 5 } });

// A failed test must not leave sessions behind for the next one.
afterEach(() => fx.emu.liveResponse.closeAll());

async function onlineWindowsDevice(): Promise<Device> {
  const device = await fx.api.select(Device).setOs(['WINDOWS']).setStatus(['LIVE']).first();
  if (!device) throw new Error('the emulator has no online Windows device');
  return device;
}

describe('device.lrSession()', () => {
  it('runs the seed-004 walkthrough', async () => {
    const device = await onlineWindowsDevice();
    fx.takeRequests();
    const lr = await device.lrSession();
    onTestFinished(() => lr.close());
    expect(lr.osType).toBe('windows');
    expect(String(lr.sessionId)).toMatch(new RegExp(`:${device.id}$`));
    expect(fx.emu.liveResponse.openSessions().total).toBe(1);

    await lr.createDirectory('C:\\demo\\');
    // A Node stream, as `createReadStream('demo.txt')` in the walkthrough.
    await lr.putFile(Readable.from([Buffer.from('Hello from the SDK\r\n')]), 'C:\\demo\\demo.txt');
    const listing = await lr.listDirectory('C:\\demo\\');
    const file = listing.find((e) => e.filename === 'demo.txt');
    expect(file).toBeDefined();
    expect(file!.attributes).toContain('ARCHIVE');
    expect(file!.size).toBe(20);
    expect(await lr.getFile('C:\\demo\\demo.txt', { encoding: 'utf8' })).toBe('Hello from the SDK\r\n');

    const command = 'cmd.exe /c "ping.exe -t 127.0.0.1"';
    await lr.createProcess(command, { waitForCompletion: false, waitForOutput: false });
    // A real endpoint lists ping.exe under cmd.exe; the emulator lists the cmd.exe it started.
    const pings = (await lr.listProcesses()).filter(
      (p) => p.process_path.toLowerCase().includes('ping.exe') || p.process_cmdline === command,
    );
    expect(pings.length).toBeGreaterThan(0);
    for (const p of pings) expect(await lr.killProcess(p.process_pid)).toBe(true);
    const after = await lr.listProcesses();
    expect(after.some((p) => pings.some((q) => q.process_pid === p.process_pid))).toBe(false);

    await lr.close();
    expect(fx.emu.liveResponse.openSessions().total).toBe(0);
    const lines = fx.takeRequests();
    expect(lines[0]).toBe('POST /appservices/v6/orgs/{org}/liveresponse/sessions');
    expect(lines.at(-1)).toMatch(/^DELETE \/appservices\/v6\/orgs\/\{org\}\/liveresponse\/sessions\/[^/]+$/);
    // The device row told the OS: no device GET before the session.
    expect(lines.filter((l) => l.startsWith('GET /appservices/v6/orgs/{org}/devices/'))).toEqual([]);
  });

  it('closes the session with `await using` and shares it between two leases', async () => {
    const device = await onlineWindowsDevice();
    const api = fx.api;
    {
      await using a = await device.lrSession();
      await using b = await device.lrSession();
      expect(b.sessionId).toBe(a.sessionId);
      expect(api.liveResponse.stats.held).toBe(1);
      expect((await a.listDirectory('C:\\')).length).toBeGreaterThan(0);
    }
    expect(api.liveResponse.stats.open).toBe(0);
    expect(fx.emu.liveResponse.openSessions().total).toBe(0);
  });

  it('a reference device (never loaded) still opens a session', async () => {
    const { id } = await onlineWindowsDevice();
    const api = fx.newApi();
    const lr = await api.select(Device, id).lrSession();
    expect(lr.osType).toBe('windows');
    await lr.close();
  });

  it('a key with only device READ gets a LiveResponsePermissionError naming the permission', async () => {
    const api = fx.newApi({ token: fx.emu.cloud.limitedToken });
    const device = (await api.select(Device).setOs(['WINDOWS']).setStatus(['LIVE']).first())!;
    const error = await device.lrSession().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveResponsePermissionError);
    expect((error as Error).message).toMatch(/org\.liveresponse\.session/);
    expect(fx.emu.liveResponse.openSessions().total).toBe(0);
  });

  it('api.close() closes every session the API still holds', async () => {
    const api = fx.newApi();
    const { id } = await onlineWindowsDevice();
    await api.select(Device, id).lrSession();
    expect(fx.emu.liveResponse.openSessions().total).toBe(1);
    await api.close();
    expect(fx.emu.liveResponse.openSessions().total).toBe(0);
  });
});
