// The scene Worker's per-frame logic (widgets/splats/frame/): the level list covers every leaf exactly once,
// the sorted list is far first by the blended mean's depth and holds exactly the selection's entries in
// front of NEAR, and the frame computer gives per-level counts that match its selection.
import { describe, expect, it } from 'vitest';
import { cameraPosition, NEAR, viewMatrix, type OrbitCamera } from '../../../widgets/splats/camera.ts';
import { allocateCut, allocateCutScratch, computeCut } from '../../../widgets/splats/cut.ts';
import { createFrameComputer } from '../../../widgets/splats/frame/frame-computer.ts';
import { allocateFarFirstScratch, blendedDepth, farFirstList, unsortedList } from '../../../widgets/splats/frame/frame-list.ts';
import { levelList } from '../../../widgets/splats/frame/level-list.ts';
import { buildOctree } from '../../../widgets/splats/hierarchy/octree.ts';
import { carScene } from '../../../widgets/splats/scenes/car.ts';
import { landscapeScene } from '../../../widgets/splats/scenes/landscape.ts';
import type { SplatTree } from '../../../widgets/splats/types.ts';

/** For each leaf, how many listed nodes are it or its ancestors. */
function coverage(tree: SplatTree, nodes: ArrayLike<number>, count: number): Uint32Array {
  const listed = new Uint8Array(tree.parent.length);
  for (let i = 0; i < count; i++) listed[nodes[i]!]!++;
  const times = new Uint32Array(tree.leafCount);
  for (let n = 0; n < tree.parent.length; n++) {
    if (tree.childCount[n] !== 0) continue;
    let hits = 0;
    for (let a = n; a !== -1; a = tree.parent[a]!) hits += listed[a]!;
    times[tree.leafIndex[n]!] = hits;
  }
  return times;
}

const car = buildOctree(carScene(3000, 5));
const land = buildOctree(landscapeScene(3000, 5));
const outside: OrbitCamera = { target: [0, 0.7, 0], yaw: 0.6, pitch: 0.25, distance: 7, fovy: 0.8 };

describe('the level list', () => {
  for (const [name, tree] of [['car', car], ['landscape', land]] as const) {
    it(`${name}: every level covers every leaf exactly once, at blend 1`, () => {
      const out = allocateCut(tree);
      for (let k = 0; k <= tree.depth; k++) {
        levelList(tree, k, out);
        expect([...new Set(coverage(tree, out.nodes, out.count))]).toEqual([1]);
        for (let i = 0; i < out.count; i++) {
          const n = out.nodes[i]!;
          expect(out.blend[i]).toBe(1);
          // At level k itself, or a leaf that ends above it.
          expect(tree.level[n] === k || (tree.level[n]! < k && tree.childCount[n] === 0)).toBe(true);
        }
      }
      levelList(tree, 0, out);
      expect(out.count).toBe(1);
      levelList(tree, tree.depth + 3, out);
      expect(out.count).toBe(tree.leafCount);
    });
  }
});

