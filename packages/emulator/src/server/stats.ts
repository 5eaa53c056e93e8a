// Served-request counters; "pages" are search-endpoint responses (process/binary/alert/...).
export interface EmulatorStats {
  readonly startedAt: number;
  readonly requests: number;
  readonly pages: number;
  readonly byStatus: Readonly<Record<number, number>>;
  readonly bytesOut: number;
  /** Search pages per second since start (or since the last reset). */
  readonly pagesPerSec: number;
  readonly requestsPerSec: number;
  /** Time the seeded state took to generate. */
  readonly stateGenerationMs: number;
  reset(): void;
}

export class StatsCollector implements EmulatorStats {
  startedAt = Date.now();
  requests = 0;
  pages = 0;
  bytesOut = 0;
  byStatus: Record<number, number> = {};

  constructor(readonly stateGenerationMs = 0) {}

  record(status: number, isPage: boolean, bytesOut: number): void {
    this.requests++;
    if (isPage) this.pages++;
    this.bytesOut += bytesOut;
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
  }

  private get elapsedSec(): number {
    return Math.max((Date.now() - this.startedAt) / 1000, 1e-3);
  }

  get pagesPerSec(): number {
    return this.pages / this.elapsedSec;
  }

  get requestsPerSec(): number {
    return this.requests / this.elapsedSec;
  }

  reset(): void {
    this.startedAt = Date.now();
    this.requests = this.pages = this.bytesOut = 0;
    this.byStatus = {};
  }
}
