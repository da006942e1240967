/**
 * The level-of-detail cut for one camera (Kerbl et al. 2024): which nodes of the tree to draw, and how far
 * each has blended from its parent's look into its own.
 *
 * A node's projected size is size(n) = (largest extent of its subtree box) / max(ε, distance from the
 * camera to the box's nearest point), an angle in radians that over-estimates what the node covers on
 * screen. The threshold is τ pixels turned into that angle, τ' = τ · 2·tan(fovy/2) / H, the angle one pixel
 * covers at the image centre times τ. (The Inria code writes τ' = 2(τ + 0.5)·tan(fovx/2) / (0.5·W); the
 * half pixel and the factor of 2 are a choice of where a pixel's size is measured, not of the rule.)
 *
 * Draw n ⇔ (n is a leaf or size(n) < τ') and (n is the root or size(parent) ≥ τ').
 *
 * Boxes are nested, so a parent's extent is at least its child's and its distance at most the child's, hence
 * size(parent) ≥ size(child) exactly (min, max, subtraction and division all round monotonically). Along any
 * root-to-leaf path the sizes never increase, so the rule picks exactly one node on every path: every leaf is
 * covered by exactly one drawn node. τ = 0 draws every leaf, τ = ∞ only the root. The traversal is top-down
 * and stops at a drawn node, so it visits the drawn nodes and their ancestors, nothing below.
 */
import type { SplatTree } from './types.ts';

export interface CutCamera {
  /** Camera position, world units. */
  position: ArrayLike<number>;
  /** Vertical field of view, radians. */
  fovy: number;
  /** Viewport height, pixels. */
  height: number;
}

/** The drawn nodes; arrays are the cut's own buffers (length M), valid in [0, count). */
export interface Cut {
  count: number;
  /** Node indices, in traversal order (depth first). */
  nodes: Uint32Array;
  /**
   * Per drawn node, the blend t ∈ [0, 1]: 0 when the node has just replaced its parent (it must look like the
   * parent), 1 when it is fully itself. See `blendWeight` and `blendOpacity`.
   */
  blend: Float32Array;
}

/** Distances below ε (the camera inside or on a box) would divide by zero; such nodes are never coarse enough. */
const DEFAULT_EPSILON = 1e-6;

export function allocateCut(tree: SplatTree): Cut {
  const m = tree.parent.length;
  return { count: 0, nodes: new Uint32Array(m), blend: new Float32Array(m) };
}

/** τ pixels as an angle: τ · 2·tan(fovy/2) / H. */
export function thresholdAngle(tauPixels: number, fovy: number, height: number): number {
  return (tauPixels * 2 * Math.tan(fovy / 2)) / height;
}

/** size(node): largest box extent over the distance from p to the box (at least ε). */
export function nodeSize(tree: SplatTree, node: number, p: ArrayLike<number>, epsilon = DEFAULT_EPSILON): number {
  const { boxMin, boxMax } = tree;
  let extent = 0;
  let d2 = 0;
  for (let a = 0; a < 3; a++) {
    const lo = boxMin[3 * node + a]!;
    const hi = boxMax[3 * node + a]!;
    if (hi - lo > extent) extent = hi - lo;
    const x = p[a]!;
    const gap = x < lo ? lo - x : x > hi ? x - hi : 0;
    d2 += gap * gap;
  }
  return extent / Math.max(epsilon, Math.sqrt(d2));
}

/**
 * The blend t of a drawn node of size s whose parent has size sp, at threshold τ': where τ' sits between the
 * moment n appeared (τ' = sp, t = 0) and the moment n gives way to its children (τ' = s, t = 1).
 * t = clamp((sp − τ') / (sp − s), 0, 1); 1 for the root and for a leaf larger than τ' (nothing to give way to).
 * This is 1 − the parent's weight (τ' − s) / (sp − s): t weighs the node, the form the opacity rule uses.
 */
export function blendWeight(s: number, sp: number, tau: number): number {
  const span = sp - s;
  if (!(span > 0)) return 1;
  const t = (sp - tau) / span;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/**
 * The opacity to draw a node with at blend t (Kerbl et al. 2024): α = t·α_n + (1 − t)·(1 − (1 − α_p)^{1/K}),
 * with α_p the parent's opacity (clamped to [0, 1]; merged opacities are not) and K its child count. At t = 0,
 * K co-located children each of opacity 1 − (1 − α_p)^{1/K} composite to exactly α_p, so the switch from the
 * parent to its children does not pop; the renderer interpolates mean, covariance and colour linearly with
 * the same t (t·x_n + (1 − t)·x_p).
 */
export function blendOpacity(t: number, alphaNode: number, alphaParent: number, siblings: number): number {
  const ap = alphaParent < 0 ? 0 : alphaParent > 1 ? 1 : alphaParent;
  const an = alphaNode < 0 ? 0 : alphaNode > 1 ? 1 : alphaNode;
  const share = 1 - Math.pow(1 - ap, 1 / Math.max(1, siblings));
  return t * an + (1 - t) * share;
}

/**
 * Fills `out` with the cut for `camera` at τ pixels and returns it. `scratch` holds the traversal stack and
 * the parents' sizes; pass the same one every frame to avoid allocating.
 */
export function computeCut(
  tree: SplatTree,
  camera: CutCamera,
  tauPixels: number,
  out: Cut,
  scratch: CutScratch = allocateCutScratch(tree),
  epsilon = DEFAULT_EPSILON,
): Cut {
  const tau = thresholdAngle(tauPixels, camera.fovy, camera.height);
  const { childStart, childCount } = tree;
  const { stack, parentSize } = scratch;
  let count = 0;
  let top = 0;
  stack[top++] = 0;
  parentSize[0] = Infinity;
  while (top > 0) {
    const n = stack[--top]!;
    const s = nodeSize(tree, n, camera.position, epsilon);
    const k = childCount[n]!;
    if (k === 0 || s < tau) {
      out.nodes[count] = n;
      out.blend[count] = n === 0 ? 1 : blendWeight(s, parentSize[n]!, tau);
      count++;
      continue;
    }
    // Pushed in reverse so that children pop, and the cut lists them, in index order.
    const first = childStart[n]!;
    for (let c = first + k - 1; c >= first; c--) {
      parentSize[c] = s;
      stack[top++] = c;
    }
  }
  out.count = count;
  return out;
}

export interface CutScratch {
  stack: Uint32Array;
  parentSize: Float64Array;
}

/** A depth-first stack never holds more than M entries; parent sizes are indexed by node. */
export function allocateCutScratch(tree: SplatTree): CutScratch {
  const m = tree.parent.length;
  return { stack: new Uint32Array(m), parentSize: new Float64Array(m) };
}

/** Drawn nodes per level, for the widget's readout ("level 3: 1,204 splats"). */
export function cutCounts(tree: SplatTree, cut: Cut, out = new Uint32Array(tree.depth)): Uint32Array {
  out.fill(0);
  for (let i = 0; i < cut.count; i++) out[tree.level[cut.nodes[i]!]!]!++;
  return out;
}
