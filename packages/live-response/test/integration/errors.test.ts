// Error mapping against the emulator: nginx's 413 on a large upload, Carbon Black Cloud 403s
// that name the missing permission (session and command level), commands the sensor does not
// support, and the Defense key check. Nothing may be left open on the server afterwards.
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ForbiddenError, PayloadTooLargeError, UnauthorizedError } from '@cb/core';
import { Connection, resolveCredentials } from '@cb/core';
import {
  CbDefenseBackend,
  LiveResponsePermissionError,
  UnsupportedCommandError,
  openSession,
  type LiveResponseSession,
} from '../../src/index.js';
import { FAST, KINDS, quietLogger, useLrEmulator } from './support/emulator.js';

const UPLOAD_LIMIT = 64 * 1024;
const fx = useLrEmulator({ uploadLimitBytes: UPLOAD_LIMIT, scale: { sensors: 80, processesPerSensor: 3 } });

const open: LiveResponseSession[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  expect(fx.openOnServer()).toBe(0);
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (err: unknown) => err,
  );
}

function uploadsTo(path: RegExp): number {
  return fx.emu.requests.filter((r) => r.method === 'POST' && path.test(r.path)).length;
}
const UPLOAD_ROUTE = /\/session\/[^/]+\/file$|\/sessions\/[^/]+\/files$/;

describe.each(KINDS)('%s: a 413 on a large upload', (kind) => {
  const opened = async (uploadLimitBytes?: number): Promise<LiveResponseSession> => {
    const backend = fx.backend(kind, uploadLimitBytes === undefined ? {} : { uploadLimitBytes });
    const session = await openSession(backend, fx.hostId(kind, 1), { timings: FAST, logger: quietLogger });
    open.push(session);
    return session;
  };

  it('a Buffer over the limit is a PayloadTooLargeError naming its size', async () => {
    const lr = await opened();
    const error = await rejection(lr.putFile(Buffer.alloc(100 * 1024, 1), `C:\\big-${kind}.bin`));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).status).toBe(413);
    expect((error as Error).message).toContain('100.0 KB (102400 bytes)');
    expect((error as Error).message).toMatch(/did not say what its limit is/);
    expect(fx.emu.liveResponse.host(1)!.fs.list('C:\\*', 'C:\\').some((e) => e.name === `big-${kind}.bin`)).toBe(false);
  });

  it('a stream over the limit is a PayloadTooLargeError ("at least N bytes")', async () => {
    const lr = await opened();
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(4096, 2));
    const error = await rejection(lr.putFile(Readable.from(chunks), `C:\\big-stream-${kind}.bin`));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as Error).message).toMatch(/at least .* \(a stream\)/);
  });

  it('with uploadLimitBytes known, the upload fails before anything is sent', async () => {
    const lr = await opened(UPLOAD_LIMIT);
    const before = uploadsTo(UPLOAD_ROUTE);
    const error = await rejection(lr.putFile(Buffer.alloc(UPLOAD_LIMIT + 1), `C:\\big-known-${kind}.bin`));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as Error).message).toContain('the limit is 64.0 KB (65536 bytes)');
    expect(uploadsTo(UPLOAD_ROUTE)).toBe(before);
    // Under the limit still works on the same session.
    await lr.putFile(Buffer.alloc(1024, 3), `C:\\small-${kind}.bin`);
    expect(fx.emu.liveResponse.host(1)!.fs.read(`C:\\small-${kind}.bin`, 'C:\\').length).toBe(1024);
  });
});

