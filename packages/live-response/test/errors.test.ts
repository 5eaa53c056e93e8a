// Error mapping: Win32 decoding, Cloud 403 permission naming, unsupported commands, 413s.
import { ApiError, ForbiddenError, PayloadTooLargeError } from '@cb/core';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeResult, LiveResponseError, LiveResponsePermissionError, UnsupportedCommandError } from '../src/errors.js';
import { openSession } from '../src/session/open.js';
import { decodeHResult, hresultFromWin32, win32ErrorName } from '../src/win32.js';
import { FAST, msw, PRODUCTS, quietLogger, setup } from './support/harness.js';

beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('HRESULT decoding', () => {
  it('decodes unsigned and signed codes to the same unsigned value and name', () => {
    expect(decodeHResult(2147942487)).toEqual({ code: 0x80070057, hex: '0x80070057', name: 'ERROR_INVALID_PARAMETER' });
    expect(decodeHResult(-2147024894)).toEqual({ code: 0x80070002, hex: '0x80070002', name: 'ERROR_FILE_NOT_FOUND' });
    expect(decodeHResult('2147942405')?.name).toBe('ERROR_ACCESS_DENIED');
    for (const [code, name] of [
      [3, 'ERROR_PATH_NOT_FOUND'],
      [32, 'ERROR_SHARING_VIOLATION'],
      [80, 'ERROR_FILE_EXISTS'],
      [183, 'ERROR_ALREADY_EXISTS'],
      [145, 'ERROR_DIR_NOT_EMPTY'],
    ] as const) {
      expect(decodeHResult(hresultFromWin32(code))?.name).toBe(name);
    }
    expect(win32ErrorName(2)).toBe('ERROR_FILE_NOT_FOUND');
  });

  it('leaves non-Win32 facilities and unknown codes unnamed, non-integers undecoded', () => {
    expect(decodeHResult(0x8004_0001)).toEqual({ code: 0x80040001, hex: '0x80040001', name: '' });
    expect(decodeHResult(hresultFromWin32(9999))?.name).toBe('');
    expect(decodeHResult('abc')).toBeUndefined();
    expect(decodeHResult(1.5)).toBeUndefined();
  });

  it('describes results, always including result_desc', () => {
    expect(describeResult({ status: 'error', result_type: 'WinHresult', result_code: -2147024894, result_desc: 'File not found' })).toBe(
      'Win32 error code 0x80070002 (ERROR_FILE_NOT_FOUND): File not found',
    );
    expect(describeResult({ status: 'error', result_type: 'WinHresult', result_code: 'x' })).toBe('Unknown Win32 error code "x"');
    expect(describeResult({ status: 'ERROR', result_type: 'Posix', result_code: 13, result_desc: 'EACCES' })).toBe(
      'status "ERROR", result_type "Posix", result_code 13: EACCES',
    );
  });
});

