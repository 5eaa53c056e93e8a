// A counting semaphore with a FIFO queue and abortable waits: the session-slot budget. Its
// ceiling starts at the configured limit and drops when the server refuses a session for lack
// of slots (fewer fit than configured: other clients hold some, or the server has fewer); a
// probe timer then raises it one step at a time while someone waits, with a growing delay.
import { abortError } from '../internal/abort.js';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface SlotsOptions {
  /** First delay before raising a lowered ceiling again (doubles per probe, up to 32×, at most 30 s). */
  probeDelayMs?: number | undefined;
}

const DEFAULT_PROBE_MS = 1_000;
const MAX_PROBE_MS = 30_000;

export class Slots {
  readonly limit: number;
  #ceiling: number;
  #used = 0;
  readonly #waiters: Waiter[] = [];
  readonly #probeBaseMs: number;
  readonly #probeMaxMs: number;
  #probeDelayMs: number;
  #probe: ReturnType<typeof setTimeout> | undefined;

  constructor(limit: number, options: SlotsOptions = {}) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`The session limit must be a positive integer (got ${limit})`);
    this.limit = limit;
    this.#ceiling = limit;
    this.#probeBaseMs = Math.max(1, options.probeDelayMs ?? DEFAULT_PROBE_MS);
    this.#probeMaxMs = Math.max(this.#probeBaseMs, Math.min(MAX_PROBE_MS, this.#probeBaseMs * 32));
    this.#probeDelayMs = this.#probeBaseMs;
  }

  get inUse(): number {
    return this.#used;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  /** Slots usable now: the limit, or less after the server reported its session limit. */
  get ceiling(): number {
    return this.#ceiling;
  }

  tryAcquire(): boolean {
    // Waiters first: a newcomer must not jump the queue.
    if (this.#used >= this.#ceiling || this.#waiters.length > 0) return false;
    this.#used++;
    return true;
  }

  /** Waits for a slot; `front` puts a caller that already waited (and was refused) first in line. */
  acquire(signal: AbortSignal | undefined, options: { front?: boolean } = {}): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal, 'Waiting for a Live Response session slot'));
    if (this.#used < this.#ceiling && (this.#waiters.length === 0 || options.front)) {
      this.#used++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.#waiters.indexOf(waiter);
          if (index >= 0) this.#waiters.splice(index, 1);
          // Nobody left to probe for: no timer may keep the process alive.
          if (this.#waiters.length === 0) this.#stopProbe();
          reject(abortError(signal, 'Waiting for a Live Response session slot'));
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      if (options.front) this.#waiters.unshift(waiter);
      else this.#waiters.push(waiter);
      this.#scheduleProbe();
    });
  }

  /** Gives a slot back; the longest waiter gets it if the ceiling allows. */
  release(): void {
    if (this.#used > 0) this.#used--;
    this.#drain();
  }

  /**
   * The server refused a session for lack of slots while the caller held one of ours: at most
   * the others in use fit. Call before releasing the refused caller's slot.
   */
  serverFull(): void {
    this.#ceiling = Math.max(0, Math.min(this.#ceiling, this.#used) - 1);
    this.#scheduleProbe();
  }

  rejectAll(error: unknown): void {
    this.#stopProbe();
    for (const waiter of this.#waiters.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(error);
    }
  }

  #drain(): void {
    while (this.#waiters.length > 0 && this.#used < this.#ceiling) {
      const next = this.#waiters.shift()!;
      next.signal?.removeEventListener('abort', next.onAbort);
      this.#used++;
      next.resolve();
    }
    if (this.#waiters.length === 0) this.#stopProbe();
  }

  /** While someone waits under a lowered ceiling, try one more slot after a growing delay. */
  #scheduleProbe(): void {
    if (this.#probe || this.#ceiling >= this.limit || this.#waiters.length === 0) return;
    this.#probe = setTimeout(() => {
      this.#probe = undefined;
      this.#ceiling = Math.min(this.limit, this.#ceiling + 1);
      this.#probeDelayMs = this.#ceiling >= this.limit ? this.#probeBaseMs : Math.min(this.#probeMaxMs, this.#probeDelayMs * 2);
      this.#drain();
      this.#scheduleProbe();
    }, this.#probeDelayMs);
  }

  #stopProbe(): void {
    if (this.#probe) clearTimeout(this.#probe);
    this.#probe = undefined;
  }
}
