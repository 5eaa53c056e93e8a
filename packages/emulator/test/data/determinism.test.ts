import { describe, expect, it } from 'vitest';
import { binaryFile, createState, getProcessEvents } from '../../src/data/index.js';
import { observable } from './helpers.js';

describe('deterministic generation', () => {
  it('same seed → identical data (documents, rows, events, file bytes)', () => {
    const a = createState({ seed: 42, scale: 'small' });
    const b = createState({ seed: 42, scale: 'small' });
    expect(JSON.stringify(observable(a))).toBe(JSON.stringify(observable(b)));
    for (let i = 0; i < a.processes.rowCount; i += 7) {
      const ra = a.processes.row(i);
      expect(getProcessEvents(a, ra.id, ra.segment_id)).toEqual(getProcessEvents(b, ra.id, ra.segment_id));
    }
    const md5 = [...a.binaries.keys()][3];
    expect(Buffer.from(binaryFile(a, md5)!.filedata).equals(Buffer.from(binaryFile(b, md5)!.filedata))).toBe(true);
  });

  it('a different seed gives different data', () => {
    const a = createState({ seed: 42, scale: 'small' });
    const c = createState({ seed: 43, scale: 'small' });
    expect(JSON.stringify(observable(a))).not.toBe(JSON.stringify(observable(c)));
    expect(a.epochMs).not.toBe(c.epochMs);
    expect(a.adminToken).not.toBe(c.adminToken);
  });

  it('does not consult Math.random or the clock for data', () => {
    const rand = Math.random;
    const now = Date.now;
    Math.random = () => {
      throw new Error('Math.random used');
    };
    Date.now = () => {
      throw new Error('Date.now used');
    };
    try {
      const s = createState({ seed: 7, scale: 'small' });
      const r = s.processes.row(5);
      getProcessEvents(s, r.id, r.segment_id);
    } finally {
      Math.random = rand;
      Date.now = now;
    }
  });

  it('honours an explicit admin token', () => {
    const s = createState({ seed: 1, scale: 'small', adminToken: 'feedfacefeedfacefeedfacefeedfacefeedface' });
    expect(s.adminToken).toBe('feedfacefeedfacefeedfacefeedfacefeedface');
    expect(s.users.get('admin')!.auth_token).toBe(s.adminToken);
  });

  it('small scale is fast and a few hundred rows', () => {
    const s = createState({ seed: 99, scale: 'small' });
    expect(s.stats.processRows).toBeGreaterThanOrEqual(150);
    expect(s.stats.processRows).toBeLessThan(1000);
    expect(s.stats.generationMs).toBeLessThan(1000); // target < 200 ms; slack for loaded CI
  });
});
