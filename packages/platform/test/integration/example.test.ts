// examples/platform/seed-004-walkthrough.ts as a user runs it: a child process against the
// emulator, once with --url/--token/--org-key and once with --profile from credentials.cbc.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writeCredentialsProfile } from '@cb/core';
import { useCloudEmulator } from '../support/emulator.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const script = join(root, 'examples/platform/seed-004-walkthrough.ts');
const fx = useCloudEmulator({ liveResponse: { sessionLatencyMs: 20, commandLatencyMs: 5 } });

// Async on purpose: the emulator runs in this process and must keep answering.
async function runExample(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(CBC|CBAPI)_/.test(k)));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--conditions=@cb/source', '--import', 'tsx', script, ...args], {
      cwd: root,
      env: { ...clean, ...env, FORCE_COLOR: '0' },
      encoding: 'utf8',
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function expectWalkthrough(stdout: string): void {
  expect(stdout).toMatch(/session \S+ is active \(windows\)/);
  expect(stdout).toContain('created directory C:\\demo\\');
  expect(stdout).toContain('uploaded C:\\demo\\demo.txt');
  expect(stdout).toMatch(/ARCHIVE\s+\d+\s+demo\.txt/);
  expect(stdout).toContain('started: cmd.exe /c "ping.exe -t 127.0.0.1"');
  expect(stdout).toMatch(/kill \d+ \(.*\): done/);
  expect(stdout).toContain('closing the session');
}

describe('examples/platform/seed-004-walkthrough.ts', { timeout: 60_000 }, () => {
  it('runs with --url, --token and --org-key, and leaves no session open', async () => {
    const { code, stdout, stderr } = await runExample(['--url', fx.emu.url, '--token', fx.emu.cloud.token, '--org-key', fx.emu.cloud.orgKey, '--cleanup']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectWalkthrough(stdout);
    expect(stdout).toContain('deleted C:\\demo\\demo.txt and C:\\demo\\');
    expect(fx.emu.liveResponse.openSessions().total).toBe(0);
  });

  it('runs with --profile from ~/.carbonblack/credentials.cbc', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cb-example-home-'));
    writeCredentialsProfile(join(home, '.carbonblack', 'credentials.cbc'), 'emulator', {
      url: fx.emu.url,
      token: fx.emu.cloud.token,
      orgKey: fx.emu.cloud.orgKey,
    });
    const { code, stdout, stderr } = await runExample(['--profile', 'emulator', '--cleanup'], { HOME: home });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('(profile emulator)');
    expectWalkthrough(stdout);
  });

  it('explains a missing org key and exits 1', async () => {
    const { code, stderr } = await runExample(['--url', fx.emu.url, '--token', fx.emu.cloud.token]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^CredentialError: No organization key specified/);
    expect(stderr).not.toContain(fx.emu.cloud.token);
  });
});
