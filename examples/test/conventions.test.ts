// Every example follows the same conventions: a header comment saying what it is and how to
// run it, `--profile` and `--help` through lib/cli.ts, a usage text naming the script, and
// errors printed by run(). Checked statically for all of them, and by running --help of two.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runExample } from './support/harness.js';

const dirs = ['response', 'live-response', 'platform'];
const scripts = dirs.flatMap((d) =>
  readdirSync(join(root, 'examples', d))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${d}/${f}`),
);

describe('example conventions', () => {
  it('finds the examples', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(32);
  });

  it.each(scripts)('%s has a header, a usage naming it, exampleArgs and run(main)', (script) => {
    const text = readFileSync(join(root, 'examples', script), 'utf8');
    expect(text.startsWith('// ')).toBe(true);
    expect(text).toContain(`Usage: ${basename(script)}`);
    expect(text).toMatch(/exampleArgs\(usage, /);
    expect(text).toMatch(/-h, --help/);
    expect(text).toMatch(/--profile NAME/);
    expect(text.trimEnd().endsWith('run(main);')).toBe(true);
  });

  it('every tour step is an existing example', () => {
    const tour = JSON.parse(readFileSync(join(root, 'examples', 'tour.json'), 'utf8')) as { script: string }[];
    for (const step of tour) expect(scripts).toContain(step.script.replace(/^examples\//, ''));
  });

  it('--help prints the usage and exits 0 without connecting', { timeout: 30_000 }, async () => {
    const [a, b] = await Promise.all([
      runExample(root, 'response/ban-hash.ts', ['--help'], { profile: 'no-such-profile' }),
      runExample(root, 'response/partition-operations.ts', ['-h'], { profile: null }),
    ]);
    expect(a).toMatchObject({ code: 0, stderr: '' });
    expect(a.stdout.startsWith('Usage: ban-hash.ts --md5 MD5')).toBe(true);
    expect(b).toMatchObject({ code: 0, stderr: '' });
    expect(b.stdout).toContain('unmount --name P');
  });

  it('an unknown flag prints the usage and exits 2', { timeout: 30_000 }, async () => {
    const r = await runExample(root, 'response/server-info.ts', ['--frobnicate'], { profile: null });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Unknown option '--frobnicate'/);
    expect(r.stderr).toContain('Usage: server-info.ts');
  });
});
