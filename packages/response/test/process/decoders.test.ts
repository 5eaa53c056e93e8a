// The decoders on the example strings of response.md §3.3 and edge cases no server sends today.
import type { HttpResponse, RequestOptions } from '@cb/core';
import { describe, expect, it } from 'vitest';
import { Binary, CbResponseAPI, decodeEvents, describeAccess, Process, protocolName, type DecodeContext } from '../../src/index.js';

const requests: string[] = [];
const cb = new CbResponseAPI({
  requester: {
    baseUrl: 'https://cb.example.test',
    async request<T>(options: RequestOptions): Promise<HttpResponse<T>> {
      requests.push(`${options.method ?? 'GET'} ${options.path}`);
      return { status: 200, headers: new Headers(), data: { version: '6.2.0' } as T, attempts: 1, durationMs: 0 };
    },
  },
});
const owner = new Process(cb, {
  doc: { id: '00000177-0000-0258-01cf-c209d9f1c431', segment_id: 1, process_md5: 'aa', path: 'c:\\me.exe', sensor_id: 0x177 },
  state: 'full',
});
const context: DecodeContext = {
  process: owner,
  binaries: { '517110BD83835338C037269E603DB55D': { md5: '517110BD83835338C037269E603DB55D', digsig_result: 'Unsigned' } },
  selectProcess: (id) => cb.select(Process, id),
  suppressedProcess: (doc) => new Process(cb, { doc, state: 'full', suppressed: true }),
  selectBinary: (md5) => cb.select(Binary, md5),
};

describe('pipe decoders (every version)', () => {
  it('modload', async () => {
    const [m] = decodeEvents('modload', ['2013-09-19 22:07:07.000000|517110bd83835338c037269e603db55d|c:\\windows\\system32\\taskhost.exe'], context, 'v1');
    expect(m).toMatchObject({ kind: 'modload', md5: '517110bd83835338c037269e603db55d', path: 'c:\\windows\\system32\\taskhost.exe', sequence: 0 });
    expect(m!.timestamp.toISOString()).toBe('2013-09-19T22:07:07.000Z');
    expect(await m!.isSigned()).toBe(false); // from the reply's binaries map: no request
    expect(requests).toEqual([]);
  });

  it('filemod: types, empty file type → Unknown, tamper; empty strings are skipped', () => {
    const list = decodeEvents('filemod', ['2|2013-09-19 22:07:07.000000|c:\\programdata\\racmetadata.dat||16|false', '', '8|2013-09-19 22:07:08|c:\\x.exe|0123|1|true', '4|2013-09-19 22:07:09|c:\\y||'], context, 'v1');
    expect(list.map((f) => [f.type, f.fileType, f.tamperFlag, f.sequence])).toEqual([
      ['FirstWrote', 'DOC', false, 0],
      ['LastWrote', 'PE', true, 2],
      ['Deleted', 'Unknown', false, 3],
    ]);
  });

  it('regmod', () => {
    const [r] = decodeEvents('regmod', ['1|2013-09-19 22:07:07.000000|\\registry\\machine\\software\\x|true'], context, 'v1');
    expect(r).toMatchObject({ type: 'CreatedKey', path: '\\registry\\machine\\software\\x', tamperFlag: true });
  });

  it('netconn v1: signed int IP → dotted quad, proto names, direction', () => {
    const [n, bad] = decodeEvents('netconn', ['2013-09-16 07:11:59.000000|-1979811809|80|6|dl.javafx.com|true', '2013-09-16 07:12:00|garbage|53|17|dns|false'], context, 'v1');
    expect(n).toMatchObject({ remoteIp: '137.254.120.31', remotePort: 80, proto: 'IPPROTO_TCP', domain: 'dl.javafx.com', direction: 'Outbound' });
    expect(bad).toMatchObject({ remoteIp: '0.0.0.0', proto: 'IPPROTO_UDP', direction: 'Inbound' });
    expect(protocolName(99)).toBe('Unknown');
  });

  it('childproc v1/v2 pipe: terminated = started != true', () => {
    const list = decodeEvents('childproc', ['2014-01-23 09:19:08.331|8832db0c-6b84-fc4b-0000-000000000001|51138beea3e2c21ec44d0932c71762a8|c:\\windows\\system32\\rundll32.exe|6980|true|false', '2014-01-23 09:19:09.000|8832db0c-6b84-fc4b-0000-000000000001|51138beea3e2c21ec44d0932c71762a8|c:\\windows\\system32\\rundll32.exe|6980|false|false'], context, 'v2');
    expect(list.map((c) => [c.procGuid, c.pid, c.terminated, c.suppressed])).toEqual([
      ['8832db0c-6b84-fc4b-0000-000000000001', 6980, false, false],
      ['8832db0c-6b84-fc4b-0000-000000000001', 6980, true, false],
    ]);
    expect(list[0]!.timestamp.toISOString()).toBe('2014-01-23T09:19:08.331Z');
  });

  it('crossproc: ProcessOpen subtype 2 → ThreadOpen; privileges; is_target swaps source and target', () => {
    const [open, thread, target] = decodeEvents(
      'crossproc',
      [
        'ProcessOpen|2014-01-23 09:19:08.331|00000177-0000-0258-01cf-c209d9f1c432|204f3f58212b3e422c90bd9691a2df28|c:\\windows\\system32\\lsass.exe|1|2097151|false',
        'ProcessOpen|2014-01-23 09:19:09|00000177-0000-0258-01cf-c209d9f1c432|204f|c:\\lsass.exe|2|1040|false',
        'RemoteThread|2014-01-23 09:19:10|00000177-0000-0001-01cf-c209d9f1c431|bb|c:\\other.exe|0|0|true|true',
      ],
      context,
      'v4',
    );
    expect(open).toMatchObject({ type: 'ProcessOpen', privilegeCode: 0x1fffff, privileges: 'PROCESS_ALL_ACCESS', isTarget: false, sourceId: owner.guid, sourceMd5: 'aa', targetPath: 'c:\\windows\\system32\\lsass.exe' });
    expect(thread).toMatchObject({ type: 'ThreadOpen', privileges: 'PROCESS_VM_READ | PROCESS_QUERY_INFORMATION' });
    expect(thread!.hasPermissions(['PROCESS_VM_READ', 'PROCESS_QUERY_INFORMATION'])).toBe(true);
    expect(thread!.hasPermission('PROCESS_TERMINATE')).toBe(false);
    expect(target).toMatchObject({ type: 'RemoteThread', isTarget: true, tamperFlag: true, sourcePath: 'c:\\other.exe', targetId: owner.guid, targetPath: 'c:\\me.exe' });
    expect(describeAccess(0x20000)).toBe('STANDARD_RIGHTS_READ');
  });
});

