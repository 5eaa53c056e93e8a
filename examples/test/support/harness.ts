// Runs examples the way users do: a child `node` process per run, against an emulator started
// once per test file on 127.0.0.1, with a credentials.response profile `emulator` in a
// scratch directory that is both the child's cwd (./.carbonblack/) and its HOME.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { writeCredentialsProfile } from '@cb/core';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '@cb/emulator';

export const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const tsxLoader = pathToFileURL(join(dirname(createRequire(join(root, 'package.json')).resolve('tsx/package.json')), 'dist/loader.mjs')).href;

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Written to the child's stdin, which is then closed. */
  input?: string;
  /** Kill the child after this long (default 30 s); the result then has code -1. */
  timeoutMs?: number;
  /** Credentials profile to pass as --profile (default `emulator`); null passes none. */
  profile?: string | null;
  /**
   * Keep stdin open (after `input`) until stdout matches this (or, for a function, until it
   * returns true; checked every 20 ms), then send the child SIGINT as Ctrl-C would.
   */
  interruptWhen?: RegExp | (() => boolean);
}

export interface ExampleEnv {
  readonly emu: RunningEmulator;
  /** The child's cwd and HOME; files the examples write land here. */
  readonly dir: string;
  /** Runs examples/<script> with `--profile emulator` and the given arguments. */
  run(script: string, args?: readonly string[], options?: RunOptions): Promise<RunResult>;
}

/** Starts an emulator for this test file (beforeAll) and stops it afterwards. */
export function useExampleEnv(options: StartEmulatorOptions = {}): ExampleEnv {
  let emu: RunningEmulator | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ seed: 42, scale: 'small', ...options });
    dir = mkdtempSync(join(tmpdir(), 'cb-examples-'));
    writeCredentialsProfile(join(dir, '.carbonblack', 'credentials.response'), 'emulator', { url: emu.url, token: emu.token, sslVerify: false });
  });
  afterAll(async () => {
    await emu?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the example environment is not started (use it inside tests)');
    return value;
  };
  return {
    get emu() {
      return need(emu);
    },
    get dir() {
      return need(dir);
    },
    run: async (script, args = [], opts = {}) => {
      const result = await runExample(need(dir), script, args, opts);
      // The API token must never reach an example's output, whatever it prints.
      const token = need(emu).token;
      if (result.stdout.includes(token) || result.stderr.includes(token)) throw new Error(`${script} printed the API token`);
      return result;
    },
  };
}

/** Child environment without the caller's Carbon Black credentials. */
function cleanEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(CBC|CBAPI|CB)_/.test(k)));
  return { ...env, HOME: home, FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
}

export function runExample(cwd: string, script: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const profile = options.profile === undefined ? ['--profile', 'emulator'] : options.profile === null ? [] : ['--profile', options.profile];
  const child = spawn(process.execPath, ['--conditions=@cb/source', '--import', tsxLoader, join(root, 'examples', script), ...profile, ...args], {
    cwd,
    env: cleanEnv(cwd, options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  // The child may exit before reading all of its input.
  child.stdin.on('error', () => undefined);
  let interrupted = false;
  const when = options.interruptWhen;
  const maybeInterrupt = (): void => {
    if (!when || interrupted || !(typeof when === 'function' ? when() : when.test(stdout))) return;
    interrupted = true;
    child.kill('SIGINT');
    // Closing stdin would end the input too: leave the child time to react to the signal first.
    setTimeout(() => child.stdin.end(), 5_000).unref();
  };
  const poller = typeof when === 'function' ? setInterval(maybeInterrupt, 20) : undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    maybeInterrupt();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  if (options.interruptWhen) child.stdin.write(options.input ?? '');
  else child.stdin.end(options.input ?? '');
  return new Promise((done, fail) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      clearInterval(poller);
      fail(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(poller);
      done({ code: code ?? -1, stdout, stderr });
    });
  });
}
