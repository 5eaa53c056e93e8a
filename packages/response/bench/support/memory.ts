// Peak-memory sampling for benches: forced GC before a run, then the largest increase of
// `arrayBuffers + heapUsed` seen at the sample points the run reports. Samples collect garbage
// first, so they measure what the code keeps alive, not how far the GC happens to lag behind
// (streaming 4 MiB produces 4 MiB of short-lived chunks either way).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export class PeakMemory {
  #start = 0;
  #peak = 0;

  static #now(): number {
    const m = process.memoryUsage();
    return m.arrayBuffers + m.heapUsed;
  }

  /** Collects garbage and takes the starting point. */
  begin(): void {
    gc();
    gc();
    this.#start = PeakMemory.#now();
    this.#peak = 0;
  }

  sample(): void {
    gc();
    const delta = PeakMemory.#now() - this.#start;
    if (delta > this.#peak) this.#peak = delta;
  }

  /** Largest increase over the start, in bytes. */
  get peakBytes(): number {
    return this.#peak;
  }
}
