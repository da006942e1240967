/**
 * The RenderTree as one storage buffer of 16 words (64 bytes, four vec4s) per node, so the prepare pass
 * binds a single buffer for the tree (WebGPU guarantees only 8 storage buffers per shader stage) and reads a
 * node with four aligned loads. Words:
 *   0–2 mean, 3 opacity (f32, unclamped) | 4–9 covariance xx xy xz yy yz zz | 10–12 colour (linear RGB)
 *   13 parent (i32, −1 for the root) | 14 child count (u32) | 15 level (u32)
 */
import type { RenderTree } from '../contract.ts';

export const NODE_WORDS = 16;
export const NODE_BYTES = NODE_WORDS * 4;

export function packTree(tree: RenderTree, out = new ArrayBuffer(NODE_BYTES * tree.nodeCount)): ArrayBuffer {
  const m = tree.nodeCount;
  if (
    tree.mean.length < 3 * m ||
    tree.cov.length < 6 * m ||
    tree.color.length < 3 * m ||
    tree.opacity.length < m ||
    tree.parent.length < m ||
    tree.childCount.length < m ||
    tree.level.length < m
  ) {
    throw new RangeError(`the tree's arrays are shorter than its ${m} nodes`);
  }
  const f32 = new Float32Array(out, 0, NODE_WORDS * m);
  const i32 = new Int32Array(out, 0, NODE_WORDS * m);
  const u32 = new Uint32Array(out, 0, NODE_WORDS * m);
  const { mean, cov, color, opacity, parent, childCount, level } = tree;
  for (let n = 0; n < m; n++) {
    const o = NODE_WORDS * n;
    f32[o] = mean[3 * n]!;
    f32[o + 1] = mean[3 * n + 1]!;
    f32[o + 2] = mean[3 * n + 2]!;
    f32[o + 3] = opacity[n]!;
    for (let k = 0; k < 6; k++) f32[o + 4 + k] = cov[6 * n + k]!;
    f32[o + 10] = color[3 * n]!;
    f32[o + 11] = color[3 * n + 1]!;
    f32[o + 12] = color[3 * n + 2]!;
    i32[o + 13] = parent[n]!;
    u32[o + 14] = childCount[n]!;
    u32[o + 15] = level[n]!;
  }
  return out;
}
