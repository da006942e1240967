/**
 * A selection of nodes (a cut or a level) turned into the DrawList the page uploads. The WebGL2 renderer
 * cannot sort on the GPU, so its list is ordered here, far first by the depth of each entry's blended mean
 * (contract.ts steps 1–2), with the 16-bit counting sort the WebGL2 fallback keeps (sort/counting-sort.ts).
 */
import { NEAR } from '../camera.ts';
import type { Cut } from '../cut.ts';
import type { DrawList } from '../render/contract.ts';
import { createCountingSorter, type CountingSorter } from '../sort/counting-sort.ts';

/** The per-node arrays the depth needs. */
export interface DepthTree {
  /** [3M] */
  mean: Float32Array;
  /** [M] −1 for the root */
  parent: Int32Array;
}

/**
 * Depth d = −(V·[μ, 1]).z of the mean blended with the parent's, μ = t·μ_n + (1 − t)·μ_p (the node's own at
 * the root or t = 1), with V column-major (camera.ts).
 */
export function blendedDepth(tree: DepthTree, view: ArrayLike<number>, node: number, t: number): number {
  const { mean, parent } = tree;
  let x = mean[3 * node]!;
  let y = mean[3 * node + 1]!;
  let z = mean[3 * node + 2]!;
  const p = parent[node]!;
  if (p >= 0 && t < 1) {
    const u = 1 - t;
    x = t * x + u * mean[3 * p]!;
    y = t * y + u * mean[3 * p + 1]!;
    z = t * z + u * mean[3 * p + 2]!;
  }
  return -(view[2]! * x + view[6]! * y + view[10]! * z + view[14]!);
}

/** Kept across frames: the depths of the entries in front of NEAR, their positions, and the sorter's scratch. */
export interface FarFirstScratch {
  depths: Float32Array;
  kept: Uint32Array;
  sorter: CountingSorter;
}

export function allocateFarFirstScratch(capacity = 0): FarFirstScratch {
  return { depths: new Float32Array(capacity), kept: new Uint32Array(capacity), sorter: createCountingSorter() };
}

/**
 * The selection far first, in new arrays (they are handed to the page, so they cannot be the Worker's own).
 * Entries whose blended mean is behind NEAR are dropped: the renderer would not draw them, and their
 * negative depths would only widen the 16-bit range the other depths are quantised over.
 */
export function farFirstList(tree: DepthTree, selection: Cut, view: ArrayLike<number>, scratch: FarFirstScratch): DrawList {
  const n = selection.count;
  if (scratch.depths.length < n) {
    scratch.depths = new Float32Array(n);
    scratch.kept = new Uint32Array(n);
  }
  const { depths, kept } = scratch;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const d = blendedDepth(tree, view, selection.nodes[i]!, selection.blend[i]!);
    if (d < NEAR) continue;
    depths[m] = d;
    kept[m] = i;
    m++;
  }
  const order = scratch.sorter.sortFarFirst(depths, m);
  const nodes = new Uint32Array(m);
  const blend = new Float32Array(m);
  for (let j = 0; j < m; j++) {
    const i = kept[order[j]!]!;
    nodes[j] = selection.nodes[i]!;
    blend[j] = selection.blend[i]!;
  }
  return { count: m, nodes, blend, sortedFarFirst: true };
}

/** The selection as it is (WebGPU sorts and culls on the GPU), copied into new arrays for the same reason. */
export function unsortedList(selection: Cut): DrawList {
  return {
    count: selection.count,
    nodes: selection.nodes.slice(0, selection.count),
    blend: selection.blend.slice(0, selection.count),
    sortedFarFirst: false,
  };
}
