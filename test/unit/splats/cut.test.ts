import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateCut,
  allocateCutScratch,
  blendOpacity,
  blendWeight,
  computeCut,
  cutCounts,
  nodeSize,
  thresholdAngle,
  type CutCamera,
} from '../../../widgets/splats/cut.ts';
import { allocateGaussians, type SplatTree } from '../../../widgets/splats/types.ts';

/** A tree to build by hand: a leaf is its box, an interior node its children (its box is their union). */
type Spec = { min: number[]; max: number[] } | Spec[];

/** Lays a Spec out as the SplatTree contract asks: breadth first, root 0, children contiguous. */
function buildTree(root: Spec): SplatTree {
  const specs: Spec[] = [root];
  const parent: number[] = [-1];
  const level: number[] = [0];
  const childStart: number[] = [];
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i]!;
    if (!Array.isArray(s)) {
      childStart.push(-1);
      continue;
    }
    childStart.push(specs.length);
    for (const c of s) {
      specs.push(c);
      parent.push(i);
      level.push(level[i]! + 1);
    }
  }
  const m = specs.length;
  const boxMin = new Float32Array(3 * m).fill(Infinity);
  const boxMax = new Float32Array(3 * m).fill(-Infinity);
  const leafIndex = new Int32Array(m).fill(-1);
  let leaves = 0;
  for (let i = m - 1; i >= 0; i--) {
    const s = specs[i]!;
    if (!Array.isArray(s)) {
      leafIndex[i] = leaves++;
      for (let a = 0; a < 3; a++) [boxMin[3 * i + a], boxMax[3 * i + a]] = [s.min[a]!, s.max[a]!];
    }
    const p = parent[i]!;
    if (p >= 0) {
      for (let a = 0; a < 3; a++) {
        boxMin[3 * p + a] = Math.min(boxMin[3 * p + a]!, boxMin[3 * i + a]!);
        boxMax[3 * p + a] = Math.max(boxMax[3 * p + a]!, boxMax[3 * i + a]!);
      }
    }
  }
  return {
    nodes: allocateGaussians(m),
    parent: Int32Array.from(parent),
    childStart: Int32Array.from(childStart),
    childCount: Uint8Array.from(specs, (s) => (Array.isArray(s) ? s.length : 0)),
    level: Uint8Array.from(level),
    boxMin,
    boxMax,
    leafIndex,
    leafCount: leaves,
    depth: Math.max(...level) + 1,
  };
}

const box = (x: number, y: number, z: number, r: number) => ({ min: [x - r, y - r, z - r], max: [x + r, y + r, z + r] });

/** Two levels below the root: 2 groups of 3 and 2 leaves, plus one leaf straight under the root. */
const HAND = buildTree([
  [box(0, 0, 0, 0.5), box(1, 0, 0, 0.5), box(2, 0, 0, 0.5)],
  [box(0, 3, 0, 0.5), [box(1, 3, 0, 0.2), box(1.5, 3, 0, 0.2)]],
  box(5, 5, 5, 1),
]);

/** Random trees from a seed: up to `levels` levels, 1–8 children, leaf boxes of assorted sizes. */
function randomTree(seed: number, levels: number): SplatTree {
  let state = seed >>> 0 || 1;
  const rand = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const grow = (depth: number, cx: number, cy: number, cz: number, r: number): Spec => {
    if (depth === levels - 1 || (depth > 0 && rand() < 0.25)) return box(cx, cy, cz, r * (0.05 + rand()));
    const k = 1 + Math.floor(rand() * 8);
    return Array.from({ length: k }, () => grow(depth + 1, cx + (rand() - 0.5) * r * 2, cy + (rand() - 0.5) * r * 2, cz + (rand() - 0.5) * r * 2, r / 2));
  };
  return buildTree(grow(0, 0, 0, 0, 10 * (0.1 + rand())));
}

const camera = (x: number, y: number, z: number): CutCamera => ({ position: [x, y, z], fovy: Math.PI / 3, height: 800 });
const leavesOf = (t: SplatTree) => Array.from(t.childCount.keys()).filter((i) => t.childCount[i] === 0);
const drawn = (t: SplatTree, cam: CutCamera, tau: number) => {
  const cut = computeCut(t, cam, tau, allocateCut(t));
  return { cut, nodes: Array.from(cut.nodes.subarray(0, cut.count)), blend: Array.from(cut.blend.subarray(0, cut.count)) };
};

const coord = fc.double({ min: -40, max: 40, noNaN: true });
const tauArb = fc.oneof(fc.double({ min: 0, max: 2000, noNaN: true }), fc.constantFrom(0, 0.5, 1, 3, 15, Infinity));
const treeArb = fc.record({ seed: fc.integer(), levels: fc.integer({ min: 1, max: 4 }) }).map(({ seed, levels }) => randomTree(seed, levels));

