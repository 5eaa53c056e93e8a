// DEBUG=... namespace matching with the conventions of the `debug` package: a comma or
// space separated list, `*` wildcards, and a leading `-` to exclude a namespace.

function toRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*?');
  return new RegExp(`^${escaped}$`);
}

export function debugEnabled(namespace: string, debugEnv: string | undefined): boolean {
  if (!debugEnv) return false;
  let enabled = false;
  for (const raw of debugEnv.split(/[\s,]+/)) {
    if (!raw) continue;
    if (raw.startsWith('-')) {
      // Exclusions win over any inclusion, wherever they appear.
      if (toRegExp(raw.slice(1)).test(namespace)) return false;
    } else if (toRegExp(raw).test(namespace)) {
      enabled = true;
    }
  }
  return enabled;
}
