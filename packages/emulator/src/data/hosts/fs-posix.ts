// The seeded file system of a Linux or macOS host: the usual system directories, the sensor's
// install folder, the interactive user's home and every process image the Response data saw.
import type { EmulatorState } from '../types.js';
import { FsSeeder, properCase } from './fs-seed.js';

const BIN = ['bash', 'sh', 'ls', 'cat', 'ps', 'kill', 'cp', 'mv', 'rm', 'mkdir', 'echo', 'uname', 'hostname'];
const USR_BIN = ['python3', 'id', 'whoami', 'top', 'env', 'curl'];

export function seedPosixFs(s: FsSeeder, state: EmulatorState): void {
  const mac = s.id.os === 'osx';
  const u = s.id.user;
  for (const name of BIN) s.file(`/bin/${name}`, { lock: 'protected', age: [300, 900] });
  for (const name of USR_BIN) s.file(`/usr/bin/${name}`, { lock: 'protected', age: [300, 900] });
  s.dir('/usr/lib');
  s.dir('/sbin');
  s.dir('/dev');
  s.dir('/var/tmp');
  s.file('/etc/hosts', { lines: ['127.0.0.1   localhost', '::1         localhost', `${s.id.ip}   ${s.id.hostname}`] });
  s.file('/etc/passwd', { lines: ['root:x:0:0:root:/root:/bin/bash', `${u}:x:1000:1000::${mac ? '/Users' : '/home'}/${u}:/bin/bash`] });
  s.file('/etc/resolv.conf', { lines: [`search ${s.id.domain.toLowerCase()}.example`, 'nameserver 10.0.0.2'] });
  s.file('/tmp/.X0-lock', { lines: ['       1234'], age: [0, 3] });
  if (mac) {
    s.dir('/Applications/Safari.app/Contents/MacOS');
    s.dir('/Applications/Utilities/Terminal.app/Contents/MacOS');
    s.file('/Applications/VMware Carbon Black EDR.app/Contents/MacOS/cbdaemon', { lock: 'protected' });
    s.file('/Library/LaunchDaemons/com.carbonblack.daemon.plist', { lines: ['<?xml version="1.0" encoding="UTF-8"?>', '<plist version="1.0"><dict><key>Label</key><string>com.carbonblack.daemon</string></dict></plist>'] });
    s.dir('/System/Library');
    s.dir('/Users/Shared');
    s.file(`/Users/${u}/Desktop/notes.txt`, { lines: ['call the helpdesk about the VPN token', 'renew parking permit'] });
    s.dir(`/Users/${u}/Documents`);
    s.dir(`/Users/${u}/Downloads`);
    s.dir('/private/tmp');
    s.file('/var/log/system.log', { kind: 'text' });
  } else {
    s.file('/etc/os-release', { lines: ['NAME="CentOS Linux"', 'VERSION="7 (Core)"', 'ID="centos"', 'PRETTY_NAME="CentOS Linux 7 (Core)"'] });
    s.file('/etc/hostname', { lines: [s.id.hostname] });
    s.file('/etc/shadow', { kind: 'text', attributes: [], lock: 'protected' });
    s.file('/opt/cbsensor/cbdaemon', { lock: 'protected' });
    s.file('/opt/cbsensor/sensorsettings.ini', { lines: ['[CB]', 'SensorBackendServer=https://cbserver.corp.example:443'], lock: 'protected' });
    s.file(`/home/${u}/.bashrc`, { lines: ['# .bashrc', 'alias ll="ls -l"'] });
    s.file(`/home/${u}/.bash_history`, { lines: ['sudo systemctl restart app', 'tail -f /var/log/messages', 'curl http://10.0.0.5:8080/health'] });
    s.file(`/home/${u}/notes.txt`, { lines: ['deploy window: Thursday 22:00 UTC'] });
    s.dir('/root');
    s.dir('/proc');
    s.file('/var/log/messages', { kind: 'text' });
    s.file('/var/log/secure', { kind: 'text' });
  }
  const store = state.processes;
  for (const p of store.processesOfSensor(s.id.sensorId)) {
    const row = store.rowsOf(p)[0];
    const raw = String(store.field(row, 'path') ?? '');
    const path = mac ? properCase(raw, String(store.field(row, 'cmdline') ?? '')) : raw;
    if (path.startsWith('/')) s.file(path, { lock: path.startsWith('/bin/') || path.startsWith('/usr/') || path.startsWith('/sbin/') ? 'protected' : undefined });
  }
}
