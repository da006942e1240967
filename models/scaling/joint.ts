// Loss as a function of parameters and data together, Hoffmann et al.'s (2022) "approach 3":
//
//   L(N, D) = E + A · N^−α + B · D^−β,
//
// and what it implies for a compute budget C ≈ 6 N D: the size that minimises L on the curve D = C / (6N),
//
//   N_opt(C) = G · (C/6)^a,  D_opt(C) = (C/6) / N_opt(C),  a = β / (α + β),  G = (α A / (β B))^{1 / (α + β)}.
//
// Fitted like the one-variable law (power-law.ts) by variable projection: for fixed (α, β) the model is linear
// in (E, A, B), solved exactly under E, A, B ≥ 0 (all 8 active sets of a 3-variable problem are tried); (α, β)
// are searched on a log grid, then refined by Nelder–Mead in log space.
import { geometricMean } from './power-law.ts';

export interface JointLaw {
  E: number;
  A: number;
  alpha: number;
  B: number;
  beta: number;
}

export interface JointFit extends JointLaw {
  rss: number;
  n: number;
}

export interface JointPoint {
  /** Parameters. */
  N: number;
  /** Training tokens. */
  D: number;
  loss: number;
}

export const predictJoint = (f: JointLaw, N: number, D: number): number => f.E + f.A * N ** -f.alpha + f.B * D ** -f.beta;

/** Solves the k×k system M x = v (k ≤ 3) by Gaussian elimination; undefined if singular. */
function solve(M: number[][], v: number[]): number[] | undefined {
  const k = v.length;
  const a = M.map((row, i) => [...row, v[i]!]);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) < 1e-300) return undefined;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= k; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row, i) => row[k]! / row[i]!);
}

/** min ‖y − Σ_j x_j col_j‖² subject to x ≥ 0, for three columns, by trying every active set. */
function nnls3(cols: Float64Array[], y: readonly number[]): { x: number[]; rss: number } {
  const n = y.length;
  let best = { x: [0, 0, 0], rss: y.reduce((s, v) => s + v * v, 0) };
  for (let mask = 1; mask < 8; mask++) {
    const free = [0, 1, 2].filter((j) => mask & (1 << j));
    const M = free.map((i) => free.map((j) => cols[i]!.reduce((s, v, t) => s + v * cols[j]![t]!, 0)));
    const v = free.map((i) => cols[i]!.reduce((s, c, t) => s + c * y[t]!, 0));
    const sol = solve(M, v);
    if (!sol || sol.some((s) => s < 0)) continue;
    const x = [0, 0, 0];
    free.forEach((j, k) => (x[j] = sol[k]!));
    let rss = 0;
    for (let t = 0; t < n; t++) rss += (y[t]! - x[0]! * cols[0]![t]! - x[1]! * cols[1]![t]! - x[2]! * cols[2]![t]!) ** 2;
    if (rss < best.rss) best = { x, rss };
  }
  return best;
}

export interface JointOptions {
  /** Search range for both exponents (default 0.02 … 2). */
  exponentRange?: readonly [number, number];
}

