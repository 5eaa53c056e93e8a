// Project lint for one package: `node --import tsx tools/lint.ts <packageDir>`.
// Checks the rules the type checker cannot: no `any` and no console output in library code,
// no reaching into another package's sources, and a publishable manifest (README, CHANGELOG,
// every export entry backed by a source file, workspace links to sibling packages), and a
// src/version.ts constant equal to the package.json version. Packages without src/ (tools/)
// are command-line code: their files are checked except for console output.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkVersionFile, versionProblem } from './versions.ts';

interface Manifest {
  name: string;
  private?: boolean;
  exports?: Record<string, string | Record<string, unknown>>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const dir = resolve(process.argv[2] ?? '.');
const problems: string[] = [];
const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

function walk(root: string, out: string[] = []): string[] {
  if (!existsSync(root)) return out;
  for (const entry of readdirSync(root)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const full = join(root, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (full.endsWith('.ts')) out.push(full);
  }
  return out;
}

// Files allowed to print: command-line entry points and the default console logger.
const consoleAllowed = /(^|\/)(cli|bin|console-logger)\.ts$|\/cli\//;
const anyPattern = /(:\s*any\b|\bas\s+any\b|<any>|\bany\[\])/; // lint-allow-any (the pattern itself)

const isLibrary = existsSync(join(dir, 'src'));
for (const file of walk(isLibrary ? join(dir, 'src') : dir)) {
  if (file.endsWith('.test.ts')) continue;
  const rel = relative(dir, file);
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (anyPattern.test(code) && !line.includes('lint-allow-any')) {
      problems.push(`${rel}:${i + 1}: explicit 'any' (use unknown or a precise type)`);
    }
    if (isLibrary && /\bconsole\.(log|info|debug|warn|error)\(/.test(code) && !consoleAllowed.test(rel) && !line.includes('lint-allow-console')) {
      problems.push(`${rel}:${i + 1}: console output in library code (use the injected logger)`);
    }
    if (/from\s+['"](\.\.\/){2,}(packages\/)?[a-z-]+\/src/.test(code)) {
      problems.push(`${rel}:${i + 1}: imports another package's sources (import the package instead)`);
    }
  });
}

const versionCheck = checkVersionFile(dir);
const versionMessage = versionCheck && versionProblem(versionCheck);
if (versionMessage) problems.push(versionMessage);

if (!manifest.private) {
  for (const doc of ['README.md', 'CHANGELOG.md']) {
    if (!existsSync(join(dir, doc))) problems.push(`package.json: ${manifest.name} has no ${doc}`);
  }
  for (const [sub, entry] of Object.entries(manifest.exports ?? {})) {
    if (typeof entry === 'string') continue;
    const source = entry['@cb/source'];
    if (typeof source !== 'string' || !existsSync(join(dir, source))) {
      problems.push(`package.json: export '${sub}' has no existing '@cb/source' file`);
    }
  }
  for (const deps of [manifest.dependencies ?? {}, manifest.devDependencies ?? {}]) {
    for (const [name, range] of Object.entries(deps)) {
      if (name.startsWith('@cb/') && !range.startsWith('workspace:')) {
        problems.push(`package.json: ${name} must be a workspace: link, found ${range}`);
      }
    }
  }
}

if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n${problems.length} lint problem(s) in ${manifest.name}\n`);
  process.exit(1);
}
process.stdout.write(`lint ok: ${manifest.name}\n`);
