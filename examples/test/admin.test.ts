// The Cb Response administration examples (users, sensor groups, sensors, partitions, data
// sharing, isolation), checked against the emulator's state afterwards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../lib/output.js';
import { useExampleEnv } from './support/harness.js';

const env = useExampleEnv();

describe('administration examples', { timeout: 60_000 }, () => {
  it('user-operations adds a user (password from the environment, never printed), lists and deletes', async () => {
    const password = 'correct-horse-battery';
    const add = await env.run(
      'response/user-operations.ts',
      ['add', '--username', 'jgarman', '--first-name', 'Jason', '--last-name', 'Garman', '--email', 'jgarman@example.com', '--team', 'SOC Analysts'],
      { env: { CB_NEW_USER_PASSWORD: password } },
    );
    expect(add.stderr).toBe('');
    expect(add.stdout).toBe('Added user jgarman (teams: SOC Analysts).\n');
    expect(env.emu.state.users.get('jgarman')).toMatchObject({ first_name: 'Jason', teams: [{ id: 2, name: 'SOC Analysts' }] });
    expect(env.emu.state.userSecrets.get('jgarman')?.password).toBe(password);

    const list = await env.run('response/user-operations.ts', ['list']);
    expect(list.stdout).toMatch(/^jgarman +Jason Garman +jgarman@example\.com +false +SOC Analysts$/m);
    for (const u of env.emu.state.users.values()) expect(list.stdout).not.toContain(u.auth_token);

    const del = await env.run('response/user-operations.ts', ['delete', '--username', 'jgarman']);
    expect(del.stdout).toBe('Deleted user jgarman\n');
    expect(env.emu.state.users.has('jgarman')).toBe(false);
  });

  it('user-operations refuses to add a user without a password, and reads one from stdin', async () => {
    const base = ['add', '--username', 'kiosk', '--first-name', 'K', '--last-name', 'Iosk', '--email', 'kiosk@example.com'];
    const none = await env.run('response/user-operations.ts', base);
    expect(none.code).toBe(2);
    expect(none.stderr.split('\n')[0]).toBe('UsageError: no password: set CB_NEW_USER_PASSWORD or pass --password-stdin');
    expect(env.emu.state.users.has('kiosk')).toBe(false);
    const piped = await env.run('response/user-operations.ts', [...base, '--password-stdin'], { input: 'from-stdin\n' });
    expect(piped.code).toBe(0);
    expect(env.emu.state.userSecrets.get('kiosk')?.password).toBe('from-stdin');
  });

  it('sensor-group-operations adds a group on a named site, lists sensors and deletes', async () => {
    const add = await env.run('response/sensor-group-operations.ts', ['add', '--name', 'Tour Group', '--site', 'Headquarters']);
    expect(add.stderr).toBe('');
    const group = [...env.emu.state.sensorGroups.values()].find((g) => g.name === 'Tour Group');
    expect(group?.site_id).toBe([...env.emu.state.sites.values()].find((s) => s.name === 'Headquarters')?.id);
    expect(add.stdout).toContain(`New sensor group ID is ${group?.id} (site Headquarters)`);

    const list = await env.run('response/sensor-group-operations.ts', ['list']);
    for (const g of env.emu.state.sensorGroups.values()) expect(list.stdout).toContain(g.name);

    const sensors = await env.run('response/sensor-group-operations.ts', ['list-sensors', '--name', 'Workstations']);
    const members = [...env.emu.state.sensors.values()].filter((s) => s.group_id === 2);
    expect(sensors.stdout).toContain(`Sensors in group Workstations (id 2): ${members.length}`);
    for (const s of members) expect(sensors.stdout).toContain(s.computer_name);

    const del = await env.run('response/sensor-group-operations.ts', ['delete', '--name', 'Tour Group']);
    expect(del.stdout).toContain(`Deleted sensor group id ${group?.id} with name Tour Group`);
    expect(env.emu.state.sensorGroups.has(group?.id ?? -1)).toBe(false);

    const busy = await env.run('response/sensor-group-operations.ts', ['delete', '--id', '2']);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/^ConflictError: DELETE \/api\/group\/2 .*409/);
    expect(env.emu.state.sensorGroups.has(2)).toBe(true);
  });

  it('sensor-export writes the chosen fields of the matching sensors as CSV', async () => {
    const all = await env.run('response/sensor-export.ts', ['--output', 'sensors.csv']);
    expect(all.stdout).toContain(`exported ${env.emu.state.sensors.size} sensor(s) to sensors.csv`);
    const rows = parseCsv(readFileSync(join(env.dir, 'sensors.csv'), 'utf8'));
    expect(rows[0]).toEqual(['id', 'hostname', 'group_id', 'network_interfaces', 'os_environment_display_string', 'build_version_string', 'network_isolation_enabled', 'last_checkin_time']);
    const first = env.emu.state.sensors.get(1);
    expect(rows[1]?.slice(0, 3)).toEqual(['1', first?.computer_name, String(first?.group_id)]);
    expect(rows[1]?.[3]).toMatch(/^\d+\.\d+\.\d+\.\d+ \(([0-9a-f]{2}:){5}[0-9a-f]{2}\)/);

    const some = await env.run('response/sensor-export.ts', ['--output', 'ws.csv', '--query', 'groupid:2', '--fields', 'id,hostname,status']);
    expect(some.code).toBe(0);
    const ws = parseCsv(readFileSync(join(env.dir, 'ws.csv'), 'utf8'));
    const members = [...env.emu.state.sensors.values()].filter((s) => s.group_id === 2);
    expect(ws.slice(1).map((r) => r[1]).sort()).toEqual(members.map((s) => s.computer_name).sort());

    const bad = await env.run('response/sensor-export.ts', ['--output', 'x.csv', '--query', 'os:windows']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^InvalidQueryFieldError: /);
  });

  it('download-sensor-installer saves the exe and the msi package', async () => {
    const exe = await env.run('response/download-sensor-installer.ts', ['--group', 'Workstations', '--output', 'setup.exe']);
    expect(exe.stderr).toBe('');
    expect(readFileSync(join(env.dir, 'setup.exe')).subarray(0, 2).toString('latin1')).toBe('MZ');
    const msi = await env.run('response/download-sensor-installer.ts', ['--group', '2', '--type', 'windows/msi']);
    expect(msi.stdout).toContain('to sensor-2-windows-msi.zip');
    expect(readFileSync(join(env.dir, 'sensor-2-windows-msi.zip')).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('partition-operations unmounts, mounts, creates and lists partitions', async () => {
    const warm = [...env.emu.state.storagePartitions.values()].find((p) => p.status === 'warm');
    if (!warm) throw new Error('the seed has no warm partition');
    const un = await env.run('response/partition-operations.ts', ['unmount', '--name', warm.name]);
    expect(un.stdout).toBe(`Successfully unmounted partition ${warm.name}: now cold\n`);
    expect(env.emu.state.storagePartitions.get(warm.name)?.status).toBe('cold');
    const mount = await env.run('response/partition-operations.ts', ['mount', '--name', warm.name]);
    expect(mount.stdout).toBe(`Successfully mounted partition ${warm.name}: now warm\n`);
    expect(env.emu.state.storagePartitions.get(warm.name)?.status).toBe('warm');

    const count = env.emu.state.storagePartitions.size;
    const create = await env.run('response/partition-operations.ts', ['create']);
    expect(create.stdout).toBe('Successfully created new writer partition\n');
    expect(env.emu.state.storagePartitions.size).toBe(count + 1);

    const list = await env.run('response/partition-operations.ts', ['list']);
    expect(list.stdout.trim().split('\n')).toHaveLength(count + 1);
    expect(list.stdout).toMatch(/^HOT +writer /m);

    const writer = await env.run('response/partition-operations.ts', ['unmount', '--name', 'writer']);
    expect(writer.code).toBe(1);
    expect(writer.stderr).toMatch(/^ConflictError: /);
  });

  it('check-datasharing finds the groups sharing binaries with VirusTotal', async () => {
    const clean = await env.run('response/check-datasharing.ts', ['--fail-if-sharing']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('No sensor groups are configured to send unknown binaries to VirusTotal\n');
    const res = await fetch(`${env.emu.url}/api/v1/group/3/datasharing`, {
      method: 'POST',
      headers: { 'X-Auth-Token': env.emu.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ group_id: 3, who: 'VIRUSTOTAL', what: 'BIN' }),
    });
    expect(res.ok).toBe(true);
    const sharing = await env.run('response/check-datasharing.ts', ['--fail-if-sharing']);
    expect(sharing.code).toBe(3);
    expect(sharing.stdout).toBe('The following sensor groups are configured to send unknown binaries to VirusTotal:\n  id 3: Servers\n');
  });

  it('isolate-sensor isolates a host by name and releases it, reporting each check', async () => {
    const on = await env.run('response/isolate-sensor.ts', ['--sensor', 'WIN-IA9NQ1GN8OI', '--poll-interval', '50']);
    expect(on.stderr).toBe('');
    expect(on.stdout).toMatch(/check \d+: Online, isolating=false/);
    expect(on.stdout).toMatch(/WIN-IA9NQ1GN8OI is isolated \(confirmed after/);
    expect(env.emu.state.sensors.get(1)).toMatchObject({ network_isolation_enabled: true, is_isolating: true });
    const off = await env.run('response/isolate-sensor.ts', ['--sensor', '1', '--unisolate', '--poll-interval', '50']);
    expect(off.stdout).toContain('WIN-IA9NQ1GN8OI is no longer isolated');
    expect(env.emu.state.sensors.get(1)).toMatchObject({ network_isolation_enabled: false, is_isolating: false });
  });

  it('isolate-sensor gives up with a TimeoutError when the sensor does not confirm in time', async () => {
    // Every sensor read takes 1.5 s, so the confirmation cannot arrive within the 1 s budget.
    const slow = env.emu.faults.add({ match: { method: 'GET', path: '/api/v1/sensor/4' }, latencyMs: 1500 });
    try {
      const r = await env.run('response/isolate-sensor.ts', ['--sensor', '4', '--timeout', '1', '--poll-interval', '50']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('TimeoutError: timed out waiting for isolation to become active\n');
    } finally {
      slow.remove();
    }
  });

  it('an ambiguous host name is a NoMatchError naming the candidates', async () => {
    const r = await env.run('response/isolate-sensor.ts', ['--sensor', 'WKS']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^NoMatchError: 'WKS' matches 3 sensors \(WKS-/);
  });
});
