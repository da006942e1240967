import { describe, expect, it } from 'vitest';
import { buildOctree } from '../../../widgets/splats/hierarchy/octree.ts';
import type { RenderTree } from '../../../widgets/splats/render/contract.ts';
import { NODE_WORDS, packTree } from '../../../widgets/splats/render/webgpu/tree-pack.ts';
import { carScene } from '../../../widgets/splats/scenes/car.ts';

describe('packTree', () => {
  const t = buildOctree(carScene(500, 3));
  const tree: RenderTree = {
    nodeCount: t.parent.length,
    mean: t.nodes.mean,
    cov: t.nodes.cov,
    color: t.nodes.color,
    opacity: t.nodes.opacity,
    parent: t.parent,
    childCount: t.childCount,
    level: t.level,
  };

  it('puts every field of every node at its word, the root parent as −1', () => {
    const buf = packTree(tree);
    expect(buf.byteLength).toBe(64 * tree.nodeCount);
    const f32 = new Float32Array(buf);
    const i32 = new Int32Array(buf);
    for (let n = 0; n < tree.nodeCount; n++) {
      const o = NODE_WORDS * n;
      expect(Array.from(f32.subarray(o, o + 3))).toEqual(Array.from(tree.mean.subarray(3 * n, 3 * n + 3)));
      expect(f32[o + 3]).toBe(tree.opacity[n]);
      expect(Array.from(f32.subarray(o + 4, o + 10))).toEqual(Array.from(tree.cov.subarray(6 * n, 6 * n + 6)));
      expect(Array.from(f32.subarray(o + 10, o + 13))).toEqual(Array.from(tree.color.subarray(3 * n, 3 * n + 3)));
      expect(i32[o + 13]).toBe(tree.parent[n]);
      expect(i32[o + 14]).toBe(tree.childCount[n]);
      expect(i32[o + 15]).toBe(tree.level[n]);
    }
    expect(i32[13]).toBe(-1);
  });

  it('refuses arrays shorter than the node count', () => {
    expect(() => packTree({ ...tree, cov: tree.cov.subarray(0, 6 * tree.nodeCount - 1) })).toThrow(RangeError);
  });
});
