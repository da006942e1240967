/**
 * What a merged splat loses (models/splats/measure.ts): per level of the tree, how much more volume a merged
 * node fills than its leaves, how flat it still is, and how different the colours it averages were.
 */
import { symmetricEigenvalues3 } from '../../widgets/splats/hierarchy/eigen3.ts';
import { surfaceProxy } from '../../widgets/splats/hierarchy/merge.ts';
import { COV_STRIDE, type SplatTree } from '../../widgets/splats/types.ts';

/** A merged node counts as "flat" when its thinnest axis is under this fraction of its widest (σ ratio). */
export const FLAT = 0.2;

export interface LevelShape {
  level: number;
  /** Interior nodes on this level with at least two children (a chain node is its child, nothing merged). */
  merged: number;
  /** Median over them of the volume ratio √det Σ_node / Σ_{leaves below} √det Σ_leaf. */
  medianFill: number;
  /** Median thinnest-over-widest axis, √(λmin/λmax). */
  medianFlatness: number;
  /** Fraction of them that are still flat (flatness < FLAT), like the surface splats they stand for. */
  flatFraction: number;
  /** Median over them of the leaves' colour spread, √(weighted variance summed over r, g, b). */
  medianColorSpread: number;
  /** Median number of leaves below. */
  medianLeaves: number;
}

const median = (values: Float64Array): number => {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const h = sorted.length >> 1;
  return sorted.length % 2 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
};

/**
 * What a merged node does not keep. Its children were thin surface splats; it is one solid ellipsoid. Per
 * level: how much more volume (√det Σ, the 1σ ellipsoid's up to 4π/3) the node fills than the leaves it
 * stands for together, how flat it still is, and how different the colours it averages were.
 */
export function shapeByLevel(tree: SplatTree): { shape: LevelShape[]; leafMedianFlatness: number; leafMedianSigma: number } {
  const { nodes, childStart, childCount, level } = tree;
  const m = tree.parent.length;
  const volume = new Float64Array(m);
  const flatness = new Float64Array(m);
  const widest = new Float64Array(m);
  const ev = new Float64Array(3);
  for (let i = 0; i < m; i++) {
    const o = COV_STRIDE * i;
    const c = nodes.cov;
    symmetricEigenvalues3(c[o]!, c[o + 1]!, c[o + 2]!, c[o + 3]!, c[o + 4]!, c[o + 5]!, ev);
    const lo = Math.max(0, Math.min(ev[0]!, ev[1]!, ev[2]!));
    const hi = Math.max(ev[0]!, ev[1]!, ev[2]!);
    volume[i] = Math.sqrt(Math.max(0, ev[0]!) * Math.max(0, ev[1]!) * Math.max(0, ev[2]!));
    flatness[i] = Math.sqrt(lo / hi);
    widest[i] = Math.sqrt(hi);
  }
  // Bottom-up sums over the leaves below each node: their volumes, their count, and the colour moments
  // (weight w = o·S as in the merge, Σw·c and Σw·|c|²) from which the colour variance follows.
  const leafVolume = new Float64Array(m);
  const leafCount = new Float64Array(m);
  const wSum = new Float64Array(m);
  const wc = new Float64Array(3 * m);
  const wcc = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    const k = childCount[i]!;
    if (k === 0) {
      leafVolume[i] = volume[i]!;
      leafCount[i] = 1;
      const w = nodes.opacity[i]! * surfaceProxy(nodes.cov, COV_STRIDE * i);
      wSum[i] = w;
      let cc = 0;
      for (let a = 0; a < 3; a++) {
        const x = nodes.color[3 * i + a]!;
        wc[3 * i + a] = w * x;
        cc += x * x;
      }
      wcc[i] = w * cc;
      continue;
    }
    const first = childStart[i]!;
    for (let j = first; j < first + k; j++) {
      leafVolume[i] += leafVolume[j]!;
      leafCount[i] += leafCount[j]!;
      wSum[i] += wSum[j]!;
      for (let a = 0; a < 3; a++) wc[3 * i + a] += wc[3 * j + a]!;
      wcc[i] += wcc[j]!;
    }
  }
  const byLevel: number[][] = Array.from({ length: tree.depth }, () => []);
  for (let i = 0; i < m; i++) if (childCount[i]! >= 2) byLevel[level[i]!]!.push(i);
  const shape: LevelShape[] = [];
  byLevel.forEach((ids, lv) => {
    if (ids.length === 0) return;
    const pick = (f: (i: number) => number) => median(Float64Array.from(ids, f));
    const spread = (i: number) => {
      const w = wSum[i]!;
      const mean2 = [0, 1, 2].reduce((acc, a) => acc + (wc[3 * i + a]! / w) ** 2, 0);
      return Math.sqrt(Math.max(0, wcc[i]! / w - mean2));
    };
    shape.push({
      level: lv,
      merged: ids.length,
      medianFill: pick((i) => volume[i]! / leafVolume[i]!),
      medianFlatness: pick((i) => flatness[i]!),
      flatFraction: ids.filter((i) => flatness[i]! < FLAT).length / ids.length,
      medianColorSpread: pick(spread),
      medianLeaves: pick((i) => leafCount[i]!),
    });
  });
  const leaves: number[] = [];
  for (let i = 0; i < m; i++) if (childCount[i] === 0) leaves.push(i);
  return {
    shape,
    leafMedianFlatness: median(Float64Array.from(leaves, (i) => flatness[i]!)),
    leafMedianSigma: median(Float64Array.from(leaves, (i) => widest[i]!)),
  };
}
