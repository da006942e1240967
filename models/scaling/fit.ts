// The scaling fits of "The bitter lesson at toy scale", as the factory and the tests call them: a power law
// with bootstrap intervals over runs, the joint law with its compute-optimal sizes, and the crossover of two
// learners. The math is in power-law.ts, joint.ts, crossover.ts and bootstrap.ts; this file pairs each
// point fit with its resampled spread.
import { bootstrap, percentileInterval, type BootstrapOptions, type Interval } from './bootstrap.ts';
import { computeOptimal, fitJoint, type JointFit, type JointLaw, type JointOptions, type JointPoint } from './joint.ts';
import { fitPowerLaw, type PowerLaw, type PowerLawFit, type PowerLawOptions } from './power-law.ts';

export interface Run {
  /** The scaled quantity: parameters, training tokens or FLOPs. */
  x: number;
  /** The loss (e.g. validation bits per character). */
  y: number;
}

export interface IntervalOptions extends BootstrapOptions {
  /** Confidence level of the percentile intervals (default 0.95). */
  level?: number;
}

export interface PowerLawWithIntervals {
  fit: PowerLawFit;
  interval: { E: Interval; A: Interval; alpha: Interval };
  /** The bootstrap refits (for predictions with bands, and crossovers). */
  samples: PowerLaw[];
  rejected: number;
}

/** Fits L = E + A x^−α to runs, with percentile intervals from refits on runs resampled with replacement. */
export function fitPowerLawRuns(runs: readonly Run[], options: PowerLawOptions & IntervalOptions = {}): PowerLawWithIntervals {
  const fit = fitPowerLaw(runs.map((r) => r.x), runs.map((r) => r.y), options);
  const needed = options.fixE === undefined ? 3 : 2;
  const { samples, rejected } = bootstrap(
    runs,
    (s) => {
      if (new Set(s.map((r) => r.x)).size < needed) return undefined; // the curve is not identified by this resample
      const f = fitPowerLaw(s.map((r) => r.x), s.map((r) => r.y), options);
      return { E: f.E, A: f.A, alpha: f.alpha };
    },
    options,
  );
  const level = options.level ?? 0.95;
  const of = (k: keyof PowerLaw) => percentileInterval(samples.map((f) => f[k]), level);
  return { fit, interval: { E: of('E'), A: of('A'), alpha: of('alpha') }, samples, rejected };
}

export interface JointWithIntervals {
  fit: JointFit;
  interval: Record<keyof JointLaw, Interval>;
  samples: JointLaw[];
  rejected: number;
}

export function fitJointRuns(points: readonly JointPoint[], options: JointOptions & IntervalOptions = {}): JointWithIntervals {
  const fit = fitJoint(points, options);
  const { samples, rejected } = bootstrap(
    points,
    (s) => {
      if (new Set(s.map((p) => p.N)).size < 3 || new Set(s.map((p) => p.D)).size < 3) return undefined;
      const { E, A, alpha, B, beta } = fitJoint(s, options);
      return { E, A, alpha, B, beta };
    },
    { draws: 300, ...options },
  );
  const level = options.level ?? 0.95;
  const keys = ['E', 'A', 'alpha', 'B', 'beta'] as const;
  const interval = Object.fromEntries(keys.map((k) => [k, percentileInterval(samples.map((f) => f[k]), level)])) as Record<keyof JointLaw, Interval>;
  return { fit, interval, samples, rejected };
}

export interface OptimumRow {
  compute: number;
  N: number;
  D: number;
  loss: number;
  /** Interval of N_opt and D_opt over the bootstrap fits that keep both terms (A, B > 0). */
  N_interval: Interval;
  D_interval: Interval;
}

/** The compute-optimal size and data per budget, with bootstrap intervals. */
export function computeOptimalTable(joint: JointWithIntervals, budgets: readonly number[], level = 0.95): OptimumRow[] {
  const usable = joint.samples.filter((s) => s.A > 0 && s.B > 0);
  return budgets.map((C) => {
    const o = computeOptimal(joint.fit, C);
    const opts = usable.map((s) => computeOptimal(s, C));
    return {
      ...o,
      N_interval: percentileInterval(opts.map((p) => p.N), level),
      D_interval: percentileInterval(opts.map((p) => p.D), level),
    };
  });
}