/** Fits L(N, D) = E + A N^−α + B D^−β by least squares. Needs ≥ 3 distinct N and ≥ 3 distinct D. */
export function fitJoint(points: readonly JointPoint[], options: JointOptions = {}): JointFit {
  if (points.some((p) => !(p.N > 0 && p.D > 0) || !Number.isFinite(p.loss))) throw new Error('fitJoint: N, D must be positive, loss finite');
  if (new Set(points.map((p) => p.N)).size < 3 || new Set(points.map((p) => p.D)).size < 3)
    throw new Error('fitJoint: need at least 3 distinct N and 3 distinct D');
  const [lo, hi] = options.exponentRange ?? [0.02, 2];
  const N0 = geometricMean(points.map((p) => p.N));
  const D0 = geometricMean(points.map((p) => p.D));
  const lN = points.map((p) => Math.log(p.N / N0));
  const lD = points.map((p) => Math.log(p.D / D0));
  const y = points.map((p) => p.loss);
  const ones = new Float64Array(points.length).fill(1);
  const uN = new Float64Array(points.length);
  const uD = new Float64Array(points.length);
  const at = (la: number, lb: number) => {
    const [alpha, beta] = [Math.exp(la), Math.exp(lb)];
    for (let i = 0; i < points.length; i++) {
      uN[i] = Math.exp(-alpha * lN[i]!);
      uD[i] = Math.exp(-beta * lD[i]!);
    }
    return nnls3([ones, uN, uD], y);
  };
  const [L, H] = [Math.log(lo), Math.log(hi)];
  const clampLog = (v: number) => Math.min(H, Math.max(L, v));
  const objective = (p: number[]) => at(clampLog(p[0]!), clampLog(p[1]!)).rss;

  const G = 24;
  let start = [0, 0],
    bestRss = Infinity;
  for (let i = 0; i <= G; i++)
    for (let j = 0; j <= G; j++) {
      const p = [L + ((H - L) * i) / G, L + ((H - L) * j) / G];
      const r = objective(p);
      if (r < bestRss) [start, bestRss] = [p, r];
    }
  const step = (H - L) / G;
  const p = nelderMead(objective, start, step);
  const [la, lb] = [clampLog(p[0]!), clampLog(p[1]!)];
  const { x, rss } = at(la, lb);
  const [alpha, beta] = [Math.exp(la), Math.exp(lb)];
  return { E: x[0]!, A: x[1]! * N0 ** alpha, alpha, B: x[2]! * D0 ** beta, beta, rss, n: points.length };
}

/** Nelder–Mead in two dimensions from `start` with an initial simplex of size `step`. */
function nelderMead(f: (p: number[]) => number, start: number[], step: number, iterations = 300): number[] {
  let simplex = [start, [start[0]! + step, start[1]!], [start[0]!, start[1]! + step]].map((p) => ({ p, v: f(p) }));
  const comb = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i]! - ai));
  for (let it = 0; it < iterations; it++) {
    simplex.sort((a, b) => a.v - b.v);
    const [best, mid, worst] = simplex as [(typeof simplex)[0], (typeof simplex)[0], (typeof simplex)[0]];
    if (Math.abs(worst.v - best.v) <= 1e-14 * (1 + Math.abs(best.v)) && Math.hypot(worst.p[0]! - best.p[0]!, worst.p[1]! - best.p[1]!) < 1e-10) break;
    const centroid = comb(best.p, mid.p, 0.5);
    const reflect = comb(centroid, worst.p, -1);
    const vr = f(reflect);
    if (vr < best.v) {
      const expand = comb(centroid, worst.p, -2);
      const ve = f(expand);
      simplex = [best, mid, ve < vr ? { p: expand, v: ve } : { p: reflect, v: vr }];
    } else if (vr < mid.v) {
      simplex = [best, mid, { p: reflect, v: vr }];
    } else {
      const contract = comb(centroid, worst.p, 0.5);
      const vc = f(contract);
      if (vc < worst.v) simplex = [best, mid, { p: contract, v: vc }];
      else simplex = [best, ...[mid, worst].map((s) => { const q = comb(best.p, s.p, 0.5); return { p: q, v: f(q) }; })];
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return simplex[0]!.p;
}

export interface ComputeOptimum {
  compute: number;
  N: number;
  D: number;
  loss: number;
}

/**
 * The compute-optimal allocation of a budget C (FLOPs, C = 6 N D) under a joint law. Requires A, B > 0 (if the
 * fit dropped a term, the optimum runs to an edge and this throws: the law then says nothing about allocation).
 */
export function computeOptimal(f: JointLaw, compute: number): ComputeOptimum {
  if (!(f.A > 0 && f.B > 0)) throw new Error('computeOptimal: the fit has no parameter or no data term');
  const s = f.alpha + f.beta;
  const G = ((f.alpha * f.A) / (f.beta * f.B)) ** (1 / s);
  const N = G * (compute / 6) ** (f.beta / s);
  const D = compute / 6 / N;
  return { compute, N, D, loss: predictJoint(f, N, D) };
}
