// `pnpm test`'s pre-step: the system services the tests need (tools/ensure-test-deps.sh), then
// typecheck + lint of every project (nx). When a step fails, pnpm never starts vitest, so the
// closing `Tests: N passed, N failed, N skipped` line would be missing and the failure easy to
// miss in a long log; instead the last line names what failed:
//   Tests: not run (pre-test failed: @cb/response:lint, @cb/core:typecheck)
// The exit code stays non-zero, so `pnpm test` and .ci/run fail.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PretestStep {
  /** What the closing line calls this step when it fails without naming tasks. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

export const DEFAULT_STEPS: readonly PretestStep[] = [
  { name: 'test services (tools/ensure-test-deps.sh)', command: 'bash', args: ['tools/ensure-test-deps.sh'] },
  { name: 'typecheck and lint', command: 'nx', args: ['run-many', '-t', 'typecheck', 'lint', '--outputStyle=static'] },
];

// ANSI colour codes, which nx wraps around the "-" of each failed task.
const ANSI = /\u001b\[[0-9;]*m/g;

/** Task ids (`@cb/core:lint`) from nx's "Failed tasks:" list, in order. */
export function failedTasks(output: string): string[] {
  const text = output.replace(ANSI, '');
  const marker = text.lastIndexOf('Failed tasks:');
  if (marker < 0) return [];
  const tasks: string[] = [];
  for (const line of text.slice(marker).split('\n').slice(1)) {
    const match = /^\s*-\s+(\S+:\S+)\s*$/.exec(line);
    if (match) tasks.push(match[1]!);
    else if (tasks.length > 0 && line.trim() !== '') break;
  }
  return tasks;
}

/** The closing line of a failed pre-step. */
export function summaryLine(step: PretestStep, output: string, code: number): string {
  const tasks = failedTasks(output);
  const what = tasks.length > 0 ? tasks.join(', ') : `${step.name} exited with code ${code}`;
  return `Tests: not run (pre-test failed: ${what})`;
}

// Enough of the tail of a step's output to hold nx's summary.
const KEEP_CHARS = 64 * 1024;

function runStep(step: PretestStep, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(step.command, step.args, { cwd, stdio: ['inherit', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer, sink: NodeJS.WriteStream): void => {
      sink.write(chunk);
      output = (output + chunk.toString()).slice(-KEEP_CHARS);
    };
    child.stdout.on('data', (chunk: Buffer) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => keep(chunk, process.stderr));
    child.once('error', (error) => done({ code: 127, output: `${output}\n${error.message}` }));
    child.once('close', (code, signal) => done({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Runs the steps in order; on the first failure prints the closing line and returns its code. */
export async function runPretest(steps: readonly PretestStep[], cwd: string): Promise<number> {
  for (const step of steps) {
    const { code, output } = await runStep(step, cwd);
    if (code !== 0) {
      process.stdout.write(`\n${summaryLine(step, output, code)}\n`);
      return code;
    }
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runPretest(DEFAULT_STEPS, resolve(import.meta.dirname, '..'));
}
