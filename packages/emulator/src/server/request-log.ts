// Optional request log for debugging. Secrets never reach it: the X-Auth-Token header is not
// recorded, and query parameters that look like credentials are replaced with "[REDACTED]".
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  status: number;
  durationMs: number;
  /** User the token belonged to ('' when unauthenticated). */
  user: string;
  /** ids of injected faults that fired for this request. */
  faults?: number[];
}

const SECRET_PARAM = /token|password|secret|api[_-]?key/i;

export function redactQuery(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, raw] of params) {
    const value = SECRET_PARAM.test(key) ? '[REDACTED]' : raw;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export function formatLogEntry(e: RequestLogEntry): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(e.query)) for (const one of Array.isArray(v) ? v : [v]) qs.append(k, one);
  const q = qs.toString();
  return `${e.method} ${e.path}${q ? `?${q}` : ''} -> ${e.status} (${e.durationMs.toFixed(1)} ms)${e.user ? ` [${e.user}]` : ''}`;
}
