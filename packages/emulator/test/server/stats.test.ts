// Page-rate bookkeeping with a fake clock: busy time is the union of the intervals during which
// a search page was being served, so idle gaps and overlapping pages do not skew the rate.
import { describe, expect, it } from 'vitest';
import { StatsCollector, formatStats } from '../../src/server/stats.js';

function collector() {
  let now = 0;
  const stats = new StatsCollector(12, () => now);
  /** A request that finishes at `end` after running `duration` ms. */
  const finish = (end: number, duration: number, isPage = true, status = 200) => {
    now = end;
    stats.record(status, isPage, 100, duration);
  };
  return { stats, finish };
}

describe('StatsCollector', () => {
  it('adds up sequential pages and ignores the idle time between them', () => {
    const { stats, finish } = collector();
    finish(100, 50); // [50, 100]
    finish(10_000, 50); // [9950, 10000], after a long idle gap
    expect(stats.pageBusyMs).toBe(100);
    expect(stats.pagesPerSec).toBe(20);
  });

  it('counts overlapping pages once', () => {
    const { stats, finish } = collector();
    finish(100, 100); // [0, 100]
    finish(120, 60); // [60, 120]: only 100..120 is new
    finish(130, 5); // [125, 130]: after an idle gap 120..125, fully new
    expect(stats.pageBusyMs).toBe(125);
    finish(130, 130); // [0, 130]: a long page that also covered the gap
    expect(stats.pageBusyMs).toBe(130);
    finish(140, 5); // [135, 140], gap 130..135
    finish(150, 5); // [145, 150], gap 140..145
    expect(stats.pageBusyMs).toBe(140);
    finish(150, 12); // [138, 150]: 138..140 was busy already; fills the gap 140..145
    expect(stats.pageBusyMs).toBe(145);
    finish(150, 16); // [134, 150]: 134..135 of the older gap
    expect(stats.pageBusyMs).toBe(146);
    expect(stats.pages).toBe(8);
  });

  it('leaves non-page requests out of busy time but counts them', () => {
    const { stats, finish } = collector();
    finish(100, 100, false, 401);
    expect(stats.pageBusyMs).toBe(0);
    expect(stats.pagesPerSec).toBe(0);
    finish(200, 10);
    expect(stats).toMatchObject({ requests: 2, pages: 1, pageBusyMs: 10, bytesOut: 200, byStatus: { 200: 1, 401: 1 } });
  });

  it('starts over on reset', () => {
    const { stats, finish } = collector();
    finish(100, 100);
    stats.reset();
    expect(stats).toMatchObject({ requests: 0, pages: 0, pageBusyMs: 0, byStatus: {} });
    finish(150, 100); // overlaps the pre-reset page, which no longer counts
    expect(stats.pageBusyMs).toBe(100);
    expect(stats.stateGenerationMs).toBe(12);
  });

  it('formats the shutdown summary', () => {
    const { stats, finish } = collector();
    finish(100, 40);
    finish(200, 60);
    finish(210, 5, false, 404);
    const [served, pages] = formatStats(stats);
    expect(served).toMatch(/^# served 3 requests in \d+\.\d s \(200: 2, 404: 1\), 0\.0 MiB out$/);
    expect(pages).toBe('# search pages: 2 in 0.10 s busy = 20 pages/s');
  });
});
