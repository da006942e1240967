/**
 * The baseline depth sort of the WebGL2 fallback, as antimatter15/splat does it in a Worker: quantise each
 * depth to 16 bits over the frame's [min, max] and counting-sort the 65,536 buckets. Two linear passes and one
 * prefix sum, so it is fast, but depths closer than (max − min) / 65,535 fall into one bucket and keep their
 * input order: the order is exact in the quantised key, not in the float depth.
 *
 * Depth convention: larger is farther (distance along the view direction). The order is far first, for
 * back-to-front blending. Depths must be finite (a non-finite one makes the range, and every key, meaningless).
 */

export const COUNTING_SORT_BUCKETS = 1 << 16;
const MAX_KEY = COUNTING_SORT_BUCKETS - 1;

/** Sorts one frame's depths; the returned array is the sorter's own and is overwritten by the next call. */
export interface CountingSorter {
  sortFarFirst(depths: ArrayLike<number>, count?: number): Uint32Array;
}

/**
 * The bucket of depth d over [min, max], with far (max) at 0 so that an ascending counting sort gives far
 * first. Subtraction and multiplication round monotonically, so d ≤ e implies key(d) ≥ key(e).
 */
export function quantiseDepthFarFirst(d: number, min: number, scale: number): number {
  const q = Math.floor((d - min) * scale);
  return MAX_KEY - (q > MAX_KEY ? MAX_KEY : q);
}

/** 65,535 / (max − min), or 0 when every depth is equal (one bucket, input order kept). */
export function quantiseScale(min: number, max: number): number {
  return max > min ? MAX_KEY / (max - min) : 0;
}

export function createCountingSorter(): CountingSorter {
  // Per-frame allocations of a million-entry array would dominate the sort itself; grow only.
  const counts = new Uint32Array(COUNTING_SORT_BUCKETS);
  let keys = new Uint16Array(0);
  let order = new Uint32Array(0);

  return {
    sortFarFirst(depths, count = depths.length) {
      if (keys.length < count) {
        keys = new Uint16Array(count);
        order = new Uint32Array(count);
      }
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < count; i++) {
        const d = depths[i]!;
        if (d < min) min = d;
        if (d > max) max = d;
      }
      const scale = quantiseScale(min, max);

      counts.fill(0);
      for (let i = 0; i < count; i++) {
        const k = quantiseDepthFarFirst(depths[i]!, min, scale);
        keys[i] = k;
        counts[k]!++;
      }
      // Exclusive prefix sum: counts[k] becomes the first slot of bucket k.
      let sum = 0;
      for (let k = 0; k < COUNTING_SORT_BUCKETS; k++) {
        const c = counts[k]!;
        counts[k] = sum;
        sum += c;
      }
      for (let i = 0; i < count; i++) order[counts[keys[i]!]!++] = i;
      return order.subarray(0, count);
    },
  };
}
