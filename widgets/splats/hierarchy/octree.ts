/**
 * The level-of-detail tree over a scene: an octree whose leaves are the scene's Gaussians and whose interior
 * nodes are the moment-matched merges of their children (merge.ts).
 *
 * Why an octree, base 2: each level halves the cell size along every axis, exactly what a convnet's stride-2
 * pooling does to its feature map. So a node's level says its resolution (the root cube / 2^level), and
 * walking up the tree is the 3D counterpart of the pooling pyramid the essays compare it with. (Kerbl et
 * al. split a kd-tree at medians instead; its levels have no fixed resolution.)
 *
 * Construction without recursion or per-node objects: sort the leaves by Morton code, so that every cell is
 * a contiguous run of the sorted leaves; split runs level by level in breadth-first order (a cell's children
 * are the sub-runs that share the next octant digit, so only non-empty octants appear); then merge
 * bottom-up, from the last node to the root, since children always come after their parent.
 */
import { COV_STRIDE, allocateGaussians, type Gaussians, type SplatTree } from '../types.ts';
import { mergeRangeInto, surfaceProxy } from './merge.ts';
import { MORTON_LEVELS, mortonCodes, octantAt, sortByMorton, type MortonCodes } from './morton.ts';

export interface OctreeOptions {
  /**
   * Octree levels below the root (at most 16, the Morton codes' resolution). A cell at this depth that still
   * holds several leaves gets them as children; more than 8 are first grouped, 8 groups of consecutive
   * leaves per level, so that no node has more than 8 children (all leaves at one point, say).
   */
  maxDepth?: number;
}

/** Growable node table of the breadth-first construction; `first … end` is the run of sorted leaves. */
class NodeTable {
  count = 0;
  first: Int32Array;
  end: Int32Array;
  cellLevel: Uint8Array;
  parent: Int32Array;
  childStart: Int32Array;
  childCount: Uint8Array;
  level: Uint8Array;

  constructor(capacity: number) {
    this.first = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.cellLevel = new Uint8Array(capacity);
    this.parent = new Int32Array(capacity);
    this.childStart = new Int32Array(capacity);
    this.childCount = new Uint8Array(capacity);
    this.level = new Uint8Array(capacity);
  }

  add(first: number, end: number, cellLevel: number, parent: number, level: number): void {
    if (this.count === this.first.length) this.grow();
    const i = this.count++;
    this.first[i] = first;
    this.end[i] = end;
    this.cellLevel[i] = cellLevel;
    this.parent[i] = parent;
    this.childStart[i] = -1;
    this.childCount[i] = 0;
    this.level[i] = level;
  }

  private grow(): void {
    const capacity = Math.ceil(this.first.length * 1.5) + 8;
    const widen = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.first = widen(this.first, (n) => new Int32Array(n));
    this.end = widen(this.end, (n) => new Int32Array(n));
    this.cellLevel = widen(this.cellLevel, (n) => new Uint8Array(n));
    this.parent = widen(this.parent, (n) => new Int32Array(n));
    this.childStart = widen(this.childStart, (n) => new Int32Array(n));
    this.childCount = widen(this.childCount, (n) => new Uint8Array(n));
    this.level = widen(this.level, (n) => new Uint8Array(n));
  }
}

