// The read-only Cb Response examples, run as child processes against the emulator: searches,
// binaries, alerts, process trees, events and facets.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPECIAL_BINARY_MD5 } from '@cb/emulator';
import { Alert, Binary, CbResponseAPI, Process } from '@cb/response';
import { parseCsv } from '../lib/output.js';
import { useExampleEnv } from './support/harness.js';

const env = useExampleEnv();
const sdk = (): CbResponseAPI => new CbResponseAPI({ url: env.emu.url, token: env.emu.token });

/** The evil.exe process on the guide's host (the seed's malware sample). */
async function evilProcess(): Promise<Process> {
  const proc = await sdk().select(Process).where('process_name:evil.exe hostname:WIN-IA9NQ1GN8OI').first();
  if (!proc) throw new Error('the seeded evil.exe process is missing');
  return proc;
}

describe('read-only Cb Response examples', { timeout: 60_000, concurrent: true }, () => {
  it('server-info prints /api/info key by key', async () => {
    const r = await env.run('response/server-info.ts');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(env.emu.url);
    expect(r.stdout).toMatch(new RegExp(`^version +: ${env.emu.state.info.version.replace(/\./g, '\\.')}$`, 'm'));
    expect(r.stdout).toMatch(/^cblrEnabled +: true$/m);
    expect(r.stdout).toContain('process event API: v4');
  });

  it('an unknown profile is one readable CredentialError line (exit 1)', async () => {
    const r = await env.run('response/server-info.ts', [], { profile: 'nope' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^CredentialError: .*nope.*\n$/);
  });

  it('binary-search prints the matches and the total', async () => {
    const total = await sdk().select(Binary).where('digsig_result:Unsigned').count();
    const r = await env.run('response/binary-search.ts', ['--query', 'digsig_result:Unsigned', '--max', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${total} binaries match 'digsig_result:Unsigned'`);
    expect(r.stdout.match(/^ {2}signature {4}Unsigned/gm)).toHaveLength(2);
    expect(r.stdout).toContain(`(${total - 2} more; raise --max to see them)`);
  });

  it('binary-download streams the binary to a file', async () => {
    const expected = await sdk().fetch(Binary, SPECIAL_BINARY_MD5);
    const r = await env.run('response/binary-download.ts', ['--md5', SPECIAL_BINARY_MD5.toLowerCase(), '--filename', 'notepad.bin']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const bytes = readFileSync(join(env.dir, 'notepad.bin'));
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('MZ');
    expect(bytes.length).toBe(expected.copiedSize);
    expect(r.stdout).toContain(`-> Downloaded binary ${SPECIAL_BINARY_MD5} [${bytes.length} bytes`);
  });

  it('binary-download rejects a bad hash and a missing --md5 with typed one-line errors', async () => {
    const bad = await env.run('response/binary-download.ts', ['--md5', 'xyz']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('InvalidHashError: MD5sum xyz is not valid\n');
    const missing = await env.run('response/binary-download.ts');
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('UsageError: --md5 is required');
    expect(missing.stderr).toContain('Usage: binary-download.ts');
  });

  it('dump-all-binaries downloads every match once, then skips what it has', async () => {
    const md5s = (await sdk().select(Binary).where('digsig_result:Unsigned').all()).map((b) => b.md5);
    const first = await env.run('response/dump-all-binaries.ts', ['--destdir', 'dump', '--query', 'digsig_result:Unsigned', '--parallel', '2']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${md5s.length} downloaded, 0 already present, 0 failed`);
    for (const md5 of md5s) {
      const file = join(env.dir, 'dump', md5.slice(0, 3), md5.slice(3, 6), md5);
      expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('MZ');
      expect((JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { md5: string }).md5).toBe(md5);
    }
    const again = await env.run('response/dump-all-binaries.ts', ['--destdir', 'dump', '--query', 'digsig_result:Unsigned']);
    expect(again.stdout).toContain(`0 downloaded, ${md5s.length} already present, 0 failed`);
  });

  it('alert-search lists the alerts of a watchlist, newest first', async () => {
    const wanted = [...env.emu.state.alerts.values()].filter((a) => a.watchlist_name === 'Evil processes');
    const r = await env.run('response/alert-search.ts', ['--query', 'watchlist_name:"Evil processes"']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${wanted.length} alert(s) match`);
    const rows = r.stdout.split('\n').filter((l) => /^\d{4}-/.test(l));
    expect(rows).toHaveLength(wanted.length);
    const times = rows.map((l) => l.slice(0, 24));
    expect([...times].sort().reverse()).toEqual(times);
    expect(await sdk().select(Alert).where('watchlist_name:"Evil processes"').count()).toBe(wanted.length);
  });

  it('walk-parents prints the ancestry up to the root', async () => {
    const proc = await evilProcess();
    const depth = await proc.depth();
    const r = await env.run('response/walk-parents.ts', ['--process', proc.guid]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${depth} parent level(s)`);
    expect(r.stdout.match(/<- /g)).toHaveLength(depth);
    expect(r.stdout).toContain('<- C:\\Windows\\Explorer.EXE');
    const limited = await env.run('response/walk-parents.ts', ['--process', proc.guid, '--max-depth', '2']);
    expect(limited.stdout).toContain('2 parent level(s)');
  });

  it('walk-children accepts a console URL and limits the depth', async () => {
    const parent = await (await evilProcess()).parent;
    if (!parent) throw new Error('evil.exe has no parent');
    const direct: string[] = [];
    await parent.walkChildren((child) => void direct.push(child.cmdline), { maxDepth: 1 });
    const url = `${env.emu.url}/#/analyze/${parent.guid}/${parent.segment}`;
    const r = await env.run('response/walk-children.ts', ['--process', url, '--max-depth', '1']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${direct.length} descendant(s)`);
    for (const cmdline of direct) expect(r.stdout).toContain(`  -> ${cmdline}`);
  });

  it('walk-children rejects an id that is no process id (exit 1, typed)', async () => {
    const r = await env.run('response/walk-children.ts', ['--process', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^InvalidObjectError: Process id "nope" is neither/);
  });

  it('event-export writes every event of a process as CSV', async () => {
    const proc = await evilProcess();
    let events = 0;
    for await (const _ of proc.allEvents()) events++;
    const r = await env.run('response/event-export.ts', ['--process', proc.guid, '--outdir', 'events']);
    expect(r.stderr).toBe('');
    const rows = parseCsv(readFileSync(join(env.dir, 'events', `${proc.guid}.csv`), 'utf8'));
    expect(rows[0]).toEqual(['ProcessPath', 'Timestamp', 'Event', 'Path/IP/Domain', 'Comments']);
    expect(rows).toHaveLength(events + 1);
    expect(r.stdout).toContain(`${events} events exported`);
    expect(rows.slice(1).every((row) => row.length === 5)).toBe(true);
    expect(new Set(rows.slice(1).map((row) => row[2]))).toContain('modload');
  });

  it('event-export with --query writes one file per process', async () => {
    const guids = new Set((await sdk().select(Process).where('process_name:evil.exe').all()).map((p) => p.guid));
    const r = await env.run('response/event-export.ts', ['--query', 'process_name:evil.exe', '--outdir', 'by-query']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${guids.size} process(es) exported`);
    expect(readdirSync(join(env.dir, 'by-query')).sort()).toEqual([...guids].map((g) => `${g}.csv`).sort());
  });

  it('process-facets draws the facet counts as bars and lists rare terms', async () => {
    const facets = await sdk().select(Process).where('parent_name:cmd.exe').facets('process_name');
    const r = await env.run('response/process-facets.ts', ['--query', 'parent_name:cmd.exe', '--percentage', '5', '--width', '20']);
    expect(r.stderr).toBe('');
    for (const t of facets.process_name ?? []) {
      expect(r.stdout).toMatch(new RegExp(`^${t.name.replace('.', '\\.')} +${t.value} +${t.ratio.toFixed(1)}%  #{1,20}$`, 'm'));
    }
    // The top term gets the full width.
    const top = facets.process_name?.[0];
    expect(r.stdout).toMatch(new RegExp(`^${String(top?.name).replace('.', '\\.')} .* #{20}$`, 'm'));
    const rare = (facets.process_name ?? []).filter((t) => t.ratio <= 5);
    expect(r.stdout).toContain(`${rare.length} rare term(s) (<= 5% of hits):`);
  });

  it('user-hostname-pairs counts logons per host', async () => {
    const r = await env.run('response/user-hostname-pairs.ts');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^For host WIN-IA9NQ1GN8OI:\n {2}bit9rad +: logged in \d+ time\(s\)$/m);
    expect(r.stdout).toMatch(/^User bit9rad used 1 host\(s\): WIN-IA9NQ1GN8OI/m);
  });

  it('process-netconn-rate flags processes above the rate', async () => {
    const r = await env.run('response/process-netconn-rate.ts', ['--gt-count', '5', '--rate', '0.001']);
    expect(r.code).toBe(0);
    const flagged = r.stdout.split('\n').filter((l) => l.split('|').length === 4);
    expect(flagged.length).toBeGreaterThan(0);
    for (const line of flagged) expect(Number(line.split('|')[3])).toBeGreaterThan(0.001);
    expect(r.stdout).toMatch(new RegExp(`^${flagged.length} of \\d+ process segment\\(s\\) with >= 5 connections exceed 0.001/s$`, 'm'));
  });

  it('cmd-exe-filemods lists executable writes as CSV', async () => {
    const r = await env.run('response/cmd-exe-filemods.ts', ['--process-name', 'evil.exe']);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows[0]?.[0]).toBe('timestamp');
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows.slice(1)) expect(row[4]).toMatch(/\.(exe|dll)$/);
  });

  it('enumerate-usb-devices lists the USB disks the seed plugged in, with their hosts', async () => {
    // Expected devices, found independently of the example: every regmod under the disk class.
    const diskClass = '{53f56307-b6bf-11d0-94f2-00a0c91efb8b}';
    const expected = new Map<string, Set<string>>();
    const query = sdk().select(Process).where(`regmod:registry\\machine\\system\\currentcontrolset\\control\\deviceclasses\\${diskClass}\\*`);
    for await (const proc of query) {
      for await (const rm of proc.regmods()) {
        const m = /usbstor#disk&(.*?)#\{53f56307/i.exec(rm.path);
        if (m) expected.set(m[1]!, (expected.get(m[1]!) ?? new Set()).add(proc.hostname));
      }
    }
    expect(expected.size).toBeGreaterThan(0);
    const usb = await env.run('response/enumerate-usb-devices.ts');
    expect(usb.stderr).toBe('');
    expect(usb.code).toBe(0);
    for (const [device, hosts] of expected) expect(usb.stdout).toContain(`${device}  on ${[...hosts].join(', ')}`);
    expect(usb.stdout).toContain(`${expected.size} device(s)`);
  });

  it('new-binaries-after-date writes one CSV row per known binary written since the date', async () => {
    const nb = await env.run('response/new-binaries-after-date.ts', ['--date', '2024-04-01', '--output', 'new.csv']);
    expect(nb.stderr).toBe('');
    expect(nb.code).toBe(0);
    const rows = parseCsv(readFileSync(join(env.dir, 'new.csv'), 'utf8'));
    expect(rows[0]!.join(',')).toBe('Binary MD5,Binary Link,Signature Status,Company,Observed Date,Host Count,Number of Executions');
    const body = rows.slice(1).filter((r) => r.length > 1);
    expect(body.length).toBeGreaterThan(0);
    for (const row of body) {
      const binary = await sdk().fetch(Binary, row[0]!);
      expect(row[1]).toBe(binary.webuiLink);
      expect(Number(row[6])).toBe(await sdk().select(Process).where(`process_md5:${binary.md5}`).count());
    }
    const bad = await env.run('response/new-binaries-after-date.ts', ['--date', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe("UsageError: --date must be YYYY-MM-DD, got 'yesterday'");
  });
});
