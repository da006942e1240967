/**
 * A RenderTree's per-node arrays packed into the texels the WebGL2 vertex shader fetches (RGBA32F, four
 * texels per node, node n at texels 4n … 4n + 3), and the parents into an R32I texture (one texel per node):
 *   texel 0: mean x, y, z, opacity (unclamped, as merged)
 *   texel 1: covariance xx, xy, xz, yy
 *   texel 2: covariance yz, zz, child count, level
 *   texel 3: colour r, g, b (linear), 0
 * Child counts (≤ 8) and levels (< 256) are exact in float32. Parents stay integers: indices beyond 2²⁴
 * would not be exact as floats, and a 4M-leaf tree has about 7M nodes.
 */
import type { RenderTree } from '../contract.ts';

export const NODE_TEXELS = 4;
/** Floats per node: four RGBA texels. */
export const NODE_FLOATS = 4 * NODE_TEXELS;

/** Writes nodes first … first + count − 1 into out[0 …], NODE_FLOATS per node. */
export function packNodes(tree: RenderTree, first: number, count: number, out: Float32Array): void {
  const { mean, cov, color, opacity, childCount, level } = tree;
  for (let i = 0; i < count; i++) {
    const n = first + i;
    const o = NODE_FLOATS * i;
    out[o] = mean[3 * n]!;
    out[o + 1] = mean[3 * n + 1]!;
    out[o + 2] = mean[3 * n + 2]!;
    out[o + 3] = opacity[n]!;
    for (let k = 0; k < 6; k++) out[o + 4 + k] = cov[6 * n + k]!;
    out[o + 10] = childCount[n]!;
    out[o + 11] = level[n]!;
    out[o + 12] = color[3 * n]!;
    out[o + 13] = color[3 * n + 1]!;
    out[o + 14] = color[3 * n + 2]!;
    out[o + 15] = 0;
  }
}

/** The inverse, for tests: node i of a packed block as the tree's values. */
export function unpackNode(packed: Float32Array, i: number) {
  const o = NODE_FLOATS * i;
  const v = (k: number) => packed[o + k]!;
  return {
    mean: [v(0), v(1), v(2)],
    opacity: v(3),
    cov: [v(4), v(5), v(6), v(7), v(8), v(9)],
    childCount: v(10),
    level: v(11),
    color: [v(12), v(13), v(14)],
  };
}
