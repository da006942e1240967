// The scaling fits recover known laws from synthetic runs: exact data to many digits, noisy data within
// tolerances that the noise allows, and intervals that contain the truth.
import { describe, expect, it } from 'vitest';
import { percentileInterval, quantile, bootstrap } from '../../../models/scaling/bootstrap.ts';
import { crossover, crossoverInterval } from '../../../models/scaling/crossover.ts';
import { computeOptimalTable, fitJointRuns, fitPowerLawRuns, type Run } from '../../../models/scaling/fit.ts';
import { computeFrontier, trainingFlops } from '../../../models/scaling/frontier.ts';
import { computeOptimal, fitJoint, predictJoint, type JointLaw } from '../../../models/scaling/joint.ts';
import { fitPowerLaw, predict, type PowerLaw } from '../../../models/scaling/power-law.ts';
import { mulberry32 } from '../../../widgets/runtime/mulberry32.ts';

/** Standard normal draws (Box–Muller) from a seeded generator. */
function gaussian(seed: number): () => number {
  const r = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

const sizes = [1e4, 3e4, 1e5, 3e5, 1e6, 2e6];
const truth: PowerLaw = { E: 1.2, A: 40, alpha: 0.35 };

function noisyRuns(law: PowerLaw, xs: readonly number[], seeds: number, sd: number, seed: number): Run[] {
  const g = gaussian(seed);
  return xs.flatMap((x) => Array.from({ length: seeds }, () => ({ x, y: predict(law, x) + sd * g() })));
}

describe('fitPowerLaw', () => {
  it('recovers an exact law to many digits', () => {
    const f = fitPowerLaw(sizes, sizes.map((x) => predict(truth, x)));
    expect(f.alpha).toBeCloseTo(truth.alpha, 6);
    expect(f.E).toBeCloseTo(truth.E, 6);
    expect(f.A / truth.A).toBeCloseTo(1, 4);
    expect(f.rss).toBeLessThan(1e-15);
    expect(f.boundary).toEqual([]);
  });

  it('recovers exponents across a range of laws (data and compute scales too)', () => {
    for (const law of [
      { E: 0, A: 3, alpha: 0.08 },
      { E: 2.5, A: 0.9, alpha: 0.5 },
      { E: 0.7, A: 1e3, alpha: 1.1 },
    ]) {
      const xs = [1e5, 4e5, 1.6e6, 6.4e6, 2.56e7].map((x) => x * 1e3); // FLOP-sized inputs
      const f = fitPowerLaw(xs, xs.map((x) => predict(law, x)));
      expect(f.alpha).toBeCloseTo(law.alpha, 4);
      expect(f.E).toBeCloseTo(law.E, 4);
    }
  });

  it('holds E where asked (a pure power law through E = 0)', () => {
    const law = { E: 0, A: 5, alpha: 0.2 };
    const f = fitPowerLaw([10, 100, 1000], [10, 100, 1000].map((x) => predict(law, x)), { fixE: 0 });
    expect(f.E).toBe(0);
    expect(f.alpha).toBeCloseTo(0.2, 6);
  });

  it('lands on the E = 0 boundary, and says so, when the data want a negative floor', () => {
    // y = −0.5 + 10 x^−0.3 cannot be matched with E ≥ 0.
    const xs = [1, 10, 100, 1000, 1e4];
    const f = fitPowerLaw(xs, xs.map((x) => -0.5 + 10 * x ** -0.3));
    expect(f.E).toBe(0);
    expect(f.boundary).toContain('E=0');
  });

  it('refuses curves it cannot identify, and bad input', () => {
    expect(() => fitPowerLaw([1, 1, 2], [3, 3, 2])).toThrow(/3 distinct/);
    expect(() => fitPowerLaw([0, 1, 2], [1, 1, 1])).toThrow(/positive/);
    expect(() => fitPowerLaw([1, 2, 3], [1, NaN, 1])).toThrow(/finite/);
  });
});

describe('fitPowerLawRuns: bootstrap over runs', () => {
  const runs = noisyRuns(truth, sizes, 3, 0.01, 7);
  const r = fitPowerLawRuns(runs, { draws: 400, seed: 3 });

  it('recovers the exponent from noisy runs within tolerance', () => {
    expect(Math.abs(r.fit.alpha - truth.alpha)).toBeLessThan(0.06);
    expect(Math.abs(r.fit.E - truth.E)).toBeLessThan(0.05);
  });

  it('gives intervals that contain the truth and the point fit, and narrow with less noise', () => {
    expect(r.interval.alpha.lo).toBeLessThan(truth.alpha);
    expect(r.interval.alpha.hi).toBeGreaterThan(truth.alpha);
    expect(r.interval.E.lo).toBeLessThan(truth.E);
    expect(r.interval.E.hi).toBeGreaterThan(truth.E);
    expect(r.interval.alpha.lo).toBeLessThanOrEqual(r.fit.alpha);
    expect(r.interval.alpha.hi).toBeGreaterThanOrEqual(r.fit.alpha);
    const quiet = fitPowerLawRuns(noisyRuns(truth, sizes, 3, 0.001, 7), { draws: 400, seed: 3 });
    expect(quiet.interval.alpha.hi - quiet.interval.alpha.lo).toBeLessThan(r.interval.alpha.hi - r.interval.alpha.lo);
  });

  it('covers the truth at about the nominal rate over repeated experiments', () => {
    // 40 independent noisy experiments: a 95 % interval should miss α rarely (≤ 6 misses allows for chance
    // and for the percentile bootstrap's known undercoverage with few runs).
    let misses = 0;
    for (let e = 0; e < 40; e++) {
      const f = fitPowerLawRuns(noisyRuns(truth, sizes, 3, 0.01, 100 + e), { draws: 200, seed: e });
      if (f.interval.alpha.lo > truth.alpha || f.interval.alpha.hi < truth.alpha) misses++;
    }
    expect(misses).toBeLessThanOrEqual(6);
  });

  it('is deterministic for a seed and rejects resamples that cannot identify the curve', () => {
    const again = fitPowerLawRuns(runs, { draws: 400, seed: 3 });
    expect(again.interval).toEqual(r.interval);
    // Three sizes, one run each: many resamples repeat a size and are redrawn.
    const few = fitPowerLawRuns(runs.filter((_, i) => i % 3 === 0).slice(0, 3), { draws: 50, seed: 1 });
    expect(few.rejected).toBeGreaterThan(0);
    expect(few.samples).toHaveLength(50);
  });
});

describe('bootstrap and quantiles', () => {
  it('quantile interpolates and handles infinities', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2], 0.25)).toBe(1.25);
    expect(quantile([1, Infinity], 0.9)).toBe(Infinity);
    const iv = percentileInterval(Array.from({ length: 101 }, (_, i) => i), 0.9);
    expect(iv.lo).toBeCloseTo(5, 10);
    expect(iv.hi).toBeCloseTo(95, 10);
    expect(iv.level).toBe(0.9);
  });
  it('resamples with replacement, same size, from the items only', () => {
    const { samples } = bootstrap([1, 2, 3, 4], (s) => s, { draws: 50, seed: 9 });
    for (const s of samples) {
      expect(s).toHaveLength(4);
      for (const v of s) expect([1, 2, 3, 4]).toContain(v);
    }
    expect(samples.some((s) => new Set(s).size < 4)).toBe(true);
  });
});

