// Small fixed process-segment documents shared by the query tests. Field names follow
// response.md §3.1; event lists use the wire formats of §3.3 (pipe strings and v4 objects).

export interface ProcDoc {
  id: string;
  unique_id: string;
  segment_id: number;
  process_name: string;
  path: string;
  cmdline: string;
  username?: string;
  hostname: string;
  group: string;
  process_md5: string;
  parent_name: string;
  start: string;
  last_update: string;
  last_server_update?: string;
  netconn_count: number;
  sensor_id: number;
  comms_ip?: string | number;
  terminated?: boolean;
  host_type?: string;
  filemod_complete?: string[];
  regmod_complete?: string[];
  modload_complete?: string[];
  netconn_complete?: Array<string | Record<string, unknown>>;
  childproc_complete?: string[];
  alliance_score_srstrust?: number;
}

export const PROCS: ProcDoc[] = [
  {
    id: 'proc-a',
    unique_id: 'proc-a-0001',
    segment_id: 1,
    process_name: 'notepad.exe',
    path: 'c:\\windows\\system32\\notepad.exe',
    cmdline: 'notepad.exe C:\\Users\\bob\\todo.txt',
    username: 'WIN-A\\bob',
    hostname: 'WIN-A',
    group: 'Default Group',
    process_md5: 'aa11',
    parent_name: 'explorer.exe',
    start: '2020-01-05T10:00:00Z',
    last_update: '2020-01-05T11:00:00Z',
    netconn_count: 0,
    sensor_id: 1,
    comms_ip: '10.0.0.5',
    terminated: true,
    host_type: 'workstation',
    filemod_complete: ['2|2020-01-05 10:00:01.000000|c:\\users\\bob\\todo.txt||0|false'],
  },
  {
    id: 'proc-b',
    unique_id: 'proc-b-0001',
    segment_id: 1,
    process_name: 'cmd.exe',
    path: 'c:\\windows\\system32\\cmd.exe',
    cmdline: 'cmd.exe /c net use y: \\\\test\\blah',
    username: 'WIN-A\\bob',
    hostname: 'WIN-A',
    group: 'Default Group',
    process_md5: 'bb22',
    parent_name: 'explorer.exe',
    start: '2020-02-10T08:30:00Z',
    last_update: '2020-02-10T09:00:00Z',
    netconn_count: 3,
    sensor_id: 1,
    terminated: false,
    host_type: 'workstation',
  },
  {
    id: 'proc-c',
    unique_id: 'proc-c-0001',
    segment_id: 1,
    process_name: 'net.exe',
    path: 'c:\\windows\\system32\\net.exe',
    cmdline: 'net  use y: \\\\test\\blah',
    username: 'WIN-A\\bob',
    hostname: 'WIN-A',
    group: 'Default Group',
    process_md5: 'cc33',
    parent_name: 'cmd.exe',
    start: '2020-02-10T08:30:05Z',
    last_update: '2020-02-10T08:30:06Z',
    netconn_count: 10,
    sensor_id: 1,
    host_type: 'workstation',
  },
  {
    id: 'proc-d',
    unique_id: 'proc-d-0001',
    segment_id: 1,
    process_name: 'powershell.exe',
    path: 'c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe',
    cmdline: 'powershell.exe -enc SQBFAFgA -nop',
    username: 'NT AUTHORITY\\SYSTEM',
    hostname: 'SRV-DB01',
    group: 'Servers',
    process_md5: 'dd44',
    parent_name: 'services.exe',
    start: '2021-06-01T00:00:00Z',
    last_update: '2021-06-01T00:10:00Z',
    netconn_count: 20,
    sensor_id: 2,
    host_type: 'server',
    netconn_complete: [{ timestamp: '2021-06-01 00:00:01', remote_ip: '8.8.8.8', remote_port: 53, domain: 'dns.google', direction: 'true' }],
  },
  {
    id: 'proc-e',
    unique_id: 'proc-e-0001',
    segment_id: 1,
    process_name: 'chrome.exe',
    path: 'c:\\program files (x86)\\google\\chrome\\application\\chrome.exe',
    cmdline: '"C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe" --type=renderer',
    username: 'WIN-B\\alice',
    hostname: 'WIN-B',
    group: 'Default Group',
    process_md5: 'ee55',
    parent_name: 'explorer.exe',
    start: '2021-06-15T12:00:00Z',
    last_update: '2021-06-15T13:00:00Z',
    netconn_count: 150,
    sensor_id: 3,
    host_type: 'workstation',
    netconn_complete: ['2021-06-15 12:00:01.000000|-1979811809|80|6|dl.javafx.com|true'],
    modload_complete: ['2021-06-15 12:00:00.000000|3556d5a8bf2cc508bdab51dec38d7c61|c:\\windows\\system32\\ntdll.dll'],
  },
  {
    id: 'proc-f',
    unique_id: 'proc-f-0001',
    segment_id: 1,
    process_name: 'Notepad.EXE',
    path: 'C:\\Temp\\Notepad.EXE',
    cmdline: 'C:\\Temp\\Notepad.EXE',
    username: 'WIN-B\\alice',
    hostname: 'WIN-B',
    group: 'Default Group',
    process_md5: 'ff66',
    parent_name: 'cmd.exe',
    start: '2021-12-31T23:59:59Z',
    last_update: '2022-01-01T00:00:30Z',
    netconn_count: 21,
    sensor_id: 3,
    host_type: 'workstation',
    regmod_complete: ['2|2021-12-31 23:59:59.000000|\\registry\\machine\\software\\microsoft\\windows\\currentversion\\run\\evil'],
  },
  {
    id: 'proc-g',
    unique_id: 'proc-g-0001',
    segment_id: 1,
    process_name: 'svchost.exe',
    path: 'c:\\windows\\system32\\svchost.exe',
    cmdline: 'svchost.exe -k netsvcs',
    username: 'NT AUTHORITY\\SYSTEM',
    hostname: 'SRV-DB01',
    group: 'Servers',
    process_md5: 'gg77',
    parent_name: 'services.exe',
    start: '2019-12-31T23:00:00Z',
    last_update: '2020-01-01T01:00:00Z',
    netconn_count: 15,
    sensor_id: 2,
    host_type: 'server',
    alliance_score_srstrust: -100,
    childproc_complete: ['2020-01-01 00:00:00.000|proc-h|hh88|c:\\windows\\system32\\wermgr.exe|100|true|false'],
  },
  {
    id: 'proc-h',
    unique_id: 'proc-h-0001',
    segment_id: 1,
    process_name: 'wermgr.exe',
    path: 'c:\\windows\\system32\\wermgr.exe',
    cmdline: 'cmd /c dir *.log',
    hostname: 'WIN-A',
    group: 'Default Group',
    process_md5: 'hh88',
    parent_name: 'svchost.exe',
    start: '2020-01-01T00:00:00Z',
    last_update: '2020-01-01T00:05:00Z',
    netconn_count: 0,
    sensor_id: 1,
    host_type: 'workstation',
  },
];

export const ALL_IDS = PROCS.map((p) => p.id.slice(5)).join('');
