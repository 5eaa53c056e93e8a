// Shared fixtures for the data-layer tests: one small state per seed, built once per file.
import { createState } from '../../src/data/index.js';
import type { EmulatorState } from '../../src/data/types.js';

const cache = new Map<string, EmulatorState>();

export function smallState(seed = 42): EmulatorState {
  const key = `small:${seed}`;
  let s = cache.get(key);
  if (!s) cache.set(key, (s = createState({ seed, scale: 'small' })));
  return s;
}

/** Everything observable about a state as plain JSON (rows and a sample of events included). */
export function observable(state: EmulatorState): unknown {
  const { stats, processes, ...rest } = state;
  const { generationMs: _ignored, ...counts } = stats;
  return {
    counts,
    rows: [...processes.rows()],
    maps: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v instanceof Map ? [...v.entries()] : v])),
  };
}

export type Json = Record<string, unknown>;
