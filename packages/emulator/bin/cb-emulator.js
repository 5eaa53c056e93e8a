#!/usr/bin/env node
// cb-emulator launcher. A published package runs its build (dist/cli.js). A source checkout
// that was never built runs src/cli.ts through tsx (a devDependency of the workspace), so the
// bin works from a fresh clone; CB_EMULATOR_FROM_SOURCE=1 forces the source even when dist/
// exists (e.g. a stale build while developing).
import { existsSync } from 'node:fs';

const dist = new URL('../dist/cli.js', import.meta.url);
const source = new URL('../src/cli.ts', import.meta.url);
const forceSource = process.env.CB_EMULATOR_FROM_SOURCE === '1';

function fail(message) {
  process.stderr.write(`cb-emulator: ${message}\n`);
  process.exit(1);
}

if (!forceSource && existsSync(dist)) {
  await import(dist.href);
} else if (existsSync(source)) {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    fail('dist/ is not built and tsx is not installed: run `pnpm --filter @cb/emulator build`, or install tsx');
  }
  register();
  await import(source.href);
} else {
  fail(forceSource ? 'CB_EMULATOR_FROM_SOURCE=1 but src/cli.ts is not part of this installation' : 'dist/cli.js is missing: the package was not built');
}
