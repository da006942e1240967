// The WebGL2 renderer's pure parts (widgets/splats/render/webgl2/): where texels go in a texture under the
// GPU's size limit, the row blocks uploads go in, and the per-node packing the vertex shader reads back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildOctree } from '../../../widgets/splats/hierarchy/octree.ts';
import { renderTreeCopy } from '../../../widgets/splats/worker/protocol.ts';
import { carScene } from '../../../widgets/splats/scenes/car.ts';
import { NODE_FLOATS, NODE_TEXELS, packNodes, unpackNode } from '../../../widgets/splats/render/webgl2/pack.ts';
import { PREFERRED_WIDTH, rowBlocks, texelAt, textureLayout } from '../../../widgets/splats/render/webgl2/texture-layout.ts';

describe('texture layout', () => {
  it('fits any texel count it accepts, aligned, within the limit, with less than a row spare', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80_000_000 }), fc.constantFrom(2048, 4096, 8192, 16384), fc.constantFrom(1, 4), (texels, max, align) => {
        const layout = textureLayout(texels, max, align);
        if (!layout) {
          expect(texels).toBeGreaterThan(max * (max - (max % align)));
          return;
        }
        expect(layout.width % align).toBe(0);
        expect(layout.width).toBeLessThanOrEqual(max);
        expect(layout.height).toBeLessThanOrEqual(max);
        expect(layout.width * layout.height).toBeGreaterThanOrEqual(texels);
        expect(layout.width * (layout.height - 1)).toBeLessThan(Math.max(1, texels));
      }),
    );
  });

  it('keeps 4096 wide until the height would pass the limit, then widens', () => {
    expect(textureLayout(1_000_000 * NODE_TEXELS, 16384, NODE_TEXELS)).toEqual({ width: PREFERRED_WIDTH, height: 977 });
    expect(textureLayout(4096 * 4096 + 1, 4096)).toBeNull();
    expect(textureLayout(4096 * 5000, 8192)).toEqual({ width: 4096, height: 5000 });
    expect(textureLayout(4096 * 9000, 8192)).toEqual({ width: 8192, height: 4500 });
    expect(textureLayout(0, 4096)).toEqual({ width: 4096, height: 1 });
  });

  it('texel coordinates and row blocks cover the texture once, in order', () => {
    expect(texelAt(4097, 4096)).toEqual([1, 1]);
    const layout = { width: 4096, height: 700 };
    const blocks = rowBlocks(layout);
    expect(blocks[0]).toEqual([0, 256]);
    let next = 0;
    for (const [row, rows] of blocks) {
      expect(row).toBe(next);
      next += rows;
    }
    expect(next).toBe(700);
  });
});

describe('node packing', () => {
  it('round-trips every node of a real tree, and leaves no node straddling two rows', () => {
    const tree = renderTreeCopy(buildOctree(carScene(500, 2)));
    const first = 17;
    const count = tree.nodeCount - first;
    const packed = new Float32Array(count * NODE_FLOATS);
    packNodes(tree, first, count, packed);
    for (let i = 0; i < count; i++) {
      const n = first + i;
      const v = unpackNode(packed, i);
      expect(v.mean).toEqual(Array.from(tree.mean.subarray(3 * n, 3 * n + 3)));
      expect(v.cov).toEqual(Array.from(tree.cov.subarray(6 * n, 6 * n + 6)));
      expect(v.color).toEqual(Array.from(tree.color.subarray(3 * n, 3 * n + 3)));
      expect(v.opacity).toBe(tree.opacity[n]);
      expect(v.childCount).toBe(tree.childCount[n]);
      expect(v.level).toBe(tree.level[n]);
    }
    const layout = textureLayout(tree.nodeCount * NODE_TEXELS, 4096, NODE_TEXELS)!;
    expect(layout.width % NODE_TEXELS).toBe(0);
  });
});
