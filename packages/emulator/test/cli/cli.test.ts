// The cb-emulator CLI: spawn it, read the printed URL and token, make a request, kill it. The
// bin (bin/cb-emulator.js) runs dist/ when built and the TypeScript source through tsx when not.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

const SOURCE_CLI = ['--conditions=@cb/source', '--import', 'tsx', 'src/cli.ts'];

interface Launch {
  /** node arguments before the CLI's own (default: the source CLI through tsx). */
  entry?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Spawns the CLI and resolves once the `token=` line has been printed (bounded by a timeout). */
function startCli(args: string[], launch: Launch = {}): Promise<Started> {
  const { entry = SOURCE_CLI, env = {}, timeoutMs = 20_000 } = launch;
  const child = spawn(process.execPath, [...entry, ...args], { cwd: pkgDir, env: { ...process.env, NO_COLOR: '1', ...env } });
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

/** SIGTERM (or `signal`), then the exit code and everything printed after the start. */
function stopWithOutput(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    if (child.exitCode !== null) return resolve({ code: child.exitCode, stdout });
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
    child.kill(signal);
  });
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return (await stopWithOutput(child)).code;
}

/**
 * A copy of the package as a fresh clone has it: bin/ and package.json copied, src/ linked,
 * tsx reachable through node_modules, and no dist/ unless `dist` gives its cli.js.
 */
function packageCopy(name: string, dist?: string): string {
  const root = join(tmp, name);
  mkdirSync(join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  copyFileSync(join(pkgDir, 'package.json'), join(root, 'package.json'));
  copyFileSync(join(pkgDir, 'bin', 'cb-emulator.js'), join(root, 'bin', 'cb-emulator.js'));
  symlinkSync(join(pkgDir, 'src'), join(root, 'src'), 'dir');
  const tsxDir = dirname(createRequire(join(pkgDir, 'package.json')).resolve('tsx/package.json'));
  symlinkSync(tsxDir, join(root, 'node_modules', 'tsx'), 'dir');
  if (dist !== undefined) {
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'cli.js'), dist);
  }
  return root;
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

  it('prints request and page stats on shutdown, the page rate over busy time', async () => {
    const { child, values } = await startCli(['--port', '0']);
    const headers = { 'X-Auth-Token': values.token! };
    for (let i = 0; i < 4; i++) await (await fetch(`${values.url}/api/v1/process?rows=20&start=${i * 20}`, { headers })).text();
    await (await fetch(`${values.url}/api/v1/binary?rows=5`, { headers })).text();
    await (await fetch(`${values.url}/api/info`)).text();
    const { code, stdout } = await stopWithOutput(child, 'SIGINT');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# served 6 requests in \d+\.\d s \(200: 5, 401: 1\), \d+\.\d MiB out$/m);
    const m = /^# search pages: 5 in (\d+\.\d+) s busy = (\d+) pages\/s$/m.exec(stdout);
    expect(m, stdout).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThan(0);
  });

  it('bin/cb-emulator.js runs from the TypeScript source when asked to', async () => {
    const { child, values } = await startCli(['--port', '0', '--token', 'bin-token'], { entry: ['bin/cb-emulator.js'], env: { CB_EMULATOR_FROM_SOURCE: '1' } });
    const res = await fetch(`${values.url}/api/info`, { headers: { 'X-Auth-Token': 'bin-token' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { version: string }).version).toMatch(/^\d+\.\d+/);
    expect(await stop(child)).toBe(0);
  });

  it('bin/cb-emulator.js works in a checkout that was never built (no dist/)', async () => {
    const root = packageCopy('fresh-clone');
    const { child, values, stdout } = await startCli(['--port', '0', '--seed', '7'], { entry: [join(root, 'bin', 'cb-emulator.js')] });
    expect(stdout).toContain('# Cb Response emulator (seed 7, scale small');
    const res = await fetch(`${values.url}/api/info`, { headers: { 'X-Auth-Token': values.token! } });
    expect(res.status).toBe(200);
    expect(await stop(child)).toBe(0);
  });

  it('bin/cb-emulator.js runs dist/cli.js when the package is built', async () => {
    const root = packageCopy('built', "process.stdout.write('built cli ' + process.argv.slice(2).join(' ') + '\\n');\n");
    const child = spawn(process.execPath, [join(root, 'bin', 'cb-emulator.js'), '--port', '0'], { cwd: root });
    children.push(child);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toBe('built cli --port 0\n');
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
