// Seeded event data the cbapi examples hunt for, over HTTP with plain fetch: MD5s of executables
// written to disk (filewrite_md5, new_binaries_after_date.py), USB disks in the registry
// (enumerate_usb_devices.py) and cmd.exe dropping an executable (cmd_exe_filemods.py).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.emu.close();
});

interface Row {
  id: string;
  segment_id: number;
  unique_id: string;
  process_name: string;
  process_md5: string;
  hostname: string;
  sensor_id: number;
  cmdline: string;
  last_update: string;
}
interface Filemod {
  type: string;
  timestamp: string;
  path: string;
  md5: string;
  filetype: string;
}

async function search(q: string, rows = 200): Promise<{ total_results: number; results: Row[] }> {
  return t.getJson(`/api/v1/process?${new URLSearchParams({ q, rows: String(rows) })}`);
}

async function eventLists(row: Row, version = 4): Promise<{ filemod_complete: string[]; regmod_complete: string[] }> {
  return (await t.getJson(`/api/v${version}/process/${row.id}/${row.segment_id}/event`)).process;
}

const filemod = (s: string): Filemod => {
  const [type, timestamp, path, md5, filetype] = s.split('|');
  return { type: type!, timestamp: timestamp!, path: path!, md5: md5!, filetype: filetype! };
};

describe('file writes carry the written file\'s MD5', () => {
  it('filewrite_md5:* finds processes; exactly their LastWrote events of PE files carry an MD5, in every event API version', async () => {
    const page = await search('filewrite_md5:*');
    expect(page.total_results).toBeGreaterThan(0);
    let withMd5 = 0;
    for (const row of page.results) {
      const v4 = (await eventLists(row)).filemod_complete;
      for (const version of [1, 2, 3, 5]) expect((await eventLists(row, version)).filemod_complete, `v${version}`).toEqual(v4);
      const writes = v4.map(filemod);
      for (const w of writes) {
        const pe = w.type === '8' && w.filetype === '1';
        expect(w.md5, w.path).toMatch(pe ? /^[0-9a-f]{32}$/ : /^$/);
        if (pe) {
          expect(w.path).toMatch(/\.(exe|dll|sys)$/);
          withMd5++;
        }
      }
      expect(writes.some((w) => w.md5 !== ''), row.unique_id).toBe(true);
    }
    expect(withMd5).toBeGreaterThan(0);
  });

  it('filewrite_md5:<md5> matches the processes that wrote it', async () => {
    const [row] = (await search('filewrite_md5:*', 1)).results;
    const md5 = (await eventLists(row!)).filemod_complete.map(filemod).find((w) => w.md5)!.md5;
    for (const q of [`filewrite_md5:${md5}`, `filewrite_md5:${md5.toUpperCase()}`]) {
      const hits = await search(q);
      expect(hits.results.map((r) => r.unique_id), q).toContain(row!.unique_id);
      for (const hit of hits.results) {
        expect((await eventLists(hit)).filemod_complete.map(filemod).some((w) => w.md5 === md5)).toBe(true);
      }
    }
    expect((await search('filewrite_md5:00000000000000000000000000000000')).total_results).toBe(0);
  });

  it('a known executable written to disk has the MD5 of its binary: evil.exe drops svch0st.exe', async () => {
    const svch0st = (await search('process_name:svch0st.exe', 1)).results[0]!;
    const writers = await search(`filewrite_md5:${svch0st.process_md5}`);
    expect(writers.total_results).toBeGreaterThan(0);
    expect(new Set(writers.results.map((r) => r.process_name))).toEqual(new Set(['evil.exe']));
    const write = (await eventLists(writers.results[0]!)).filemod_complete.map(filemod).find((w) => w.md5 === svch0st.process_md5)!;
    expect(write).toMatchObject({ type: '8', path: 'c:\\users\\public\\svch0st.exe', filetype: '1' });
    const binary = await t.getJson(`/api/v1/binary/${svch0st.process_md5.toUpperCase()}/summary`);
    expect(binary.md5).toBe(svch0st.process_md5.toUpperCase());
  });

  it('new_binaries_after_date: processes active since a date wrote MD5s, some of them known binaries', async () => {
    const all = await search('filewrite_md5:*');
    const earliest = all.results.map((r) => r.last_update).sort()[0]!;
    const since = await search(`filewrite_md5:* last_update:[${earliest.slice(0, 10)}T00:00:00 TO *]`);
    expect(since.total_results).toBe(all.total_results);
    const md5s = new Set<string>();
    for (const row of since.results) for (const w of (await eventLists(row)).filemod_complete.map(filemod)) if (w.md5) md5s.add(w.md5.toUpperCase());
    const known = [];
    for (const md5 of md5s) if ((await t.api(`/api/v1/binary/${md5}/summary`)).status === 200) known.push(md5);
    expect(known.length).toBeGreaterThan(0);
  });
});

