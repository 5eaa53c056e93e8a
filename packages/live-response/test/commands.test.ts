// Every command on every backend, with the request shapes of the references.
import { Readable } from 'node:stream';
import { mkdtempSync, readFileSync, writeFileSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSession } from '../src/session/open.js';
import type { LiveResponseSession } from '../src/session/session.js';
import { FAST, msw, PRODUCTS, quietLogger, setup, type Setup } from './support/harness.js';
import { ORG, type FakeHost, type Product } from './support/fake-server.js';

beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

const SID: Record<Product, number | string> = { response: 1, defense: '1:1', platform: '1:1' };

function sessionPath(product: Product): string {
  switch (product) {
    case 'response':
      return '/api/v1/cblr/session/1';
    case 'defense':
      return '/integrationServices/v3/cblr/session/1:1';
    case 'platform':
      return `/appservices/v6/orgs/${ORG}/liveresponse/sessions/1:1`;
  }
}

function commandsPath(product: Product): string {
  return `${sessionPath(product)}/${product === 'platform' ? 'commands' : 'command'}`;
}

/** The command body the reference prescribes for this product. */
function body(product: Product, name: string, target?: string | number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...extra, name, session_id: SID[product] };
  if (target !== undefined) out[product === 'platform' ? (name === 'kill' ? 'pid' : 'path') : 'object'] = target;
  return out;
}