describe('JSON decoders (v2-v4)', () => {
  it('netconn v2/v3: integer IPs; v4: strings; missing values default', () => {
    const [v2] = decodeEvents('netconn', [{ timestamp: '2017-01-01 00:00:00.5', direction: 'false', remote_ip: -1062731519, local_ip: 167772161, remote_port: 443, proto: 6, domain: 'x' }], context, 'v2');
    expect(v2).toMatchObject({ remoteIp: '192.168.1.1', localIp: '10.0.0.1', proxyIp: '0.0.0.0', proxyPort: 0, direction: 'Inbound', proto: 'IPPROTO_TCP' });
    const [v4] = decodeEvents('netconn', [{ timestamp: '2017-01-01 00:00:00', remote_ip: '8.8.8.8', proto: 200 }], context, 'v4');
    expect(v4).toMatchObject({ remoteIp: '8.8.8.8', localIp: '0.0.0.0', direction: 'Outbound', proto: 'Unknown', domain: '' });
  });

  it('childproc v3/v4 objects: start/end by type; suppressed children carry cmdline/user and never fetch', async () => {
    const list = decodeEvents(
      'childproc',
      [
        { processId: '00000177-0000-0999-01cf-c209d9f1c431-000000000001', md5: 'cc', path: 'c:\\kid.exe', pid: 2457, type: 'start', start: '2017-01-01 00:00:01', is_tampered: false, is_suppressed: false },
        { processId: '00000177-0000-0999-01cf-c209d9f1c431-000000000001', md5: 'cc', path: 'c:\\kid.exe', pid: 2457, type: 'end', end: '2017-01-01 00:00:05', is_tampered: false, is_suppressed: false },
        { processId: '00000177-0000-0777-01cf-c209d9f1c431', md5: 'dd', path: 'c:\\quiet.exe', pid: 1911, type: 'start', start: '2017-01-01 00:00:02', is_suppressed: true, commandLine: 'quiet /s', userName: 'SYSTEM' },
      ],
      context,
      'v3',
    );
    expect(list.map((c) => [c.terminated, c.timestamp.toISOString()])).toEqual([
      [false, '2017-01-01T00:00:01.000Z'],
      [false, '2017-01-01T00:00:02.000Z'],
      [true, '2017-01-01T00:00:05.000Z'],
    ]);
    expect(list[0]!.childGuid).toBe('00000177-0000-0999-01cf-c209d9f1c431');
    const quiet = list[1]!;
    expect(quiet).toMatchObject({ suppressed: true, cmdline: 'quiet /s', username: 'SYSTEM' });
    requests.length = 0;
    const kid = await quiet.child;
    expect(kid.suppressed).toBe(true);
    expect(kid.cmdline).toBe('quiet /s');
    expect(kid.parent_id).toBe(owner.guid);
    expect(kid.webuiLink).toBeUndefined();
    expect(await kid.refresh()).toBe(kid);
    expect(requests).toEqual([]);
  });

  it('event times drop the zone (sensor-local wall clock)', () => {
    const [m] = decodeEvents('modload', ['2013-09-19 22:07:07-05:00|aa|c:\\x.dll'], context, 'v4');
    expect(m!.timestamp.toISOString()).toBe('2013-09-19T22:07:07.000Z');
  });
});