describe('the far-first list', () => {
  it('blends the depth with the parent, and is the node itself at t = 1 and at the root', () => {
    const view = viewMatrix(outside);
    const n = car.childStart[car.childStart[0]!]!; // a grandchild of the root
    const p = car.parent[n]!;
    const own = blendedDepth({ mean: car.nodes.mean, parent: car.parent }, view, n, 1);
    const par = blendedDepth({ mean: car.nodes.mean, parent: car.parent }, view, p, 1);
    expect(blendedDepth({ mean: car.nodes.mean, parent: car.parent }, view, n, 0)).toBeCloseTo(par, 5);
    expect(blendedDepth({ mean: car.nodes.mean, parent: car.parent }, view, n, 0.25)).toBeCloseTo(0.25 * own + 0.75 * par, 5);
    expect(blendedDepth({ mean: car.nodes.mean, parent: car.parent }, view, 0, 0)).toBe(blendedDepth({ mean: car.nodes.mean, parent: car.parent }, view, 0, 1));
  });

  for (const [label, camera, tau] of [
    ['outside the car', outside, 30],
    // Inside the car, so that part of the cut is behind the camera and must be dropped.
    ['inside the car', { ...outside, target: [0.3, 0.8, 0.1], distance: 0.4 } as OrbitCamera, 100],
  ] as const) {
    it(`${label}: far first, exactly the entries in front of NEAR, each with its own blend`, () => {
      const depthTree = { mean: car.nodes.mean, parent: car.parent };
      const view = viewMatrix(camera);
      const cut = allocateCut(car);
      computeCut(car, { position: cameraPosition(camera), fovy: camera.fovy, height: 600 }, tau, cut, allocateCutScratch(car));
      // Blends strictly inside (0, 1) at these τ make the parent's mean matter.
      expect(Array.from(cut.blend.subarray(0, cut.count)).some((t) => t > 0 && t < 1)).toBe(true);
      const list = farFirstList(depthTree, cut, view, allocateFarFirstScratch());
      expect(list.sortedFarFirst).toBe(true);

      const expected = new Map<number, number>();
      for (let i = 0; i < cut.count; i++) {
        if (blendedDepth(depthTree, view, cut.nodes[i]!, cut.blend[i]!) >= NEAR) expected.set(cut.nodes[i]!, cut.blend[i]!);
      }
      if (label === 'inside the car') expect(expected.size).toBeLessThan(cut.count);
      expect(list.count).toBe(expected.size);
      expect(new Set(list.nodes).size).toBe(list.count);
      const depths: number[] = [];
      for (let j = 0; j < list.count; j++) {
        expect(list.blend[j]).toBe(expected.get(list.nodes[j]!));
        depths.push(blendedDepth(depthTree, view, list.nodes[j]!, list.blend[j]!));
      }
      // Far first up to the 16-bit quantisation of the depth range.
      const slack = (Math.max(...depths) - Math.min(...depths)) / 65535 + 1e-6;
      for (let j = 1; j < depths.length; j++) expect(depths[j]!).toBeLessThanOrEqual(depths[j - 1]! + slack);
      expect(depths[0]!).toBeGreaterThan(depths[depths.length - 1]!);
    });
  }

  it('hands out new arrays each frame (the page receives them), unsorted ones too', () => {
    const cut = allocateCut(car);
    levelList(car, 3, cut);
    const scratch = allocateFarFirstScratch();
    const a = farFirstList({ mean: car.nodes.mean, parent: car.parent }, cut, viewMatrix(outside), scratch);
    const b = farFirstList({ mean: car.nodes.mean, parent: car.parent }, cut, viewMatrix(outside), scratch);
    expect(a.nodes.buffer).not.toBe(b.nodes.buffer);
    expect(Array.from(a.nodes)).toEqual(Array.from(b.nodes));
    const u = unsortedList(cut);
    expect(u.sortedFarFirst).toBe(false);
    expect(Array.from(u.nodes)).toEqual(Array.from(cut.nodes.subarray(0, cut.count)));
    expect(u.nodes.buffer).not.toBe(cut.nodes.buffer);
  });
});

describe('the frame computer', () => {
  it('counts its selection per level, in both modes, and sorts only when asked', () => {
    const frames = createFrameComputer(car);
    const base = { camera: outside, width: 800, height: 600, tau: 2, level: 4 };
    const cut = frames.compute({ ...base, mode: 'cut', sort: false });
    expect(cut.list.sortedFarFirst).toBe(false);
    expect(cut.perLevel).toHaveLength(car.depth);
    expect(cut.perLevel.reduce((a, b) => a + b, 0)).toBe(cut.list.count);
    expect([...new Set(coverage(car, cut.list.nodes, cut.list.count))]).toEqual([1]);
    const level = frames.compute({ ...base, mode: 'level', sort: true });
    expect(level.list.sortedFarFirst).toBe(true);
    expect(level.perLevel[4]).toBe(car.level.filter((l) => l === 4).length);
    expect(level.perLevel.slice(5).every((c) => c === 0)).toBe(true);
    expect(level.cutMs).toBeGreaterThanOrEqual(0);
    expect(level.sortMs).toBeGreaterThanOrEqual(0);
    // τ = 0 draws every leaf.
    expect(frames.compute({ ...base, tau: 0, mode: 'cut', sort: true }).list.count).toBe(car.leafCount);
  });
});
