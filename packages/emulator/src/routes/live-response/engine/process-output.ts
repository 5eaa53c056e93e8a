// What a few everyday commands print when `create process` redirects output to a file, built
// from the host model so the output agrees with the other LR commands. Anything else prints
// nothing (the process still runs and exits 0).
import { autoStartServices, contentOf, type HostModel } from '../../../data/hosts/index.js';

function stripShell(cmdline: string, windows: boolean): string {
  const re = windows ? /^\s*"?(?:[a-z]:\\[^"]*\\)?cmd(?:\.exe)?"?\s+\/[ck]\s+/i : /^\s*(?:\/bin\/)?(?:ba)?sh\s+-c\s+/;
  return cmdline.replace(re, '').replace(/^["']|["']$/g, '').trim();
}

function windowsOutput(host: HostModel, command: string, workDir: string): string {
  const id = host.identity;
  const lower = command.toLowerCase();
  const word = lower.split(/\s+/)[0].replace(/\.exe$/, '').replace(/^.*\\/, '');
  const arg = command.slice(command.split(/\s+/)[0].length).trim();
  switch (word) {
    case 'whoami':
      return 'nt authority\\system\r\n';
    case 'hostname':
      return `${id.hostname}\r\n`;
    case 'echo':
      return `${arg}\r\n`;
    case 'ipconfig':
      return [
        '',
        'Windows IP Configuration',
        '',
        '',
        'Ethernet adapter Ethernet0:',
        '',
        `   Connection-specific DNS Suffix  . : ${id.domain.toLowerCase()}.example`,
        `   IPv4 Address. . . . . . . . . . . : ${id.ip}`,
        '   Subnet Mask . . . . . . . . . . . : 255.255.255.0',
        `   Default Gateway . . . . . . . . . : ${id.ip.replace(/\.\d+$/, '.1')}`,
        '',
      ].join('\r\n');
    case 'net':
    case 'net1':
      if (/^start\s*$/i.test(arg)) {
        return ['These Windows services are started:', '', ...autoStartServices().map((s) => `   ${s}`), '', 'The command completed successfully.', ''].join('\r\n');
      }
      return '';
    case 'tasklist': {
      const rows = host.processes.list().map((p) => `${p.path.replace(/^.*\\/, '').padEnd(25)} ${String(p.pid).padStart(8)} Services                   0`);
      return ['', 'Image Name                     PID Session Name        Session#', '========================= ======== ================ ===========', ...rows, ''].join('\r\n');
    }
    case 'type':
      try {
        return Buffer.from(contentOf(asFile(host, arg, workDir))).toString('latin1');
      } catch {
        return 'The system cannot find the file specified.\r\n';
      }
    case 'dir': {
      const target = arg || workDir;
      try {
        const entries = host.fs.list(target.endsWith('\\') || /[*?]/.test(target) ? target : `${target}\\`, workDir);
        const lines = entries.map((e) => `${e.node.kind === 'dir' ? '<DIR>         ' : String(e.node.size).padStart(14)} ${e.name}`);
        return [` Directory of ${target}`, '', ...lines, ''].join('\r\n');
      } catch {
        return 'File Not Found\r\n';
      }
    }
    default:
      return '';
  }
}

function posixOutput(host: HostModel, command: string, workDir: string): string {
  const id = host.identity;
  const [word0 = '', ...rest] = command.split(/\s+/);
  const word = word0.replace(/^.*\//, '');
  const arg = rest.filter((a) => !a.startsWith('-')).join(' ');
  switch (word) {
    case 'whoami':
      return 'root\n';
    case 'id':
      return 'uid=0(root) gid=0(root) groups=0(root)\n';
    case 'hostname':
      return `${id.hostname}\n`;
    case 'echo':
      return `${rest.join(' ')}\n`;
    case 'uname':
      return id.os === 'osx' ? `Darwin ${id.hostname} 19.6.0 Darwin Kernel Version 19.6.0 x86_64\n` : `Linux ${id.hostname} 3.10.0-1160.el7.x86_64 #1 SMP x86_64 GNU/Linux\n`;
    case 'ps':
      return ['  PID  PPID CMD', ...host.processes.list().map((p) => `${String(p.pid).padStart(5)} ${String(p.parentPid).padStart(5)} ${p.commandLine}`), ''].join('\n');
    case 'cat':
      try {
        return Buffer.from(contentOf(asFile(host, arg, workDir))).toString('utf8');
      } catch {
        return `cat: ${arg}: No such file or directory\n`;
      }
    case 'ls':
      try {
        const target = arg || workDir;
        return host.fs.list(target.endsWith('/') ? target : `${target}/`, workDir).filter((e) => e.name !== '.' && e.name !== '..').map((e) => e.name).join('\n') + '\n';
      } catch {
        return `ls: cannot access '${arg}': No such file or directory\n`;
      }
    default:
      return '';
  }
}

function asFile(host: HostModel, path: string, workDir: string) {
  const node = host.fs.stat(path, workDir);
  if (node.kind !== 'file') throw new Error('not a file');
  return node;
}

export function processOutput(host: HostModel, cmdline: string, workDir: string): string {
  const windows = host.identity.os === 'windows';
  const command = stripShell(cmdline, windows);
  return windows ? windowsOutput(host, command, workDir) : posixOutput(host, command, workDir);
}
