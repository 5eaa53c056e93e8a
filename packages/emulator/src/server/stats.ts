// Served-request counters; "pages" are successful search-endpoint responses (process/binary/alert/...).
// The page rate is taken over busy time — the time during which at least one search page was
// being served — so idle time between test runs or demo steps does not dilute it.
export interface EmulatorStats {
  readonly startedAt: number;
  readonly requests: number;
  readonly pages: number;
  readonly byStatus: Readonly<Record<number, number>>;
  readonly bytesOut: number;
  /** Time (ms) during which at least one search page was being served; overlaps count once. */
  readonly pageBusyMs: number;
  /** Search pages per second of busy time (`pages / pageBusyMs`); 0 before the first page. */
  readonly pagesPerSec: number;
  /** Requests per second of wall time since start (or the last reset), idle time included. */
  readonly requestsPerSec: number;
  /** Wall time since start (or the last reset), ms. */
  readonly uptimeMs: number;
  /** Time the seeded state took to generate. */
  readonly stateGenerationMs: number;
  reset(): void;
}

/** Idle gaps remembered for late-ending long pages; older ones are taken as never covered. */
const MAX_GAPS = 64;

export class StatsCollector implements EmulatorStats {
  startedAt = Date.now();
  requests = 0;
  pages = 0;
  bytesOut = 0;
  byStatus: Record<number, number> = {};
  pageBusyMs = 0;
  /** End of the busy time covered so far (performance.now() clock). */
  private busyUntil = -Infinity;
  /** Idle stretches before busyUntil, oldest first: a long page that ends later can cover them. */
  private gaps: Array<[start: number, end: number]> = [];

  constructor(
    readonly stateGenerationMs = 0,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** One finished request; `durationMs` is how long it took up to now. */
  record(status: number, isPage: boolean, bytesOut: number, durationMs = 0): void {
    this.requests++;
    this.bytesOut += bytesOut;
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    if (!isPage) return;
    this.pages++;
    const end = this.now();
    this.addBusy(end - Math.max(durationMs, 0), end);
  }

  /**
   * Adds [start, end] to the busy union. Pages are recorded as they end, so `end` never
   * decreases: the new time is what lies after busyUntil plus whatever recent gaps it covers.
   */
  private addBusy(start: number, end: number): void {
    if (start > this.busyUntil) {
      if (this.busyUntil !== -Infinity) this.gaps.push([this.busyUntil, start]);
      if (this.gaps.length > MAX_GAPS) this.gaps.shift();
      this.pageBusyMs += end - start;
    } else {
      this.pageBusyMs += Math.max(end - this.busyUntil, 0);
      for (let k = this.gaps.length - 1; k >= 0; k--) {
        const gap = this.gaps[k]!;
        if (gap[1] <= start) break;
        this.pageBusyMs += gap[1] - Math.max(gap[0], start);
        if (start <= gap[0]) this.gaps.splice(k, 1);
        else gap[1] = start;
      }
    }
    this.busyUntil = Math.max(this.busyUntil, end);
  }

  get uptimeMs(): number {
    return Date.now() - this.startedAt;
  }

  get pagesPerSec(): number {
    return this.pageBusyMs > 0 ? this.pages / (this.pageBusyMs / 1000) : 0;
  }

  get requestsPerSec(): number {
    return this.requests / Math.max(this.uptimeMs / 1000, 1e-3);
  }

  reset(): void {
    this.startedAt = Date.now();
    this.requests = this.pages = this.bytesOut = this.pageBusyMs = 0;
    this.busyUntil = -Infinity;
    this.gaps = [];
    this.byStatus = {};
  }
}

/** Human-readable summary lines (`# ...`) the CLI prints on shutdown. */
export function formatStats(stats: EmulatorStats): string[] {
  const statuses = Object.entries(stats.byStatus)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  const mib = (stats.bytesOut / (1024 * 1024)).toFixed(1);
  return [
    `# served ${stats.requests} requests in ${(stats.uptimeMs / 1000).toFixed(1)} s (${statuses || 'none'}), ${mib} MiB out`,
    `# search pages: ${stats.pages} in ${(stats.pageBusyMs / 1000).toFixed(2)} s busy = ${stats.pagesPerSec.toFixed(0)} pages/s`,
  ];
}