describe('joint law and the compute-optimal size', () => {
  const law: JointLaw = { E: 1.5, A: 30, alpha: 0.34, B: 200, beta: 0.28 };
  const Ns = [1e4, 4e4, 1.6e5, 6.4e5, 2e6];
  const Ds = [2e5, 4e5, 8e5, 1.6e6];
  const grid = Ns.flatMap((N) => Ds.map((D) => ({ N, D, loss: predictJoint(law, N, D) })));

  it('recovers both exponents from an exact grid', () => {
    const f = fitJoint(grid);
    expect(f.alpha).toBeCloseTo(law.alpha, 3);
    expect(f.beta).toBeCloseTo(law.beta, 3);
    expect(f.E).toBeCloseTo(law.E, 3);
  });

  it('the optimum minimises the loss along the iso-compute curve, and N_opt grows as C^(β/(α+β))', () => {
    const C = 1e13;
    const o = computeOptimal(law, C);
    expect(trainingFlops(o.N, o.D)).toBeCloseTo(C, -2);
    for (const f of [0.5, 0.8, 1.25, 2]) expect(predictJoint(law, o.N * f, C / 6 / (o.N * f))).toBeGreaterThan(o.loss);
    const o2 = computeOptimal(law, 100 * C);
    expect(Math.log(o2.N / o.N) / Math.log(100)).toBeCloseTo(law.beta / (law.alpha + law.beta), 10);
  });

  it('noisy grid: exponents within tolerance, optimum intervals contain the true optimum', () => {
    const g = gaussian(11);
    const noisy = grid.map((p) => ({ ...p, loss: p.loss + 0.003 * g() }));
    const j = fitJointRuns(noisy, { draws: 80, seed: 5 });
    expect(Math.abs(j.fit.alpha - law.alpha)).toBeLessThan(0.08);
    expect(Math.abs(j.fit.beta - law.beta)).toBeLessThan(0.08);
    const [row] = computeOptimalTable(j, [1e12]);
    const trueN = computeOptimal(law, 1e12).N;
    expect(row!.N_interval.lo).toBeLessThan(trueN);
    expect(row!.N_interval.hi).toBeGreaterThan(trueN);
  });

  it('refuses a law with no data term', () => {
    expect(() => computeOptimal({ ...law, B: 0 }, 1e12)).toThrow();
  });
});