describe('hand-built tree', () => {
  it('follows the breadth-first contract', () => {
    expect(Array.from(HAND.childCount)).toEqual([3, 3, 2, 0, 0, 0, 0, 0, 2, 0, 0]);
    expect(Array.from(HAND.level)).toEqual([0, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3]);
    expect(HAND.leafCount).toBe(7);
  });

  it('τ = 0 draws exactly the leaves, τ = ∞ only the root', () => {
    for (const cam of [camera(0, 0, 10), camera(1, 3, 0), camera(-100, 50, 7)]) {
      // The leaves, in the cut's depth-first order.
      expect(drawn(HAND, cam, 0).nodes).toEqual([4, 5, 6, 7, 9, 10, 3]);
      expect(drawn(HAND, cam, Infinity).nodes).toEqual([0]);
      expect(drawn(HAND, cam, Infinity).blend).toEqual([1]);
    }
  });

  it('draws coarse nodes far away and fine ones near', () => {
    const near = drawn(HAND, camera(1, 0, 1.5), 40).nodes;
    // Near the first group: its leaves are drawn; the far leaf (node 3) is drawn as itself.
    expect(near).toContain(4);
    expect(near).toContain(5);
    const far = drawn(HAND, camera(0, 0, 400), 40).nodes;
    expect(far).toEqual([0]);
  });

  it('counts drawn nodes per level', () => {
    const { cut } = drawn(HAND, camera(0, 0, 10), 0);
    expect(Array.from(cutCounts(HAND, cut))).toEqual([0, 1, 4, 2]);
    expect(Array.from(cutCounts(HAND, drawn(HAND, camera(0, 0, 10), Infinity).cut))).toEqual([1, 0, 0, 0]);
  });
});

describe('cut on random trees and cameras', () => {
  it('covers every leaf by exactly one drawn ancestor-or-self, and follows the rule', () => {
    fc.assert(
      fc.property(treeArb, coord, coord, coord, tauArb, (tree, x, y, z, tau) => {
        const cam = camera(x, y, z);
        const { nodes, blend } = drawn(tree, cam, tau);
        const isDrawn = new Set(nodes);
        expect(isDrawn.size).toBe(nodes.length);
        for (const leaf of leavesOf(tree)) {
          let covers = 0;
          for (let n = leaf; n >= 0; n = tree.parent[n]!) if (isDrawn.has(n)) covers++;
          expect(covers).toBe(1);
        }
        const t = thresholdAngle(tau, cam.fovy, cam.height);
        for (const n of nodes) {
          const s = nodeSize(tree, n, cam.position);
          if (tree.childCount[n]! > 0) expect(s).toBeLessThan(t);
          if (n > 0) expect(nodeSize(tree, tree.parent[n]!, cam.position)).toBeGreaterThanOrEqual(t);
        }
        for (const b of blend) {
          expect(b).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('τ = 0 draws every leaf and τ = ∞ only the root', () => {
    fc.assert(
      fc.property(treeArb, coord, coord, coord, (tree, x, y, z) => {
        expect(drawn(tree, camera(x, y, z), 0).nodes.sort((a, b) => a - b)).toEqual(leavesOf(tree));
        expect(drawn(tree, camera(x, y, z), Infinity).nodes).toEqual([0]);
      }),
    );
  });

  it('a parent is never smaller than its child (nested boxes)', () => {
    fc.assert(
      fc.property(treeArb, coord, coord, coord, (tree, x, y, z) => {
        for (let n = 1; n < tree.parent.length; n++) {
          expect(nodeSize(tree, tree.parent[n]!, [x, y, z])).toBeGreaterThanOrEqual(nodeSize(tree, n, [x, y, z]));
        }
      }),
    );
  });

  it('a larger τ never draws more nodes', () => {
    fc.assert(
      fc.property(treeArb, coord, coord, coord, tauArb, tauArb, (tree, x, y, z, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const cam = camera(x, y, z);
        expect(drawn(tree, cam, hi).cut.count).toBeLessThanOrEqual(drawn(tree, cam, lo).cut.count);
      }),
      { numRuns: 300 },
    );
  });

  it('reuses its buffers across frames', () => {
    const tree = randomTree(7, 4);
    const cut = allocateCut(tree);
    const scratch = allocateCutScratch(tree);
    const first = computeCut(tree, camera(3, 4, 5), 2, cut, scratch);
    const again = computeCut(tree, camera(30, 4, 5), 2, cut, scratch);
    expect(again).toBe(first);
    expect(Array.from(again.nodes.subarray(0, again.count))).toEqual(drawn(tree, camera(30, 4, 5), 2).nodes);
  });
});

describe('blend', () => {
  it('t is 0 when the node has just replaced its parent and 1 when it is about to split', () => {
    expect(blendWeight(1, 3, 3)).toBe(0);
    expect(blendWeight(1, 3, 1)).toBe(1);
    expect(blendWeight(1, 3, 2)).toBeCloseTo(0.5);
    expect(blendWeight(5, 5, 2)).toBe(1);
    expect(blendWeight(5, 9, 2)).toBe(1);
  });

  it('at t = 0, K children composite to the parent opacity; at t = 1 each is itself', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 8 }), (an, ap, k) => {
        const a = blendOpacity(0, an, ap, k);
        expect(1 - (1 - a) ** k).toBeCloseTo(ap, 9);
        expect(blendOpacity(1, an, ap, k)).toBeCloseTo(an, 12);
      }),
    );
    expect(blendOpacity(0, 0.5, 1.7, 2)).toBe(1);
  });
});
