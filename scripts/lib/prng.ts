/**
 * A small seeded PRNG (mulberry32) and the draws the corpus generator needs. Seeded per
 * article from (seed, index), so article i is the same bytes whether 1k or 100k are written,
 * and a 10k corpus is a prefix of the 100k one with the same seed.
 */

/** mulberry32: 32-bit state, period 2^32, fast and good enough for synthetic text. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes two 32-bit integers into one seed (splitmix-style finaliser), so (seed, i) streams do not overlap. */
export function mixSeed(a: number, b: number): number {
  let h = (Math.imul(a >>> 0, 0x9e3779b1) ^ (b >>> 0)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Draws from one PRNG stream. */
export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** One element, with weight 1/(rank+1)^s (Zipf), so a few items dominate as real names and places do. */
  zipf<T>(items: readonly T[], s = 1): T {
    // Inverse-CDF over precomputed cumulative weights would be faster; lists here are short.
    let total = 0;
    for (let i = 0; i < items.length; i++) total += 1 / Math.pow(i + 1, s);
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= 1 / Math.pow(i + 1, s);
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }
  /** k distinct elements (k clipped to the list length), in draw order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < k && pool.length; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
  /** A lowercase hex string of n digits. */
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }
}
