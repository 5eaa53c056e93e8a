// Benchmark-scale generation: counts and timing are printed, not asserted (machines vary).
import { describe, expect, it } from 'vitest';
import { createState } from '../../src/data/index.js';

describe('large scale', () => {
  it('generates >= 200k process segments, lean enough to hold once', () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const s = createState({ seed: 42, scale: 'large' });
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    console.log(`[data] large: ${JSON.stringify(s.stats)} heap≈${heapMb.toFixed(0)}MB`);
    expect(s.stats.processRows).toBeGreaterThanOrEqual(200_000);
    // spot-check a few rows instead of materialising all of them
    for (const i of [0, 1234, s.processes.rowCount - 1]) {
      const r = s.processes.row(i);
      expect(s.processes.findRow(r.id, r.segment_id)).toBe(i);
    }
  }, 120_000);
});
