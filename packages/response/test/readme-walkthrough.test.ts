// The README's walkthrough, run against the emulator (names adapted to the seeded estate), so the
// package's front page stays true to the code.
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { Alert, BannedHash, Binary, CbResponseAPI, Feed, Process, Sensor, SensorGroup, type CbResponseAPIOptions } from '../src/index.js';
import { useEmulator } from './support/emulator.js';
import { lastValueFrom, toArray } from 'rxjs';

const fx = useEmulator({ liveResponse: { sessionLatencyMs: 20, commandLatencyMs: 5 }, isolationPolls: 1 });
const FAST_LR: CbResponseAPIOptions['liveResponse'] = {
  keepaliveIntervalMs: 0,
  timings: { session: { timeoutMs: 20_000, delayMs: 20 }, command: { timeoutMs: 20_000, delayMs: 10 } },
};
const dir = mkdtempSync(join(tmpdir(), 'cb-response-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README walkthrough', () => {
  it('server info, processes, parents and events', async () => {
    await using cb = fx.api({ liveResponse: FAST_LR });
    const info = await cb.info();
    expect(await cb.processApiVersion()).toBe('v4');
    expect(info.version).toMatch(/^6\./);

    const query = cb.select(Process).where('process_name:notepad.exe').and('hostname:WIN-IA9NQ1GN8OI');
    expect(await query.count()).toBeGreaterThan(0);
    const rows: Process[] = [];
    for await (const proc of query.groupBy('id').minLastUpdate(new Date(Date.UTC(2000, 0, 1)))) rows.push(proc);
    expect(rows.length).toBeGreaterThan(0);

    const proc = (await query.first())!;
    const parents: string[] = [];
    await proc.walkParents((parent) => void parents.push(parent.cmdline));
    expect(parents.length).toBeGreaterThan(0);
    await proc.walkChildren(() => undefined, { maxDepth: 2 });
    expect((await proc.parent)?.process_name).toBeTruthy();
    expect((await proc.sensor).hostname).toBe('WIN-IA9NQ1GN8OI');
    expect(await proc.depth()).toBeGreaterThan(0);
    for await (const fm of proc.filemods()) expect(fm.path).toBeTruthy();
    for await (const nc of proc.netconns()) expect(nc.direction).toMatch(/bound$/);
    for await (const cp of proc.crossprocs()) if (cp.hasPermissions(['PROCESS_VM_WRITE', 'PROCESS_CREATE_THREAD'])) expect((await cp.targetProc).process_name).toBeTruthy();
    for await (const ml of proc.unsignedModloads()) expect(ml.path).toBeTruthy();
  });

  it('binaries: summary, streamed download, prefix, search', async () => {
    const cb = fx.api();
    const proc = (await cb.select(Process).where('process_name:notepad.exe').first())!;
    const binary = await (await proc.binary).load();
    expect(typeof binary.signed).toBe('boolean');
    expect(binary.versionInfo.fileVersion).toBeTypeOf('string');
    expect((await binary.frequency()).computerCount).toBeGreaterThan(0);
    expect(await binary.banned()).toBe(false);
    const out = join(dir, 'notepad.exe.bin');
    await pipeline(Readable.fromWeb(await binary.file()), createWriteStream(out));
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('MZ');
    expect(Buffer.from(await binary.read(0, 2)).toString('latin1')).toBe('MZ');
    const unsigned = await cb.select(Binary).where('digsig_result:Unsigned').and('is_executable_image:true').slice(0, 5);
    expect(unsigned.length).toBeGreaterThan(0);
  });

  it('sensors: isolate, unisolate, move to a group; facets', async () => {
    const cb = fx.api();
    const sensor = await cb.select(Sensor).where('hostname:WIN-IA9NQ1GN8OI').one();
    expect(sensor.networkInterfaces.length).toBeGreaterThan(0);
    await sensor.queuedStats();
    await sensor.isolate({ timeoutMs: 20_000, pollIntervalMs: 10 });
    expect(sensor.is_isolating).toBe(true);
    await sensor.unisolate({ timeoutMs: 20_000, pollIntervalMs: 10 });
    expect(sensor.is_isolating).toBe(false);
    const before = sensor.group_id;
    sensor.group = await cb.select(SensorGroup).where('name:Critical Endpoints').one();
    await sensor.save();
    expect((await fx.api().fetch(Sensor, sensor.id)).group_id).toBe(4);
    sensor.group = before;
    await sensor.save();

    const facets = await cb.select(Process).where('hostname:WIN-IA9NQ1GN8OI').facets('process_name', 'username');
    expect(facets.process_name.length).toBeGreaterThan(0);
    expect(facets.process_name[0]!.percent).toBe(100);
  });

  it('watchlists, feeds, banning, alerts', async () => {
    const cb = fx.api();
    const wl = await cb.select(Process).where('process_name:net.exe').createWatchlist('[WARN] mount');
    expect(await (await wl.search()).count()).toBe(await cb.select(Process).where('process_name:net.exe').count());
    const feed = await cb.select(Feed).where('name:SOC').one();
    await feed.synchronize();
    for await (const report of feed.reports.where('score:[80 TO *]')) expect(report.score).toBeGreaterThanOrEqual(80);
    await feed.reports.where('title:FUZZYWOMBAT').setIgnored();
    const ban = cb.create(BannedHash);
    ban.md5hash = '7FB55F5A62E78AF9B58D08AAEEAEF848';
    ban.text = 'Banned from API';
    await ban.save();
    expect(ban.enabled).toBe(true);
    const resolved = await cb.select(Alert).where('status:Unresolved').and('hostname:WIN-IA9NQ1GN8OI').changeStatus('Resolved');
    expect(resolved).toBeGreaterThanOrEqual(0);
    await cb.select(Alert).where('watchlist_name:"Net command usage"').assignTo('jdoe');
  });

  it('Live Response: a session with `await using`, and a job over a sensor query', async () => {
    await using cb: CbResponseAPI = fx.api({ liveResponse: FAST_LR });
    const sensor = await cb.select(Sensor).where('hostname:WIN-IA9NQ1GN8OI').one();
    {
      await using lr = await sensor.lrSession();
      expect(await lr.getFile('c:\\windows\\system32\\drivers\\etc\\hosts', { encoding: 'utf8' })).toContain('localhost');
      expect((await lr.listProcesses()).length).toBeGreaterThan(0);
    }
    expect(fx.emu.liveResponse.openSessions().response).toBe(0);
    const key = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName\\ComputerName';
    const results$ = cb.liveResponse.submitJob(
      async (s, { signal }) => (await s.getRegistryValue(key, { signal })).value_data,
      cb.select(Sensor).where('groupid:2'),
      { timeoutMs: 120_000, offline: { ttlMs: 300, recheckMs: 100 } },
    );
    const results = await lastValueFrom(results$.pipe(toArray()));
    const group = await cb.select(Sensor).where('groupid:2').all();
    expect(results).toHaveLength(group.length);
    for (const s of group.filter((x) => x.status === 'Online' && x.os_type === 1)) {
      expect(results.find((r) => r.host === s.id)).toMatchObject({ ok: true, value: s.computer_name });
    }
  });
});
