import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BLOCK_OUTPUT_LAYERS, CONTRACT_LAYERS, receptiveFields, unitAt, unitWindow } from '../../../widgets/convnet/unit-window.ts';

const fields = receptiveFields(CONTRACT_LAYERS);
const blocks = BLOCK_OUTPUT_LAYERS.map((i, b) => ({ ...fields[i]!, size: 32 >> b }));

describe('receptive fields of the contract model', () => {
  it('follow r = 1 + Σ (k − 1)·Π s: 3, 8, 18, 38 with jumps 1, 2, 4, 8', () => {
    expect(blocks.map((b) => b.field)).toEqual([3, 8, 18, 38]);
    expect(blocks.map((b) => b.jump)).toEqual([1, 2, 4, 8]);
    // The closed form for stride-1 convs of k = 3 alone: 1 + 2n.
    expect(receptiveFields(Array(5).fill({ kernel: 3, stride: 1 })).map((r) => r.field)).toEqual([3, 5, 7, 9, 11]);
  });

  it('matches brute force: the input pixels a unit depends on, propagated through the layers', () => {
    // Dependency of unit x of a layer on the positions of the layer below: conv k=3 pad 1 → x−1…x+1; pool → 2x…2x+1.
    const deps = (layer: { kernel: number; stride: number }, x: number) =>
      layer.stride === 1 ? [x - 1, x, x + 1] : [2 * x, 2 * x + 1];
    for (let b = 0; b < 4; b++) {
      const x = blocks[b]!.size >> 1;
      let set = new Set([x]);
      for (let l = BLOCK_OUTPUT_LAYERS[b]!; l >= 0; l--) set = new Set([...set].flatMap((u) => deps(CONTRACT_LAYERS[l]!, u)));
      const lo = Math.min(...set);
      const hi = Math.max(...set) + 1;
      const w = unitWindow(blocks[b]!, x, x, 32);
      expect([w.full.x0, w.full.x1], `block ${b + 1}`).toEqual([lo, hi]);
      expect(hi - lo).toBe(blocks[b]!.field);
    }
  });

  it('clips windows to the image and finds the unit under a pixel', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 31 }), (b, px, py) => {
        const block = blocks[b]!;
        const u = unitAt(block, px, py);
        const w = unitWindow(block, u.x, u.y, 32);
        expect(w.x0).toBeGreaterThanOrEqual(0);
        expect(w.x1).toBeLessThanOrEqual(32);
        expect(px >= w.full.x0 && px < w.full.x1 && py >= w.full.y0 && py < w.full.y1).toBe(true);
      }),
    );
  });
});