describe('cmd.exe drops executables', () => {
  it('cmd.exe writes an installer into the user\'s temp directory; its LastWrote MD5 is the installer\'s binary', async () => {
    const page = await search('process_name:cmd.exe (filemod:*.exe OR filemod:*.dll)');
    expect(page.total_results).toBeGreaterThan(0);
    const drops = [];
    for (const row of page.results) {
      for (const w of (await eventLists(row)).filemod_complete.map(filemod)) if (/\.(exe|dll)$/.test(w.path)) drops.push(w);
    }
    expect(drops.length).toBeGreaterThan(0);
    for (const d of drops) expect(d.path).toMatch(/^c:\\users\\[^\\]+\\appdata\\local\\temp\\[^\\]+\.exe$/);
    const lastWrites = drops.filter((d) => d.type === '8');
    expect(lastWrites.length).toBeGreaterThan(0);
    for (const d of lastWrites) {
      const binary = await t.getJson(`/api/v1/binary/${d.md5.toUpperCase()}/summary`);
      // the same file as the installer the estate ran from Downloads
      expect(binary.observed_filename.some((f: string) => f.toLowerCase().endsWith(`\\${d.path.split('\\').pop()}`))).toBe(true);
    }
  });
});

describe('USB mass-storage devices in the registry', () => {
  const CLASS = '{53f56307-b6bf-11d0-94f2-00a0c91efb8b}';
  // cbapi's enumerate_usb_devices.py query, verbatim
  const QUERY = `regmod:registry\\machine\\system\\currentcontrolset\\control\\deviceclasses\\${CLASS}\\*`;

  it('cbapi\'s deviceclasses query finds Plug and Play (svchost -k DcomLaunch) on a few Windows workstations', async () => {
    const page = await search(QUERY);
    expect(page.total_results).toBeGreaterThan(0);
    const sensors = await t.getJson('/api/v1/sensor');
    const windowsWorkstations = sensors.filter((s: { os_type: number; os_environment_display_string: string }) => s.os_type === 1 && !/server/i.test(s.os_environment_display_string));
    const hosts = new Set(page.results.map((r) => r.hostname));
    expect(hosts.size).toBeGreaterThan(0);
    expect(hosts.size).toBeLessThan(windowsWorkstations.length);
    for (const r of page.results) {
      expect(r.process_name).toBe('svchost.exe');
      expect(r.cmdline).toContain('-k DcomLaunch');
    }
    expect((await search(`${QUERY} process_name:svchost.exe`)).total_results).toBe(page.total_results);
  });

  it('each plug-in writes Enum\\USBSTOR and the disk interface within a second; the device splits out as the example expects', async () => {
    const devices = new Set<string>();
    for (const row of (await search(QUERY)).results) {
      const regmods = (await eventLists(row)).regmod_complete.map((s) => s.split('|'));
      const iface = regmods.filter(([, , path]) => path!.includes(`\\control\\deviceclasses\\${CLASS}\\`));
      expect(iface.length).toBeGreaterThan(0);
      for (const [type, time, path] of iface) {
        expect(type).toBe('2');
        // cbapi: rm.path.split("usbstor#disk&")[1]
        const device = path!.split('usbstor#disk&')[1]!.split(`#${CLASS}`)[0]!;
        expect(device).toMatch(/^ven_[a-z0-9_.]+&prod_[a-z0-9_.]+&rev_[a-z0-9_.]+#[0-9a-f]{16,20}&0$/);
        devices.add(device);
        const [model, instance] = device.split('#');
        const key = `\\registry\\machine\\system\\currentcontrolset\\enum\\usbstor\\disk&${model}\\${instance}`;
        const created = regmods.find(([t, , p]) => t === '1' && p === key);
        const named = regmods.find(([t, , p]) => t === '2' && p === `${key}\\friendlyname`);
        expect(created, key).toBeDefined();
        expect(named, key).toBeDefined();
        const at = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);
        expect(at(time!) - at(created![1]!)).toBeGreaterThanOrEqual(0);
        expect(at(time!) - at(created![1]!)).toBeLessThan(1000);
      }
    }
    expect(devices.size).toBeGreaterThan(0);
    // the Enum\USBSTOR shape is searchable too
    const enumHits = await search('regmod:registry\\machine\\system\\currentcontrolset\\enum\\usbstor\\*');
    expect(enumHits.total_results).toBe((await search(QUERY)).total_results);
  });

  it('is deterministic: a second emulator with the same seed has the same devices', async () => {
    const other = await startTestServer();
    try {
      const fetchDevices = async (srv: TestServer) => {
        const page = await srv.getJson(`/api/v1/process?${new URLSearchParams({ q: QUERY, rows: '100' })}`);
        const out: string[] = [];
        for (const r of page.results as Row[]) {
          const ev = await srv.getJson(`/api/v4/process/${r.id}/${r.segment_id}/event`);
          out.push(...(ev.process.regmod_complete as string[]).filter((s) => s.includes('usbstor')));
        }
        return out.sort();
      };
      expect(await fetchDevices(other)).toEqual(await fetchDevices(t));
    } finally {
      await other.close();
    }
  });
});
