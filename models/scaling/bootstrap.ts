// Intervals by the bootstrap over runs (Efron 1979): refit on resamples of the runs, drawn with replacement, and
// read the spread of the refitted quantity. Resampling runs (not points of one curve) is what "how sure are we
// of this exponent, given these runs" asks; with a handful of runs the interval is wide, and it should be.
import { mulberry32 } from '../../widgets/runtime/mulberry32.ts';

export interface BootstrapOptions {
  /** Resamples to keep (default 1000). */
  draws?: number;
  /** Seed of the resampling (default 2001). */
  seed?: number;
  /** Give up after this many rejected resamples (a fit that returned undefined), default 20 × draws. */
  maxRejects?: number;
}

export interface BootstrapResult<R> {
  /** One result per kept resample. */
  samples: R[];
  /** Resamples the fit rejected (e.g. too few distinct x to identify the curve) and that were redrawn. */
  rejected: number;
}

/**
 * Resamples `items` with replacement (same size), calls `fit` on each resample, keeps what it returns; a fit
 * that returns undefined rejects the resample and another is drawn. Deterministic for a given seed.
 */
export function bootstrap<T, R>(items: readonly T[], fit: (sample: T[]) => R | undefined, options: BootstrapOptions = {}): BootstrapResult<R> {
  const draws = options.draws ?? 1000;
  const maxRejects = options.maxRejects ?? 20 * draws;
  if (items.length === 0) throw new Error('bootstrap: no items');
  const random = mulberry32(options.seed ?? 2001);
  const samples: R[] = [];
  let rejected = 0;
  while (samples.length < draws) {
    const resample = Array.from({ length: items.length }, () => items[Math.floor(random() * items.length)]!);
    const r = fit(resample);
    if (r === undefined) {
      if (++rejected > maxRejects) throw new Error(`bootstrap: more than ${maxRejects} resamples rejected`);
    } else samples.push(r);
  }
  return { samples, rejected };
}

/** The q-quantile (0 ≤ q ≤ 1) of numbers, linear between order statistics; ±Infinity values sort as such. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile: no values');
  if (values.some(Number.isNaN)) throw new Error('quantile: NaN');
  const s = values.slice().sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const i = Math.floor(pos);
  const f = pos - i;
  if (f === 0 || i + 1 >= s.length) return s[i]!;
  const [lo, hi] = [s[i]!, s[i + 1]!];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return f < 0.5 ? lo : hi;
  return lo + f * (hi - lo);
}

export interface Interval {
  /** The lower and upper percentile bounds, e.g. 2.5 % and 97.5 % for level 0.95. */
  lo: number;
  hi: number;
  level: number;
}

/** The central percentile interval of bootstrap values at `level` (default 0.95). */
export function percentileInterval(values: readonly number[], level = 0.95): Interval {
  return { lo: quantile(values, (1 - level) / 2), hi: quantile(values, 1 - (1 - level) / 2), level };
}
