// JSON request bodies with object keys sorted at every depth, as cbapi sends them
// (json.dumps(sort_keys=True)): stable bodies make logs diffable and fixtures exact.

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** JSON text with sorted keys. `undefined` (no body) serialises as `{}`, `null` as `null`. */
export function sortedJson(value: unknown): string {
  if (value === undefined) return '{}';
  // The replacer sees values after toJSON (Dates are strings by then), so only plain objects
  // need re-ordering.
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isPlainObject(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = v[key];
    return sorted;
  });
}