describe.each(PRODUCTS)('%s backend', (product) => {
  let ctx: Setup;
  let host: FakeHost;
  let session: LiveResponseSession;

  beforeEach(async () => {
    ctx = setup(product);
    host = ctx.server.hosts.get(1)!;
    host.files.set('c:\\test.txt', Buffer.from('hello from the endpoint'));
    host.dirs.add('c:\\demo');
    host.dirs.add('c:\\demo\\sub');
    host.files.set('c:\\demo\\a.txt', Buffer.from('a'));
    host.files.set('c:\\demo\\sub\\b.txt', Buffer.from('bb'));
    host.registry.set('hklm\\system\\currentcontrolset\\services\\acpi', new Map([
      ['Start', { type: 'REG_DWORD', data: 0 }],
      ['ImagePath', { type: 'REG_EXPAND_SZ', data: 'system32\\drivers\\ACPI.sys' }],
    ]));
    host.registry.set('hklm\\system\\currentcontrolset\\services\\acpi\\parameters', new Map());
    session = await openSession(ctx.backend, 1, { timings: FAST, logger: quietLogger });
  });

  afterEach(async () => {
    await session.close();
    expect(ctx.server.openSessions).toBe(0);
  });

  const lastCommand = () => ctx.server.requests('POST', new RegExp(`^${commandsPath(product)}$`)).at(-1)!.body;

  it('establishes the session with the product\'s requests', () => {
    const lines = ctx.server.log.map((r) => `${r.method} ${r.path}`);
    switch (product) {
      case 'response':
        expect(lines).toEqual([
          'GET /api/v1/cblr/session?active_only=true',
          'POST /api/v1/cblr/session',
          'GET /api/v1/cblr/session/1',
          'GET /api/v1/sensor/1',
        ]);
        expect(ctx.server.log[1]!.body).toEqual({ sensor_id: 1 });
        break;
      case 'defense':
        expect(lines).toEqual(['POST /integrationServices/v3/cblr/session/1', 'GET /integrationServices/v3/cblr/session/1:1', 'GET /integrationServices/v3/device/1']);
        expect(ctx.server.log[0]!.body).toEqual({ sensor_id: 1 });
        break;
      case 'platform':
        expect(lines).toEqual([
          `POST /appservices/v6/orgs/${ORG}/liveresponse/sessions`,
          `GET /appservices/v6/orgs/${ORG}/liveresponse/sessions/1:1`,
          `GET /appservices/v6/orgs/${ORG}/devices/1`,
        ]);
        expect(ctx.server.log[0]!.body).toEqual({ device_id: 1 });
        break;
    }
    expect(session.sessionId).toBe(SID[product]);
    expect(session.osType).toBe('windows');
    expect(session.info.supported_commands).toContain('get file');
    expect(session.info.drives).toEqual(['A:\\', 'C:\\']);
  });

  it('closes with the product\'s close call, once', async () => {
    ctx.server.log.length = 0;
    await session.close();
    await session.close();
    const lines = ctx.server.log.map((r) => `${r.method} ${r.path}`);
    switch (product) {
      case 'response':
        expect(lines).toEqual(['GET /api/v1/cblr/session/1', 'PUT /api/v1/cblr/session/1']);
        expect(ctx.server.log[1]!.body).toMatchObject({ id: 1, sensor_id: 1, status: 'close' });
        break;
      case 'defense':
        expect(lines).toEqual(['PUT /integrationServices/v3/cblr/session']);
        expect(ctx.server.log[0]!.body).toEqual({ session_id: '1:1', status: 'CLOSE' });
        break;
      case 'platform':
        expect(lines).toEqual([`DELETE /appservices/v6/orgs/${ORG}/liveresponse/sessions/1:1`]);
        break;
    }
    expect(ctx.server.openSessions).toBe(0);
    await expect(session.listProcesses()).rejects.toThrow(/closed/);
  });

  it('getFile: command, poll, content download (bytes, text)', async () => {
    ctx.server.log.length = 0;
    const bytes = await session.getFile('C:\\test.txt');
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(bytes.toString()).toBe('hello from the endpoint');
    expect(ctx.server.log[0]).toMatchObject({ method: 'POST', path: commandsPath(product), body: body(product, 'get file', 'C:\\test.txt') });
    expect(ctx.server.log[1]!.path).toMatch(new RegExp(`^${commandsPath(product)}/\\d+$`));
    const content = product === 'platform' ? `${sessionPath(product)}/files/1/content` : `${sessionPath(product)}/file/1/content`;
    expect(ctx.server.log[2]).toMatchObject({ method: 'GET', path: content });
    if (product === 'platform') expect(ctx.server.log[3]!.path).toBe('/blob/1'); // the 302 was followed
    expect(await session.getFile('C:\\test.txt', { encoding: 'utf8' })).toBe('hello from the endpoint');
  });

  it('getRawFile streams the content', async () => {
    const stream = await session.getRawFile('C:\\test.txt');
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('hello from the endpoint');
  });

  it('putFile uploads a multipart part named "file", then sends put file with its id', async () => {
    ctx.server.log.length = 0;
    await session.putFile('some text', 'C:\\demo\\x.txt');
    const files = product === 'platform' ? `${sessionPath(product)}/files` : `${sessionPath(product)}/file`;
    expect(ctx.server.log[0]).toMatchObject({ method: 'POST', path: files, body: { multipart: ['file'], fileName: 'file' } });
    expect(ctx.server.log[1]).toMatchObject({ method: 'POST', path: commandsPath(product), body: body(product, 'put file', 'C:\\demo\\x.txt', { file_id: 1 }) });
    expect(host.files.get('c:\\demo\\x.txt')?.toString()).toBe('some text');

    await session.putFile(Buffer.from([0, 1, 2, 255]), 'C:\\demo\\bin.dat', { fileName: 'bin.dat' });
    expect([...host.files.get('c:\\demo\\bin.dat')!]).toEqual([0, 1, 2, 255]);
    expect(ctx.server.requests('POST', /\/files?$/).at(-1)!.body).toMatchObject({ fileName: 'bin.dat' });
  });

  it('putFile streams a Node readable and a web stream (file name from the file stream)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-'));
    const local = join(dir, 'demo.txt');
    writeFileSync(local, 'x'.repeat(100_000));
    await session.putFile(createReadStream(local), 'C:\\demo\\demo.txt');
    expect(host.files.get('c:\\demo\\demo.txt')?.byteLength).toBe(100_000);
    expect(ctx.server.requests('POST', /\/files?$/).at(-1)!.body).toMatchObject({ fileName: 'demo.txt' });

    await session.putFile(Readable.from([Buffer.from('ab'), 'cd']), 'C:\\demo\\gen.txt');
    expect(host.files.get('c:\\demo\\gen.txt')?.toString()).toBe('abcd');

    const web = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('web '));
        c.enqueue(new TextEncoder().encode('stream'));
        c.close();
      },
    });
    await session.putFile(web, 'C:\\demo\\web.txt');
    expect(host.files.get('c:\\demo\\web.txt')?.toString()).toBe('web stream');
  });

  it('deleteFile and createDirectory', async () => {
    await session.deleteFile('C:\\demo\\a.txt');
    expect(lastCommand()).toEqual(body(product, 'delete file', 'C:\\demo\\a.txt'));
    expect(host.files.has('c:\\demo\\a.txt')).toBe(false);
    await session.createDirectory('C:\\demo\\new\\');
    expect(lastCommand()).toEqual(body(product, 'create directory', 'C:\\demo\\new\\'));
    expect(host.dirs.has('c:\\demo\\new')).toBe(true);
  });

  it('listDirectory returns typed entries', async () => {
    const entries = await session.listDirectory('C:\\demo\\');
    expect(lastCommand()).toEqual(body(product, 'directory list', 'C:\\demo\\'));
    expect(entries.map((e) => e.filename)).toEqual(['.', '..', 'sub', 'a.txt']);
    expect(entries[2]).toEqual({
      filename: 'sub',
      attributes: ['DIRECTORY'],
      size: 0,
      create_time: 1476390668,
      last_access_time: 1476390668,
      last_write_time: 1476390668,
      alt_name: '',
    });
  });

  it('walk: top-down and bottom-up, pruning, onError', async () => {
    const top: string[] = [];
    for await (const { dir, dirs, files } of session.walk('C:\\demo')) top.push(`${dir}|${dirs.join(',')}|${files.join(',')}`);
    expect(top).toEqual(['C:\\demo|sub|a.txt', 'C:\\demo\\sub||b.txt']);
    expect(ctx.server.requests('POST', new RegExp(`^${commandsPath(product)}$`)).map((r) => (r.body as Record<string, unknown>)[product === 'platform' ? 'path' : 'object'])).toEqual([
      'C:\\demo\\*',
      'C:\\demo\\sub\\*',
    ]);

    const bottom: string[] = [];
    for await (const e of session.walk('C:\\demo\\', { topDown: false })) bottom.push(e.dir);
    expect(bottom).toEqual(['C:\\demo\\sub', 'C:\\demo']);

    const pruned: string[] = [];
    for await (const e of session.walk('C:\\demo')) {
      pruned.push(e.dir);
      e.dirs.length = 0;
    }
    expect(pruned).toEqual(['C:\\demo']);

    const errors: string[] = [];
    const none: string[] = [];
    for await (const e of session.walk('C:\\missing', { onError: (err, dir) => errors.push(`${dir}: ${(err as Error).name}`) })) none.push(e.dir);
    expect(none).toEqual([]);
    expect(errors).toEqual(['C:\\missing: LiveResponseError']);
  });

  it('registry: list, get, set (type inference), create, delete', async () => {
    const key = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\ACPI';
    const listing = await session.listRegistryKeysAndValues(key);
    expect(lastCommand()).toEqual(body(product, 'reg enum key', key));
    // Defense's camel-case valueName/valueType/valueData come back in the one snake-case shape.
    expect(listing).toEqual({
      values: [
        { value_name: 'Start', value_type: 'REG_DWORD', value_data: 0 },
        { value_name: 'ImagePath', value_type: 'REG_EXPAND_SZ', value_data: 'system32\\drivers\\ACPI.sys' },
      ],
      sub_keys: ['parameters'],
    });
    expect(await session.listRegistryKeys(key)).toEqual(listing.values);
    expect(await session.listRegistryValues(key)).toEqual(listing.values);

    expect(await session.getRegistryValue(`${key}\\Start`)).toEqual({ value_name: 'Start', value_type: 'REG_DWORD', value_data: 0 });
    expect(lastCommand()).toEqual(body(product, 'reg query value', `${key}\\Start`));

    await session.setRegistryValue(`${key}\\Count`, 5);
    expect(lastCommand()).toEqual(body(product, 'reg set value', `${key}\\Count`, { overwrite: true, value_type: 'REG_DWORD', value_data: 5 }));
    await session.setRegistryValue(`${key}\\Names`, ['a', 2]);
    expect(lastCommand()).toMatchObject({ value_type: 'REG_MULTI_SZ', value_data: ['a', '2'] });
    await session.setRegistryValue(`${key}\\Text`, 'hi', { overwrite: false });
    expect(lastCommand()).toMatchObject({ overwrite: false, value_type: 'REG_SZ', value_data: 'hi' });
    await session.setRegistryValue(`${key}\\Path`, '%SystemRoot%', { valueType: 'REG_EXPAND_SZ' });
    expect(lastCommand()).toMatchObject({ value_type: 'REG_EXPAND_SZ', value_data: '%SystemRoot%' });
    await session.setRegistryValue(`${key}\\Big`, 2 ** 40);
    expect(lastCommand()).toMatchObject({ value_type: 'REG_QWORD', value_data: 2 ** 40 });

    await session.createRegistryKey(`${key}\\New`);
    expect(lastCommand()).toEqual(body(product, 'reg create key', `${key}\\New`));
    await session.deleteRegistryValue(`${key}\\Count`);
    expect(lastCommand()).toEqual(body(product, 'reg delete value', `${key}\\Count`));
    await session.deleteRegistryKey(`${key}\\New`);
    expect(lastCommand()).toEqual(body(product, 'reg delete key', `${key}\\New`));
    expect(host.registry.has('hklm\\system\\currentcontrolset\\services\\acpi\\new')).toBe(false);
  });

  it('listProcesses fills both field spellings', async () => {
    const procs = await session.listProcesses();
    expect(lastCommand()).toEqual(body(product, 'process list'));
    expect('object' in (lastCommand() as object) || 'path' in (lastCommand() as object)).toBe(false);
    expect(procs[1]).toMatchObject({
      process_pid: 1234,
      pid: 1234,
      process_path: 'c:\\windows\\system32\\notepad.exe',
      path: 'c:\\windows\\system32\\notepad.exe',
      process_cmdline: 'notepad.exe',
      command_line: 'notepad.exe',
      process_username: 'CORP\\alice',
      username: 'CORP\\alice',
      parent_pid: 4,
      parent: 4,
    });
  });

  it('createProcess waits for output by default: temp output file, get, delete', async () => {
    ctx.server.log.length = 0;
    const result = await session.createProcess('ipconfig /all');
    const posted = ctx.server.requests('POST', new RegExp(`^${commandsPath(product)}$`)).map((r) => r.body as Record<string, unknown>);
    const out = posted[0]!['output_file'] as string;
    expect(out).toMatch(/^c:\\windows\\temp\\cblr\.[A-Za-z0-9]{12}\.tmp$/);
    expect(posted[0]).toEqual(body(product, 'create process', 'ipconfig /all', { wait: true, output_file: out }));
    expect(posted[1]).toEqual(body(product, 'get file', out));
    expect(posted[2]).toEqual(body(product, 'delete file', out));
    expect(result.output?.toString()).toBe('output of ipconfig /all\r\n');
    expect(result.returnCode).toBe(0);
    expect(result.pid).toBeGreaterThan(0);
  });

  it('createProcess intent: waitForOutput implies waiting; background start sends no polls', async () => {
    ctx.server.log.length = 0;
    await session.createProcess('a.exe', { waitForCompletion: false });
    expect(ctx.server.log[0]!.body).toMatchObject({ wait: true });

    ctx.server.log.length = 0;
    const bg = await session.createProcess('cmd.exe /c "ping.exe -t 127.0.0.1"', { waitForCompletion: false, waitForOutput: false, workingDirectory: 'C:\\' });
    expect(ctx.server.log.map((r) => r.method)).toEqual(['POST']);
    expect(ctx.server.log[0]!.body).toEqual(body(product, 'create process', 'cmd.exe /c "ping.exe -t 127.0.0.1"', { wait: false, working_directory: 'C:\\' }));
    expect(bg).toEqual({ pid: undefined, returnCode: undefined, output: undefined });

    ctx.server.log.length = 0;
    const waited = await session.createProcess('b.exe', { waitForOutput: false, remoteOutputFile: 'C:\\out.txt' });
    expect(ctx.server.log[0]!.body).toMatchObject({ wait: true, output_file: 'C:\\out.txt' });
    expect(waited.output).toBeUndefined();
    expect(waited.returnCode).toBe(0);
  });

  it('killProcess sends the pid (v6: "pid" key) and reports success', async () => {
    expect(await session.killProcess(1234)).toBe(true);
    expect(lastCommand()).toEqual(body(product, 'kill', 1234));
    expect(host.processes.some((p) => p.pid === 1234)).toBe(false);
  });

  it('killProcess returns false when the kill does not complete in time', async () => {
    host.hangCommands.add('kill');
    expect(await session.killProcess(4)).toBe(false);
  });

  it('memdump: start, wait, download, delete', async () => {
    const dump = await session.memdump({ remoteFile: 'C:\\dump.dmp' });
    expect(lastCommand()).toEqual(body(product, 'memdump', 'C:\\dump.dmp', { compress: true }));
    expect(dump.remoteFile).toBe('C:\\dump.dmp.zip');
    const status = await dump.wait();
    expect(status).toMatchObject({ complete: true, percentdone: 100, return_code: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'lr-'));
    const bytes = await dump.download(join(dir, 'dump.zip'));
    expect(bytes).toBe(14);
    expect(readFileSync(join(dir, 'dump.zip'), 'utf8')).toBe('MDMP fake dump');
    await dump.delete();
    expect(lastCommand()).toEqual(body(product, 'delete file', 'C:\\dump.dmp.zip'));
    expect(host.files.has('c:\\dump.dmp.zip')).toBe(false);

    const plain = await session.memdump({ compress: false });
    expect(plain.remoteFile).toMatch(/^c:\\windows\\temp\\cblr\.\w{12}\.tmp$/);
  });
});
