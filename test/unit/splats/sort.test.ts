import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COUNTING_SORT_BUCKETS,
  createCountingSorter,
  quantiseDepthFarFirst,
  quantiseScale,
} from '../../../widgets/splats/sort/counting-sort.ts';
import {
  depthsToFarFirstKeys,
  floatToDescendingKey,
  floatToOrderedKey,
} from '../../../widgets/splats/sort/float-key.ts';
import { createRadixSorter } from '../../../widgets/splats/sort/radix-sort.ts';

// Float32 values, including the awkward ones: ±0, subnormals, ±max, ±∞ (for the key map) and many duplicates.
const SPECIALS = [0, -0, 1, -1, 1e-45, -1e-45, 1.17549435e-38, -1.17549435e-38, 3.4028234e38, -3.4028234e38, 0.1, -0.1];
const anyFloat32 = fc.oneof(
  fc.float({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...SPECIALS),
  fc.integer({ min: -4, max: 4 }),
);
const depthArrays = fc.array(anyFloat32, { maxLength: 600 }).map((xs) => Float32Array.from(xs));

/** Total order on numbers with −0 before +0, the order float32 keys give. */
const ascending = (a: number, b: number) => a - b || (Object.is(a, -0) ? (Object.is(b, -0) ? 0 : -1) : Object.is(b, -0) ? 1 : 0);
const descending = (a: number, b: number) => ascending(b, a);
const gather = (xs: ArrayLike<number>, order: ArrayLike<number>) => Array.from(order, (i) => xs[i]!);
const isPermutation = (order: Uint32Array, n: number) => order.length === n && new Set(order).size === n && order.every((i) => i < n);

describe('float32 → uint32 key', () => {
  it('orders keys as the floats are ordered (−0 < +0)', () => {
    fc.assert(
      fc.property(fc.oneof(anyFloat32, fc.constantFrom(Infinity, -Infinity)), fc.oneof(anyFloat32, fc.constantFrom(Infinity, -Infinity)), (a, b) => {
        const [fa, fb] = [Math.fround(a), Math.fround(b)];
        expect(Math.sign(floatToOrderedKey(fa) - floatToOrderedKey(fb))).toBe(Math.sign(ascending(fa, fb)));
        expect(Math.sign(floatToDescendingKey(fa) - floatToDescendingKey(fb))).toBe(Math.sign(ascending(fb, fa)));
      }),
      { numRuns: 2000 },
    );
  });

  it('puts the ends of the range at the ends of the keys', () => {
    expect(floatToOrderedKey(-Infinity)).toBe(0x007fffff);
    expect(floatToOrderedKey(-0)).toBe(0x7fffffff);
    expect(floatToOrderedKey(0)).toBe(0x80000000);
    expect(floatToOrderedKey(Infinity)).toBe(0xff800000);
  });

  it('the bulk conversion matches the scalar one', () => {
    fc.assert(
      fc.property(depthArrays, (depths) => {
        const keys = new Uint32Array(depths.length);
        depthsToFarFirstKeys(depths, keys);
        expect(Array.from(keys)).toEqual(Array.from(depths, floatToDescendingKey));
      }),
    );
  });
});

describe('radix sort (4-bit digits, 8 passes)', () => {
  it('sorts uint32 keys exactly and stably, across tiles', () => {
    const keys = fc.array(fc.oneof(fc.nat({ max: 0xffffffff }), fc.nat({ max: 20 }), fc.constant(0xffffffff)), { maxLength: 700 });
    for (const tile of [1, 7, 64, 4096]) {
      const sorter = createRadixSorter(tile);
      fc.assert(
        fc.property(keys, (xs) => {
          const input = Uint32Array.from(xs);
          const order = sorter.sortKeys(input);
          // Array.prototype.sort is stable, so stability means the same permutation.
          const expected = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
          expect(Array.from(order)).toEqual(expected);
          expect(Array.from(input)).toEqual(xs);
        }),
        { numRuns: 150 },
      );
    }
  });

  it('orders float depths far first, exactly, equal depths in input order', () => {
    const sorter = createRadixSorter(32);
    fc.assert(
      fc.property(depthArrays, (depths) => {
        const order = sorter.sortFarFirst(depths);
        const expected = Array.from(depths, (_, i) => i).sort((a, b) => descending(depths[a]!, depths[b]!));
        expect(Array.from(order)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('reuses its buffers and sorts a prefix when given a count', () => {
    const sorter = createRadixSorter();
    const big = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 100);
    sorter.sortFarFirst(big);
    const small = Float32Array.from([3, -1, 7, 7, 0, 99]);
    expect(Array.from(sorter.sortFarFirst(small, 5))).toEqual([2, 3, 0, 4, 1]);
  });
});

describe('16-bit counting sort', () => {
  const sorter = createCountingSorter();

  it('returns a permutation, monotone (far first) in the quantised key', () => {
    fc.assert(
      fc.property(depthArrays, (depths) => {
        const order = sorter.sortFarFirst(depths);
        expect(isPermutation(order, depths.length)).toBe(true);
        let min = Infinity;
        let max = -Infinity;
        for (const d of depths) [min, max] = [Math.min(min, d), Math.max(max, d)];
        const scale = quantiseScale(min, max);
        const keys = gather(depths, order).map((d) => quantiseDepthFarFirst(d, min, scale));
        for (let i = 1; i < keys.length; i++) expect(keys[i]!).toBeGreaterThanOrEqual(keys[i - 1]!);
        // Stable within a bucket: equal keys keep input order.
        for (let i = 1; i < keys.length; i++) if (keys[i] === keys[i - 1]) expect(order[i]!).toBeGreaterThan(order[i - 1]!);
        // Never out of order in the float by more than one bucket.
        const bucket = max > min ? (max - min) / (COUNTING_SORT_BUCKETS - 1) : 0;
        const sorted = gather(depths, order);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i]!).toBeLessThanOrEqual(sorted[i - 1]! + bucket * (1 + 1e-9));
      }),
      { numRuns: 300 },
    );
  });

  it('is exact when depths are at least a bucket apart', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: COUNTING_SORT_BUCKETS - 1 }), { maxLength: 800 }), (ints) => {
        // Integers spread over [0, 65535] land in one bucket each once min and max are pinned to the ends.
        const depths = Float64Array.from([0, COUNTING_SORT_BUCKETS - 1, ...ints]);
        const order = sorter.sortFarFirst(depths);
        const expected = Array.from(depths, (_, i) => i).sort((a, b) => depths[b]! - depths[a]!);
        expect(Array.from(order)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps input order when every depth is equal, and handles empty input', () => {
    expect(Array.from(sorter.sortFarFirst(Float32Array.from([2, 2, 2])))).toEqual([0, 1, 2]);
    expect(sorter.sortFarFirst(new Float32Array(0)).length).toBe(0);
  });

  it('agrees with the exact radix sort on distinct, well-spread depths', () => {
    const n = 20000;
    const depths = Float32Array.from({ length: n }, (_, i) => i * 3.25 - 1000).reverse();
    expect(Array.from(sorter.sortFarFirst(depths))).toEqual(Array.from(createRadixSorter().sortFarFirst(depths)));
  });
});
