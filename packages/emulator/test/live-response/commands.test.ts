// Every Live Response command end to end on every backend: create session → wait active →
// command → poll → result shape (live-response.md §3.5 / cbc-live-response.md §3.5) → close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip, type RunningEmulator } from '../../src/index.js';
import { hresult, lrClient, openSession, startLr, type BackendName, type LrClient } from './helpers.js';

const ERROR_FILE_NOT_FOUND = 2;
const ERROR_PATH_NOT_FOUND = 3;
const ERROR_ACCESS_DENIED = 5;
const ERROR_INVALID_PARAMETER = 87;
const ERROR_DIR_NOT_EMPTY = 145;
const ERROR_ALREADY_EXISTS = 183;
const ERROR_FILE_EXISTS = 80;

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startLr();
});
afterAll(async () => {
  await emu.close();
});

const BACKENDS: BackendName[] = ['response', 'defense', 'cloud'];

describe.each(BACKENDS)('%s: every command', (backend) => {
  let lr: LrClient;
  let sid: string | number;
  const dir = `C:\\lrtest-${backend}`;

  const expectOk = (cmd: any) => {
    expect(lr.ok(cmd.status), JSON.stringify(cmd)).toBe(true);
    expect(cmd.result_code).toBe(0);
  };
  const expectWin32 = (cmd: any, code: number) => {
    expect(cmd.status.toLowerCase(), JSON.stringify(cmd)).toBe('error');
    expect(cmd.result_type).toBe('WinHresult');
    expect(cmd.result_code).toBe(hresult(code, backend));
    if (backend === 'cloud') expect(cmd.result_desc).not.toBe('');
  };
  const regNames = backend === 'defense' ? ['valueName', 'valueType', 'valueData'] : ['value_name', 'value_type', 'value_data'];

  beforeAll(async () => {
    lr = lrClient(emu, backend);
  });

  it('creates a pending session that becomes active with host details', async () => {
    const created = await lr.createSession(1);
    expect(created.status).toBe(backend === 'cloud' ? 201 : 200);
    expect(String(created.body.status).toLowerCase()).toBe('pending');
    if (backend === 'response') expect(created.body.id).toEqual(expect.any(Number));
    else expect(created.body.id).toBe(`${created.body.id.split(':')[0]}:${lr.hostId(1)}`);
    sid = created.body.id;
    const active = await lr.waitActive(sid);
    expect(active.status).toBe(lr.active);
    expect(active.hostname).toBe(emu.state.sensors.get(1)!.computer_name);
    expect(active.supported_commands).toHaveLength(15);
    expect(active.drives).toEqual(['C:\\']);
    expect(active.current_working_directory).toBe('C:\\Windows\\CarbonBlack');
  });

  it('directory list', async () => {
    const cmd = await lr.run(sid, 'directory list', 'C:\\');
    expectOk(cmd);
    expect(cmd.name).toBe('directory list');
    expect(cmd.object).toBe('C:\\');
    const names = cmd.files.map((f: any) => f.filename);
    expect(names).toEqual(expect.arrayContaining(['Windows', 'Users', 'Program Files', 'test.txt']));
    const win = cmd.files.find((f: any) => f.filename === 'Windows');
    expect(win.attributes).toContain('DIRECTORY');
    const test = cmd.files.find((f: any) => f.filename === 'test.txt');
    expect(test).toMatchObject({ attributes: ['ARCHIVE'], size: expect.any(Number) });
    for (const k of ['create_time', 'last_access_time', 'last_write_time']) expect(Number.isInteger(test[k])).toBe(true);
    if (backend !== 'cloud') expect(test).toHaveProperty('alt_name');
    // Wildcards and trailing separators; '.'/'..' below the root.
    const sys = await lr.run(sid, 'directory list', 'C:\\Windows\\System32\\*.exe');
    expect(sys.files.map((f: any) => f.filename)).toContain('cmd.exe');
    const sub = await lr.run(sid, 'directory list', 'C:\\Windows\\');
    expect(sub.files.slice(0, 2).map((f: any) => f.filename)).toEqual(['.', '..']);
    expectWin32(await lr.run(sid, 'directory list', 'C:\\no\\such\\dir\\'), ERROR_PATH_NOT_FOUND);
    expectWin32(await lr.run(sid, 'directory list', 'C:\\Windows\\nothing-*.xyz'), ERROR_FILE_NOT_FOUND);
  });

  it('create directory (fails when it exists)', async () => {
    expectOk(await lr.run(sid, 'create directory', dir));
    expectWin32(await lr.run(sid, 'create directory', dir), ERROR_ALREADY_EXISTS);
    expectWin32(await lr.run(sid, 'create directory', 'C:\\missing-parent\\child'), ERROR_PATH_NOT_FOUND);
  });

  it('put file + get file round trip (bytes identical)', async () => {
    const data = new Uint8Array(4096).map((_, i) => (i * 31 + 7) & 0xff);
    const up = await lr.upload(sid, data, 'blob.bin');
    expect(up.status).toBe(backend === 'cloud' ? 201 : 200);
    expect(up.body.id).toEqual(expect.any(Number));
    expectOk(await lr.run(sid, 'put file', `${dir}\\blob.bin`, { file_id: up.body.id }));
    expectWin32(await lr.run(sid, 'put file', `${dir}\\blob.bin`, { file_id: up.body.id }), ERROR_FILE_EXISTS);
    const posted = await lr.post(sid, 'get file', `${dir}\\blob.bin`);
    const fileId = lr.fileIdOf(posted.body);
    expect(fileId).toEqual(expect.any(Number));
    const done = await lr.run(sid, 'get file', `${dir}\\blob.bin`);
    expectOk(done);
    if (backend === 'cloud') expect(done.file_details).toEqual({ offset: 0, count: 4096, file_id: expect.any(Number) });
    else expect(done.file_id).toEqual(expect.any(Number));
    expect(await lr.download(sid, lr.fileIdOf(done))).toEqual(data);
    expect(await lr.download(sid, fileId)).toEqual(data);
    // The reference's example file.
    const test = await lr.run(sid, 'get file', 'c:\\test.txt');
    expect(Buffer.from(await lr.download(sid, lr.fileIdOf(test))).toString()).toContain('test file');
  });

  it('delete file (files, empty directories; Win32 errors otherwise)', async () => {
    expectWin32(await lr.run(sid, 'delete file', dir), ERROR_DIR_NOT_EMPTY);
    expectOk(await lr.run(sid, 'delete file', `${dir}\\blob.bin`));
    expectOk(await lr.run(sid, 'delete file', dir));
    expectWin32(await lr.run(sid, 'delete file', dir), ERROR_FILE_NOT_FOUND);
    expectWin32(await lr.run(sid, 'get file', `${dir}\\blob.bin`), ERROR_PATH_NOT_FOUND);
    expectWin32(await lr.run(sid, 'delete file', 'C:\\Windows\\System32\\cmd.exe'), ERROR_ACCESS_DENIED);
    expectWin32(await lr.run(sid, 'get file', 'C:\\pagefile.sys'), 32); // ERROR_SHARING_VIOLATION
  });

  it('process list matches the Response process data', async () => {
    const cmd = await lr.run(sid, 'process list');
    expectOk(cmd);
    expect(cmd.object ?? null).toBeNull();
    const pid = backend === 'cloud' ? 'process_pid' : 'pid';
    const system = cmd.processes.find((p: any) => p[pid] === 4);
    expect(system).toBeDefined();
    if (backend === 'cloud') {
      expect(Object.keys(system).sort()).toEqual(['create_time', 'parent_guid', 'parent_pid', 'proc_guid', 'process_cmdline', 'process_path', 'process_pid', 'process_username', 'sid'].sort());
    } else {
      expect(Object.keys(system).sort()).toEqual(['command_line', 'create_time', 'parent', 'parent_guid', 'path', 'pid', 'proc_guid', 'sid', 'username'].sort());
      expect(system).toMatchObject({ username: 'NT AUTHORITY\\SYSTEM', sid: 's-1-5-18', parent_guid: '00000001-0000-0000-0000-000000000000' });
    }
    // Same pids and GUIDs as the running processes in the Cb Response data.
    const store = emu.state.processes;
    const running = store.processesOfSensor(1).map((p) => store.row(store.rowsOf(p).at(-1)!)).filter((r) => !r.terminated);
    const guids = new Set(cmd.processes.map((p: any) => p.proc_guid));
    for (const r of running) expect(guids.has(r.id)).toBe(true);
  });

  it('create process, kill', async () => {
    const started = await lr.run(sid, 'create process', 'notepad.exe', { wait: false });
    expectOk(started);
    expect(started.pid).toEqual(expect.any(Number));
    expect(started.return_code).toBe(0);
    const pidField = backend === 'cloud' ? 'process_pid' : 'pid';
    const listed = await lr.run(sid, 'process list');
    expect(listed.processes.some((p: any) => p[pidField] === started.pid)).toBe(true);
    expectOk(await lr.run(sid, 'kill', started.pid));
    const after = await lr.run(sid, 'process list');
    expect(after.processes.some((p: any) => p[pidField] === started.pid)).toBe(false);
    expectWin32(await lr.run(sid, 'kill', started.pid), ERROR_INVALID_PARAMETER);
    expectWin32(await lr.run(sid, 'kill', 4), ERROR_ACCESS_DENIED);
    expectWin32(await lr.run(sid, 'create process', 'no-such-program.exe', { wait: true }), ERROR_FILE_NOT_FOUND);
  });

  it('create process with output file (wait, then get the output)', async () => {
    const out = `c:\\windows\\temp\\cblr.${backend}.tmp`;
    const cmd = await lr.run(sid, 'create process', 'cmd.exe /c whoami', { wait: true, output_file: out });
    expectOk(cmd);
    expect(cmd.output_file).toBe(out);
    const got = await lr.run(sid, 'get file', out);
    expect(Buffer.from(await lr.download(sid, lr.fileIdOf(got))).toString()).toBe('nt authority\\system\r\n');
    expectOk(await lr.run(sid, 'delete file', out));
  });

  it('registry: create key, set/query/enum every value type, delete', async () => {
    const key = `HKLM\\SOFTWARE\\LrTest-${backend}`;
    expectOk(await lr.run(sid, 'reg create key', key));
    const values: [string, string, unknown][] = [
      ['sz', 'REG_SZ', 'hello'],
      ['expand', 'REG_EXPAND_SZ', '%SystemRoot%\\temp'],
      ['dword', 'REG_DWORD', 42],
      ['qword', 'REG_QWORD', 1_099_511_627_776],
      ['multi', 'REG_MULTI_SZ', ['a', 'b']],
      ['bin', 'REG_BINARY', '00ff10'],
    ];
    for (const [name, type, data] of values) {
      expectOk(await lr.run(sid, 'reg set value', `${key}\\${name}`, { overwrite: true, value_type: type, value_data: data }));
    }
    for (const [name, type, data] of values) {
      const q = await lr.run(sid, 'reg query value', `${key}\\${name}`);
      expectOk(q);
      expect(q.value).toEqual({ [regNames[0]]: name, [regNames[1]]: type, [regNames[2]]: data });
    }
    expectWin32(await lr.run(sid, 'reg set value', `${key}\\sz`, { overwrite: false, value_type: 'REG_SZ', value_data: 'x' }), ERROR_ALREADY_EXISTS);
    expectWin32(await lr.run(sid, 'reg set value', `${key}\\bad`, { value_type: 'REG_DWORD', value_data: 'not a number' }), ERROR_INVALID_PARAMETER);
    expectOk(await lr.run(sid, 'reg create key', `${key}\\Sub`));
    const en = await lr.run(sid, 'reg enum key', key);
    expectOk(en);
    expect(en.sub_keys).toEqual(['Sub']);
    expect(en.values.map((v: any) => v[regNames[0]])).toEqual(values.map((v) => v[0]));
    expectWin32(await lr.run(sid, 'reg delete key', key), ERROR_ACCESS_DENIED); // still has a subkey
    expectOk(await lr.run(sid, 'reg delete value', `${key}\\sz`));
    expectWin32(await lr.run(sid, 'reg query value', `${key}\\sz`), ERROR_FILE_NOT_FOUND);
    expectOk(await lr.run(sid, 'reg delete key', `${key}\\Sub`));
    expectOk(await lr.run(sid, 'reg delete key', key));
    expectWin32(await lr.run(sid, 'reg enum key', key), ERROR_FILE_NOT_FOUND);
    // Seeded keys: the reference's ACPI example and the Run key.
    const acpi = await lr.run(sid, 'reg enum key', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\ACPI');
    expect(acpi.sub_keys).toEqual(['Parameters', 'Enum']);
    expect(acpi.values).toContainEqual({ [regNames[0]]: 'Start', [regNames[1]]: 'REG_DWORD', [regNames[2]]: 0 });
    const run = await lr.run(sid, 'reg enum key', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run');
    expect(run.values.length).toBeGreaterThan(1);
  });

  it('memdump writes a dump of a few KB (zip when compressed)', async () => {
    const path = `c:\\windows\\temp\\mem-${backend}.dmp`;
    const dump = await lr.run(sid, 'memdump', path, { compress: false });
    expectOk(dump);
    expect(dump).toMatchObject({ return_code: 0, complete: true, percentdone: 100, dumping: false });
    const got = await lr.run(sid, 'get file', path);
    const bytes = await lr.download(sid, lr.fileIdOf(got));
    expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe('PAGEDU64');
    expect(bytes.length).toBeGreaterThan(1024);
    expectOk(await lr.run(sid, 'memdump', path, { compress: true }));
    const zipped = await lr.run(sid, 'get file', `${path}.zip`);
    const entries = readZip(await lr.download(sid, lr.fileIdOf(zipped)));
    expect(entries.map((e) => e.name)).toEqual([`mem-${backend}.dmp`]);
    expect(Buffer.from(entries[0]!.data.subarray(0, 8)).toString('latin1')).toBe('PAGEDU64');
  });

  it('closes the session; commands on it are then 404', async () => {
    const closed = await lr.close(sid);
    expect(closed.status).toBe(backend === 'cloud' ? 204 : 200);
    const after = await lr.getSession(sid);
    expect(after.body.status).toBe(backend === 'response' ? 'close' : 'CLOSE');
    const posted = await lr.post(sid, 'process list');
    expect(posted.status).toBe(404);
    if (backend === 'response') expect(posted.text).toMatch(/^Session/);
    if (backend === 'defense') expect(posted.body.status).toBe('NOT_FOUND');
    if (backend === 'cloud') expect(posted.body.error_code).toBe('NOT_FOUND');
  });
});

describe.each(BACKENDS)('%s: POSIX hosts and unsupported commands', (backend) => {
  let macEmu: RunningEmulator;
  let lr: LrClient;
  let sid: string | number;
  const macId = 51; // MAC-MKT-7627, online, in the seed-42 estate

  beforeAll(async () => {
    macEmu = await startLr({ scale: { sensors: 51, processesPerSensor: 10 } });
    expect(macEmu.state.sensors.get(macId)).toMatchObject({ os_type: 2, status: 'Online' });
    lr = lrClient(macEmu, backend);
  });
  afterAll(async () => {
    await macEmu.close();
  });

  it('a macOS session has POSIX paths and no registry commands', async () => {
    sid = await openSession(lr, macId);
    const s = (await lr.getSession(sid)).body;
    expect(s.drives).toEqual(['/']);
    expect(s.supported_commands.some((c: string) => c.startsWith('reg '))).toBe(false);
    const ls = await lr.run(sid, 'directory list', '/Users/');
    expect(lr.ok(ls.status)).toBe(true);
    expect(ls.files.map((f: any) => f.filename)).toContain('Shared');
    const out = await lr.run(sid, 'create process', '/bin/sh -c whoami', { wait: true, output_file: '/tmp/out.txt' });
    expect(lr.ok(out.status)).toBe(true);
    const got = await lr.run(sid, 'get file', '/tmp/out.txt');
    expect(Buffer.from(await lr.download(sid, lr.fileIdOf(got))).toString()).toBe('root\n');
  });

  it('a command the sensor does not support fails with ERROR_NOT_SUPPORTED', async () => {
    const cmd = await lr.run(sid, 'reg enum key', 'HKLM\\SOFTWARE');
    expect(cmd.status.toLowerCase()).toBe('error');
    expect(cmd.result_code).toBe(hresult(50, backend));
  });

  it('an unknown command name is a 400', async () => {
    const r = await lr.post(sid, 'format disk', 'C:\\');
    expect(r.status).toBe(400);
  });

  it('a missing operand is a 400', async () => {
    const r = await lr.post(sid, 'get file');
    expect(r.status).toBe(400);
  });
});
