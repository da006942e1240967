// The cut (widgets/splats/cut.ts) on real trees from the octree builder over the procedural scenes, not only
// on hand-built ones: τ = 0 draws the leaves, τ = ∞ the root, and for any camera and τ every leaf is drawn
// exactly once, by itself or by one ancestor.
import { describe, expect, it } from 'vitest';
import { allocateCut, allocateCutScratch, computeCut, cutCounts } from '../../../widgets/splats/cut.ts';
import { buildOctree } from '../../../widgets/splats/hierarchy/octree.ts';
import { carScene } from '../../../widgets/splats/scenes/car.ts';
import { landscapeScene } from '../../../widgets/splats/scenes/landscape.ts';
import type { SplatTree } from '../../../widgets/splats/types.ts';

/** For each leaf, how many drawn nodes are it or its ancestors. */
function coverage(tree: SplatTree, drawn: ArrayLike<number>, count: number): Uint32Array {
  const isDrawn = new Uint8Array(tree.childStart.length);
  for (let i = 0; i < count; i++) isDrawn[drawn[i]!] = 1;
  const times = new Uint32Array(tree.leafCount);
  for (let n = 0; n < tree.childStart.length; n++) {
    if (tree.childCount[n] !== 0) continue;
    let hits = 0;
    for (let a = n; a !== -1; a = tree.parent[a]!) hits += isDrawn[a]!;
    times[tree.leafIndex[n]!] = hits;
  }
  return times;
}

describe('the cut on octree trees of the procedural scenes', () => {
  for (const [name, scene] of [
    ['car', carScene(4000, 7)],
    ['landscape', landscapeScene(4000, 7)],
  ] as const) {
    const tree = buildOctree(scene);
    const cut = allocateCut(tree);
    const scratch = allocateCutScratch(tree);

    it(`${name}: τ = 0 draws every leaf, τ = ∞ only the root`, () => {
      const camera = { position: [0, 2, 12], fovy: Math.PI / 3, height: 600 };
      computeCut(tree, camera, 0, cut, scratch);
      expect(cut.count).toBe(tree.leafCount);
      computeCut(tree, camera, Infinity, cut, scratch);
      expect(cut.count).toBe(1);
      expect(cut.nodes[0]).toBe(0);
    });

    it(`${name}: every leaf is drawn exactly once, and fewer nodes as τ grows`, () => {
      let previous = Infinity;
      for (const tau of [0.5, 2, 8, 32, 128]) {
        for (const position of [[0, 1, 6], [30, 20, -40], [0.2, 0.5, 0.1]]) {
          computeCut(tree, { position, fovy: Math.PI / 3, height: 720 }, tau, cut, scratch);
          const times = coverage(tree, cut.nodes, cut.count);
          expect(times.every((t) => t === 1)).toBe(true);
          for (let i = 0; i < cut.count; i++) expect(cut.blend[i]).toBeGreaterThanOrEqual(0);
          expect(cutCounts(tree, cut).reduce((a, b) => a + b, 0)).toBe(cut.count);
        }
        computeCut(tree, { position: [0, 1, 6], fovy: Math.PI / 3, height: 720 }, tau, cut, scratch);
        expect(cut.count).toBeLessThanOrEqual(previous);
        previous = cut.count;
      }
    });
  }
});
