/**
 * The data of the splat hierarchy (issue "Do splats dezoom?"), shared by the scene generators, the tree
 * builder, the cut, the sorts and the renderers. Flat typed arrays (structure of arrays), so that a Worker
 * can hand them to the page and the page to the GPU without copying them element by element.
 */

/** N anisotropic 3D Gaussians. */
export interface Gaussians {
  count: number;
  /** [3N] centres x, y, z (world units; y is up). */
  mean: Float32Array;
  /** [6N] covariance, upper triangle per Gaussian: xx, xy, xz, yy, yz, zz. Symmetric positive definite. */
  cov: Float32Array;
  /** [3N] colour, linear RGB in [0, 1]. */
  color: Float32Array;
  /**
   * [N] opacity. Leaves are in (0, 1]. A merged node's opacity is Kerbl et al.'s W / S(parent), which is not
   * clamped (it can exceed 1); renderers clamp it when they blend.
   */
  opacity: Float32Array;
}

export const COV_STRIDE = 6;

/**
 * The level-of-detail tree over a scene's Gaussians. Every node, leaf or interior, is one Gaussian in
 * `nodes`; an interior node is the moment-matched merge of its children. Nodes are in breadth-first order
 * (root at 0, then level 1, …), and each node's children are contiguous: childStart … childStart +
 * childCount − 1.
 */
export interface SplatTree {
  nodes: Gaussians;
  /** [M] the parent's index; −1 for the root. */
  parent: Int32Array;
  /** [M] the first child's index; −1 for a leaf. */
  childStart: Int32Array;
  /** [M] 0 for a leaf; at most 8 (an octree). */
  childCount: Uint8Array;
  /** [M] depth below the root (the root is 0). */
  level: Uint8Array;
  /**
   * [3M] each, the axis-aligned box of the node's subtree: for a leaf, mean ± 3σ along each axis
   * (σ² the covariance's diagonal); for an interior node, the union of its children's boxes, so a
   * parent's box always contains its children's.
   */
  boxMin: Float32Array;
  boxMax: Float32Array;
  /** [M] for a leaf, its index in the scene's Gaussians; −1 for an interior node. */
  leafIndex: Int32Array;
  /** Number of leaves (the scene's Gaussians) and of levels (max level + 1). */
  leafCount: number;
  depth: number;
}

/** An empty set of Gaussians with room for `count`. */
export function allocateGaussians(count: number): Gaussians {
  return {
    count,
    mean: new Float32Array(3 * count),
    cov: new Float32Array(COV_STRIDE * count),
    color: new Float32Array(3 * count),
    opacity: new Float32Array(count),
  };
}
