// `pnpm demo`: the tour. Starts the embedded @cb/emulator on 127.0.0.1, writes credential
// profiles for it into a scratch directory, then runs every example listed in
// examples/tour.json against it, exactly as a user would run them (`--profile emulator`, from
// that directory). Placeholders in a step's arguments (`{md5}`, `{guid}`, ...) are filled in
// from the emulator's seeded data, so steps work with real ids. Ends with a summary, and exits
// non-zero when any example fails or leaves a Live Response session open.
//
//   pnpm demo                 the whole tour
//   pnpm demo -- ban walk     only the steps whose title or script contains "ban" or "walk"
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeCredentialsProfile } from '@cb/core';
import { SPECIAL_BINARY_MD5, SPECIAL_HOSTNAME, startEmulator, type RunningEmulator } from '@cb/emulator';

interface TourStep {
  /** Heading printed before the example runs. */
  title: string;
  /** Script path relative to the repository root. */
  script: string;
  /** Extra arguments after `--profile emulator`; `{name}` placeholders are replaced (see placeholders()). */
  args?: string[];
  /** Credential product the example reads (default `response`). */
  product?: string;
  /** Written to the example's stdin (placeholders replaced), e.g. the commands of the LR shell. */
  input?: string;
  /** Extra environment variables (e.g. a password an example reads from the environment). */
  env?: Record<string, string>;
}

interface StepOutcome {
  readonly step: TourStep;
  readonly code: number;
  readonly ms: number;
}

const root = resolve(import.meta.dirname, '..');
const tsxLoader = import.meta.resolve('tsx');
const PROFILE = 'emulator';
/** A step that takes longer is stopped (and fails): the tour must always finish. */
const STEP_TIMEOUT_MS = 60_000;

function runStep(step: TourStep, cwd: string, values: Record<string, string>): Promise<{ code: number; ms: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@cb/source', '--import', tsxLoader, join(root, step.script), '--profile', PROFILE, ...(step.args ?? []).map((a) => fill(a, values))],
      { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...tourEnv(cwd), ...step.env } },
    );
    const indent = (chunk: Buffer): string => chunk.toString().replace(/^(?=.)/gm, '    ');
    child.stdout.on('data', (chunk: Buffer) => process.stdout.write(indent(chunk)));
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(indent(chunk)));
    child.stdin.on('error', () => undefined); // the example may exit before reading all its input
    child.stdin.end(step.input === undefined ? '' : fill(step.input, values));
    const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? 1, ms: performance.now() - started });
    });
  });
}

/** The caller's environment without Carbon Black credentials (the tour uses its own profiles), HOME = the scratch dir. */
function tourEnv(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CBAPI|CBC)_/.test(name)));
  return { ...env, HOME: home, FORCE_COLOR: '0' };
}

function writeProfiles(emu: RunningEmulator, dir: string): void {
  const file = (product: string): string => join(dir, '.carbonblack', `credentials.${product}`);
  writeCredentialsProfile(file('response'), PROFILE, { url: emu.url, token: emu.token, sslVerify: false });
  for (const product of ['cbc', 'psc', 'platform']) {
    writeCredentialsProfile(file(product), PROFILE, { url: emu.url, token: emu.cloud.token, orgKey: emu.cloud.orgKey, sslVerify: false });
  }
  writeCredentialsProfile(file('defense'), PROFILE, { url: emu.url, token: emu.defense.token, sslVerify: false });
}

