// The seeded registry of a Windows host: the keys LR users usually look at (Run keys, services,
// OS version, computer name), with every value type represented and values taken from the
// host's identity and Response data (e.g. a Run entry for the evil.exe the host runs).
import type { Rng } from '../rng.js';
import type { HostIdentity } from './identity.js';
import type { HostProcess } from './processes.js';
import { Registry } from './registry.js';

const CV = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion';
const NT = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
const SERVICES = 'HKLM\\SYSTEM\\CurrentControlSet\\Services';

interface ServiceSpec {
  name: string;
  display: string;
  image: string;
  /** 0 boot, 1 system, 2 automatic, 3 manual, 4 disabled */
  start: number;
  /** 1 kernel driver, 16 own process, 32 shared process */
  type: number;
  depends?: string[];
  sub?: string[];
}

const SERVICE_SPECS: readonly ServiceSpec[] = [
  { name: 'ACPI', display: 'Microsoft ACPI Driver', image: 'System32\\drivers\\ACPI.sys', start: 0, type: 1, sub: ['Parameters', 'Enum'] },
  { name: 'BITS', display: 'Background Intelligent Transfer Service', image: '%SystemRoot%\\System32\\svchost.exe -k netsvcs -p', start: 3, type: 32, depends: ['RpcSs'] },
  { name: 'CarbonBlack', display: 'Carbon Black Sensor', image: '"C:\\Windows\\CarbonBlack\\cb.exe"', start: 2, type: 16, depends: ['carbonblackk'] },
  { name: 'carbonblackk', display: 'carbonblackk', image: 'System32\\drivers\\carbonblackk.sys', start: 1, type: 1 },
  { name: 'Dnscache', display: 'DNS Client', image: '%SystemRoot%\\system32\\svchost.exe -k NetworkService -p', start: 2, type: 32, depends: ['nsi', 'Tdx'], sub: ['Parameters'] },
  { name: 'EventLog', display: 'Windows Event Log', image: '%SystemRoot%\\System32\\svchost.exe -k LocalServiceNetworkRestricted -p', start: 2, type: 32, sub: ['Application', 'Security', 'System'] },
  { name: 'LanmanServer', display: 'Server', image: '%SystemRoot%\\system32\\svchost.exe -k netsvcs -p', start: 2, type: 32, depends: ['SamSS', 'Srv2'], sub: ['Parameters'] },
  { name: 'LanmanWorkstation', display: 'Workstation', image: '%SystemRoot%\\System32\\svchost.exe -k NetworkService -p', start: 2, type: 32, depends: ['Bowser', 'MRxSmb20', 'NSI'] },
  { name: 'Schedule', display: 'Task Scheduler', image: '%systemroot%\\system32\\svchost.exe -k netsvcs -p', start: 2, type: 32, depends: ['RPCSS', 'SystemEventsBroker'] },
  { name: 'Spooler', display: 'Print Spooler', image: '%SystemRoot%\\System32\\spoolsv.exe', start: 2, type: 16, depends: ['RPCSS', 'http'] },
  { name: 'Tcpip', display: 'TCP/IP Protocol Driver', image: 'System32\\drivers\\tcpip.sys', start: 0, type: 1, sub: ['Parameters', 'Linkage'] },
  { name: 'W32Time', display: 'Windows Time', image: '%SystemRoot%\\system32\\svchost.exe -k LocalService', start: 3, type: 32, sub: ['Config', 'Parameters'] },
  { name: 'WinDefend', display: 'Microsoft Defender Antivirus Service', image: '"C:\\ProgramData\\Microsoft\\Windows Defender\\platform\\4.18.23110.3-0\\MsMpEng.exe"', start: 2, type: 16, depends: ['RpcSs'] },
  { name: 'Winmgmt', display: 'Windows Management Instrumentation', image: '%systemroot%\\system32\\svchost.exe -k netsvcs -p', start: 2, type: 32, depends: ['RPCSS'], sub: ['Parameters'] },
  { name: 'WSearch', display: 'Windows Search', image: '%systemroot%\\system32\\SearchIndexer.exe /Embedding', start: 2, type: 16, depends: ['RPCSS', 'BrokerInfrastructure'] },
  { name: 'wuauserv', display: 'Windows Update', image: '%systemroot%\\system32\\svchost.exe -k netsvcs -p', start: 3, type: 32, depends: ['rpcss'] },
];

/** Display names of automatically started services (what `net start` prints). */
export function autoStartServices(): string[] {
  return SERVICE_SPECS.filter((s) => s.start === 2 && s.type !== 1).map((s) => s.display);
}

