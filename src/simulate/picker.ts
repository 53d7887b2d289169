import type { Random } from './random.ts';

/**
 * Draw items by weight in O(log n): the background picks counterparties from
 * populations of a hundred thousand companies millions of times, and a linear
 * scan per draw would dominate the run.
 */
export class WeightedPicker<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weight: (item: T, index: number) => number,
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) {
      sum += Math.max(0, weight(items[i]!, i));
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  get size(): number {
    return this.items.length;
  }

  pick(r: Random): T {
    return this.items[this.pickIndex(r)]!;
  }

  /** The index of the item pick() would return (the same draw). */
  pickIndex(r: Random): number {
    if (this.items.length === 0 || this.total <= 0) throw new Error('pick from an empty population');
    const target = r.next() * this.total;
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
