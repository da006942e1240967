import { describe, expect, it } from 'vitest';
import { mergeRangeInto } from '../../../widgets/splats/hierarchy/merge.ts';
import { buildOctree } from '../../../widgets/splats/hierarchy/octree.ts';
import { treeProblems } from '../../../widgets/splats/hierarchy/validate.ts';
import { carScene } from '../../../widgets/splats/scenes/car.ts';
import { landscapeScene } from '../../../widgets/splats/scenes/landscape.ts';
import { allocateGaussians, type Gaussians, type SplatTree } from '../../../widgets/splats/types.ts';

/** n copies of one small Gaussian at `at` (all leaves at one point when the positions agree). */
function points(positions: [number, number, number][]): Gaussians {
  const g = allocateGaussians(positions.length);
  positions.forEach((p, i) => {
    g.mean.set(p, 3 * i);
    g.cov.set([0.01, 0, 0, 0.02, 0, 0.03], 6 * i);
    g.color.set([0.1, 0.5, 0.9], 3 * i);
    g.opacity[i] = 0.5;
  });
  return g;
}

/** Each interior node equals the merge of its children (float32 storage: 1e-5 relative). */
function expectNodesAreMerges(tree: SplatTree): void {
  const merged = allocateGaussians(1);
  for (let i = 0; i < tree.nodes.count; i++) {
    if (tree.childCount[i] === 0) continue;
    mergeRangeInto(tree.nodes, tree.childStart[i], tree.childCount[i], merged, 0);
    const near = (a: ArrayLike<number>, b: ArrayLike<number>, offset: number, n: number, scale: number) => {
      for (let k = 0; k < n; k++) expect(Math.abs(a[k] - b[offset + k])).toBeLessThanOrEqual(1e-5 * Math.max(scale, Math.abs(a[k])));
    };
    near(merged.mean, tree.nodes.mean, 3 * i, 3, 1);
    near(merged.color, tree.nodes.color, 3 * i, 3, 1);
    near(merged.cov, tree.nodes.cov, 6 * i, 6, Math.max(merged.cov[0], merged.cov[3], merged.cov[5]));
    near(merged.opacity, tree.nodes.opacity, i, 1, 1);
  }
}

function expectLeavesAreTheScene(tree: SplatTree, scene: Gaussians): void {
  for (let i = 0; i < tree.nodes.count; i++) {
    const leaf = tree.leafIndex[i];
    if (leaf < 0) continue;
    expect(tree.nodes.mean.subarray(3 * i, 3 * i + 3)).toEqual(scene.mean.subarray(3 * leaf, 3 * leaf + 3));
    expect(tree.nodes.cov.subarray(6 * i, 6 * i + 6)).toEqual(scene.cov.subarray(6 * leaf, 6 * leaf + 6));
    expect(tree.nodes.opacity[i]).toBe(scene.opacity[leaf]);
  }
}

describe('octree', () => {
  it.each([
    ['car', carScene],
    ['landscape', landscapeScene],
  ])('is a valid tree whose interior nodes are merges of their children (%s, 3000 leaves)', (_, make) => {
    const scene = make(3000, 2);
    const tree = buildOctree(scene);
    expect(treeProblems(tree)).toEqual([]);
    expect(tree.leafCount).toBe(3000);
    expectLeavesAreTheScene(tree, scene);
    expectNodesAreMerges(tree);
    // A merge covers its children: the root is wider than any leaf.
    expect(tree.nodes.cov[0]).toBeGreaterThan(1);
  });

  it('handles one leaf (the root is the leaf)', () => {
    const tree = buildOctree(points([[1, 2, 3]]));
    expect(treeProblems(tree)).toEqual([]);
    expect(tree.nodes.count).toBe(1);
    expect(tree.depth).toBe(1);
    expect(tree.leafIndex[0]).toBe(0);
  });

  it('handles two leaves', () => {
    const tree = buildOctree(points([[0, 0, 0], [1, 1, 1]]));
    expect(treeProblems(tree)).toEqual([]);
    expect(tree.nodes.count).toBe(3);
    expect([...tree.childCount]).toEqual([2, 0, 0]);
    expect(tree.nodes.mean[0]).toBeCloseTo(0.5, 6);
    expectNodesAreMerges(tree);
  });

  it('handles all leaves at one point: groups of at most 8 below the deepest cell', () => {
    const tree = buildOctree(points(Array.from({ length: 1000 }, () => [5, 5, 5] as [number, number, number])));
    expect(treeProblems(tree)).toEqual([]);
    expect(Math.max(...tree.childCount)).toBeLessThanOrEqual(8);
    expectNodesAreMerges(tree);
    expect(tree.nodes.opacity[0]).toBeCloseTo(500, 1); // 1000 co-located copies of opacity 0.5
  });

  it('respects maxDepth, and keeps the cells of one level disjoint', () => {
    const scene = carScene(3000, 4);
    const shallow = buildOctree(scene, { maxDepth: 3 });
    expect(treeProblems(shallow)).toEqual([]);
    expectNodesAreMerges(shallow);
    // Levels 0 … 3 are octree cells: at most 1, 8, 64, 512 nodes.
    const perLevel = [0, 0, 0, 0];
    for (const level of shallow.level) if (level < 4) perLevel[level]++;
    perLevel.forEach((n, level) => expect(n).toBeLessThanOrEqual(8 ** level));
  });

  it('is deterministic', () => {
    const scene = landscapeScene(2000, 9);
    const a = buildOctree(scene);
    const b = buildOctree(scene);
    expect(a.nodes.cov).toEqual(b.nodes.cov);
    expect(a.leafIndex).toEqual(b.leafIndex);
  });
});

describe('treeProblems', () => {
  it('reports broken trees', () => {
    const tree = buildOctree(carScene(200, 1));
    const broken = { ...tree, parent: tree.parent.slice(), leafIndex: tree.leafIndex.slice(), boxMax: tree.boxMax.slice() };
    const leaf = tree.leafIndex.findIndex((x) => x >= 0);
    const otherLeaf = tree.leafIndex.findLastIndex((x) => x >= 0);
    broken.leafIndex[otherLeaf] = broken.leafIndex[leaf];
    broken.parent[5] = 0;
    broken.boxMax[0] = -1e9;
    const problems = treeProblems(broken);
    expect(problems.some((p) => p.includes('more than once'))).toBe(true);
    expect(problems.some((p) => p.includes('belongs to no leaf'))).toBe(true);
    expect(problems.some((p) => p.includes('node 5: parent 0'))).toBe(true);
    expect(problems.some((p) => p.includes('box not inside'))).toBe(true);
    expect(treeProblems({ ...tree, childStart: tree.childStart.slice(1) })).toEqual([`childStart has length ${tree.nodes.count - 1}, expected ${tree.nodes.count}`]);
  });
});
