/**
 * Float32 depths as uint32 keys whose unsigned order is the float order, so an integer radix sort sorts
 * floats exactly. IEEE 754 floats of one sign are ordered like their bit patterns; setting the sign bit of a
 * positive float lifts it above every negative one, and flipping all bits of a negative float reverses the
 * order of the negatives (larger magnitude, smaller value) and puts them below. Resulting total order:
 * −NaN < −∞ < … < −0 < +0 < … < +∞ < +NaN (the order of Float32Array.prototype.sort, except for NaNs' sign).
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The bits of x rounded to float32. */
function float32Bits(x: number): number {
  f32[0] = x;
  return u32[0]!;
}

/** Ascending key: a < b as float32 ⇔ key(a) < key(b) as uint32. */
export function floatToOrderedKey(x: number): number {
  const bits = float32Bits(x);
  return (bits & 0x80000000 ? ~bits : bits | 0x80000000) >>> 0;
}

/**
 * Descending key (far first for depths where larger is farther): the complement of the ascending key
 * reverses the order, and a stable ascending sort of it keeps equal depths in input order.
 */
export function floatToDescendingKey(x: number): number {
  return ~floatToOrderedKey(x) >>> 0;
}

/** Fills keys[0 … count) from depths, far first (a sort by ascending key gives back-to-front order). */
export function depthsToFarFirstKeys(depths: Float32Array, keys: Uint32Array, count = depths.length): void {
  // A view of the depths' bits avoids a store and load through the scratch float per element.
  const bits = new Uint32Array(depths.buffer, depths.byteOffset, count);
  for (let i = 0; i < count; i++) {
    const b = bits[i]!;
    keys[i] = b & 0x80000000 ? b : ~b & 0x7fffffff;
  }
}
