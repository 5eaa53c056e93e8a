// The CLI prints the Cloud/Defense credentials and honours the --lr-* flags.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcessWithoutNullStreams | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

function startCli(args: string[]): Promise<Record<string, string>> {
  child = spawn(process.execPath, ['--conditions=@cb/source', '--import', 'tsx', 'src/cli.ts', ...args], { cwd: pkgDir });
  const proc = child;
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${stdout}`)), 20_000);
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!/^defense_token=.*\n/m.test(stdout)) return;
      clearTimeout(timer);
      const values: Record<string, string> = {};
      for (const line of stdout.split('\n')) {
        const m = /^([a-z_]+)=(.*)$/.exec(line);
        if (m) values[m[1]!] = m[2]!;
      }
      resolve(values);
    });
    proc.on('exit', (code) => reject(new Error(`CLI exited (${code}): ${stdout}`)));
  });
}

it('prints org_key, cloud tokens (full, limited, read-only) and the Defense token; --lr-offline-host takes a host offline', async () => {
  const v = await startCli(['--port', '0', '--seed', '42', '--lr-offline-host', 'WKS-IT-0649', '--lr-session-latency', '5']);
  expect(v.org_key).toMatch(/^[A-Z0-9]{8}$/);
  expect(v.cloud_token).toMatch(/^[A-Z0-9]+\/[A-Z0-9]+$/);
  expect(v.cloud_limited_token).toMatch(/^[A-Z0-9]+\/[A-Z0-9]+$/);
  expect(v.cloud_read_only_token).toMatch(/^[A-Z0-9]+\/[A-Z0-9]+$/);
  expect(new Set([v.cloud_token, v.cloud_limited_token, v.cloud_read_only_token]).size).toBe(3);
  // The read-only key reads devices.
  const ro = await fetch(`${v.url}/appservices/v6/orgs/${v.org_key}/devices/21211`, { headers: { 'X-Auth-Token': v.cloud_read_only_token! } });
  expect(ro.status).toBe(200);
  expect(v.defense_token).toMatch(/^[A-Z0-9]+\/[A-Z0-9]+$/);
  const device = await fetch(`${v.url}/appservices/v6/orgs/${v.org_key}/devices/21212`, { headers: { 'X-Auth-Token': v.cloud_token! } });
  const doc = (await device.json()) as { name: string; sensor_states: string[] };
  expect(doc.name).toBe('WKS-IT-0649');
  expect(doc.sensor_states).not.toContain('ACTIVE');
  const info = await fetch(`${v.url}/integrationServices/v3/device/21211`, { headers: { 'X-Auth-Token': v.defense_token! } });
  expect(info.status).toBe(200);
});
