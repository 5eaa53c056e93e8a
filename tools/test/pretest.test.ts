// When typecheck/lint fail, `pnpm test` never reaches vitest: the pre-step's last line must say so.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { failedTasks, runPretest, summaryLine, type PretestStep } from '../pretest.ts';

const repo = resolve(import.meta.dirname, '../..');
const dim = (s: string): string => `\u001b[2m${s}\u001b[22m`;
const NX_FAILURE = [
  ' NX   Running targets typecheck, lint for 7 projects failed',
  '',
  'Tasks not run because their dependencies failed or --nx-bail=true:',
  '',
  `${dim('Failed tasks:')}`,
  '',
  `${dim('-')} @cb/response:lint`,
  `${dim('-')} @cb/core:typecheck`,
  '',
  'Hint: run the command with --verbose for more details.',
].join('\n');

const node = (script: string): PretestStep => ({ name: `node ${script.slice(0, 20)}`, command: process.execPath, args: ['-e', script] });

describe('failedTasks / summaryLine', () => {
  it("reads nx's failed task list, colours and all", () => {
    expect(failedTasks(`lots of output\n${NX_FAILURE}\n`)).toEqual(['@cb/response:lint', '@cb/core:typecheck']);
    expect(failedTasks('no summary here')).toEqual([]);
  });

  it('names the failed tasks, else the step and its exit code', () => {
    const step: PretestStep = { name: 'typecheck and lint', command: 'nx', args: [] };
    expect(summaryLine(step, NX_FAILURE, 1)).toBe('Tests: not run (pre-test failed: @cb/response:lint, @cb/core:typecheck)');
    expect(summaryLine(step, 'killed', 137)).toBe('Tests: not run (pre-test failed: typecheck and lint exited with code 137)');
  });
});

describe('runPretest', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  it('runs every step and prints nothing extra when all pass', async () => {
    expect(await runPretest([node('console.log("one")'), node('console.log("two")')], repo)).toBe(0);
    expect(written.join('')).toBe('one\ntwo\n');
  });

  it('stops at the first failing step, passes its output through and ends with the summary line', async () => {
    const failing = node(`process.stdout.write(${JSON.stringify(NX_FAILURE)}); process.exit(3)`);
    const never = node('console.log("must not run")');
    expect(await runPretest([node('console.log("deps ok")'), failing, never], repo)).toBe(3);
    const out = written.join('');
    expect(out).toContain('deps ok');
    expect(out).not.toContain('must not run');
    expect(out.trimEnd().split('\n').at(-1)).toBe('Tests: not run (pre-test failed: @cb/response:lint, @cb/core:typecheck)');
  });

  it('reports a command that cannot start', async () => {
    const missing: PretestStep = { name: 'missing tool', command: 'no-such-command-here', args: [] };
    expect(await runPretest([missing], repo)).toBe(127);
    expect(written.join('').trimEnd().split('\n').at(-1)).toBe('Tests: not run (pre-test failed: missing tool exited with code 127)');
  });
});

describe('tools/pretest.ts as `pnpm test` runs it', () => {
  let bin: string;
  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), 'cb-pretest-'));
  });
  afterEach(() => rmSync(bin, { recursive: true, force: true }));

  it('exits non-zero with the failed nx tasks on its last line', () => {
    // A stand-in nx that fails like a real lint failure (the real one would check every project).
    const fakeNx = join(bin, 'nx');
    writeFileSync(join(bin, 'nx-output.txt'), `${NX_FAILURE}\n`);
    writeFileSync(fakeNx, `#!/bin/sh\ncat '${join(bin, 'nx-output.txt')}'\nexit 1\n`);
    chmodSync(fakeNx, 0o755);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'tools/pretest.ts'], {
      cwd: repo,
      encoding: 'utf8',
      // REDIS_URL makes ensure-test-deps a no-op, so only the nx step matters here.
      env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`, REDIS_URL: 'redis://127.0.0.1:6379' },
    });
    expect(r.status).toBe(1);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Tests: not run (pre-test failed: @cb/response:lint, @cb/core:typecheck)');
  }, 30_000);
});
