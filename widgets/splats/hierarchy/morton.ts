/**
 * Morton (Z-order) codes of 3D points and a radix sort by them. Interleaving the bits of the quantised x, y, z
 * makes the code's first 3 bits the octant of the root cube, the next 3 the octant within that, and so on:
 * once points are sorted by code, every octree cell is a contiguous run of them.
 *
 * 16 bits per axis (48-bit codes, cells down to 1/65536 of the scene) are kept as two 24-bit halves in
 * Uint32Arrays, since JavaScript's bit operators work on 32 bits.
 */

export const MORTON_LEVELS = 16;
const HALF_LEVELS = 8;

/** SPREAD[b] moves bit k of the byte b to bit 3k. */
const SPREAD = new Uint32Array(256);
for (let b = 0; b < 256; b++) {
  let spread = 0;
  for (let k = 0; k < 8; k++) if (b & (1 << k)) spread |= 1 << (3 * k);
  SPREAD[b] = spread;
}

export interface MortonCodes {
  /** Levels 0 … 7 (the coarse half): 3 bits per level, x y z, level 0 in the top bits. */
  high: Uint32Array;
  /** Levels 8 … 15. */
  low: Uint32Array;
}

/**
 * Codes of `count` points (xyz triples in `positions`) quantised in the cube that has the points' bounding
 * box's minimum corner and its largest extent as side.
 */
export function mortonCodes(positions: ArrayLike<number>, count: number): MortonCodes {
  let minX = Infinity;
  let minY = Infinity;
  let minZ = Infinity;
  let side = 0;
  for (let i = 0; i < count; i++) {
    minX = Math.min(minX, positions[3 * i]);
    minY = Math.min(minY, positions[3 * i + 1]);
    minZ = Math.min(minZ, positions[3 * i + 2]);
  }
  for (let i = 0; i < count; i++) {
    side = Math.max(side, positions[3 * i] - minX, positions[3 * i + 1] - minY, positions[3 * i + 2] - minZ);
  }
  const cells = 1 << MORTON_LEVELS;
  const toCell = side > 0 ? cells / side : 0;
  const high = new Uint32Array(count);
  const low = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const qx = Math.min(cells - 1, Math.floor((positions[3 * i] - minX) * toCell));
    const qy = Math.min(cells - 1, Math.floor((positions[3 * i + 1] - minY) * toCell));
    const qz = Math.min(cells - 1, Math.floor((positions[3 * i + 2] - minZ) * toCell));
    high[i] = (SPREAD[qx >>> 8] << 2) | (SPREAD[qy >>> 8] << 1) | SPREAD[qz >>> 8];
    low[i] = (SPREAD[qx & 255] << 2) | (SPREAD[qy & 255] << 1) | SPREAD[qz & 255];
  }
  return { high, low };
}

/** The octant (0 … 7) a code falls in at `level` (0 = the root cube's children). */
export function octantAt(codes: MortonCodes, i: number, level: number): number {
  return level < HALF_LEVELS
    ? (codes.high[i] >>> (3 * (HALF_LEVELS - 1 - level))) & 7
    : (codes.low[i] >>> (3 * (2 * HALF_LEVELS - 1 - level))) & 7;
}

/**
 * The permutation that sorts the codes ascending (stable): an LSD radix sort, four passes of 12 bits, so
 * linear in the count where a comparison sort of a million keys is not. Each pass moves the keys along with
 * the indices, so it reads them in order instead of gathering keys[order[i]] at random (a cache miss per
 * element per pass). `sorted`, when given, receives the codes in sorted order.
 */
export function sortByMorton(codes: MortonCodes, sorted?: MortonCodes): Uint32Array {
  const count = codes.high.length;
  let order = new Uint32Array(count);
  let next = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  let low = codes.low.slice();
  let nextLow = new Uint32Array(count);
  let high = new Uint32Array(count);
  let nextHigh = new Uint32Array(count);
  const buckets = new Uint32Array(4096);
  for (let pass = 0; pass < 4; pass++) {
    // The high halves only matter from pass 2 on: gathered once then, and carried from there.
    if (pass === 2) for (let i = 0; i < count; i++) high[i] = codes.high[order[i]];
    const keys = pass < 2 ? low : high;
    const shift = (pass & 1) * 12;
    buckets.fill(0);
    for (let i = 0; i < count; i++) buckets[(keys[i] >>> shift) & 4095]++;
    let sum = 0;
    for (let d = 0; d < 4096; d++) {
      const n = buckets[d];
      buckets[d] = sum;
      sum += n;
    }
    if (pass < 2) {
      for (let i = 0; i < count; i++) {
        const key = low[i];
        const to = buckets[(key >>> shift) & 4095]++;
        next[to] = order[i];
        nextLow[to] = key;
      }
    } else {
      for (let i = 0; i < count; i++) {
        const key = high[i];
        const to = buckets[(key >>> shift) & 4095]++;
        next[to] = order[i];
        nextHigh[to] = key;
        nextLow[to] = low[i];
      }
      [high, nextHigh] = [nextHigh, high];
    }
    [order, next] = [next, order];
    [low, nextLow] = [nextLow, low];
  }
  if (sorted) {
    sorted.high = high;
    sorted.low = low;
  }
  return order;
}
