/**
 * Does the splat hierarchy group by meaning or only by space? For each level ℓ of the octree, every leaf
 * belongs to one node: its ancestor at level ℓ, or itself if it is a leaf above ℓ. A node's *purity* is the
 * share of its leaves that lie on its most common part (the generator's part labels, e.g. the car's tyre,
 * rim, body); a level's purity is that share over all leaves, i.e. the node purities weighted by their leaf
 * counts: 1 when every node sits on a single part.
 *
 * Small nodes are pure by arithmetic (a node of one leaf always is), so a level's purity only means something
 * against partitions with the same node sizes. Two nulls, each drawn several times:
 * - **spatial**: the leaves in a random space-filling order (Morton order after a random rotation and a
 *   random shift of the grid), cut into consecutive runs with the level's node sizes in random order. Its
 *   nodes are compact in space like the octree's, with arbitrary boundaries: the purity any spatial grouping
 *   of that granularity gets for free.
 * - **shuffled**: the same sizes over a random permutation of the leaves: no space at all, the floor.
 * An octree level well above the spatial null would be cutting along the parts' seams; at the null, it groups
 * by space and the parts' own compactness is all the meaning it has.
 */
import { mortonCodes, sortByMorton } from '../../widgets/splats/hierarchy/morton.ts';
import { mulberry32 } from '../../widgets/runtime/mulberry32.ts';

/** The part of a tree purity needs (a SplatTree has all of it). */
export interface LabelledTree {
  parent: Int32Array;
  childCount: Uint8Array;
  level: Uint8Array;
  /** Per node, the leaf's index in the scene (and in `labels`); −1 for an interior node. */
  leafIndex: Int32Array;
  depth: number;
}

export interface LevelPurity {
  level: number;
  /** Nodes of the partition: the level's nodes plus the leaves above it. */
  groups: number;
  /** Share of leaves on their node's majority part. */
  purity: number;
}

/** Per level, the purity of the partition the tree induces at that level. `labels[leaf]` < `labelCount`. */
export function treePurity(tree: LabelledTree, labels: ArrayLike<number>, labelCount: number): LevelPurity[] {
  const m = tree.parent.length;
  // Per node, its leaves' label counts, summed bottom-up (children always come after their parent).
  const counts = new Int32Array(m * labelCount);
  let leaves = 0;
  for (let i = m - 1; i >= 0; i--) {
    if (tree.childCount[i] === 0) {
      const label = labels[tree.leafIndex[i]!]!;
      if (!(label >= 0 && label < labelCount)) throw new RangeError(`treePurity: label ${label} of leaf ${tree.leafIndex[i]} is out of range`);
      counts[i * labelCount + label]!++;
      leaves++;
    }
    const p = tree.parent[i]!;
    if (p >= 0) for (let k = 0; k < labelCount; k++) counts[p * labelCount + k]! += counts[i * labelCount + k]!;
  }
  const majority = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    let best = 0;
    for (let k = 0; k < labelCount; k++) best = Math.max(best, counts[i * labelCount + k]!);
    majority[i] = best;
  }
  const out: LevelPurity[] = [];
  for (let level = 0; level < tree.depth; level++) {
    let groups = 0;
    let pure = 0;
    for (let i = 0; i < m; i++) {
      const lv = tree.level[i]!;
      if (lv === level || (lv < level && tree.childCount[i] === 0)) {
        groups++;
        pure += majority[i]!;
      }
    }
    out.push({ level, groups, purity: pure / leaves });
  }
  return out;
}

/** Per level, the leaf counts of the partition's nodes (the sizes a null must match). */
export function groupSizes(tree: LabelledTree): Int32Array[] {
  const m = tree.parent.length;
  const below = new Int32Array(m);
  for (let i = m - 1; i >= 0; i--) {
    if (tree.childCount[i] === 0) below[i]!++;
    const p = tree.parent[i]!;
    if (p >= 0) below[p]! += below[i]!;
  }
  return Array.from({ length: tree.depth }, (_, level) => {
    const sizes: number[] = [];
    for (let i = 0; i < m; i++) {
      const lv = tree.level[i]!;
      if (lv === level || (lv < level && tree.childCount[i] === 0)) sizes.push(below[i]!);
    }
    return Int32Array.from(sizes);
  });
}

/**
 * Purity of the partition that cuts `order` (a permutation of the leaves) into consecutive runs of `sizes`
 * (in the order given). `scratch` holds labelCount counters.
 */