describe.each(PRODUCTS)('command failures (%s)', (product) => {
  it('become LiveResponseError with the command JSON, HRESULT and decoded name', async () => {
    const { server, backend } = setup(product);
    server.hosts.get(1)!.dirs.add('c:\\exists');
    const session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
    const err = (await rejection(session.getFile('C:\\nope.txt'))) as LiveResponseError;
    expect(err).toBeInstanceOf(LiveResponseError);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.win32Error).toBe(0x80070002);
    expect(err.decodedWin32Error).toBe('ERROR_FILE_NOT_FOUND');
    expect(err.resultDesc).toBe('File not found');
    expect(err.command).toBe('get file');
    expect(err.hostId).toBe(1);
    expect(err.details['status']).toMatch(/^error$/i);
    expect(err.message).toBe('"get file" (C:\\nope.txt) failed on host 1: Win32 error code 0x80070002 (ERROR_FILE_NOT_FOUND): File not found');

    const exists = (await rejection(session.createDirectory('C:\\exists'))) as LiveResponseError;
    expect(exists.decodedWin32Error).toBe('ERROR_ALREADY_EXISTS');
    const kill = (await rejection(session.killProcess(999))) as LiveResponseError;
    expect(kill.win32Error).toBe(2147942487);
    expect(kill.decodedWin32Error).toBe('ERROR_INVALID_PARAMETER');
    // The error survives JSON (what loggers do) with its fields.
    expect(JSON.parse(JSON.stringify(kill))).toMatchObject({ name: 'LiveResponseError', win32Error: 2147942487, command: 'kill' });
    await session.close();
  });

  it('unsupported commands fail before anything is sent', async () => {
    const { server, backend } = setup(product, 0);
    server.addHost(7, { os: 'linux' });
    const session = await openSession(backend, 7, { timings: FAST, logger: quietLogger });
    expect(session.osType).toBe('linux');
    expect(session.supports('reg query value')).toBe(false);
    server.log.length = 0;
    const err = (await rejection(session.getRegistryValue('HKLM\\X\\Y'))) as UnsupportedCommandError;
    expect(err).toBeInstanceOf(UnsupportedCommandError);
    expect(err.command).toBe('reg query value');
    expect(err.message).toMatch(/not supported by the sensor of host 7/);
    await expect(session.setRegistryValue('HKLM\\X\\Y', 1)).rejects.toBeInstanceOf(UnsupportedCommandError);
    expect(server.log).toEqual([]);
    // POSIX paths on a Linux endpoint.
    expect(session.join('/tmp', 'x')).toBe('/tmp/x');
    await session.close();
  });

  it('a 413 on upload names the size and the limit when known', async () => {
    const { backend } = setup(product, 1, { uploadLimit: 1000 });
    const session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
    const err = await rejection(session.putFile(Buffer.alloc(5000), 'C:\\big.bin'));
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect(err.message).toMatch(/Upload of C:\\big\.bin was rejected as too large \(413\): the file is 4\.9 KB \(5000 bytes\); the server did not say what its limit is/);
    const streamed = await rejection(session.putFile(Readable.from([Buffer.alloc(3000)]), 'C:\\big.bin'));
    expect(streamed).toBeInstanceOf(PayloadTooLargeError);
    expect(streamed.message).toMatch(/the file is at least 2\.9 KB \(3000 bytes\) \(a stream\)/);
    await session.close();
  });

  it('a known upload limit fails before sending', async () => {
    const { server, backend } = setup(product, 1, {}, { uploadLimitBytes: 1024 });
    const session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
    server.log.length = 0;
    const err = await rejection(session.putFile('x'.repeat(2048), 'C:\\big.txt'));
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect(err.message).toMatch(/the file is 2\.0 KB \(2048 bytes\); the limit is 1\.0 KB \(1024 bytes\)/);
    expect(server.log).toEqual([]);
    await session.close();
  });
});

describe('Carbon Black Cloud 403s name the missing permission', () => {
  it.each([
    ['get file', (s: Awaited<ReturnType<typeof openSession>>) => s.getFile('C:\\x'), 'org.liveresponse.file', ['READ']],
    ['delete file', (s: Awaited<ReturnType<typeof openSession>>) => s.deleteFile('C:\\x'), 'org.liveresponse.file', ['READ', 'DELETE']],
    ['kill', (s: Awaited<ReturnType<typeof openSession>>) => s.killProcess(4), 'org.liveresponse.process', ['READ', 'DELETE']],
    ['create process', (s: Awaited<ReturnType<typeof openSession>>) => s.createProcess('x'), 'org.liveresponse.process', ['EXECUTE']],
    ['reg set value', (s: Awaited<ReturnType<typeof openSession>>) => s.setRegistryValue('HKLM\\A\\B', 1), 'org.liveresponse.registry', ['READ', 'UPDATE']],
    ['memdump', (s: Awaited<ReturnType<typeof openSession>>) => s.memdump(), 'org.liveresponse.memdump', ['READ']],
  ] as const)('%s', async (command, run, permission, operations) => {
    const { backend } = setup('platform', 1, { forbid: [command] });
    const session = await openSession(backend, 1, { timings: FAST, logger: quietLogger });
    const err = (await rejection(run(session))) as LiveResponsePermissionError;
    expect(err).toBeInstanceOf(LiveResponsePermissionError);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.status).toBe(403);
    expect(err.permission).toBe(permission);
    expect(err.operations).toEqual(operations);
    expect(err.operation).toBe(command);
    expect(err.message).toContain(`the API key needs ${permission} ${operations.join('+')}`);
    if (command === 'create process') expect(err.message).toContain('waiting for output also needs org.liveresponse.file READ+DELETE');
    await session.close();
  });

  it('session create', async () => {
    const { server, backend } = setup('platform', 1, { forbid: ['session create'] });
    const err = (await rejection(openSession(backend, 1, { timings: FAST, logger: quietLogger }))) as LiveResponsePermissionError;
    expect(err.permission).toBe('org.liveresponse.session');
    expect(err.operations).toEqual(['CREATE', 'READ']);
    expect(server.openSessions).toBe(0);
  });

  it('Defense 403s point at the Live Response key type', async () => {
    const { backend } = setup('defense', 1, { forbid: ['session create'] });
    const err = await rejection(openSession(backend, 1, { timings: FAST, logger: quietLogger }));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.message).toMatch(/API key of type "Live Response"/);
  });
});
