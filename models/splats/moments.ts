/**
 * How exactly the stored merges keep their children's first two moments (models/splats/measure.ts): every
 * interior node recomputed from its stored children in float64 and compared with what the tree stores.
 */
import { symmetricEigenvalues3 } from '../../widgets/splats/hierarchy/eigen3.ts';
import { surfaceProxy } from '../../widgets/splats/hierarchy/merge.ts';
import { COV_STRIDE, type SplatTree } from '../../widgets/splats/types.ts';

export interface MomentErrors {
  /** Interior nodes checked (all of them). */
  interior: number;
  /** Max over interior nodes of ‖μ_stored − μ‖ / ‖μ‖, μ recomputed in float64 from the stored children. */
  meanRelative: number;
  /** The same in metres, ‖μ_stored − μ‖. */
  meanAbsolute: number;
  /** Max of ‖Σ_stored − Σ‖_F / ‖Σ‖_F. */
  covarianceRelative: number;
  /** Max of ‖c_stored − c‖ / ‖c‖ for the colour. */
  colorRelative: number;
  /** Max of |o_stored − W/S(Σ)| / (W/S(Σ)) for the opacity. */
  opacityRelative: number;
}

/**
 * Recomputes every interior node from its stored (float32) children in float64, the merge of Kerbl et al.
 * 2024 written out again here rather than called, and compares it with what the tree stores.
 */
export function momentErrors(tree: SplatTree): MomentErrors {
  const { nodes, childStart, childCount } = tree;
  const { mean, cov, color, opacity } = nodes;
  const m = tree.parent.length;
  const ev = new Float64Array(3);
  const out: MomentErrors = { interior: 0, meanRelative: 0, meanAbsolute: 0, covarianceRelative: 0, colorRelative: 0, opacityRelative: 0 };
  // An octree node has at most 8 children; scratch arrays are reused, since this visits ~700,000 nodes.
  const w = new Float64Array(8);
  const mu = new Float64Array(3);
  const c = new Float64Array(3);
  const d = new Float64Array(3);
  const s = new Float64Array(6);
  // Covariance entries in upper-triangle order (xx, xy, xz, yy, yz, zz) as index pairs.
  const A = [0, 0, 0, 1, 1, 2];
  const B = [0, 1, 2, 1, 2, 2];
  for (let p = 0; p < m; p++) {
    const k = childCount[p]!;
    if (k === 0) continue;
    out.interior++;
    const first = childStart[p]!;
    let total = 0;
    for (let j = 0; j < k; j++) {
      w[j] = opacity[first + j]! * surfaceProxy(cov, COV_STRIDE * (first + j));
      total += w[j]!;
    }
    mu.fill(0);
    c.fill(0);
    s.fill(0);
    for (let j = 0; j < k; j++) {
      const wh = w[j]! / total;
      for (let a = 0; a < 3; a++) {
        mu[a] += wh * mean[3 * (first + j) + a]!;
        c[a] += wh * color[3 * (first + j) + a]!;
      }
    }
    for (let j = 0; j < k; j++) {
      const wh = w[j]! / total;
      for (let a = 0; a < 3; a++) d[a] = mean[3 * (first + j) + a]! - mu[a]!;
      for (let e = 0; e < 6; e++) s[e] += wh * (cov[COV_STRIDE * (first + j) + e]! + d[A[e]!]! * d[B[e]!]!);
    }
    let meanDiff2 = 0;
    let colorDiff2 = 0;
    for (let a = 0; a < 3; a++) {
      meanDiff2 += (mean[3 * p + a]! - mu[a]!) ** 2;
      colorDiff2 += (color[3 * p + a]! - c[a]!) ** 2;
    }
    const meanDiff = Math.sqrt(meanDiff2);
    out.meanAbsolute = Math.max(out.meanAbsolute, meanDiff);
    out.meanRelative = Math.max(out.meanRelative, meanDiff / Math.hypot(mu[0]!, mu[1]!, mu[2]!));
    out.colorRelative = Math.max(out.colorRelative, Math.sqrt(colorDiff2) / Math.hypot(c[0]!, c[1]!, c[2]!));
    // Frobenius norms of the full symmetric matrices: off-diagonal entries count twice.
    let diff2 = 0;
    let norm2 = 0;
    for (let e = 0; e < 6; e++) {
      const twice = A[e] === B[e] ? 1 : 2;
      diff2 += twice * (cov[COV_STRIDE * p + e]! - s[e]!) ** 2;
      norm2 += twice * s[e]! ** 2;
    }
    out.covarianceRelative = Math.max(out.covarianceRelative, Math.sqrt(diff2 / norm2));
    symmetricEigenvalues3(s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!, ev);
    const sq0 = Math.sqrt(Math.max(0, ev[0]!));
    const sq1 = Math.sqrt(Math.max(0, ev[1]!));
    const sq2 = Math.sqrt(Math.max(0, ev[2]!));
    const o = total / (sq0 * sq1 + sq0 * sq2 + sq1 * sq2);
    out.opacityRelative = Math.max(out.opacityRelative, Math.abs(opacity[p]! - o) / o);
  }
  return out;
}
