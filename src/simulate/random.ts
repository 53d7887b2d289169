/**
 * The scenario generator's only source of randomness. A world must be
 * byte-identical for a seed, so nothing in src/simulate may call Math.random
 * or read the clock: every choice comes from a Random derived from the seed.
 *
 * xoshiro128** (Blackman & Vigna): fast in 32-bit integer arithmetic, which is
 * what JavaScript does well, and good enough for simulation. Streams are
 * forked by label so that adding draws to one generator (say, payments) does
 * not shift every other generator's choices (say, AIS): each part of the world
 * stays stable while another part changes.
 */
export class Random {
  /**
   * The state words a, b, c, d, held as 32-bit integers: a typed array takes
   * them without boxing, where number fields would allocate a heap number on
   * most draws (tens of millions per world).
   */
  private readonly s = new Int32Array(4);
  /** Whether a draw has been made: fork() spells the state as it always has (see there). */
  private drawn = false;

  constructor(seed: number | string) {
    // splitmix32 spreads a small seed over the 128-bit state.
    let s = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    const a = next();
    const b = next();
    const c = next();
    const d = next();
    this.s[0] = (a | b | c | d) === 0 ? 1 : a;
    this.s[1] = b;
    this.s[2] = c;
    this.s[3] = d;
  }

  /**
   * An independent stream for a named part of the world (same seed + label → same stream).
   * The label hashes the state as the generator has always printed it: unsigned
   * before the first draw; after it, a, b and c as signed and d as unsigned
   * 32-bit integers (what the xor-shift steps and the final rotation leave).
   */
  fork(label: string): Random {
    const s = this.s;
    const state = this.drawn ? `${s[0]}:${s[1]}:${s[2]}:${s[3]! >>> 0}` : `${s[0]! >>> 0}:${s[1]! >>> 0}:${s[2]! >>> 0}:${s[3]! >>> 0}`;
    return new Random(hashString(`${state}:${label}`));
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    const s = this.s;
    const a = s[0]!;
    const b = s[1]!;
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const c = s[2]! ^ a;
    const d = s[3]! ^ b;
    s[0] = a ^ d;
    s[1] = b ^ c;
    s[2] = c ^ (b << 9);
    s[3] = rotl(d, 11);
    this.drawn = true;
    return result;
  }

  /** Fills `out` with the next out.length draws of uint32(), as their int32 bits. */
  fillInt32(out: Int32Array): void {
    if (out.length === 0) return;
    // uint32() unrolled over locals: the same steps, the state loaded and stored once per block.
    const s = this.s;
    let a = s[0]!;
    let b = s[1]!;
    let c = s[2]!;
    let d = s[3]!;
    for (let i = 0; i < out.length; i++) {
      const x = Math.imul(b, 5);
      out[i] = Math.imul((x << 7) | (x >>> 25), 9);
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    this.drawn = true;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Pick by weight; weights need not sum to 1. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i]!;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /** Standard normal (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    let u = this.next();
    if (u < 1e-12) u = 1e-12;
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal: heavy right tail, for amounts and volumes. `median` is e^mu. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** Pareto with minimum xm and shape alpha (smaller alpha → heavier tail). */
  pareto(xm: number, alpha: number): number {
    return xm / Math.pow(1 - this.next(), 1 / alpha);
  }

  /** Exponential with the given mean (waiting times between events). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Poisson-distributed count (Knuth for small means, normal approximation above 30). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > limit);
    return k - 1;
  }

  /** k distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** A string of digits of the given length (leading zeros allowed). */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.uint32() % 10);
    return out;
  }

  /** Upper-case letters A–Z of the given length. */
  letters(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String.fromCharCode(65 + (this.uint32() % 26));
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** FNV-1a over UTF-16 code units: a stable 32-bit seed from a label. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
