// The simulated hosts (data layer): deterministic from (seed, host), consistent with the
// Response data, Win32 semantics in the file system and registry.
import { describe, expect, it } from 'vitest';
import { createState } from '../../src/index.js';
import { contentOf, hostModel, LrFailure, type HostModel } from '../../src/data/hosts/index.js';

const listing = (h: HostModel, path: string) => h.fs.list(path, h.cwd).map((e) => `${e.name}:${e.node.kind === 'file' ? e.node.size : 'dir'}`);

function win32Of(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof LrFailure) return err.win32;
    throw err;
  }
}

describe('host models', () => {
  it('are deterministic per (seed, host) and differ between hosts', () => {
    const a = hostModel(createState({ seed: 7, scale: 'small' }), 2)!;
    const b = hostModel(createState({ seed: 7, scale: 'small' }), 2)!;
    const other = hostModel(createState({ seed: 7, scale: 'small' }), 3)!;
    for (const dir of ['C:\\', 'C:\\Windows\\Temp\\', `C:\\Users\\${a.identity.user}\\Desktop\\`]) expect(listing(a, dir)).toEqual(listing(b, dir));
    expect(a.fs.read('C:\\Windows\\System32\\cmd.exe', a.cwd)).toEqual(b.fs.read('C:\\Windows\\System32\\cmd.exe', b.cwd));
    expect(a.processes.list()).toEqual(b.processes.list());
    expect(a.registry!.enumKey('HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion')).toEqual(b.registry!.enumKey('HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion'));
    expect(a.fs.read('C:\\Windows\\System32\\cmd.exe', a.cwd)).not.toEqual(other.fs.read('C:\\Windows\\System32\\cmd.exe', other.cwd));
  });

  it('report sizes that match the generated content', () => {
    const h = hostModel(createState({ seed: 42, scale: 'small' }), 1)!;
    for (const e of h.fs.list('C:\\Windows\\System32\\', h.cwd)) {
      if (e.node.kind === 'file' && e.node.lock !== 'in-use') expect(contentOf(e.node).length).toBe(e.node.size);
    }
    const exe = h.fs.read('C:\\Windows\\System32\\cmd.exe', h.cwd);
    expect(Buffer.from(exe.subarray(0, 2)).toString()).toBe('MZ');
  });

  it('have every process image of the Response data on disk and the user\'s profile', () => {
    const state = createState({ seed: 42, scale: 'small' });
    const h = hostModel(state, 2)!;
    const store = state.processes;
    for (const p of store.processesOfSensor(2)) {
      const path = String(store.field(store.rowsOf(p)[0], 'path'));
      expect(h.fs.stat(path, h.cwd).kind).toBe('file');
    }
    expect(h.fs.stat(`C:\\Users\\${h.identity.user}\\Desktop`, h.cwd).kind).toBe('dir');
    expect(h.processes.sensorProcess()?.path).toBe('c:\\windows\\carbonblack\\cb.exe');
  });

  it('ties the malware sample to a Run key where the host runs it', () => {
    const state = createState({ seed: 42, scale: 'small' });
    for (const sensor of state.sensors.values()) {
      const h = hostModel(state, sensor.id)!;
      const evil = h.processes.list().find((p) => p.path.endsWith('\\evil.exe'));
      const run = h.registry!.enumKey('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run').values.map((v) => String(v.data));
      expect(run.some((v) => v.toLowerCase().includes('evil.exe'))).toBe(evil !== undefined);
    }
  });

  it('Linux hosts: case-sensitive POSIX tree, no registry', () => {
    const state = createState({ seed: 42, scale: 'small' });
    state.sensors.get(4)!.os_type = 3;
    const h = hostModel(state, 4)!;
    expect(h.registry).toBeUndefined();
    expect(h.drives).toEqual(['/']);
    expect(h.fs.list('/', '/').map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'etc', 'home', 'opt', 'tmp', 'var']));
    expect(Buffer.from(h.fs.read('/etc/hostname', '/')).toString()).toBe(`${h.identity.hostname}\n`);
    expect(win32Of(() => h.fs.read('/ETC/hostname', '/'))).toBe(3);
    expect(Buffer.from(h.fs.read('/bin/ls', '/').subarray(0, 4)).toString('latin1')).toBe('\x7fELF');
  });

  it('Win32 semantics: case-insensitive names, relative paths, protected and in-use files', () => {
    const h = hostModel(createState({ seed: 42, scale: 'small' }), 1)!;
    expect(Buffer.from(h.fs.read('c:/TEST.TXT', h.cwd)).toString()).toContain('test file');
    expect(Buffer.from(h.fs.read('..\\..\\test.txt', h.cwd)).toString()).toContain('test file');
    expect(win32Of(() => h.fs.read('D:\\x.txt', h.cwd))).toBe(3);
    expect(win32Of(() => h.fs.read('C:\\Windows\\System32\\config\\SAM', h.cwd))).toBe(32);
    expect(win32Of(() => h.fs.remove('C:\\Windows\\System32\\svchost.exe', h.cwd, () => false))).toBe(5);
    expect(win32Of(() => h.fs.mkdir('C:\\bad|name', h.cwd))).toBe(123);
    h.fs.write('C:\\Windows\\Temp\\new.txt', h.cwd, new Uint8Array([1, 2, 3]), false);
    expect(win32Of(() => h.fs.write('C:\\Windows\\Temp\\NEW.TXT', h.cwd, new Uint8Array([4]), false))).toBe(80);
    expect(h.fs.read('c:\\windows\\temp\\new.txt', h.cwd)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('registry: hives by short and long name, typed values, RegDeleteKey rules', () => {
    const reg = hostModel(createState({ seed: 42, scale: 'small' }), 1)!.registry!;
    const byShort = reg.enumKey('HKLM\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer');
    const byLong = reg.enumKey('HKEY_LOCAL_MACHINE\\system\\currentcontrolset\\services\\lanmanserver');
    expect(byLong).toEqual(byShort);
    const types = new Set<string>();
    for (const key of ['HKLM\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run', 'HKLM\\SOFTWARE\\CarbonBlack\\config', 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion']) {
      for (const v of reg.enumKey(key).values) types.add(v.type);
    }
    expect([...types].sort()).toEqual(['REG_BINARY', 'REG_DWORD', 'REG_EXPAND_SZ', 'REG_MULTI_SZ', 'REG_QWORD', 'REG_SZ']);
    expect(win32Of(() => reg.deleteKey('HKLM\\SOFTWARE'))).toBe(5);
    expect(win32Of(() => reg.createKey('HKLM\\NewTopLevel'))).toBe(5);
    expect(win32Of(() => reg.enumKey('HKXX\\Software'))).toBe(2);
  });
});
