/**
 * Exact, stable LSD radix sort of uint32 keys with 4-bit digits: 8 passes, each count → exclusive prefix sum
 * → scatter. It is written as the portable multipass WebGPU sort works (research/splats.md: single-pass
 * "onesweep" sorts need forward-progress guarantees that Apple, Mali and Adreno GPUs lack), so it serves as
 * that sort's CPU reference: the input is cut into tiles (a workgroup's share each), every tile counts its
 * digits into its own histogram, one exclusive scan over all histograms laid out digit-major gives each
 * (digit, tile) its first output slot, and every tile scatters its elements in input order from there. Input
 * order within a digit is kept across tiles and within a tile, which makes each pass, hence the sort, stable.
 *
 * Depths: `sortFarFirst` maps float32 depths to descending keys (float-key.ts) and sorts those ascending,
 * so the order is back to front, exact in the float, with equal depths in input order.
 */
import { depthsToFarFirstKeys } from './float-key.ts';

export const RADIX_BITS = 4;
export const RADIX = 1 << RADIX_BITS;
export const RADIX_PASSES = 32 / RADIX_BITS;
/** Elements per tile: one workgroup of 256 invocations × 16 elements each, a common GPU choice. */
export const DEFAULT_TILE = 4096;

/**
 * One pass on the digit at `shift`: keys and their values move from (keysIn, valsIn) to (keysOut, valsOut),
 * ordered by that digit and stable. `histogram` needs RADIX × ⌈count / tile⌉ entries.
 */
function radixPass(
  keysIn: Uint32Array,
  valsIn: Uint32Array,
  keysOut: Uint32Array,
  valsOut: Uint32Array,
  count: number,
  shift: number,
  tile: number,
  histogram: Uint32Array,
): void {
  const tiles = Math.ceil(count / tile);
  const size = RADIX * tiles;
  const mask = RADIX - 1;
  // A tile's 16 counters, as a workgroup keeps them in shared memory before writing them out.
  const local = new Uint32Array(RADIX);
  // Count: histogram[digit · tiles + t], digit-major so that one scan orders digits first, then tiles.
  for (let t = 0; t < tiles; t++) {
    local.fill(0);
    const end = Math.min(count, (t + 1) * tile);
    for (let i = t * tile; i < end; i++) local[(keysIn[i]! >>> shift) & mask]!++;
    for (let d = 0; d < RADIX; d++) histogram[d * tiles + t] = local[d]!;
  }
  let sum = 0;
  for (let j = 0; j < size; j++) {
    const c = histogram[j]!;
    histogram[j] = sum;
    sum += c;
  }
  // Scatter: on the GPU a workgroup ranks its elements within each digit by a local scan; here, in order.
  for (let t = 0; t < tiles; t++) {
    for (let d = 0; d < RADIX; d++) local[d] = histogram[d * tiles + t]!;
    const end = Math.min(count, (t + 1) * tile);
    for (let i = t * tile; i < end; i++) {
      const key = keysIn[i]!;
      const slot = local[(key >>> shift) & mask]!++;
      keysOut[slot] = key;
      valsOut[slot] = valsIn[i]!;
    }
  }
}

/** The returned arrays are the sorter's own, overwritten by its next call. */
export interface RadixSorter {
  /** Indices that order keys[0 … count) ascending, stable. The keys are not modified. */
  sortKeys(keys: Uint32Array, count?: number): Uint32Array;
  /** Indices that order depths back to front (largest first), exact, stable. */
  sortFarFirst(depths: Float32Array, count?: number): Uint32Array;
}

export function createRadixSorter(tile = DEFAULT_TILE): RadixSorter {
  // Ping-pong buffers, grown but never shrunk, as a renderer would keep its GPU buffers across frames.
  let keysA = new Uint32Array(0);
  let keysB = new Uint32Array(0);
  let valsA = new Uint32Array(0);
  let valsB = new Uint32Array(0);
  let histogram = new Uint32Array(0);

  function reserve(count: number) {
    if (keysA.length < count) {
      keysA = new Uint32Array(count);
      keysB = new Uint32Array(count);
      valsA = new Uint32Array(count);
      valsB = new Uint32Array(count);
    }
    const need = RADIX * Math.ceil(count / tile);
    if (histogram.length < need) histogram = new Uint32Array(need);
  }

  /** Sorts the keys already in keysA; an even number of passes leaves the result back in A. */
  function sortStaged(count: number): Uint32Array {
    for (let i = 0; i < count; i++) valsA[i] = i;
    for (let pass = 0; pass < RADIX_PASSES; pass += 2) {
      radixPass(keysA, valsA, keysB, valsB, count, pass * RADIX_BITS, tile, histogram);
      radixPass(keysB, valsB, keysA, valsA, count, (pass + 1) * RADIX_BITS, tile, histogram);
    }
    return valsA.subarray(0, count);
  }

  return {
    sortKeys(keys, count = keys.length) {
      reserve(count);
      keysA.set(keys.subarray(0, count));
      return sortStaged(count);
    },
    sortFarFirst(depths, count = depths.length) {
      reserve(count);
      depthsToFarFirstKeys(depths, keysA, count);
      return sortStaged(count);
    },
  };
}
