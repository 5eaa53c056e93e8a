// Every command on every backend, over real sockets against @cb/emulator, asserting the effect
// on the simulated host (file content, registry values, processes) rather than the wire.
// Each backend works on its own Windows host, so the three suites cannot disturb each other.
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeoutError } from '@cb/core';
import { readZip, type HostModel } from '@cb/emulator';
import { LiveResponseError, openSession, type LiveResponseSession, type WalkEntry } from '../../src/index.js';
import { FAST, KINDS, quietLogger, useLrEmulator, type BackendKind } from './support/emulator.js';

const fx = useLrEmulator();

/** One online Windows sensor per backend. */
const SENSOR: Readonly<Record<BackendKind, number>> = { response: 1, defense: 2, platform: 4 };

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cb-lr-commands-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function drain(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (err: unknown) => err,
  );
}

describe.each(KINDS)('%s backend: every command', (kind) => {
  const sensorId = SENSOR[kind];
  const root = `C:\\lr-${kind}`;
  const regRoot = `HKLM\\SOFTWARE\\lr-${kind}`;
  let lr: LiveResponseSession;
  let host: HostModel;
  const onHost = (path: string): string => Buffer.from(host.fs.read(path, 'C:\\')).toString('utf8');
  const existsOnHost = (path: string): boolean => {
    try {
      host.fs.stat(path, 'C:\\');
      return true;
    } catch {
      return false;
    }
  };

  beforeAll(async () => {
    host = fx.emu.liveResponse.host(sensorId)!;
    lr = await openSession(fx.backend(kind), fx.hostId(kind, sensorId), { timings: FAST, logger: quietLogger });
    await lr.createDirectory(root);
  });
  afterAll(async () => {
    await lr.close();
    expect(fx.openOnServer()).toBe(0);
  });

  it('opened an active session on the right host', () => {
    expect(lr.osType).toBe('windows');
    expect(lr.info.hostname).toBe(fx.emu.state.sensors.get(sensorId)!.computer_name);
    expect(lr.supports('memdump')).toBe(true);
    const open = fx.emu.liveResponse.sessions().filter((s) => s.status === 'active');
    expect(open.map((s) => s.sensorId)).toEqual([sensorId]);
  });

  it('getFile returns bytes, or a string with an encoding; getRawFile streams the same bytes', async () => {
    const expected = Buffer.from(host.fs.read('C:\\test.txt', 'C:\\'));
    expect(expected.length).toBeGreaterThan(0);
    const bytes = await lr.getFile('C:\\test.txt');
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(bytes.equals(expected)).toBe(true);
    expect(await lr.getFile('C:\\test.txt', { encoding: 'utf8' })).toBe(expected.toString('utf8'));
    const stream = await lr.getRawFile('C:\\test.txt');
    expect(stream).toBeInstanceOf(ReadableStream);
    expect((await drain(stream)).equals(expected)).toBe(true);
  });

  it('putFile writes a string, a Buffer, a Node stream, a file stream and a web stream', async () => {
    await lr.putFile('text content\r\n', `${root}\\string.txt`);
    await lr.putFile(Buffer.from([0, 1, 2, 250, 255]), `${root}\\buffer.bin`);
    await lr.putFile(Readable.from([Buffer.from('node '), Buffer.from('stream')]), `${root}\\node-stream.txt`);
    const local = join(scratch, `local-${kind}.txt`);
    writeFileSync(local, 'from a local file\n'.repeat(500));
    await lr.putFile(createReadStream(local), `${root}\\file-stream.txt`);
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('web '));
        controller.enqueue(new TextEncoder().encode('stream'));
        controller.close();
      },
    });
    await lr.putFile(web, `${root}\\web-stream.txt`);

    expect(onHost(`${root}\\string.txt`)).toBe('text content\r\n');
    expect([...host.fs.read(`${root}\\buffer.bin`, 'C:\\')]).toEqual([0, 1, 2, 250, 255]);
    expect(onHost(`${root}\\node-stream.txt`)).toBe('node stream');
    expect(onHost(`${root}\\file-stream.txt`)).toBe(readFileSync(local, 'utf8'));
    expect(onHost(`${root}\\web-stream.txt`)).toBe('web stream');
    // And back through the SDK.
    expect((await lr.getFile(`${root}\\buffer.bin`)).equals(Buffer.from([0, 1, 2, 250, 255]))).toBe(true);
    expect(await lr.getFile(`${root}\\file-stream.txt`, { encoding: 'utf8' })).toBe(readFileSync(local, 'utf8'));
  });

  it('listDirectory lists what the host has; createDirectory creates once, then fails', async () => {
    await lr.createDirectory(`${root}\\made`);
    expect(existsOnHost(`${root}\\made`)).toBe(true);
    const entries = await lr.listDirectory(`${root}\\`);
    const names = entries.map((e) => e.filename);
    expect(names).toEqual(expect.arrayContaining(['made', 'string.txt', 'buffer.bin']));
    expect(entries.find((e) => e.filename === 'made')!.attributes).toContain('DIRECTORY');
    expect(entries.find((e) => e.filename === 'buffer.bin')!.size).toBe(5);
    const again = await rejection(lr.createDirectory(`${root}\\made`));
    expect(again).toBeInstanceOf(LiveResponseError);
    expect((again as LiveResponseError).decodedWin32Error).toBe('ERROR_ALREADY_EXISTS');
  });

  it('deleteFile removes a file and an empty directory', async () => {
    await lr.putFile('bye', `${root}\\doomed.txt`);
    expect(existsOnHost(`${root}\\doomed.txt`)).toBe(true);
    await lr.deleteFile(`${root}\\doomed.txt`);
    expect(existsOnHost(`${root}\\doomed.txt`)).toBe(false);
    await lr.createDirectory(`${root}\\empty`);
    await lr.deleteFile(`${root}\\empty`);
    expect(existsOnHost(`${root}\\empty`)).toBe(false);
    expect((await lr.listDirectory(`${root}\\`)).map((e) => e.filename)).not.toContain('doomed.txt');
  });

  describe('walk', () => {
    const top = `${root}\\tree`;
    beforeAll(async () => {
      for (const dir of [top, `${top}\\a`, `${top}\\b`, `${top}\\b\\c`]) await lr.createDirectory(dir);
      await lr.putFile('1', `${top}\\top.txt`);
      await lr.putFile('2', `${top}\\a\\x.txt`);
      await lr.putFile('3', `${top}\\b\\c\\z.txt`);
    });

    const collect = async (options: Parameters<LiveResponseSession['walk']>[1] = {}): Promise<WalkEntry[]> => {
      const out: WalkEntry[] = [];
      for await (const entry of lr.walk(top, options)) out.push({ dir: entry.dir, dirs: [...entry.dirs].sort(), files: [...entry.files].sort() });
      return out;
    };

    it('top-down yields each directory before its children', async () => {
      const entries = await collect();
      expect(entries.map((e) => e.dir)).toEqual([top, `${top}\\a`, `${top}\\b`, `${top}\\b\\c`]);
      expect(entries[0]).toEqual({ dir: top, dirs: ['a', 'b'], files: ['top.txt'] });
      expect(entries[3]).toEqual({ dir: `${top}\\b\\c`, dirs: [], files: ['z.txt'] });
    });

    it('bottom-up yields each directory after its children', async () => {
      const entries = await collect({ topDown: false });
      expect(entries.map((e) => e.dir)).toEqual([`${top}\\a`, `${top}\\b\\c`, `${top}\\b`, top]);
    });

    it('top-down: removing names from dirs prunes them', async () => {
      const seen: string[] = [];
      for await (const entry of lr.walk(top)) {
        seen.push(entry.dir);
        entry.dirs.splice(0, entry.dirs.length, ...entry.dirs.filter((d) => d !== 'b'));
      }
      expect(seen).toEqual([top, `${top}\\a`]);
    });

    it('a listing error goes to onError and skips only that branch', async () => {
      const errors: Array<{ error: unknown; dir: string }> = [];
      const seen: string[] = [];
      for await (const entry of lr.walk(top, { onError: (error, dir) => errors.push({ error, dir }) })) {
        seen.push(entry.dir);
        // The branch disappears on the host between being listed and being walked into.
        if (entry.dir === top) {
          host.fs.remove(`${top}\\a\\x.txt`, 'C:\\', () => false);
          host.fs.remove(`${top}\\a`, 'C:\\', () => false);
        }
      }
      expect(seen).toEqual([top, `${top}\\b`, `${top}\\b\\c`]);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.dir).toBe(`${top}\\a`);
      expect(errors[0]!.error).toBeInstanceOf(LiveResponseError);
      expect((errors[0]!.error as LiveResponseError).decodedWin32Error).toBe('ERROR_PATH_NOT_FOUND');
    });
  });

  describe('registry', () => {
    it('lists keys and values, and reads a value', async () => {
      const listing = await lr.listRegistryKeysAndValues('HKLM\\SOFTWARE\\CarbonBlack');
      expect(listing.sub_keys).toContain('config');
      const values = await lr.listRegistryValues('HKLM\\SOFTWARE\\CarbonBlack\\config');
      expect(values).toContainEqual({ value_name: 'SensorId', value_type: 'REG_DWORD', value_data: sensorId });
      // cbapi's name for the same thing (it returns the values too).
      expect(await lr.listRegistryKeys('HKLM\\SOFTWARE\\CarbonBlack\\config')).toEqual(values);
      expect(await lr.getRegistryValue('HKLM\\SOFTWARE\\CarbonBlack\\config\\SensorId')).toEqual({
        value_name: 'SensorId',
        value_type: 'REG_DWORD',
        value_data: sensorId,
      });
    });

    it('creates a key, sets values of every inferred and explicit type, and reads them back', async () => {
      await lr.createRegistryKey(regRoot);
      expect((await lr.listRegistryKeysAndValues('HKLM\\SOFTWARE')).sub_keys).toContain(`lr-${kind}`);
      await lr.setRegistryValue(`${regRoot}\\Text`, 'hello');
      await lr.setRegistryValue(`${regRoot}\\Small`, 42);
      await lr.setRegistryValue(`${regRoot}\\Large`, 2 ** 40);
      await lr.setRegistryValue(`${regRoot}\\List`, ['a', 7]);
      await lr.setRegistryValue(`${regRoot}\\Expand`, '%SystemRoot%\\x', { valueType: 'REG_EXPAND_SZ' });
      const read = async (name: string) => lr.getRegistryValue(`${regRoot}\\${name}`);
      expect(await read('Text')).toEqual({ value_name: 'Text', value_type: 'REG_SZ', value_data: 'hello' });
      expect(await read('Small')).toEqual({ value_name: 'Small', value_type: 'REG_DWORD', value_data: 42 });
      expect(await read('Large')).toEqual({ value_name: 'Large', value_type: 'REG_QWORD', value_data: 2 ** 40 });
      expect(await read('List')).toEqual({ value_name: 'List', value_type: 'REG_MULTI_SZ', value_data: ['a', '7'] });
      expect(await read('Expand')).toEqual({ value_name: 'Expand', value_type: 'REG_EXPAND_SZ', value_data: '%SystemRoot%\\x' });
      // The host's registry agrees.
      expect(host.registry!.queryValue(`${regRoot}\\Large`)).toMatchObject({ type: 'REG_QWORD', data: 2 ** 40 });
    });

    it('overwrite: false refuses to replace a value; overwrite: true (the default) replaces it', async () => {
      const refused = await rejection(lr.setRegistryValue(`${regRoot}\\Text`, 'other', { overwrite: false }));
      expect(refused).toBeInstanceOf(LiveResponseError);
      expect((refused as LiveResponseError).decodedWin32Error).toBe('ERROR_ALREADY_EXISTS');
      expect((await lr.getRegistryValue(`${regRoot}\\Text`)).value_data).toBe('hello');
      await lr.setRegistryValue(`${regRoot}\\Text`, 'other', { overwrite: true });
      expect((await lr.getRegistryValue(`${regRoot}\\Text`)).value_data).toBe('other');
      await lr.setRegistryValue(`${regRoot}\\Text`, 'third');
      expect((await lr.getRegistryValue(`${regRoot}\\Text`)).value_data).toBe('third');
    });

    it('deletes a value, then the key', async () => {
      await lr.createRegistryKey(`${regRoot}\\Child`);
      await lr.deleteRegistryValue(`${regRoot}\\Text`);
      const gone = await rejection(lr.getRegistryValue(`${regRoot}\\Text`));
      expect(gone).toBeInstanceOf(LiveResponseError);
      expect((gone as LiveResponseError).decodedWin32Error).toBe('ERROR_FILE_NOT_FOUND');
      // A key with subkeys cannot be deleted (RegDeleteKey), an empty one can.
      expect(await rejection(lr.deleteRegistryKey(regRoot))).toBeInstanceOf(LiveResponseError);
      await lr.deleteRegistryKey(`${regRoot}\\Child`);
      expect((await lr.listRegistryKeysAndValues(regRoot)).sub_keys).toEqual([]);
      for (const value of await lr.listRegistryValues(regRoot)) await lr.deleteRegistryValue(`${regRoot}\\${value.value_name}`);
      await lr.deleteRegistryKey(regRoot);
      expect((await lr.listRegistryKeysAndValues('HKLM\\SOFTWARE')).sub_keys).not.toContain(`lr-${kind}`);
    });
  });

  describe('processes', () => {
    it('listProcesses returns the host process table in both spellings', async () => {
      const processes = await lr.listProcesses();
      expect(processes.map((p) => p.process_pid).sort((a, b) => a - b)).toEqual(
        host.processes
          .list()
          .map((p) => p.pid)
          .sort((a, b) => a - b),
      );
      for (const p of processes) {
        expect(p.pid).toBe(p.process_pid);
        expect(p.path).toBe(p.process_path);
        expect(p.command_line).toBe(p.process_cmdline);
      }
    });

    it('createProcess waits for the output by default and deletes its temp file', async () => {
      const result = await lr.createProcess('cmd.exe /c echo hello from lr');
      expect(result.output?.toString('latin1')).toBe('hello from lr\r\n');
      expect(result.returnCode).toBe(0);
      expect(result.pid).toEqual(expect.any(Number));
      // It ran to completion: it is not in the process table any more.
      expect(host.processes.find(result.pid!)).toBeUndefined();
      // The temp output file is deleted (posted without waiting, so give the sensor a moment).
      const leftovers = () => {
        // The emulator's sensor runs queued commands when the session is looked at.
        fx.emu.liveResponse.sessions();
        return host.fs.list('C:\\Windows\\Temp\\*', 'C:\\').filter((e) => /^cblr\./i.test(e.name));
      };
      await expect.poll(leftovers, { timeout: 5_000, interval: 20 }).toEqual([]);
    });

    it('waitForOutput: false still waits for the process to exit, without fetching output', async () => {
      const result = await lr.createProcess('cmd.exe /c hostname', { waitForOutput: false });
      expect(result.output).toBeUndefined();
      expect(result.returnCode).toBe(0);
      expect(result.pid).toEqual(expect.any(Number));
      expect(host.processes.find(result.pid!)).toBeUndefined();
    });

    it('createProcess writes to a caller-chosen output file and keeps it', async () => {
      const out = `${root}\\whoami.txt`;
      const result = await lr.createProcess('cmd.exe /c whoami', { remoteOutputFile: out });
      expect(result.output?.toString('latin1')).toBe('nt authority\\system\r\n');
      expect(onHost(out)).toBe('nt authority\\system\r\n');
    });

    it('createProcess runs in the working directory', async () => {
      await lr.putFile('inside the working directory\r\n', `${root}\\here.txt`);
      const result = await lr.createProcess('cmd.exe /c type here.txt', { workingDirectory: root });
      expect(result.output?.toString('latin1')).toBe('inside the working directory\r\n');
      const bad = await rejection(lr.createProcess('cmd.exe /c type here.txt', { workingDirectory: `${root}\\nowhere` }));
      expect(bad).toBeInstanceOf(LiveResponseError);
      expect((bad as LiveResponseError).decodedWin32Error).toBe('ERROR_DIRECTORY');
    });

    it('waitForOutput: false, waitForCompletion: false returns at once; killProcess ends the process', async () => {
      const command = 'notepad.exe C:\\test.txt';
      const started = await lr.createProcess(command, { waitForOutput: false, waitForCompletion: false });
      expect(started.output).toBeUndefined();
      expect(started.returnCode).toBeUndefined();
      const running = (await lr.listProcesses()).filter((p) => p.process_cmdline === command);
      expect(running).toHaveLength(1);
      const pid = running[0]!.process_pid;
      expect(host.processes.find(pid)).toBeDefined();
      expect(await lr.killProcess(pid)).toBe(true);
      expect(host.processes.find(pid)).toBeUndefined();
      expect((await lr.listProcesses()).some((p) => p.process_pid === pid)).toBe(false);
      // Killing it again: the pid is unknown now.
      const again = await rejection(lr.killProcess(pid));
      expect(again).toBeInstanceOf(LiveResponseError);
      expect((again as LiveResponseError).decodedWin32Error).toBe('ERROR_INVALID_PARAMETER');
    });

    it('createProcess gives up after its timeout with a TimeoutError', async () => {
      fx.emu.liveResponse.setHost(sensorId, { commandLatencyMs: 1_500 });
      try {
        const started = Date.now();
        const error = await rejection(lr.createProcess('cmd.exe /c echo slow', { timeoutMs: 150 }));
        expect(error).toBeInstanceOf(TimeoutError);
        expect((error as Error).message).toMatch(/create process/);
        expect(Date.now() - started).toBeLessThan(1_500);
      } finally {
        fx.emu.liveResponse.setHost(sensorId, { commandLatencyMs: 4 });
      }
      // The session still works once the slow command is done.
      expect((await lr.listDirectory(`${root}\\`)).length).toBeGreaterThan(0);
    });
  });

  describe('memdump', () => {
    it('dumps compressed by default, waits, downloads to a path and deletes', async () => {
      const dump = await lr.memdump({ remoteFile: `${root}\\mem.dmp` });
      expect(dump.compress).toBe(true);
      expect(dump.remoteFile).toBe(`${root}\\mem.dmp.zip`);
      const status = await dump.wait();
      expect(status.complete).toBe(true);
      expect(existsOnHost(dump.remoteFile)).toBe(true);
      const local = join(scratch, `mem-${kind}.zip`);
      const written = await dump.download(local);
      const zipped = readFileSync(local);
      expect(written).toBe(zipped.length);
      expect(zipped.equals(Buffer.from(host.fs.read(dump.remoteFile, 'C:\\')))).toBe(true);
      const entries = readZip(zipped);
      expect(entries.map((e) => e.name)).toEqual(['mem.dmp']);
      expect(Buffer.from(entries[0]!.data).subarray(0, 8).toString('latin1')).toBe('PAGEDU64');
      await dump.delete();
      expect(existsOnHost(dump.remoteFile)).toBe(false);
    });

    it('compress: false downloads the raw dump into a Node writable and a web WritableStream', async () => {
      const dump = await lr.memdump({ remoteFile: `${root}\\raw.dmp`, compress: false });
      expect(dump.remoteFile).toBe(`${root}\\raw.dmp`);
      const sink = new PassThrough();
      const chunks: Buffer[] = [];
      sink.on('data', (c: Buffer) => chunks.push(c));
      const written = await dump.download(sink);
      expect(Buffer.concat(chunks).subarray(0, 8).toString('latin1')).toBe('PAGEDU64');
      expect(written).toBe(Buffer.concat(chunks).length);
      const webChunks: Uint8Array[] = [];
      const webSink = new WritableStream<Uint8Array>({ write: (c) => void webChunks.push(c) });
      expect(await dump.download(webSink)).toBe(written);
      expect(Buffer.concat(webChunks).equals(Buffer.concat(chunks))).toBe(true);
      await dump.delete();
      expect(existsOnHost(dump.remoteFile)).toBe(false);
    });
  });

  it('a missing path is a LiveResponseError with the Win32 code and its text', async () => {
    const error = await rejection(lr.getFile(`${root}\\no-such-dir\\missing.txt`));
    expect(error).toBeInstanceOf(LiveResponseError);
    const e = error as LiveResponseError;
    expect(e.command).toBe('get file');
    expect(e.hostId).toBe(fx.hostId(kind, sensorId));
    expect(e.win32Error).toBe(0x80070003);
    expect(e.decodedWin32Error).toBe('ERROR_PATH_NOT_FOUND');
    expect(e.message).toContain('Win32 error code 0x80070003 (ERROR_PATH_NOT_FOUND)');
    expect(e.message).toContain(`${root}\\no-such-dir\\missing.txt`);
    const file = await rejection(lr.getFile(`${root}\\missing.txt`));
    expect((file as LiveResponseError).win32Error).toBe(0x80070002);
    expect((file as LiveResponseError).decodedWin32Error).toBe('ERROR_FILE_NOT_FOUND');
  });
});
