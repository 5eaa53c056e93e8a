// CLI fault syntax:  [METHOD ]PATH_GLOB:OPTION[,OPTION...]
//   GET /api/v1/process*:status=503,rate=0.5
//   /api/v1/sensor/*:reset,times=2
//   *:latency=200
//   /api/info:ratelimit=30            (429 with Retry-After: 30)
//   /api/v1/binary/*:truncate   /api/v1/process:slow=50
// Options: status=500|502|503, rate=0..1, times=N, latency=MS, ratelimit=SEC (alias 429=SEC),
// reset, truncate, slow=MS. A spec without ':' is options for every route ("latency=100").
import type { FaultSpec } from './types.js';
import { validateFault } from './registry.js';

function number(key: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n)) throw new Error(`fault option ${key} needs a number`);
  return n;
}

export function parseFaultSpec(text: string): FaultSpec {
  const trimmed = text.trim();
  const colon = trimmed.lastIndexOf(':');
  const looksLikeOptionsOnly = colon < 0 && /=|^(reset|truncate)$/.test(trimmed) && !trimmed.startsWith('/');
  if (colon < 0 && !looksLikeOptionsOnly) throw new Error(`invalid fault "${text}": expected [METHOD ]PATH:options`);
  const target = looksLikeOptionsOnly ? '' : trimmed.slice(0, colon).trim();
  const options = looksLikeOptionsOnly ? trimmed : trimmed.slice(colon + 1).trim();

  const spec: FaultSpec = {};
  if (target) {
    const parts = target.split(/\s+/);
    if (parts.length > 2) throw new Error(`invalid fault target "${target}"`);
    const [first, second] = parts as [string, string | undefined];
    if (second !== undefined) spec.match = { method: first.toUpperCase(), path: second };
    else if (/^[A-Za-z]+$/.test(first)) spec.match = { method: first.toUpperCase() };
    else spec.match = { path: first };
    if (spec.match.path === '*') delete spec.match.path;
  }
  for (const option of options.split(',').map((o) => o.trim()).filter(Boolean)) {
    const [rawKey = '', value] = option.split('=', 2) as [string, string | undefined];
    const key = rawKey.toLowerCase();
    switch (key) {
      case 'status': {
        const status = number(key, value);
        if (status !== 500 && status !== 502 && status !== 503) throw new Error('fault status must be 500, 502 or 503');
        spec.status = status;
        break;
      }
      case 'rate':
        spec.rate = number(key, value);
        break;
      case 'times':
        spec.times = number(key, value);
        break;
      case 'latency':
      case 'delay':
        spec.latencyMs = number(key, value);
        break;
      case 'ratelimit':
      case '429':
        spec.rateLimit = { retryAfterSec: value === undefined ? 1 : number(key, value) };
        break;
      case 'reset':
        spec.reset = true;
        break;
      case 'truncate':
        spec.truncateBody = true;
        break;
      case 'slow':
        spec.slowBodyMs = value === undefined ? 50 : number(key, value);
        break;
      default:
        throw new Error(`unknown fault option "${rawKey}"`);
    }
  }
  validateFault(spec);
  return spec;
}