function seedServices(reg: Registry, rng: Rng, id: HostIdentity): void {
  for (const s of SERVICE_SPECS) {
    const key = `${SERVICES}\\${s.name}`;
    reg.put(key, 'Type', 'REG_DWORD', s.type);
    reg.put(key, 'Start', 'REG_DWORD', s.start);
    reg.put(key, 'ErrorControl', 'REG_DWORD', s.type === 1 ? 3 : 1);
    reg.put(key, 'ImagePath', 'REG_EXPAND_SZ', s.image);
    reg.put(key, 'DisplayName', 'REG_SZ', s.display);
    if (s.type !== 1) reg.put(key, 'ObjectName', 'REG_SZ', s.image.includes('NetworkService') ? 'NT AUTHORITY\\NetworkService' : 'LocalSystem');
    if (s.depends) reg.put(key, 'DependOnService', 'REG_MULTI_SZ', s.depends);
    if (s.type !== 1) {
      // SERVICE_FAILURE_ACTIONS: reset period, no reboot msg/command, 3 actions (restart after 60 s).
      const actions = Buffer.alloc(44);
      actions.writeUInt32LE(86400, 0);
      actions.writeUInt32LE(3, 12);
      actions.writeUInt32LE(0x14, 16);
      for (let i = 0; i < 3; i++) {
        actions.writeUInt32LE(1, 20 + i * 8);
        actions.writeUInt32LE(60_000, 24 + i * 8);
      }
      reg.put(key, 'FailureActions', 'REG_BINARY', Uint8Array.from(actions.subarray(0, 44)));
    }
    for (const sub of s.sub ?? []) reg.ensure(`${key}\\${sub}`);
  }
  reg.put(`${SERVICES}\\ACPI`, 'Group', 'REG_SZ', 'Core');
  reg.put(`${SERVICES}\\ACPI`, 'Tag', 'REG_DWORD', 2);
  reg.put(`${SERVICES}\\ACPI\\Enum`, '0', 'REG_SZ', 'ACPI_HAL\\PNP0C08\\0');
  reg.put(`${SERVICES}\\ACPI\\Enum`, 'Count', 'REG_DWORD', 1);
  reg.put(`${SERVICES}\\Tcpip\\Parameters`, 'Hostname', 'REG_SZ', id.hostname);
  reg.put(`${SERVICES}\\Tcpip\\Parameters`, 'NV Hostname', 'REG_SZ', id.hostname);
  reg.put(`${SERVICES}\\Tcpip\\Parameters`, 'Domain', 'REG_SZ', `${id.domain.toLowerCase()}.example`);
  reg.put(`${SERVICES}\\Tcpip\\Parameters`, 'DataBasePath', 'REG_EXPAND_SZ', '%SystemRoot%\\System32\\drivers\\etc');
  reg.put(`${SERVICES}\\W32Time\\Parameters`, 'NtpServer', 'REG_SZ', 'time.windows.com,0x9');
  reg.put(`${SERVICES}\\W32Time\\Config`, 'MaxPosPhaseCorrection', 'REG_DWORD', 172800);
  reg.put(`${SERVICES}\\LanmanServer\\Parameters`, 'NullSessionPipes', 'REG_MULTI_SZ', []);
  reg.put(`${SERVICES}\\LanmanServer\\Parameters`, 'Guid', 'REG_BINARY', Uint8Array.from(Buffer.from(rng.hex(32), 'hex')));
}