describe('Carbon Black Cloud 403s name the permission the key lacks', () => {
  it('a key without org.liveresponse.session cannot open a session, and nothing is left pending', async () => {
    const backend = fx.backend('platform', { token: fx.emu.cloud.limitedToken });
    const error = await rejection(openSession(backend, fx.hostId('platform', 1), { timings: FAST, logger: quietLogger }));
    expect(error).toBeInstanceOf(LiveResponsePermissionError);
    expect(error).toBeInstanceOf(ForbiddenError);
    const e = error as LiveResponsePermissionError;
    expect(e.permission).toBe('org.liveresponse.session');
    expect(e.operations).toEqual(['CREATE', 'READ']);
    expect(e.operation).toBe('session create');
    expect(e.message).toContain('org.liveresponse.session CREATE+READ');
    expect(e.message).not.toContain(fx.emu.cloud.limitedToken);
    expect(fx.openOnServer()).toBe(0);
  });

  it('a read-only key opens a session and reads, but each change names its permission', async () => {
    const backend = fx.backend('platform', { token: fx.readOnlyCloudToken });
    const lr = await openSession(backend, fx.hostId('platform', 1), { timings: FAST, logger: quietLogger });
    open.push(lr);
    expect((await lr.listDirectory('C:\\')).length).toBeGreaterThan(0);
    expect((await lr.getRegistryValue('HKLM\\SOFTWARE\\CarbonBlack\\config\\SensorId')).value_data).toBe(1);

    const cases: Array<[() => Promise<unknown>, string, string[], string]> = [
      [() => lr.putFile('x', 'C:\\ro.txt'), 'org.liveresponse.file', ['CREATE', 'READ'], 'put file'],
      [() => lr.createDirectory('C:\\ro'), 'org.liveresponse.file', ['CREATE', 'READ'], 'create directory'],
      [() => lr.deleteFile('C:\\test.txt'), 'org.liveresponse.file', ['READ', 'DELETE'], 'delete file'],
      [() => lr.setRegistryValue('HKLM\\SOFTWARE\\ro\\v', 1), 'org.liveresponse.registry', ['READ', 'UPDATE'], 'reg set value'],
      [() => lr.createProcess('cmd.exe /c whoami'), 'org.liveresponse.process', ['EXECUTE'], 'create process'],
      [() => lr.killProcess(4), 'org.liveresponse.process', ['READ', 'DELETE'], 'kill'],
    ];
    for (const [run, permission, operations, operation] of cases) {
      const error = await rejection(run());
      expect(error, operation).toBeInstanceOf(LiveResponsePermissionError);
      expect((error as LiveResponsePermissionError).permission).toBe(permission);
      expect((error as LiveResponsePermissionError).operations).toEqual(operations);
      expect((error as LiveResponsePermissionError).operation).toBe(operation);
      expect((error as Error).message).toContain(`${permission} ${operations.join('+')}`);
    }
    // Nothing changed on the host.
    expect(fx.emu.liveResponse.host(1)!.fs.stat('C:\\test.txt', 'C:\\').kind).toBe('file');
  });
});

describe('commands the sensor does not support', () => {
  it.each(KINDS)('%s: registry commands on a Linux host fail before anything is sent', async (kind) => {
    const linux = [...fx.emu.state.sensors.values()].find((s) => s.os_type === 3 && s.status === 'Online');
    expect(linux, 'the dataset has an online Linux sensor').toBeDefined();
    const lr = await openSession(fx.backend(kind), fx.hostId(kind, linux!.id), { timings: FAST, logger: quietLogger });
    open.push(lr);
    expect(lr.osType).toBe('linux');
    expect(lr.supports('reg query value')).toBe(false);
    const posted = fx.emu.requests.length;
    const error = await rejection(lr.getRegistryValue('HKLM\\SOFTWARE\\x'));
    expect(error).toBeInstanceOf(UnsupportedCommandError);
    expect((error as UnsupportedCommandError).supportedCommands).toContain('directory list');
    expect(fx.emu.requests.length).toBe(posted);
    // The POSIX file commands work and use '/'.
    expect((await lr.listDirectory('/')).map((e) => e.filename)).toEqual(expect.arrayContaining(['tmp', 'etc']));
  });
});

describe('Cb Defense keys', () => {
  it('a key that is not the Live Response connector key is an UnauthorizedError', async () => {
    const requester = new Connection({
      credentials: resolveCredentials({ product: 'defense', env: {}, url: fx.emu.url, token: fx.emu.cloud.token }),
      logger: quietLogger,
      env: {},
    });
    try {
      const error = await rejection(openSession(new CbDefenseBackend({ requester }), fx.hostId('defense', 1), { timings: FAST, logger: quietLogger }));
      expect(error).toBeInstanceOf(UnauthorizedError);
      expect((error as Error).message).not.toContain(fx.emu.cloud.token);
      expect(fx.openOnServer()).toBe(0);
    } finally {
      await requester.close();
    }
  });
});
