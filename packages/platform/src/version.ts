/**
 * Version of this package, sent in the User-Agent. Rewritten from package.json by
 * tools/sync-versions.ts (`pnpm version-packages`); tools/lint.ts fails when they differ.
 */
export const PLATFORM_VERSION = '0.1.0';
