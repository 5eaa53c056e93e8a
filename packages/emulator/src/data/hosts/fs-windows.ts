// The seeded C:\ drive of a Windows host: the system folders, the sensor's folder, the
// interactive user's profile (with a few documents), c:\test.txt from the reference's example
// traffic, and every process image the Response data saw on the host.
import type { EmulatorState } from '../types.js';
import { FsSeeder, properCase } from './fs-seed.js';

const SYSTEM32 = [
  'cmd.exe', 'notepad.exe', 'net.exe', 'net1.exe', 'ipconfig.exe', 'whoami.exe', 'hostname.exe', 'tasklist.exe', 'taskkill.exe',
  'reg.exe', 'sc.exe', 'netstat.exe', 'ping.exe', 'userinit.exe', 'SecurityHealthSystray.exe', 'conhost.exe', 'rundll32.exe',
  'kernel32.dll', 'ntdll.dll', 'user32.dll', 'advapi32.dll', 'ws2_32.dll', 'shell32.dll',
];
const DRIVERS = ['ACPI.sys', 'tcpip.sys', 'ntfs.sys', 'disk.sys', 'carbonblackk.sys'];
const HIVES = ['SAM', 'SECURITY', 'SOFTWARE', 'SYSTEM', 'DEFAULT'];

export function seedWindowsFs(s: FsSeeder, state: EmulatorState): void {
  const u = s.id.user;
  const ro = ['DIRECTORY', 'READONLY'];
  const hidden = ['DIRECTORY', 'HIDDEN'];
  s.dir('C:\\$Recycle.Bin', ['DIRECTORY', 'HIDDEN', 'SYSTEM']);
  s.dir('C:\\PerfLogs');
  s.dir('C:\\Program Files', ro, 'protected');
  s.dir('C:\\Program Files\\Common Files');
  s.file('C:\\Program Files\\Internet Explorer\\iexplore.exe');
  s.file('C:\\Program Files\\Windows Defender\\MpCmdRun.exe');
  s.dir('C:\\Program Files (x86)', ro, 'protected');
  s.file('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
  s.dir('C:\\ProgramData', hidden);
  s.dir('C:\\Users', ro, 'protected');
  s.dir('C:\\Users\\Public', ro);
  s.dir('C:\\Users\\Public\\Documents', ro);
  s.dir('C:\\Users\\Default', ['DIRECTORY', 'HIDDEN', 'READONLY']);

  const home = `C:\\Users\\${u}`;
  s.dir(home);
  s.file(`${home}\\NTUSER.DAT`, { kind: 'binary', size: 786_432, attributes: ['HIDDEN', 'SYSTEM', 'ARCHIVE'], lock: 'in-use' });
  s.file(`${home}\\Desktop\\desktop.ini`, { lines: ['[.ShellClassInfo]', 'LocalizedResourceName=@%SystemRoot%\\system32\\shell32.dll,-21769'], attributes: ['HIDDEN', 'SYSTEM', 'ARCHIVE'] });
  s.file(`${home}\\Desktop\\notes.txt`, { lines: ['call the helpdesk about the VPN token', `share folder: \\\\fs01\\${u}`, 'renew parking permit'] });
  s.file(`${home}\\Desktop\\todo.txt`, { lines: ['- expense report', '- quarterly review slides', '- patch Tuesday reboot'] });
  s.file(`${home}\\Desktop\\Quarterly Report.docx`, { kind: 'binary' });
  s.file(`${home}\\Documents\\budget-2024.xlsx`, { kind: 'binary' });
  s.file(`${home}\\Documents\\passwords.txt`, { lines: ['wifi: Corp-Guest / Welcome2024!', 'printer admin: admin / admin'] });
  s.file(`${home}\\Downloads\\putty.exe`);
  s.dir(`${home}\\AppData\\Local\\Temp`);
  s.dir(`${home}\\AppData\\Roaming`);

  s.dir('C:\\Windows', ['DIRECTORY'], 'protected');
  s.dir('C:\\Windows\\System32', ['DIRECTORY'], 'protected');
  for (const name of SYSTEM32) s.file(`C:\\Windows\\System32\\${name}`, { lock: 'protected', age: [300, 900] });
  for (const name of DRIVERS) s.file(`C:\\Windows\\System32\\drivers\\${name}`, { lock: 'protected', age: [300, 900] });
  s.file('C:\\Windows\\System32\\drivers\\etc\\hosts', {
    lines: ['# Copyright (c) 1993-2009 Microsoft Corp.', '#', '# This is a sample HOSTS file used by Microsoft TCP/IP for Windows.', '#', '127.0.0.1       localhost', '::1             localhost'],
  });
  for (const name of HIVES) s.file(`C:\\Windows\\System32\\config\\${name}`, { kind: 'binary', size: 262_144 * (1 + s.rng.int(64)), lock: 'in-use' });
  s.file('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', { lock: 'protected' });
  s.file('C:\\Windows\\SysWOW64\\cmd.exe', { lock: 'protected' });
  s.file('C:\\Windows\\SysWOW64\\ntdll.dll', { lock: 'protected' });
  s.file('C:\\Windows\\explorer.exe', { lock: 'protected' });
  s.file('C:\\Windows\\notepad.exe', { lock: 'protected' });
  s.file('C:\\Windows\\regedit.exe', { lock: 'protected' });
  s.file('C:\\Windows\\win.ini', { lines: ['; for 16-bit app support', '[fonts]', '[extensions]', '[mci extensions]', '[files]', '[Mail]', 'MAPI=1'] });
  s.file('C:\\Windows\\Logs\\CBS\\CBS.log', { kind: 'text' });
  s.file('C:\\Windows\\Temp\\MpCmdRun.log', { kind: 'text', age: [0, 10] });
  s.file('C:\\Windows\\Temp\\vminst.log', { kind: 'text', age: [0, 60] });
  s.file(`C:\\Windows\\Temp\\cab_${s.rng.range(1000, 9999)}_2`, { kind: 'binary', age: [0, 5] });
  s.file('C:\\Windows\\CarbonBlack\\cb.exe', { lock: 'protected' });
  s.file('C:\\Windows\\CarbonBlack\\sensorsettings.ini', {
    lines: ['[CB]', 'SensorBackendServer=https://cbserver.corp.example:443', `SensorClientId=${s.rng.hex(32)}`, 'ConfigName=Default%20Group'],
    lock: 'protected',
  });
  s.dir('C:\\Windows\\CarbonBlack\\store');

  s.file('C:\\pagefile.sys', { kind: 'binary', size: 4 * 1024 ** 3, attributes: ['HIDDEN', 'SYSTEM', 'ARCHIVE'], lock: 'in-use' });
  s.file('C:\\test.txt', { lines: ['This is a test file.'] });

  // Every image the Response data saw on this host exists on disk (same names, proper case).
  const store = state.processes;
  for (const p of store.processesOfSensor(s.id.sensorId)) {
    const row = store.rowsOf(p)[0];
    const path = String(store.field(row, 'path') ?? '');
    if (/^c:\\/i.test(path)) s.file(properCase(path, String(store.field(row, 'cmdline') ?? '')), path.toLowerCase().startsWith('c:\\windows\\') ? { lock: 'protected' } : {});
  }
}
