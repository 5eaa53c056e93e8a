// The set of active faults. Decisions draw from a seeded PRNG (one draw per matching fault
// with rate < 1), so a given seed and request sequence always produce the same failures.
import { globToRegExp } from './glob.js';
import { mulberry32, type Random } from './prng.js';
import type { FaultDecision, FaultHandle, FaultSpec } from './types.js';

interface ActiveFault {
  id: number;
  spec: FaultSpec;
  method?: string;
  path?: RegExp;
  hits: number;
}

export function validateFault(spec: FaultSpec): void {
  const rate = spec.rate ?? 1;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`fault rate must be within 0..1, got ${spec.rate}`);
  if (spec.status !== undefined && ![500, 502, 503].includes(spec.status)) {
    throw new RangeError(`fault status must be 500, 502 or 503, got ${spec.status}`);
  }
  for (const key of ['latencyMs', 'times', 'slowBodyMs'] as const) {
    const v = spec[key];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new RangeError(`fault ${key} must be a number >= 0`);
  }
  if (spec.rateLimit && !(spec.rateLimit.retryAfterSec >= 0)) throw new RangeError('fault rateLimit.retryAfterSec must be >= 0');
}

export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  private random: Random;

  constructor(seed?: number) {
    this.random = seed === undefined ? Math.random : mulberry32(seed ^ 0x5eed_fa17);
  }

  /** Re-seeds the PRNG (e.g. at the start of a test wanting a known sequence). */
  reseed(seed: number): void {
    this.random = mulberry32(seed ^ 0x5eed_fa17);
  }

  add(spec: FaultSpec): FaultHandle {
    validateFault(spec);
    const path = spec.match?.path;
    const fault: ActiveFault = {
      id: this.nextId++,
      spec,
      method: spec.match?.method?.toUpperCase(),
      path: path === undefined ? undefined : typeof path === 'string' ? globToRegExp(path) : path,
      hits: 0,
    };
    this.faults.push(fault);
    const remove = () => this.remove(fault.id);
    return {
      id: fault.id,
      spec,
      get hits() {
        return fault.hits;
      },
      remove,
    };
  }

  remove(id: number): void {
    this.faults = this.faults.filter((f) => f.id !== id);
  }

  clear(): void {
    this.faults = [];
  }

  list(): ReadonlyArray<{ id: number; spec: FaultSpec; hits: number }> {
    return this.faults.map(({ id, spec, hits }) => ({ id, spec, hits }));
  }

  /** Decides the faults for one request; undefined when none fired. */
  decide(method: string, path: string): FaultDecision | undefined {
    let decision: FaultDecision | undefined;
    for (const fault of this.faults) {
      if (fault.method && fault.method !== method.toUpperCase()) continue;
      if (fault.path && !fault.path.test(path)) continue;
      const { spec } = fault;
      if (spec.times !== undefined && fault.hits >= spec.times) continue;
      const rate = spec.rate ?? 1;
      if (rate < 1 && this.random() >= rate) continue;
      fault.hits++;
      decision ??= { latencyMs: 0, fired: [] };
      decision.fired.push(fault.id);
      decision.latencyMs += spec.latencyMs ?? 0;
      // The first fired fault that changes the outcome wins; later ones only add latency.
      if (decision.status || decision.rateLimit || decision.transport) continue;
      if (spec.rateLimit) decision.rateLimit = spec.rateLimit;
      else if (spec.status) decision.status = spec.status;
      else if (spec.reset) decision.transport = { kind: 'reset' };
      else if (spec.truncateBody) decision.transport = { kind: 'truncate' };
      else if (spec.slowBodyMs !== undefined) decision.transport = { kind: 'slow', chunkDelayMs: spec.slowBodyMs, chunkSize: 256 };
    }
    return decision;
  }
}