/** `{name}` → values[name]; an unknown name is left as it is (and the example will say so). */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * Ids from the seeded dataset, read over the emulator's REST API as a client would:
 * `{url}`, `{md5}` (notepad.exe), `{hostname}` / `{sensorId}` (the guide's host),
 * `{guid}` (the evil.exe process on that host) and `{parentGuid}` (its parent).
 */
async function placeholders(emu: RunningEmulator): Promise<Record<string, string>> {
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${emu.url}${path}`, { headers: { 'X-Auth-Token': emu.token } });
    if (!res.ok) throw new Error(`GET ${path} → ${res.status}`);
    return (await res.json()) as T;
  };
  const q = encodeURIComponent(`process_name:evil.exe hostname:${SPECIAL_HOSTNAME}`);
  const { results } = await get<{ results: { id: string; parent_unique_id: string; sensor_id: number }[] }>(`/api/v1/process?q=${q}&rows=1`);
  const evil = results[0];
  if (!evil) throw new Error(`the dataset has no evil.exe process on ${SPECIAL_HOSTNAME}`);
  return {
    url: emu.url,
    md5: SPECIAL_BINARY_MD5,
    hostname: SPECIAL_HOSTNAME,
    sensorId: String(evil.sensor_id),
    guid: evil.id,
    parentGuid: evil.parent_unique_id.slice(0, 36),
  };
}

function selected(steps: TourStep[], filters: string[]): TourStep[] {
  if (filters.length === 0) return steps;
  const wanted = filters.map((f) => f.toLowerCase());
  return steps.filter((s) => wanted.some((w) => s.title.toLowerCase().includes(w) || s.script.toLowerCase().includes(w)));
}

function summary(outcomes: readonly StepOutcome[], emu: RunningEmulator, totalMs: number, openSessions: number): string {
  const width = Math.max(...outcomes.map((o) => o.step.script.length));
  const lines = outcomes.map(
    (o, i) => `  ${String(i + 1).padStart(2)}. ${o.code === 0 ? 'ok    ' : `FAILED`} ${(o.ms / 1000).toFixed(1).padStart(5)} s  ${o.step.script.padEnd(width)}  ${o.step.title}`,
  );
  const passed = outcomes.filter((o) => o.code === 0).length;
  const s = emu.stats;
  return [
    '',
    'Summary',
    ...lines,
    '',
    `${passed}/${outcomes.length} examples passed in ${(totalMs / 1000).toFixed(1)} s; the emulator served ${s.requests} requests (${s.pages} search pages); ` +
      `${openSessions} Live Response session(s) left open.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const tourFile = join(root, 'examples', 'tour.json');
  const all = existsSync(tourFile) ? (JSON.parse(readFileSync(tourFile, 'utf8')) as TourStep[]) : [];
  const steps = selected(all, process.argv.slice(2).filter((a) => a !== '--'));
  const started = performance.now();
  const emu = await startEmulator({ seed: 42, scale: 'small' });
  const scratch = mkdtempSync(join(tmpdir(), 'cb-demo-'));
  const outcomes: StepOutcome[] = [];
  let openSessions = 0;
  try {
    writeProfiles(emu, scratch);
    const values = await placeholders(emu);
    process.stdout.write(
      `Carbon Black SDK tour: ${steps.length} example(s)\n` +
        `emulator: ${emu.url} (seed 42, dataset generated in ${emu.stats.stateGenerationMs.toFixed(0)} ms)\n` +
        `profiles: ${join(scratch, '.carbonblack')} [${PROFILE}]; examples run in ${scratch}\n`,
    );
    for (const [i, step] of steps.entries()) {
      const args = (step.args ?? []).map((a) => fill(a, values));
      const shown = args.map((a) => (/[\s'"\\|&;<>()$]/.test(a) ? `'${a.replace(/'/g, "'\\''")}'` : a)).join(' ');
      process.stdout.write(`\n[${i + 1}/${steps.length}] ${step.title}\n    $ ${step.script} --profile ${PROFILE} ${shown}${step.input ? ' < commands' : ''}\n`);
      const { code, ms } = await runStep(step, scratch, values);
      process.stdout.write(`    ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${(ms / 1000).toFixed(1)} s\n`);
      outcomes.push({ step, code, ms });
    }
    openSessions = emu.liveResponse.openSessions().total;
  } finally {
    await emu.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  process.stdout.write(`${summary(outcomes, emu, performance.now() - started, openSessions)}\n`);
  const failed = outcomes.filter((o) => o.code !== 0);
  if (failed.length > 0) process.stdout.write(`failed: ${failed.map((o) => o.step.title).join(', ')}\n`);
  if (failed.length > 0 || openSessions > 0 || steps.length === 0) process.exit(1);
}

await main();
