// Shared vitest settings: every workspace package resolves its siblings from source
// (the "@cb/source" export condition), so tests never need a prior build.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
/** The subset of Vite's alias entry we produce. */
export interface Alias {
  find: RegExp;
  replacement: string;
}

const root = fileURLToPath(new URL('.', import.meta.url));

type ExportEntry = string | { '@cb/source'?: string };

export function sourceAliases(): Alias[] {
  const aliases: Alias[] = [];
  const pkgsDir = join(root, 'packages');
  for (const dir of readdirSync(pkgsDir)) {
    const manifest = join(pkgsDir, dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name: string;
      exports?: Record<string, ExportEntry>;
    };
    for (const [sub, entry] of Object.entries(pkg.exports ?? {})) {
      if (typeof entry === 'string' || !entry['@cb/source']) continue;
      const spec = sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`;
      // Exact-match regex so '@cb/core' does not swallow '@cb/core/http'.
      const escaped = spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      aliases.push({ find: new RegExp(`^${escaped}$`), replacement: resolve(pkgsDir, dir, entry['@cb/source']) });
    }
  }
  return aliases;
}
