// The documented examples of architecture.md for this area, as written there.
import { describe, expect, it } from 'vitest';
import { Binary, Process, Sensor, Watchlist } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';

const fx = useEmulator();

describe('architecture.md examples', () => {
  it('search, binary head, binary summary, sensors of evil.exe, walk, filemods, facets, watchlist', async () => {
    const cb = fx.cb;
    const lines: string[] = [];
    const log = (...args: unknown[]): void => void lines.push(args.map(String).join(' '));

    const proc = await cb.select(Process).where('process_name:notepad.exe').first();
    const head = await (await proc!.binary).read(0, 2);
    expect(Buffer.from(head).toString('latin1')).toBe('MZ');

    const binary = cb.select(Binary, '24DA05ADE2A978E199875DA0D859E7EB');
    log((await binary.load()).file_desc);
    expect(lines.pop()).toBe('Notepad');

    const sensors = new Set<Sensor>();
    for await (const p of cb.select(Process).where('process_name:evil.exe')) sensors.add(await p.sensor);
    const ids = new Set((await cb.select(Process).where('process_name:evil.exe').all()).map((p) => p.sensor_id));
    expect(sensors.size).toBe(ids.size); // one cached instance per sensor
    expect([...sensors].every((s) => s instanceof Sensor)).toBe(true);

    await proc!.walkParents((p, depth) => log(' '.repeat(depth), p.cmdline));
    expect(lines.length).toBeGreaterThan(0);
    for await (const fm of proc!.filemods()) log(fm.timestamp, fm.type, fm.path);

    const f = await cb.select(Process).where('hostname:WIN-IA9NQ1GN8OI').and('username:bit9rad').facets('process_name');
    expect(f.process_name[0]).toEqual({ name: expect.any(String), value: expect.any(Number), ratio: expect.any(Number), percent: 100 });

    const wl = await cb.select(Process).where('process_name:net.exe').createWatchlist('[WARN] mount');
    expect(wl).toBeInstanceOf(Watchlist);
  });

  it('binary of a process without any MD5 is an ApiError', async () => {
    const p = new Process(fx.cb, { doc: { id: '00000001-0000-0554-01d1-3bc4553b8c9f', segment_id: 1, process_md5: '' }, state: 'full', suppressed: true });
    await expect(p.binary).rejects.toThrow(/has no process_md5/);
  });
});
