// "Do splats dezoom?" states numbers read from public/splats/measurements.json (content/numbers/splats.ts).
// This rebuilds the car's 1M-leaf tree once, as models/splats/measure.ts does, and checks that the
// shipped file is what the code computes today: a change to the scenes, the octree, the merge or the cut that
// is not followed by `npm run splats:measure` fails here instead of leaving the essay quietly stale. (The
// landscape is not rebuilt, to keep the test near ten seconds; its claims are checked on the file in
// splats-claims.test.ts, and the same code path builds both scenes.)
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  LEAVES,
  PURITY_DRAWS,
  PURITY_SEED,
  SCENES,
  SEED,
  TAUS,
  measureCuts,
  treeCounts,
  type Measurements,
} from '../../../models/splats/measure.ts';
import { momentErrors } from '../../../models/splats/moments.ts';
import { shapeByLevel } from '../../../models/splats/shape.ts';
import { allocateCut, allocateCutScratch, computeCut } from '../../../widgets/splats/cut.ts';
import { buildOctree } from '../../../widgets/splats/hierarchy/octree.ts';
import { CAR_PART_NAMES, carPartLabels } from '../../../widgets/splats/scenes/car.ts';
import { groupSizes, treePurity } from '../../../models/splats/purity.ts';
import { mergeRangeInto } from '../../../widgets/splats/hierarchy/merge.ts';
import { allocateGaussians, type SplatTree } from '../../../widgets/splats/types.ts';
import { cameraPosition } from '../../../widgets/splats/camera.ts';

const file: Measurements = JSON.parse(readFileSync('public/splats/measurements.json', 'utf8'));
const spec = SCENES.find((s) => s.name === 'car')!;
const shipped = file.scenes.car;
let tree: SplatTree;

beforeAll(() => {
  tree = buildOctree(spec.make(LEAVES, SEED));
}, 120_000);

describe('the shipped measurements are current (the car, rebuilt at 1M leaves)', () => {
  it('was made with the settings the script uses now', () => {
    expect(file.leaves).toBe(LEAVES);
    expect(file.seed).toBe(SEED);
    expect(file.taus).toEqual([...TAUS]);
  });

  it('tree counts: nodes, levels, nodes and leaves per level, branching, root cube', () => {
    const counts = treeCounts(tree);
    expect(tree.leafCount).toBe(shipped.leaves);
    for (const key of Object.keys(counts) as (keyof typeof counts)[]) expect(counts[key], key).toEqual(shipped[key]);
    // Per-level counts add up: every node is on one level, every leaf too.
    expect(counts.nodesPerLevel.reduce((a, b) => a + b, 0)).toBe(counts.nodes);
    expect(counts.leavesPerLevel.reduce((a, b) => a + b, 0)).toBe(LEAVES);
    expect(counts.nodes - counts.interior).toBe(LEAVES);
  });

  it('splats drawn by the cut for every distance and τ', () => {
    expect(measureCuts(tree, spec)).toEqual(shipped.cuts);
  });

  it('the moment errors and the shape by level', () => {
    expect(momentErrors(tree)).toEqual(shipped.moments);
    const shape = shapeByLevel(tree);
    expect(shape.shape).toEqual(shipped.shape);
    expect(shape.leafMedianFlatness).toBe(shipped.leafMedianFlatness);
    expect(shape.leafMedianSigma).toBe(shipped.leafMedianSigma);
  }, 60_000);

  it('the octree\'s part purity by level and the node sizes its nulls match (the nulls\' own draws are not redone here)', () => {
    const labels = carPartLabels(LEAVES);
    expect(treePurity(tree, labels, CAR_PART_NAMES.length)).toEqual(shipped.purity!.octree);
    expect(groupSizes(tree).map((s) => s.length)).toEqual(shipped.purity!.octree.map((o) => o.groups));
    expect(shipped.purity!.spatial.draws).toBe(PURITY_DRAWS);
    expect(shipped.purity!.seed).toBe(PURITY_SEED);
  }, 60_000);
});

describe('the measurement itself can fail', () => {
  it('momentErrors sees a parent whose mean was moved', () => {
    // Recompute on a small tree, then nudge one interior node's mean by a millimetre: the error it reports
    // must jump from float32 rounding to about 1e-3 / |μ|.
    const small = buildOctree(spec.make(2000, 3));
    const before = momentErrors(small).meanRelative;
    expect(before).toBeLessThan(1e-6);
    small.nodes.mean[0] = small.nodes.mean[0]! + 1e-3;
    expect(momentErrors(small).meanRelative).toBeGreaterThan(1e-4);
  });

  it('an independent merge (merge.ts) of the root\'s children agrees with the stored root', () => {
    const k = tree.childCount[0]!;
    const merged = allocateGaussians(1);
    mergeRangeInto(tree.nodes, tree.childStart[0]!, k, merged, 0);
    for (let a = 0; a < 3; a++) expect(merged.mean[a]).toBeCloseTo(tree.nodes.mean[a]!, 5);
    for (let e = 0; e < 6; e++) expect(merged.cov[e]).toBeCloseTo(tree.nodes.cov[e]!, 5);
  });

  it('at τ = 0 every leaf is drawn, for each camera of the essay (the cut, not the file)', () => {
    const cut = allocateCut(tree);
    const scratch = allocateCutScratch(tree);
    for (const distance of spec.distances) {
      const position = cameraPosition({ target: spec.target, yaw: spec.yaw, pitch: spec.pitch, distance, fovy: 0.8 });
      computeCut(tree, { position, fovy: 0.8, height: 1080 }, 0, cut, scratch);
      expect(cut.count).toBe(LEAVES);
      for (let i = 0; i < cut.count; i++) if (tree.childCount[cut.nodes[i]!] !== 0) throw new Error('an interior node drawn at τ = 0');
    }
  });
});
