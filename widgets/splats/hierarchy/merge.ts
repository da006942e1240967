/**
 * The moment-matched merge of Kerbl et al. 2024 ("A hierarchical 3D Gaussian representation for real-time
 * rendering of very large datasets", ClusterMerger.cpp): one Gaussian that stands for a set of Gaussians
 * when they are too small on screen to tell apart.
 *
 *   w_i = o_i · S(s_i),  S(s) = sx·sy + sx·sz + sy·sz  (s: axis scales, √ of the covariance's eigenvalues)
 *   ŵ_i = w_i / W,  W = Σ w_i
 *   μ = Σ ŵ_i μ_i,  c = Σ ŵ_i c_i,  Σ = Σ ŵ_i (Σ_i + (μ_i − μ)(μ_i − μ)ᵀ),  o = W / S(s)
 *
 * S is a surface proxy (a box's half-area), so a child weighs as much as the screen area it covers times its
 * opacity; the merged opacity spreads that total over the parent's own area. It is not clamped, as in the
 * reference code. Sums run in float64; only the result is rounded to float32.
 */
import { COV_STRIDE, allocateGaussians, type Gaussians } from '../types.ts';
import { symmetricEigenvalues3 } from './eigen3.ts';

const eigenvalues = new Float64Array(3);
let weights = new Float64Array(8);

/** S(s) of the Gaussian whose covariance upper triangle starts at cov[offset]. */
export function surfaceProxy(cov: ArrayLike<number>, offset: number): number {
  symmetricEigenvalues3(cov[offset], cov[offset + 1], cov[offset + 2], cov[offset + 3], cov[offset + 4], cov[offset + 5], eigenvalues);
  return surfaceProxyOfVariances(eigenvalues[0], eigenvalues[1], eigenvalues[2]);
}

/** S(s) from the three variances (eigenvalues) s². Rounding can make a tiny eigenvalue negative: it is 0. */
function surfaceProxyOfVariances(a: number, b: number, c: number): number {
  const sa = Math.sqrt(Math.max(0, a));
  const sb = Math.sqrt(Math.max(0, b));
  const sc = Math.sqrt(Math.max(0, c));
  return sa * sb + sa * sc + sb * sc;
}

/**
 * Merges src's Gaussians first … first + count − 1 (a node's contiguous children) into dst[dstIndex].
 * Returns W, the total weight.
 *
 * `surfaces`, when given, is a cache of S indexed like src and dst (the tree builder merges a node table
 * into itself): the children's S are read from it instead of solved for, and the parent's S is written to
 * it. An eigenvalue solve is the merge's main cost, and without the cache every interior node would be
 * solved twice, once as a parent and once as a child. The cached parent S is the float64 one its opacity is
 * divided by, not one re-solved from the float32-rounded covariance, so a node's weight o·S in its own parent
 * is its children's total W (up to o's float32 rounding).
 */
export function mergeRangeInto(src: Gaussians, first: number, count: number, dst: Gaussians, dstIndex: number, surfaces?: Float64Array): number {
  if (weights.length < count) weights = new Float64Array(Math.max(count, 2 * weights.length));
  let total = 0;
  for (let k = 0; k < count; k++) {
    const i = first + k;
    const w = src.opacity[i] * (surfaces ? surfaces[i] : surfaceProxy(src.cov, COV_STRIDE * i));
    weights[k] = w;
    total += w;
  }
  // Degenerate children (zero opacity or zero size) carry no weight; share equally rather than divide by 0.
  const equalShare = !(total > 0);
  let mx = 0;
  let my = 0;
  let mz = 0;
  let r = 0;
  let g = 0;
  let b = 0;
  for (let k = 0; k < count; k++) {
    const i = first + k;
    const wh = equalShare ? 1 / count : weights[k] / total;
    weights[k] = wh;
    mx += wh * src.mean[3 * i];
    my += wh * src.mean[3 * i + 1];
    mz += wh * src.mean[3 * i + 2];
    r += wh * src.color[3 * i];
    g += wh * src.color[3 * i + 1];
    b += wh * src.color[3 * i + 2];
  }
  // Second pass about the merged mean, not Σŵ(Σ + μμᵀ) − μμᵀ, which cancels badly far from the origin.
  let xx = 0;
  let xy = 0;
  let xz = 0;
  let yy = 0;
  let yz = 0;
  let zz = 0;
  for (let k = 0; k < count; k++) {
    const i = first + k;
    const wh = weights[k];
    const dx = src.mean[3 * i] - mx;
    const dy = src.mean[3 * i + 1] - my;
    const dz = src.mean[3 * i + 2] - mz;
    const c = COV_STRIDE * i;
    xx += wh * (src.cov[c] + dx * dx);
    xy += wh * (src.cov[c + 1] + dx * dy);
    xz += wh * (src.cov[c + 2] + dx * dz);
    yy += wh * (src.cov[c + 3] + dy * dy);
    yz += wh * (src.cov[c + 4] + dy * dz);
    zz += wh * (src.cov[c + 5] + dz * dz);
  }
  dst.mean[3 * dstIndex] = mx;
  dst.mean[3 * dstIndex + 1] = my;
  dst.mean[3 * dstIndex + 2] = mz;
  dst.color[3 * dstIndex] = r;
  dst.color[3 * dstIndex + 1] = g;
  dst.color[3 * dstIndex + 2] = b;
  const c = COV_STRIDE * dstIndex;
  dst.cov[c] = xx;
  dst.cov[c + 1] = xy;
  dst.cov[c + 2] = xz;
  dst.cov[c + 3] = yy;
  dst.cov[c + 4] = yz;
  dst.cov[c + 5] = zz;
  symmetricEigenvalues3(xx, xy, xz, yy, yz, zz, eigenvalues);
  const parentSurface = surfaceProxyOfVariances(eigenvalues[0], eigenvalues[1], eigenvalues[2]);
  if (surfaces) surfaces[dstIndex] = parentSurface;
  dst.opacity[dstIndex] = equalShare || !(parentSurface > 0) ? 0 : total / parentSurface;
  return total;
}

/** All of `gaussians` merged into one (a new set of count 1). */
export function mergeGaussians(gaussians: Gaussians): Gaussians {
  const merged = allocateGaussians(1);
  mergeRangeInto(gaussians, 0, gaussians.count, merged, 0);
  return merged;
}
