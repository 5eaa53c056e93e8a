// Seeded randomness. Everything in the dataset comes from these functions so the same seed always
// yields the same bytes; Math.random and the wall clock are never consulted.

/** 32-bit integer hash mixing (murmur3 finaliser), used to derive independent sub-seeds. */
export function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Combine several integers into one seed (order matters). Numbers beyond 32 bits are folded. */
export function hashSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    const lo = p >>> 0;
    const hi = Math.floor(p / 4294967296) >>> 0;
    h = mix32(h ^ lo) + 0x632be5ab;
    if (hi !== 0) h = mix32(h ^ hi) + 0x7f4a7c15;
  }
  return mix32(h);
}

/** Hash of a string (FNV-1a then mixed); used to key sub-streams by name. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** mulberry32: tiny, fast, good enough for synthetic data. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** uniform in [0, 1) */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  u32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }
  /** integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** integer in [lo, hi] */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** pick by weights (same length as xs) */
  weighted<T>(xs: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < xs.length; i++) {
      r -= weights[i];
      if (r < 0) return xs[i];
    }
    return xs[xs.length - 1];
  }
  /** approximately Poisson-ish count with the given mean (cheap: sum of uniforms) */
  count(mean: number): number {
    if (mean <= 0) return 0;
    return Math.max(0, Math.round(mean * (0.25 + 1.5 * this.next())));
  }
  hex(n: number): string {
    let out = '';
    while (out.length < n) out += this.u32().toString(16).padStart(8, '0');
    return out.slice(0, n);
  }
  /** Derive an independent generator (does not advance this one's sequence beyond one draw). */
  fork(label: number): Rng {
    return new Rng(hashSeed(this.u32(), label));
  }
}

/** Deterministic pseudo-MD5 (32 lower-case hex digits) for a name; not a real digest. */
export function fakeMd5(seed: number, name: string): string {
  const r = new Rng(hashSeed(seed, hashString(name)));
  return r.hex(32);
}