function productName(osDisplay: string): string {
  return osDisplay.replace(/ Edition/, '').replace(/\s*\(build.*$/, '').replace(/, 64-bit$/, '');
}

export function seedRegistry(rng: Rng, id: HostIdentity, processes: readonly HostProcess[]): Registry {
  const reg = new Registry();
  const installMs = id.epochMs - (200 + rng.int(500)) * 86_400_000;
  const build = /build (\d+)/.exec(id.osDisplay)?.[1] ?? '19045';

  reg.put(CV, 'ProgramFilesDir', 'REG_SZ', 'C:\\Program Files');
  reg.put(CV, 'CommonFilesDir', 'REG_SZ', 'C:\\Program Files\\Common Files');
  reg.put(CV, 'ProgramFilesPath', 'REG_EXPAND_SZ', '%ProgramFiles%');
  reg.put(CV, 'DevicePath', 'REG_EXPAND_SZ', '%SystemRoot%\\inf');
  reg.ensure(`${CV}\\RunOnce`);
  reg.ensure(`${CV}\\Uninstall`);
  reg.put(`${CV}\\Run`, 'SecurityHealth', 'REG_EXPAND_SZ', '%windir%\\system32\\SecurityHealthSystray.exe');
  if (rng.chance(0.6)) reg.put(`${CV}\\Run`, 'VMware User Process', 'REG_SZ', '"C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe" -n vmusr');
  reg.put(`${CV}\\Run`, 'RtkAudUService', 'REG_SZ', '"C:\\Windows\\System32\\DriverStore\\FileRepository\\realtekservice.inf_amd64_a1b2c3d4e5f60718\\RtkAudUService64.exe" -background');
  // Persistence for the dataset's malware sample, so LR and process search tell one story.
  const evil = processes.find((p) => p.path.toLowerCase().endsWith('\\evil.exe'));
  if (evil) reg.put(`${CV}\\Run`, 'WindowsUpdater', 'REG_SZ', evil.commandLine);

  reg.put(NT, 'ProductName', 'REG_SZ', productName(id.osDisplay));
  reg.put(NT, 'CurrentBuild', 'REG_SZ', build);
  reg.put(NT, 'CurrentBuildNumber', 'REG_SZ', build);
  reg.put(NT, 'CurrentVersion', 'REG_SZ', '6.3');
  reg.put(NT, 'CurrentMajorVersionNumber', 'REG_DWORD', 10);
  reg.put(NT, 'InstallDate', 'REG_DWORD', Math.floor(installMs / 1000));
  reg.put(NT, 'RegisteredOwner', 'REG_SZ', id.user);
  reg.put(NT, 'SystemRoot', 'REG_SZ', 'C:\\Windows');
  reg.put(NT, 'DigitalProductId', 'REG_BINARY', Uint8Array.from(Buffer.from(rng.hex(64), 'hex')));
  reg.put(`${NT}\\Winlogon`, 'Shell', 'REG_SZ', 'explorer.exe');
  reg.put(`${NT}\\Winlogon`, 'Userinit', 'REG_SZ', 'C:\\Windows\\system32\\userinit.exe,');
  reg.put('HKLM\\SOFTWARE\\CarbonBlack\\config', 'SensorId', 'REG_DWORD', id.sensorId);
  reg.put('HKLM\\SOFTWARE\\CarbonBlack\\config', 'SensorBackendServer', 'REG_SZ', 'https://cbserver.corp.example:443');
  // QWORD quota (bytes) mirroring the sensor group's event log quota.
  reg.put('HKLM\\SOFTWARE\\CarbonBlack\\config', 'MaxEventLogBytes', 'REG_QWORD', 1_073_741_824);

  reg.put('HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName', 'ComputerName', 'REG_SZ', id.hostname);
  reg.put('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager', 'BootExecute', 'REG_MULTI_SZ', ['autocheck autochk *']);
  const env = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment';
  reg.put(env, 'Path', 'REG_EXPAND_SZ', '%SystemRoot%\\system32;%SystemRoot%;%SystemRoot%\\System32\\Wbem;%SYSTEMROOT%\\System32\\WindowsPowerShell\\v1.0\\');
  reg.put(env, 'TEMP', 'REG_EXPAND_SZ', '%SystemRoot%\\TEMP');
  reg.put(env, 'OS', 'REG_SZ', 'Windows_NT');
  reg.put(env, 'NUMBER_OF_PROCESSORS', 'REG_SZ', String([2, 4, 8][rng.int(3)]));
  reg.put('HKLM\\SYSTEM\\Select', 'Current', 'REG_DWORD', 1);
  seedServices(reg, rng, id);

  const userKey = `HKU\\${id.userSid || 'S-1-5-21-0-0-0-1001'}`;
  reg.put(`${userKey}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`, 'OneDrive', 'REG_SZ', `"C:\\Users\\${id.user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background`);
  reg.put(`${userKey}\\Environment`, 'TEMP', 'REG_EXPAND_SZ', '%USERPROFILE%\\AppData\\Local\\Temp');
  reg.put(`${userKey}\\Volatile Environment`, 'USERNAME', 'REG_SZ', id.user);
  reg.ensure('HKU\\.DEFAULT\\Software\\Microsoft\\Windows\\CurrentVersion\\Run');
  // The sensor runs as SYSTEM, so its HKCU is the default profile.
  reg.ensure('HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run');
  reg.put('HKCU\\Environment', 'TEMP', 'REG_EXPAND_SZ', '%USERPROFILE%\\AppData\\Local\\Temp');
  reg.put('HKCR\\.txt', '', 'REG_SZ', 'txtfile');
  reg.put('HKCR\\txtfile\\shell\\open\\command', '', 'REG_EXPAND_SZ', '%SystemRoot%\\system32\\NOTEPAD.EXE %1');
  reg.ensure('HKCC\\System\\CurrentControlSet\\Control');
  return reg;
}
