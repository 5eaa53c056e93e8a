/**
 * Version of @cb/core, sent in the User-Agent. Rewritten from package.json by
 * tools/sync-versions.ts (run by `pnpm version-packages`); tools/lint.ts fails when they differ.
 * (Importing package.json here would drag JSON-module handling into every consumer's build.)
 */
export const CORE_VERSION = '0.1.0';
