// `pnpm sync-versions` (also run by `pnpm version-packages` after `changeset version`): rewrites
// every packages/*/src/version.ts constant from its package.json, so the User-Agent never lies.
// Usage: node --import tsx tools/sync-versions.ts [workspaceRoot]
import { relative, resolve } from 'node:path';
import { syncAllVersions } from './versions.ts';

const root = resolve(process.argv[2] ?? resolve(import.meta.dirname, '..'));
try {
  const updates = syncAllVersions(root);
  for (const u of updates) {
    process.stdout.write(`sync-versions: ${relative(root, u.file)}: ${u.constant} ${u.from} → ${u.to}\n`);
  }
  if (updates.length === 0) process.stdout.write('sync-versions: every version constant matches its package.json\n');
} catch (error) {
  process.stderr.write(`sync-versions: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
