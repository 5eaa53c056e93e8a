// Response builders for route handlers.
import type { EmuResponse } from './types.js';

export function json(value: unknown, status = 200, headers: Record<string, string> = {}): EmuResponse {
  // `undefined` (a handler with nothing to say) serialises as JSON null rather than no body.
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) ?? 'null' };
}

export function noContent(): EmuResponse {
  return { status: 204, headers: {}, body: '' };
}

export function bytes(data: Uint8Array, contentType: string, headers: Record<string, string> = {}): EmuResponse {
  return { status: 200, headers: { 'content-type': contentType, ...headers }, body: data };
}

/** Flask-style success reply used by the old (untyped) models' PUT/POST/DELETE endpoints. */
export const success = () => json({ result: 'success' });

export function isEmuResponse(value: unknown): value is EmuResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as EmuResponse).status === 'number' &&
    'body' in value &&
    'headers' in value
  );
}
