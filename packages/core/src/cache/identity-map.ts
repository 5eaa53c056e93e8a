// In-process identity map: the same key returns the same object until its entry expires.
// Least-recently-used entries are evicted over capacity (Map keeps insertion order, so a hit
// re-inserts its entry at the end). Lifetime counts from insertion, as in cbapi's LRU cache.

interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

export class IdentityMap<V> {
  readonly #entries = new Map<string, Entry<V>>();

  constructor(
    readonly maxSize: number,
    readonly ttlMs: number,
  ) {}

  get size(): number {
    this.#purgeExpired();
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    if (this.maxSize <= 0 || this.ttlMs <= 0) return;
    this.#entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
    this.#purgeExpired();
    while (this.#entries.size > this.maxSize) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  /** Deletes every key the predicate accepts. */
  deleteWhere(predicate: (key: string) => boolean): void {
    for (const key of [...this.#entries.keys()]) if (predicate(key)) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  #purgeExpired(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}
