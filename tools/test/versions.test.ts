// The release flow keeps version constants true: `pnpm version-packages` (changeset version,
// then sync-versions) rewrites them, and lint fails while one disagrees with package.json.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkVersionFile, syncAllVersions, versionConstantName, versionProblem } from '../versions.ts';

const repo = resolve(import.meta.dirname, '../..');
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cb-versions-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function writePackage(dir: string, manifest: Record<string, unknown>, versionTs?: string): string {
  const pkgDir = join(root, 'packages', dir);
  mkdirSync(join(pkgDir, 'src'), { recursive: true });
  writeFileSync(join(pkgDir, 'package.json'), `${JSON.stringify({ private: true, ...manifest }, null, 2)}\n`);
  if (versionTs !== undefined) writeFileSync(join(pkgDir, 'src', 'version.ts'), versionTs);
  return pkgDir;
}

const ALPHA_TS = `/** doc */\nexport const ALPHA_VERSION = '1.0.0';\n\nexport function other(): string {\n  return '9.9.9';\n}\n`;

function run(command: string, args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${join(repo, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}` } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('versionConstantName', () => {
  it('derives the constant from the package name', () => {
    expect(versionConstantName('@cb/core')).toBe('CORE_VERSION');
    expect(versionConstantName('@cb/live-response')).toBe('LIVE_RESPONSE_VERSION');
    expect(versionConstantName('@cb/legacy-compat')).toBe('LEGACY_COMPAT_VERSION');
  });
});

describe('syncAllVersions', () => {
  it('rewrites only the stale constant and leaves the rest of the file alone', () => {
    const alpha = writePackage('alpha', { name: '@cb/alpha', version: '1.2.3' }, ALPHA_TS);
    writePackage('beta', { name: '@cb/beta', version: '0.4.0' }, `export const BETA_VERSION: string = "0.4.0";\n`);
    writePackage('gamma', { name: '@cb/gamma', version: '2.0.0' }); // no version file
    expect(versionProblem(checkVersionFile(alpha)!)).toBe(
      "src/version.ts: ALPHA_VERSION is '1.0.0' but package.json says '1.2.3' (run pnpm sync-versions)",
    );
    const updates = syncAllVersions(root);
    expect(updates).toEqual([{ file: join(alpha, 'src', 'version.ts'), constant: 'ALPHA_VERSION', from: '1.0.0', to: '1.2.3' }]);
    expect(readFileSync(join(alpha, 'src', 'version.ts'), 'utf8')).toBe(ALPHA_TS.replace("'1.0.0'", "'1.2.3'"));
    expect(readFileSync(join(root, 'packages/beta/src/version.ts'), 'utf8')).toBe(`export const BETA_VERSION: string = "0.4.0";\n`);
    expect(syncAllVersions(root)).toEqual([]);
    expect(versionProblem(checkVersionFile(alpha)!)).toBeUndefined();
  });

  it('refuses a version file without the constant, and a version that is not semver', () => {
    writePackage('alpha', { name: '@cb/alpha', version: '1.2.3' }, `export const WRONG_VERSION = '1.0.0';\n`);
    expect(() => syncAllVersions(root)).toThrow(/does not declare `export const ALPHA_VERSION = '<version>';`/);
    rmSync(join(root, 'packages/alpha'), { recursive: true });
    writePackage('alpha', { name: '@cb/alpha', version: "1.0.0'; evil()" }, ALPHA_TS);
    expect(() => syncAllVersions(root)).toThrow(/is not a semantic version/);
  });
});

describe('lint', () => {
  it('fails while a version file disagrees with package.json, and passes after sync-versions', () => {
    const alpha = writePackage('alpha', { name: '@cb/alpha', version: '1.2.3' }, ALPHA_TS);
    const before = run('node', ['--import', 'tsx', join(repo, 'tools/lint.ts'), alpha], repo);
    expect(before.status).toBe(1);
    expect(before.out).toContain("ALPHA_VERSION is '1.0.0' but package.json says '1.2.3'");
    const sync = run('node', ['--import', 'tsx', join(repo, 'tools/sync-versions.ts'), root], repo);
    expect(sync.status).toBe(0);
    expect(sync.out).toContain('packages/alpha/src/version.ts: ALPHA_VERSION 1.0.0 → 1.2.3');
    const after = run('node', ['--import', 'tsx', join(repo, 'tools/lint.ts'), alpha], repo);
    expect(after.out).toContain('lint ok: @cb/alpha');
    expect(after.status).toBe(0);
  });

  it('finds every version file of this repository in step with its package.json', () => {
    const dirs = readdirSync(join(repo, 'packages')).map((d) => join(repo, 'packages', d));
    const checks = dirs.map((d) => checkVersionFile(d)).filter((c) => c !== undefined);
    expect(checks.map((c) => c.constant)).toEqual(expect.arrayContaining(['CORE_VERSION', 'RESPONSE_VERSION', 'PLATFORM_VERSION']));
    expect(checks.map((c) => versionProblem(c)).filter(Boolean)).toEqual([]);
  });
});

describe('pnpm version-packages', () => {
  it('bumps package.json with changesets and the version constant with it', () => {
    // A miniature workspace using the real root script, config and tools.
    const rootManifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'mini', private: true, scripts: rootManifest.scripts }));
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - "packages/*"\n');
    cpSync(join(repo, '.changeset/config.json'), join(root, '.changeset/config.json'));
    for (const f of ['versions.ts', 'sync-versions.ts']) cpSync(join(repo, 'tools', f), join(root, 'tools', f));
    symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'));
    // The config's `ignore` list must name existing packages.
    writePackage('examples', { name: '@cb/examples', version: '0.0.0' });
    writePackage('tools', { name: '@cb/tools', version: '0.0.0' });
    const alpha = writePackage('alpha', { name: '@cb/alpha', version: '1.0.0' }, ALPHA_TS);
    writeFileSync(join(root, '.changeset/new-thing.md'), '---\n"@cb/alpha": minor\n---\n\nA new thing.\n');

    const r = run('sh', ['-c', rootManifest.scripts['version-packages']!], root);
    expect(r.out).toContain('ALPHA_VERSION 1.0.0 → 1.1.0');
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(alpha, 'package.json'), 'utf8'))).toMatchObject({ version: '1.1.0' });
    expect(readFileSync(join(alpha, 'src/version.ts'), 'utf8')).toContain("export const ALPHA_VERSION = '1.1.0';");
    expect(readFileSync(join(alpha, 'CHANGELOG.md'), 'utf8')).toContain('A new thing.');
  }, 60_000);
});
