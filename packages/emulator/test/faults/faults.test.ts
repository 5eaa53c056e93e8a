import { describe, expect, it } from 'vitest';
import { FaultRegistry } from '../../src/faults/registry.js';
import { parseFaultSpec } from '../../src/faults/parse.js';
import { globToRegExp } from '../../src/faults/glob.js';

describe('fault syntax', () => {
  it('parses method, glob and options', () => {
    expect(parseFaultSpec('GET /api/v1/process*:status=503,rate=0.5')).toEqual({
      match: { method: 'GET', path: '/api/v1/process*' },
      status: 503,
      rate: 0.5,
    });
    expect(parseFaultSpec('/api/info:ratelimit=30,times=2')).toEqual({ match: { path: '/api/info' }, rateLimit: { retryAfterSec: 30 }, times: 2 });
    expect(parseFaultSpec('*:latency=200')).toEqual({ match: {}, latencyMs: 200 });
    expect(parseFaultSpec('latency=10')).toEqual({ latencyMs: 10 });
    expect(parseFaultSpec('POST *:reset')).toEqual({ match: { method: 'POST' }, reset: true });
    expect(parseFaultSpec('/api/v1/binary/*:truncate')).toMatchObject({ truncateBody: true });
    expect(parseFaultSpec('/x:slow=25')).toMatchObject({ slowBodyMs: 25 });
  });

  it('rejects bad specs', () => {
    expect(() => parseFaultSpec('/x:status=404')).toThrow(/500, 502 or 503/);
    expect(() => parseFaultSpec('/x:rate=2')).toThrow(/rate/);
    expect(() => parseFaultSpec('/x:bogus')).toThrow(/unknown fault option/);
    expect(() => parseFaultSpec('/just/a/path')).toThrow(/expected/);
  });

  it('globs span slashes', () => {
    expect(globToRegExp('/api/v1/process*').test('/api/v1/process/abc/1/event')).toBe(true);
    expect(globToRegExp('/api/v?/sensor').test('/api/v1/sensor')).toBe(true);
    expect(globToRegExp('/api/info').test('/api/infox')).toBe(false);
  });
});

describe('FaultRegistry', () => {
  it('is deterministic for a seed and honours rate', () => {
    const draw = (seed: number) => {
      const r = new FaultRegistry(seed);
      r.add({ match: { path: '/a' }, status: 503, rate: 0.5 });
      return Array.from({ length: 200 }, () => (r.decide('GET', '/a') ? 1 : 0));
    };
    const a = draw(7);
    expect(draw(7)).toEqual(a);
    expect(draw(8)).not.toEqual(a);
    const hits = a.reduce<number>((s, x) => s + x, 0);
    expect(hits).toBeGreaterThan(70);
    expect(hits).toBeLessThan(130);
  });

  it('limits by times, matches method, combines latency, first outcome wins', () => {
    const r = new FaultRegistry(1);
    r.add({ match: { method: 'GET' }, latencyMs: 5 });
    const h = r.add({ match: { path: '/x*' }, status: 502, times: 2 });
    r.add({ reset: true });
    expect(r.decide('GET', '/x/1')).toMatchObject({ latencyMs: 5, status: 502 });
    expect(r.decide('POST', '/x/1')).toMatchObject({ latencyMs: 0, status: 502 });
    expect(r.decide('GET', '/x/1')).toMatchObject({ transport: { kind: 'reset' } });
    expect(h.hits).toBe(2);
    h.remove();
    r.clear();
    expect(r.decide('GET', '/x')).toBeUndefined();
  });
});
