// A counting semaphore with a FIFO queue and abortable waits: the session-slot budget.
import { abortError } from '../internal/abort.js';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class Slots {
  readonly limit: number;
  #used = 0;
  readonly #waiters: Waiter[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`The session limit must be a positive integer (got ${limit})`);
    this.limit = limit;
  }

  get inUse(): number {
    return this.#used;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  tryAcquire(): boolean {
    // Waiters first: a newcomer must not jump the queue.
    if (this.#used >= this.limit || this.#waiters.length > 0) return false;
    this.#used++;
    return true;
  }

  acquire(signal: AbortSignal | undefined): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    if (signal?.aborted) return Promise.reject(abortError(signal, 'Waiting for a Live Response session slot'));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.#waiters.indexOf(waiter);
          if (index >= 0) this.#waiters.splice(index, 1);
          reject(abortError(signal, 'Waiting for a Live Response session slot'));
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** Hands the slot to the longest waiter, or frees it. */
  release(): void {
    const next = this.#waiters.shift();
    if (next) {
      next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve();
      return;
    }
    if (this.#used > 0) this.#used--;
  }

  rejectAll(error: unknown): void {
    for (const waiter of this.#waiters.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(error);
    }
  }
}
