// Ready-made `parse` hooks for the reply shapes products use.
import type { Doc } from './types.js';

const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `[ {...} ]` → the object (Response SensorGroup, Site); an empty or longer list → not found. */
export function unwrapSingle(json: unknown): Doc | null {
  if (isDoc(json)) return json;
  return Array.isArray(json) && json.length === 1 && isDoc(json[0]) ? json[0] : null;
}

/** `{success, deviceInfo: {...}}` → the wrapped object (Defense); missing key → not found. */
export function unwrapKey(key: string): (json: unknown) => Doc | null {
  return (json) => (isDoc(json) && isDoc(json[key]) ? json[key] : null);
}
