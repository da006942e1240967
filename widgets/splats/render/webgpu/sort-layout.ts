/**
 * The GPU radix sort's shape, shared by its WGSL (interpolated into the shader text) and the TypeScript that
 * sizes its buffers. It mirrors sort/radix-sort.ts, the CPU reference: 4-bit digits, 8 passes, tiles of
 * 4,096 keys (one workgroup of 256 invocations, 16 contiguous keys each), histograms digit-major.
 */
import { DEFAULT_TILE, RADIX, RADIX_BITS, RADIX_PASSES } from '../../sort/radix-sort.ts';
import { ceilDiv } from './dispatch.ts';

export { RADIX, RADIX_PASSES };
export const SORT_WORKGROUP = 256;
export const KEYS_PER_INVOCATION = 16;
export const SORT_TILE = SORT_WORKGROUP * KEYS_PER_INVOCATION;
if (SORT_TILE !== DEFAULT_TILE) throw new Error('the GPU tile must match the CPU reference tile');

export function sortTiles(count: number): number {
  return ceilDiv(count, SORT_TILE);
}

/** Entries of the digit-major histogram: one counter per (digit, tile). */
export function histogramEntries(count: number): number {
  return RADIX * sortTiles(count);
}

/**
 * Per-pass parameters live in one uniform buffer, one slot per pass at the device's uniform offset
 * alignment, so a frame writes them with one writeBuffer and each pass binds its slot.
 */
const SORT_PARAMS_BYTES = 16;

function alignUp(n: number, alignment: number): number {
  return ceilDiv(n, alignment) * alignment;
}

export function sortParamsStride(minUniformBufferOffsetAlignment: number): number {
  return alignUp(SORT_PARAMS_BYTES, minUniformBufferOffsetAlignment);
}

/** Fills every pass's slot: (count, shift, tiles, 0) as u32. */
export function packSortParams(count: number, stride: number, out = new ArrayBuffer(stride * RADIX_PASSES)): ArrayBuffer {
  const u32 = new Uint32Array(out);
  const tiles = sortTiles(count);
  for (let pass = 0; pass < RADIX_PASSES; pass++) {
    const o = (pass * stride) / 4;
    u32[o] = count;
    u32[o + 1] = pass * RADIX_BITS;
    u32[o + 2] = tiles;
    u32[o + 3] = 0;
  }
  return out;
}
