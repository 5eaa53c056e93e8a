// The cb-emulator CLI: spawn it, read the printed URL and token, make a request, kill it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'cb-emulator-cli-'));

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  values: Record<string, string>;
  stdout: string;
}

/** Spawns the CLI and resolves once the `token=` line has been printed (bounded by a timeout). */
function startCli(args: string[], timeoutMs = 20_000): Promise<Started> {
  const child = spawn(process.execPath, ['--conditions=@cb/source', '--import', 'tsx', 'src/cli.ts', ...args], { cwd: pkgDir, env: { ...process.env, NO_COLOR: '1' } });
  children.push(child);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`CLI did not start in time.\nstdout: ${stdout}\nstderr: ${stderr}`)), timeoutMs);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!/^token=/m.test(stdout) || !stdout.endsWith('\n')) return;
      clearTimeout(timer);
      const values: Record<string, string> = {};
      for (const line of stdout.split('\n')) {
        const m = /^([a-z_]+)=(.*)$/.exec(line);
        if (m) values[m[1]!] = m[2]!;
      }
      resolve({ child, values, stdout });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited early (${code}).\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

describe('cb-emulator CLI', () => {
  it('prints url and token, serves requests and exits on SIGTERM', async () => {
    const { child, values, stdout } = await startCli(['--port', '0', '--seed', '42', '--token', 'cli-test-token', '--log-requests']);
    expect(values.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(values.token).toBe('cli-test-token');
    expect(stdout).toMatch(/state generated in \d+ ms/);
    const res = await fetch(`${values.url}/api/info`, { headers: { 'X-Auth-Token': values.token! } });
    expect(res.status).toBe(200);
    expect((await res.json()).version).toBeTruthy();
    expect((await fetch(`${values.url}/api/info`)).status).toBe(401);
    expect(await stop(child)).toBe(0);
  });

  it('--write-profile writes a 0600 credentials file and keeps other profiles', async () => {
    const file = join(tmp, 'credentials.response');
    writeFileSync(file, '[other]\nurl=https://cb.example.com\ntoken=abc\n\n[dev]\nurl=http://stale\ntoken=old\n');
    const { child, values } = await startCli(['--port', '0', '--write-profile', 'dev', '--credentials-file', file]);
    try {
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('[other]\nurl=https://cb.example.com\ntoken=abc');
      expect(text).toContain(`[dev]\nurl=${values.url}\ntoken=${values.token}\nssl_verify=False\n`);
      expect(text).not.toContain('http://stale');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(values.credentials_file).toBe(file);
    } finally {
      await stop(child);
    }
  });

  it('--tls prints a fingerprint and writes the CA for the profile', async () => {
    const file = join(tmp, 'tls-credentials');
    const { child, values } = await startCli(['--port', '0', '--tls', '--write-profile', 'tls', '--credentials-file', file]);
    try {
      expect(values.url).toMatch(/^https:\/\//);
      expect(values.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(readFileSync(values.ca_file!, 'utf8')).toContain('BEGIN CERTIFICATE');
      expect(readFileSync(file, 'utf8')).toContain(`ssl_verify=True\nssl_cert_file=${values.ca_file}`);
    } finally {
      await stop(child);
    }
  });

  it('--fault applies the documented syntax', async () => {
    const { child, values } = await startCli(['--port', '0', '--fault', 'GET /api/info:status=503']);
    try {
      const res = await fetch(`${values.url}/api/info`, { headers: { 'X-Auth-Token': values.token! } });
      expect(res.status).toBe(503);
      expect((await fetch(`${values.url}/api/v1/sensor`, { headers: { 'X-Auth-Token': values.token! } })).status).toBe(200);
    } finally {
      await stop(child);
    }
  });

  it('rejects bad arguments with a message and exit code 1', async () => {
    const child = spawn(process.execPath, ['--conditions=@cb/source', '--import', 'tsx', 'src/cli.ts', '--fault', '/x:status=404'], { cwd: pkgDir });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('500, 502 or 503');
  });
});