export function runPurity(order: ArrayLike<number>, sizes: ArrayLike<number>, labels: ArrayLike<number>, labelCount: number): number {
  const counts = new Int32Array(labelCount);
  let at = 0;
  let pure = 0;
  for (let g = 0; g < sizes.length; g++) {
    counts.fill(0);
    let best = 0;
    const end = at + sizes[g]!;
    for (; at < end; at++) {
      const c = ++counts[labels[order[at]!]!]!;
      if (c > best) best = c;
    }
    pure += best;
  }
  if (at !== order.length) throw new RangeError(`runPurity: sizes cover ${at} leaves, the order has ${order.length}`);
  return pure / order.length;
}

/** Fisher–Yates, in place. */
function shuffle<T extends { length: number; [i: number]: number }>(a: T, random: () => number): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/**
 * The leaves (scene indices) in Morton order after a uniformly random rotation (Shoemake's quaternion) and a
 * random shift of the Morton grid: a space-filling order whose cell boundaries fall anywhere.
 */
export function randomSpatialOrder(mean: Float32Array, count: number, random: () => number): Uint32Array {
  const R = randomRotation(random);
  // Two extra corner points put the rotated points at a random offset inside a cube twice their extent,
  // which shifts where the grid's planes cut them.
  const rotated = new Float64Array(3 * (count + 2));
  const lo = [Infinity, Infinity, Infinity];
  let side = 0;
  for (let i = 0; i < count; i++) {
    for (let r = 0; r < 3; r++) {
      const v = R[3 * r]! * mean[3 * i]! + R[3 * r + 1]! * mean[3 * i + 1]! + R[3 * r + 2]! * mean[3 * i + 2]!;
      rotated[3 * i + r] = v;
      lo[r] = Math.min(lo[r]!, v);
    }
  }
  for (let i = 0; i < count; i++) for (let r = 0; r < 3; r++) side = Math.max(side, rotated[3 * i + r]! - lo[r]!);
  for (let r = 0; r < 3; r++) {
    const corner = lo[r]! - random() * side;
    rotated[3 * count + r] = corner;
    rotated[3 * (count + 1) + r] = corner + 2 * side;
  }
  const order = sortByMorton(mortonCodes(rotated, count + 2));
  const out = new Uint32Array(count);
  let k = 0;
  for (const i of order) if (i < count) out[k++] = i;
  return out;
}

/** A uniformly random 3 × 3 rotation matrix, row-major (Shoemake's uniform unit quaternion). */
export function randomRotation(random: () => number): number[] {
  const [u1, u2, u3] = [random(), random(), random()];
  const a = Math.sqrt(1 - u1);
  const b = Math.sqrt(u1);
  const [x, y, z, w] = [a * Math.sin(2 * Math.PI * u2), a * Math.cos(2 * Math.PI * u2), b * Math.sin(2 * Math.PI * u3), b * Math.cos(2 * Math.PI * u3)];
  return [
    1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
    2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
    2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y),
  ];
}

/** The points (xyz triples) turned by the row-major rotation R. */
export function rotatePoints(mean: Float32Array, R: number[]): Float32Array {
  const out = new Float32Array(mean.length);
  for (let i = 0; i < mean.length; i += 3)
    for (let r = 0; r < 3; r++) out[i + r] = R[3 * r]! * mean[i]! + R[3 * r + 1]! * mean[i + 1]! + R[3 * r + 2]! * mean[i + 2]!;
  return out;
}

export interface NullPurity {
  draws: number;
  /** Per level: mean, lowest and highest purity over the draws. */
  levels: { level: number; mean: number; min: number; max: number }[];
}

function summarise(values: number[][]): NullPurity['levels'] {
  return values.map((v, level) => ({ level, mean: v.reduce((s, x) => s + x, 0) / v.length, min: Math.min(...v), max: Math.max(...v) }));
}

/** The spatial and shuffled nulls, `draws` times each, seeded. */
export function nullPurity(
  mean: Float32Array,
  labels: ArrayLike<number>,
  labelCount: number,
  sizes: Int32Array[],
  draws: number,
  seed: number,
): { spatial: NullPurity; shuffled: NullPurity } {
  const random = mulberry32(seed);
  const count = labels.length;
  const spatial: number[][] = sizes.map(() => []);
  const shuffled: number[][] = sizes.map(() => []);
  const identity = Uint32Array.from({ length: count }, (_, i) => i);
  for (let d = 0; d < draws; d++) {
    const space = randomSpatialOrder(mean, count, random);
    const noSpace = shuffle(identity.slice(), random);
    sizes.forEach((s, level) => {
      spatial[level]!.push(runPurity(space, shuffle(s.slice(), random), labels, labelCount));
      shuffled[level]!.push(runPurity(noSpace, shuffle(s.slice(), random), labels, labelCount));
    });
  }
  return { spatial: { draws, levels: summarise(spatial) }, shuffled: { draws, levels: summarise(shuffled) } };
}
