// Each package's version constant (`export const CORE_VERSION = '0.1.0';` in src/version.ts) is
// what the User-Agent sends, so it must equal the package.json version. Importing package.json
// from library code would drag JSON-module handling into every consumer's build; instead
// `pnpm version-packages` rewrites the constants (sync-versions.ts) and lint checks them.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a package keeps its version constant, relative to the package directory. */
export const VERSION_FILE = 'src/version.ts';

/** `@cb/live-response` → `LIVE_RESPONSE_VERSION`. */
export function versionConstantName(packageName: string): string {
  const bare = packageName.replace(/^@[^/]+\//, '');
  return `${bare.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_VERSION`;
}

// Semver as changesets writes it; anything else is refused rather than pasted into source.
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function constantPattern(name: string): RegExp {
  return new RegExp(`^(export const ${name}(?:: string)? = )(['"])([^'"\\n]*)\\2;`, 'm');
}

export interface VersionCheck {
  /** Absolute path of the version file. */
  readonly file: string;
  readonly constant: string;
  /** The package.json version. */
  readonly expected: string;
  /** The constant's value; undefined when the file does not declare the constant. */
  readonly actual: string | undefined;
}

interface Manifest {
  readonly name: string;
  readonly version?: string;
}

function readManifest(packageDir: string): Manifest {
  return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Manifest;
}

/** The version file's state, or undefined for packages without one. */
export function checkVersionFile(packageDir: string): VersionCheck | undefined {
  const file = join(packageDir, VERSION_FILE);
  if (!existsSync(file)) return undefined;
  const manifest = readManifest(packageDir);
  const constant = versionConstantName(manifest.name);
  const match = constantPattern(constant).exec(readFileSync(file, 'utf8'));
  return { file, constant, expected: manifest.version ?? '', actual: match?.[3] };
}

/** A lint message for a version file that disagrees with package.json, else undefined. */
export function versionProblem(check: VersionCheck): string | undefined {
  if (check.actual === undefined) {
    return `${VERSION_FILE}: does not declare \`export const ${check.constant} = '<version>';\``;
  }
  if (check.actual !== check.expected) {
    return `${VERSION_FILE}: ${check.constant} is '${check.actual}' but package.json says '${check.expected}' (run pnpm sync-versions)`;
  }
  return undefined;
}

export interface VersionUpdate {
  readonly file: string;
  readonly constant: string;
  readonly from: string;
  readonly to: string;
}

/** Rewrites one package's constant to its package.json version; undefined when nothing changed. */
export function syncVersionFile(packageDir: string): VersionUpdate | undefined {
  const check = checkVersionFile(packageDir);
  if (!check) return undefined;
  if (!SEMVER.test(check.expected)) {
    throw new Error(`${join(packageDir, 'package.json')}: version '${check.expected}' is not a semantic version`);
  }
  if (check.actual === undefined) throw new Error(`${check.file}: ${versionProblem(check)}`);
  if (check.actual === check.expected) return undefined;
  const text = readFileSync(check.file, 'utf8');
  const updated = text.replace(constantPattern(check.constant), (_all, head: string, quote: string) => `${head}${quote}${check.expected}${quote};`);
  writeFileSync(check.file, updated);
  return { file: check.file, constant: check.constant, from: check.actual, to: check.expected };
}

/** Syncs every packages/* directory under `root`. */
export function syncAllVersions(root: string): VersionUpdate[] {
  const packagesDir = join(root, 'packages');
  const updates: VersionUpdate[] = [];
  for (const entry of readdirSync(packagesDir).sort()) {
    const dir = join(packagesDir, entry);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const update = syncVersionFile(dir);
    if (update) updates.push(update);
  }
  return updates;
}