export function buildOctree(scene: Gaussians, options: OctreeOptions = {}): SplatTree {
  const leafCount = scene.count;
  if (leafCount < 1) throw new RangeError('buildOctree: the scene has no Gaussians');
  const maxDepth = Math.min(MORTON_LEVELS, Math.max(0, Math.floor(options.maxDepth ?? MORTON_LEVELS)));
  const codes = mortonCodes(scene.mean, leafCount);
  const sorted: MortonCodes = { high: new Uint32Array(0), low: new Uint32Array(0) };
  const order = sortByMorton(codes, sorted);

  const table = new NodeTable(2 * leafCount + 1);
  table.add(0, leafCount, 0, -1, 0);
  for (let i = 0; i < table.count; i++) {
    const first = table.first[i];
    const end = table.end[i];
    if (end - first === 1) continue;
    const cellLevel = table.cellLevel[i];
    const childLevel = table.level[i] + 1;
    if (childLevel > 255) throw new RangeError('buildOctree: tree deeper than 255 levels');
    table.childStart[i] = table.count;
    if (cellLevel < maxDepth) {
      let runStart = first;
      let runOctant = octantAt(sorted, first, cellLevel);
      for (let k = first + 1; k <= end; k++) {
        const octant = k < end ? octantAt(sorted, k, cellLevel) : -1;
        if (octant === runOctant) continue;
        table.add(runStart, k, cellLevel + 1, i, childLevel);
        runStart = k;
        runOctant = octant;
      }
    } else {
      const groups = Math.min(8, end - first);
      for (let j = 0; j < groups; j++) {
        const groupFirst = first + Math.floor(((end - first) * j) / groups);
        const groupEnd = first + Math.floor(((end - first) * (j + 1)) / groups);
        table.add(groupFirst, groupEnd, cellLevel, i, childLevel);
      }
    }
    table.childCount[i] = table.count - table.childStart[i];
  }

  const nodeCount = table.count;
  const nodes = allocateGaussians(nodeCount);
  const boxMin = new Float32Array(3 * nodeCount);
  const boxMax = new Float32Array(3 * nodeCount);
  const leafIndex = new Int32Array(nodeCount);
  const surfaces = new Float64Array(nodeCount);
  let depth = 0;
  for (let i = 0; i < nodeCount; i++) {
    depth = Math.max(depth, table.level[i] + 1);
    leafIndex[i] = table.childCount[i] === 0 ? order[table.first[i]] : -1;
  }
  gatherLeaves(scene, leafIndex, nodes);
  for (let i = 0; i < nodeCount; i++) {
    if (leafIndex[i] < 0) continue;
    for (let axis = 0; axis < 3; axis++) {
      const threeSigma = 3 * Math.sqrt(Math.max(0, nodes.cov[COV_STRIDE * i + DIAGONAL[axis]]));
      boxMin[3 * i + axis] = nodes.mean[3 * i + axis] - threeSigma;
      boxMax[3 * i + axis] = nodes.mean[3 * i + axis] + threeSigma;
    }
    surfaces[i] = surfaceProxy(nodes.cov, COV_STRIDE * i);
  }
  // Bottom-up: children always come after their parent, so they are merged (and their S cached) first.
  for (let i = nodeCount - 1; i >= 0; i--) {
    const childStart = table.childStart[i];
    const childCount = table.childCount[i];
    if (childCount === 0) continue;
    mergeRangeInto(nodes, childStart, childCount, nodes, i, surfaces);
    for (let axis = 0; axis < 3; axis++) {
      let low = Infinity;
      let high = -Infinity;
      for (let c = childStart; c < childStart + childCount; c++) {
        low = Math.min(low, boxMin[3 * c + axis]);
        high = Math.max(high, boxMax[3 * c + axis]);
      }
      boxMin[3 * i + axis] = low;
      boxMax[3 * i + axis] = high;
    }
  }

  return {
    nodes,
    parent: table.parent.slice(0, nodeCount),
    childStart: table.childStart.slice(0, nodeCount),
    childCount: table.childCount.slice(0, nodeCount),
    level: table.level.slice(0, nodeCount),
    boxMin,
    boxMax,
    leafIndex,
    leafCount,
    depth,
  };
}

/** Offsets of xx, yy, zz in a covariance's upper triangle. */
const DIAGONAL = [0, 3, 5];

/**
 * Copies each leaf node's Gaussian from the scene (scene index leafIndex[i], −1 for interior nodes). The
 * scene's order is not the tree's, so every read is a cache miss: one attribute at a time, in tight loops,
 * lets the CPU overlap many misses, where copying a whole Gaussian per leaf (four arrays) did not.
 */
function gatherLeaves(from: Gaussians, leafIndex: Int32Array, to: Gaussians): void {
  gatherAttribute(from.opacity, to.opacity, 1, leafIndex);
  gatherAttribute(from.mean, to.mean, 3, leafIndex);
  gatherAttribute(from.color, to.color, 3, leafIndex);
  gatherAttribute(from.cov, to.cov, COV_STRIDE, leafIndex);
}

/** to[j] = from[leafIndex[j]] for one attribute of `stride` numbers per Gaussian; interior nodes (−1) skipped. */
function gatherAttribute(from: Float32Array, to: Float32Array, stride: number, leafIndex: Int32Array): void {
  for (let j = 0; j < leafIndex.length; j++) {
    const i = leafIndex[j];
    if (i < 0) continue;
    for (let k = 0; k < stride; k++) to[stride * j + k] = from[stride * i + k];
  }
}