describe('crossover', () => {
  // The incumbent starts better and flattens early (E = 1.9); the challenger starts worse and keeps falling.
  const incumbent: PowerLaw = { E: 1.9, A: 5, alpha: 0.3 };
  const challenger: PowerLaw = { E: 1.2, A: 40, alpha: 0.3 };

  it('finds where the curves cross, to bisection precision', () => {
    const x = crossover(challenger, incumbent, 1e3, 1e12)!;
    expect(predict(challenger, x)).toBeCloseTo(predict(incumbent, x), 8);
    // Analytic: 0.7 = 35 x^−0.3 → x = 50^(1/0.3).
    expect(x / 50 ** (1 / 0.3)).toBeCloseTo(1, 6);
  });

  it('says when they do not cross in range, and when the challenger leads from the start', () => {
    expect(crossover(challenger, incumbent, 1e3, 1e4)).toBeUndefined();
    expect(crossover(incumbent, challenger, 1e3, 1e12)).toBe(1e3);
  });

  it('the bootstrap interval brackets the crossing, and runs off the end when few resamples cross', () => {
    const xs = [1e4, 3e4, 1e5, 3e5, 1e6];
    const a = fitPowerLawRuns(noisyRuns(challenger, xs, 3, 0.01, 1), { draws: 300, seed: 1 });
    const b = fitPowerLawRuns(noisyRuns(incumbent, xs, 3, 0.01, 2), { draws: 300, seed: 2 });
    const s = crossoverInterval({ challenger: a.fit, incumbent: b.fit }, { challenger: a.samples, incumbent: b.samples }, 1e3, 1e12);
    const truthX = 50 ** (1 / 0.3);
    expect(s.share_crossing).toBeGreaterThan(0);
    expect(s.lo!).toBeLessThan(truthX);
    expect(s.hi === null || s.hi > truthX).toBe(true);
    const short = crossoverInterval({ challenger: a.fit, incumbent: b.fit }, { challenger: a.samples, incumbent: b.samples }, 1e3, 1e5);
    expect(short.point).toBeNull();
    expect(short.hi).toBeNull();
  });
});

describe('compute frontier', () => {
  it('keeps only points no cheaper point beats', () => {
    const pts = [
      { compute: 1, loss: 5 },
      { compute: 2, loss: 6 },
      { compute: 3, loss: 4 },
      { compute: 3, loss: 4.5 },
      { compute: 4, loss: 4 },
      { compute: 5, loss: 3 },
    ];
    expect(computeFrontier(pts)).toEqual([pts[0], pts[2], pts[5]]);
  });
});
