// Part purity of the splat octree (models/splats/purity.ts): on a hand-built tree whose answer is known by
// counting, and the random partitions it is compared with.
import { describe, expect, it } from 'vitest';
import { groupSizes, nullPurity, randomSpatialOrder, runPurity, treePurity, type LabelledTree } from '../../../models/splats/purity.ts';
import { mulberry32 } from '../../../widgets/runtime/mulberry32.ts';

// root ─┬─ A ─┬─ leaf 0 (part 0)
//       │     ├─ leaf 1 (part 0)
//       │     └─ leaf 2 (part 1)
//       ├─ B ─┬─ leaf 3 (part 1)
//       │     └─ leaf 4 (part 1)
//       └─ C = leaf 5 (part 0), a leaf on level 1
// Breadth-first: 0 root, 1 A, 2 B, 3 C, 4–8 leaves 0–4.
const tree: LabelledTree = {
  parent: Int32Array.from([-1, 0, 0, 0, 1, 1, 1, 2, 2]),
  childCount: Uint8Array.from([3, 3, 2, 0, 0, 0, 0, 0, 0]),
  level: Uint8Array.from([0, 1, 1, 1, 2, 2, 2, 2, 2]),
  leafIndex: Int32Array.from([-1, -1, -1, 5, 0, 1, 2, 3, 4]),
  depth: 3,
};
const labels = Uint8Array.from([0, 0, 1, 1, 1, 0]);

describe('part purity of a tree', () => {
  it('gives the counted answer on a hand-built tree, level by level', () => {
    // level 0: one node, parts {0,0,1,1,1,0}: 3 of 6 on the majority part.
    // level 1: A {0,0,1} → 2, B {1,1} → 2, C {0} → 1 (a leaf above the level is its own node): 5 of 6.
    // level 2: every leaf alone: 6 of 6.
    expect(treePurity(tree, labels, 2)).toEqual([
      { level: 0, groups: 1, purity: 0.5 },
      { level: 1, groups: 3, purity: 5 / 6 },
      { level: 2, groups: 6, purity: 1 },
    ]);
  });

  it('a tree that cuts along the parts is pure where one that mixes them is not', () => {
    expect(treePurity(tree, Uint8Array.from([0, 0, 0, 1, 1, 2]), 3)[1]!.purity).toBe(1);
  });

  it('rejects a label outside the part count', () => {
    expect(() => treePurity(tree, Uint8Array.from([0, 0, 1, 1, 1, 2]), 2)).toThrow(RangeError);
  });

  it('the node sizes a null must match: per level, the leaves below each node of the partition', () => {
    expect(groupSizes(tree).map((s) => Array.from(s))).toEqual([[6], [3, 2, 1], [1, 1, 1, 1, 1, 1]]);
  });

  it('runs of a given order and sizes: counted by hand, and sizes that do not cover the leaves are an error', () => {
    expect(runPurity([0, 1, 2, 3, 4, 5], [2, 4], labels, 2)).toBe(5 / 6); // {0,0} → 2, {1,1,1,0} → 3
    expect(runPurity([0, 1, 5, 2, 3, 4], [3, 3], labels, 2)).toBe(1);
    expect(() => runPurity([0, 1, 2], [2], labels, 2)).toThrow(RangeError);
  });
});

describe('the random partitions', () => {
  // Two well-separated clusters of 50 points, one per part: any compact grouping is nearly pure.
  const random = mulberry32(3);
  const count = 100;
  const mean = new Float32Array(3 * count);
  const parts = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    parts[i] = i < 50 ? 0 : 1;
    for (let a = 0; a < 3; a++) mean[3 * i + a] = (i < 50 ? 0 : 10) + random();
  }

  it('the spatial order is a permutation of the leaves and keeps clusters together', () => {
    const order = randomSpatialOrder(mean, count, mulberry32(5));
    expect([...order].sort((a, b) => a - b)).toEqual([...Array(count).keys()]);
    // One switch from one cluster to the other along the curve.
    let switches = 0;
    for (let i = 1; i < count; i++) if (parts[order[i]!] !== parts[order[i - 1]!]) switches++;
    expect(switches).toBe(1);
  });

  it('spatial groups are purer than shuffled ones of the same sizes; the draws are seeded', () => {
    const sizes = [Int32Array.from([10, 10, 10, 10, 10, 10, 10, 10, 10, 10])];
    const a = nullPurity(mean, parts, 2, sizes, 5, 11);
    expect(a).toEqual(nullPurity(mean, parts, 2, sizes, 5, 11));
    expect(a.spatial.levels[0]!.min).toBeGreaterThanOrEqual(0.9);
    expect(a.shuffled.levels[0]!.max).toBeLessThan(a.spatial.levels[0]!.min);
    expect(a.spatial.draws).toBe(5);
  });
});

describe("the car's part labels", () => {
  it('name every splat with one of the parts it was built from, all of them used', async () => {
    const { CAR_PART_NAMES, carPartLabels } = await import('../../../widgets/splats/scenes/car.ts');
    const labels = carPartLabels(20_000);
    expect(labels.length).toBe(20_000);
    const counts = new Array<number>(CAR_PART_NAMES.length).fill(0);
    for (const l of labels) counts[l]!++;
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(20_000);
    // the body is the largest surface
    expect(counts.indexOf(Math.max(...counts))).toBe(CAR_PART_NAMES.indexOf('body'));
  });
});
