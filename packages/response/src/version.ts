/**
 * Version of this package, sent in the User-Agent. Rewritten from package.json by
 * tools/sync-versions.ts (`pnpm version-packages`); tools/lint.ts fails when they differ.
 */
export const RESPONSE_VERSION = '0.1.0';

/** Loose dotted-version parse: '6.2.0.171114.1158' → [6, 2, 0, 171114, 1158]. */
export function parseServerVersion(version: string): number[] {
  return version.split(/[.\-]/).map((part) => Number.parseInt(part, 10)).map((n) => (Number.isFinite(n) ? n : 0));
}

/** Compares two dotted versions numerically (missing parts count as 0). */
export function compareVersions(a: string, b: string): number {
  const x = parseServerVersion(a);
  const y = parseServerVersion(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function versionAtLeast(version: string, minimum: string): boolean {
  return compareVersions(version, minimum) >= 0;
}
