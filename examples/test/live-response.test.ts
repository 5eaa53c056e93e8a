// The Live Response examples (interactive shell, autoruns job, file download, watchlist
// response) against the emulator's simulated hosts; every run must leave no session open.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../lib/output.js';
import { useExampleEnv } from './support/harness.js';

const env = useExampleEnv({ liveResponse: { sessionLatencyMs: 10, commandLatencyMs: 5 } });
const FAST = ['--poll-ms', '20'];
const RUN_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run';

afterEach(() => {
  expect(env.emu.liveResponse.openSessions().total).toBe(0);
});

function host(sensorId: number) {
  const h = env.emu.liveResponse.host(sensorId);
  if (!h) throw new Error(`no simulated host for sensor ${sensorId}`);
  return h;
}

describe('Live Response examples', { timeout: 60_000 }, () => {
  it('lr-shell runs a piped session: files, registry, processes; the session is closed at exit', async () => {
    writeFileSync(join(env.dir, 'note.txt'), 'uploaded by the tour\n');
    const script = [
      'pwd',
      'cd ..',
      'pwd',
      'mkdir C:\\tour',
      'cd \\tour',
      'put note.txt note.txt',
      'dir',
      'cat note.txt',
      'get note.txt back.txt',
      'reg add HKLM\\SOFTWARE\\Tour',
      'reg add HKLM\\SOFTWARE\\Tour -v Enabled -t REG_DWORD -d 1',
      'reg query HKLM\\SOFTWARE\\Tour',
      `reg query ${RUN_KEY} -v SecurityHealth`,
      'exec -w cmd.exe /c ipconfig',
      'exec notepad.exe',
      'ps',
      'del note.txt',
      'exit',
      'pwd',
    ].join('\n');
    const r = await env.run('live-response/lr-shell.ts', ['--sensor', 'WIN-IA9NQ1GN8OI', ...FAST], { input: `${script}\n` });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^Session: \S+ on WIN-IA9NQ1GN8OI \(sensor 1, windows\)$/m);
    expect(out).toContain('  Working Directory: C:\\Windows\\CarbonBlack');
    expect(out).toContain('C:\\Windows\\CarbonBlack> cd ..\nC:\\Windows> pwd\nC:\\Windows\n');
    expect(out).toContain('C:\\tour> put note.txt note.txt\nnote.txt -> C:\\tour\\note.txt\n');
    expect(out).toMatch(/^Directory: C:\\tour\\\n(.*\n){2}.* +21 {2}note\.txt$/m);
    expect(out).toContain('C:\\tour> cat note.txt\nuploaded by the tour\n');
    expect(readFileSync(join(env.dir, 'back.txt'), 'utf8')).toBe('uploaded by the tour\n');
    expect(out).toContain('HKLM\\SOFTWARE\\Tour\n    Enabled  REG_DWORD  1\n');
    expect(out).toContain('SecurityHealth  REG_EXPAND_SZ  %windir%\\system32\\SecurityHealthSystray.exe');
    expect(out).toMatch(/IPv4 Address[ .]*: 192\.168\.215\.150/);
    expect(out).toMatch(/\[pid \d+ exited with 0\]/);
    expect(out).toContain('started: notepad.exe');
    expect(out).toMatch(/^ *\d+ {2}notepad\.exe +/m);
    expect(out).toContain('deleted C:\\tour\\note.txt');
    expect(out.trimEnd().endsWith('C:\\tour> exit\nclosing the session')).toBe(true);
    // What the commands did to the host.
    expect(host(1).registry?.queryValue('HKLM\\SOFTWARE\\Tour\\Enabled')).toMatchObject({ type: 'REG_DWORD', data: 1 });
    expect(host(1).fs.list('C:\\tour\\*', 'C:\\').map((e) => e.name).filter((n) => n !== '.' && n !== '..')).toEqual([]);
    expect(host(1).processes.list().some((p) => p.path.toLowerCase().endsWith('notepad.exe'))).toBe(true);
  });

  it('lr-shell reports failed commands, goes on, and exits 1 when input was piped', async () => {
    const script = ['dir', 'connect 2', 'cd C:\\nope', 'frob', 'reg query HKLM\\SOFTWARE\\Nope', 'pwd', 'detach', 'pwd', 'help kill'].join('\n');
    const r = await env.run('live-response/lr-shell.ts', FAST, { input: `${script}\n` });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'ShellUsageError: not attached to a sensor: connect ID|HOSTNAME first',
      expect.stringMatching(/^LiveResponseError: "directory list" \(C:\\nope\) failed on host 2: .*ERROR_FILE_NOT_FOUND/),
      "ShellUsageError: unknown command 'frob' (type help)",
      expect.stringMatching(/^LiveResponseError: "reg enum key" \(HKLM\\SOFTWARE\\Nope\) failed on host 2/),
      'ShellUsageError: not attached to a sensor: connect ID|HOSTNAME first',
    ]);
    expect(r.stdout).toMatch(/^\(unattached\)> connect 2\nconnecting to WKS-IT-0649 \(sensor 2, Online\)\nSession: \S+ on WKS-IT-0649 \(sensor 2, windows\)/m);
    expect(r.stdout).toContain('C:\\Windows\\CarbonBlack> pwd\nC:\\Windows\\CarbonBlack\n');
    expect(r.stdout).toContain('(unattached)> help kill\nkill PID\n  terminate a process\n');
  });

  it('lr-shell closes its session on Ctrl-C', async () => {
    const r = await env.run('live-response/lr-shell.ts', ['--sensor', '4', ...FAST], { input: 'pwd\n', interruptWhen: /> pwd\n.*\n/ });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('closing the session');
  });

  it('lr-shell gives up connecting to an offline sensor on Ctrl-C and closes the pending session', async () => {
    const pending = (): boolean => env.emu.liveResponse.sessions('response').some((s) => s.sensorId === 3 && s.status === 'pending');
    const r = await env.run('live-response/lr-shell.ts', ['--sensor', 'WKS-OPS-6903', ...FAST], { interruptWhen: pending });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('connecting to WKS-OPS-6903 (sensor 3, Offline): the session starts when it checks in (Ctrl-C gives up)\n^C (cancelling the command)\n');
    expect(r.stderr).toBe('AbortError: Acquiring a Live Response session for host 3 was aborted\n');
    // afterEach: the pending session was closed, none is left open.
  });

  it('registry-autoruns reads every host in one job, flags the malware, and settles the offline host', async () => {
    const offline = [...env.emu.state.sensors.values()].filter((s) => s.status !== 'Online');
    expect(offline.length).toBeGreaterThan(0);
    const r = await env.run('live-response/registry-autoruns.ts', ['--output', 'autoruns.csv', '--offline-ttl', '1', '--offline-recheck', '1', ...FAST]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sensors = [...env.emu.state.sensors.values()];
    expect(r.stdout).toContain(`reading autoruns of ${sensors.length} Windows sensor(s)`);
    for (const s of offline) expect(r.stdout).toContain(`${s.computer_name} (sensor ${s.id}): offline, not read`);
    const online = sensors.filter((s) => s.status === 'Online');
    for (const s of online) expect(r.stdout).toMatch(new RegExp(`^${s.computer_name} \\(sensor ${s.id}\\): \\d+ autorun\\(s\\)`, 'm'));
    expect(r.stdout).toMatch(/^ {2}! Run +WindowsUpdater: .*\\evil\.exe/m);
    expect(r.stdout).toContain(`progress: ${sensors.length}/${sensors.length} settled (${online.length} ok, ${offline.length} offline, 0 failed), 0 running, 0 queued`);
    expect(r.stdout).toContain(`done: ${online.length} host(s) read, ${offline.length} offline, 0 failed`);

    const rows = parseCsv(readFileSync(join(env.dir, 'autoruns.csv'), 'utf8'));
    expect(rows[0]).toEqual(['host', 'sensor_id', 'key', 'name', 'type', 'data']);
    for (const s of online) {
      const expected = host(s.id).registry?.enumKey(RUN_KEY).values.map((v) => v.name).sort();
      const got = rows.filter((row) => row[1] === String(s.id) && row[2] === RUN_KEY).map((row) => row[3]).sort();
      expect(got).toEqual(expected);
    }
  });

  it('download-from-lr streams a file from the host and prints its hash', async () => {
    const path = 'C:\\Windows\\System32\\drivers\\etc\\hosts';
    const expected = Buffer.from(host(1).fs.read(path, 'C:\\'));
    const r = await env.run('live-response/download-from-lr.ts', ['--sensor', 'WIN-IA9NQ1GN8OI', '--path', path, ...FAST]);
    expect(r.stderr).toBe('');
    const local = readFileSync(join(env.dir, 'hosts'));
    expect(local.equals(expected)).toBe(true);
    expect(r.stdout).toContain(`sha256 ${createHash('sha256').update(expected).digest('hex')}`);

    const missing = await env.run('live-response/download-from-lr.ts', ['--sensor', '1', '--path', 'C:\\nope.txt', ...FAST]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^LiveResponseError: "get file" \(C:\\nope\.txt\) failed on host 1: Win32 error code 0x80070002 \(ERROR_FILE_NOT_FOUND\)/);
    const offline = await env.run('live-response/download-from-lr.ts', ['--sensor', 'WKS-OPS-6903', '--path', path]);
    expect(offline.code).toBe(1);
    expect(offline.stderr).toBe('ApiError: WKS-OPS-6903 (sensor 3) is Offline; Live Response needs it online\n');
  });

  it('sensor-operations kills the alerting processes of a watchlist, dumps memory and isolates', async () => {
    const alerts = [...env.emu.state.alerts.values()].filter((a) => a.watchlist_name === 'Evil processes' && a.status !== 'Resolved' && a.status !== 'False Positive');
    const hostIds = [...new Set(alerts.map((a) => a.sensor_id))];
    const dry = await env.run('response/sensor-operations.ts', ['--watchlists', 'Evil processes', '--operation', 'killprocess', '--dry-run']);
    expect(dry.stdout).toContain(`${alerts.length} alert(s) on ${hostIds.length} host(s)`);
    expect(dry.stdout.match(/^DRYRUN: would killprocess /gm)).toHaveLength(hostIds.length);

    // The pid is the third group of a process GUID (hex).
    const targets = alerts.map((a) => ({ id: a.sensor_id, pid: parseInt(a.process_id.split('-')[2] ?? '', 16) }));
    const wasRunning = new Map(targets.map((t) => [t.pid, host(t.id).processes.find(t.pid) !== undefined]));
    expect([...wasRunning.values()]).toContain(true);
    const kill = await env.run('response/sensor-operations.ts', ['--watchlists', 'Evil processes', '--operation', 'killprocess', ...FAST]);
    expect(kill.stderr).toBe('');
    expect(kill.stdout).toContain('Sensor operations finished\n');
    for (const { id, pid } of targets) {
      expect(kill.stdout).toContain(`evil.exe pid ${pid} ${wasRunning.get(pid) ? 'killed' : 'is not running'}`);
      expect(host(id).processes.find(pid)).toBeUndefined();
    }

    const dump = await env.run('response/sensor-operations.ts', ['--watchlists', 'Evil processes', '--operation', 'memdump', '--outdir', 'dumps', ...FAST]);
    expect(dump.code).toBe(0);
    for (const id of hostIds) {
      const name = env.emu.state.sensors.get(id)?.computer_name;
      expect(readFileSync(join(env.dir, 'dumps', `memdump-${name}.zip`)).subarray(0, 2).toString('latin1')).toBe('PK');
    }

    const iso = await env.run('response/sensor-operations.ts', ['--watchlists', 'Evil processes', '--operation', 'isolate', ...FAST]);
    expect(iso.code).toBe(0);
    for (const id of hostIds) expect(env.emu.state.sensors.get(id)?.is_isolating).toBe(true);
  });
});
