// `pnpm demo`: the tour. Starts the embedded @cb/emulator on 127.0.0.1, writes credential
// profiles for it into a scratch directory, then runs every example listed in
// examples/tour.json against it, exactly as a user would run them (`--profile emulator`).
// Exits non-zero when any example fails.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeCredentialsProfile } from '@cb/core';
import { startEmulator, type RunningEmulator } from '@cb/emulator';

interface TourStep {
  /** Heading printed before the example runs. */
  title: string;
  /** Script path relative to the repository root. */
  script: string;
  /** Extra arguments after `--profile emulator`; `{md5}`-style placeholders are not supported. */
  args?: string[];
  /** Credential product the example reads (default `response`). */
  product?: string;
}

const root = resolve(import.meta.dirname, '..');
const tsxLoader = import.meta.resolve('tsx');
const PROFILE = 'emulator';

function runStep(step: TourStep, cwd: string): Promise<{ code: number; ms: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@cb/source', '--import', tsxLoader, join(root, step.script), '--profile', PROFILE, ...(step.args ?? [])],
      { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } },
    );
    const indent = (chunk: Buffer): string => chunk.toString().replace(/^(?=.)/gm, '    ');
    child.stdout.on('data', (chunk: Buffer) => process.stdout.write(indent(chunk)));
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(indent(chunk)));
    child.on('close', (code) => done({ code: code ?? 1, ms: performance.now() - started }));
  });
}

function writeProfiles(emu: RunningEmulator, dir: string): void {
  const file = (product: string): string => join(dir, '.carbonblack', `credentials.${product}`);
  writeCredentialsProfile(file('response'), PROFILE, { url: emu.url, token: emu.token, sslVerify: false });
  const cloud = (emu as { cloud?: { orgKey: string; token: string } }).cloud;
  if (cloud) {
    for (const product of ['cbc', 'psc', 'platform']) {
      writeCredentialsProfile(file(product), PROFILE, { url: emu.url, token: cloud.token, orgKey: cloud.orgKey, sslVerify: false });
    }
  }
  const defense = (emu as { defense?: { token: string } }).defense;
  if (defense) writeCredentialsProfile(file('defense'), PROFILE, { url: emu.url, token: defense.token, sslVerify: false });
}

async function main(): Promise<void> {
  const tourFile = join(root, 'examples', 'tour.json');
  const steps = existsSync(tourFile) ? (JSON.parse(readFileSync(tourFile, 'utf8')) as TourStep[]) : [];
  const emu = await startEmulator({ seed: 42, scale: 'small' });
  const scratch = mkdtempSync(join(tmpdir(), 'cb-demo-'));
  writeProfiles(emu, scratch);
  process.stdout.write(
    `Carbon Black SDK tour\n` +
      `emulator: ${emu.url} (seed 42, dataset generated in ${emu.stats.stateGenerationMs.toFixed(0)} ms)\n` +
      `profiles: ${join(scratch, '.carbonblack')} [${PROFILE}]\n`,
  );
  const failed: string[] = [];
  try {
    for (const [i, step] of steps.entries()) {
      process.stdout.write(`\n[${i + 1}/${steps.length}] ${step.title}\n    $ ${step.script} --profile ${PROFILE} ${(step.args ?? []).join(' ')}\n`);
      const { code, ms } = await runStep(step, scratch);
      process.stdout.write(`    ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${(ms / 1000).toFixed(1)} s\n`);
      if (code !== 0) failed.push(step.title);
    }
  } finally {
    await emu.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  const s = emu.stats;
  process.stdout.write(
    `\n${steps.length - failed.length}/${steps.length} examples passed; the emulator served ${s.requests} requests` +
      ` (${s.pages} search pages).\n`,
  );
  if (failed.length > 0) {
    process.stdout.write(`failed: ${failed.join(', ')}\n`);
    process.exit(1);
  }
}

await main();
