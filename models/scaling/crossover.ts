// Where one learning curve overtakes another: the data size x at which L_challenger(x) falls below
// L_incumbent(x) (for the essay, a transformer against the best n-gram), found on the fitted power laws and,
// with a bootstrap, given an interval. A curve pair that never crosses inside the search range says so
// (`undefined`); the interval then counts those resamples as "beyond the range" rather than dropping them,
// so a crossing that most resamples do not reach shows as an interval that runs off the end.
import { type PowerLaw, predict } from './power-law.ts';

/**
 * The smallest x in [lo, hi] at which the challenger's curve goes from above (or level with) the incumbent's to
 * below it; undefined if it never does. Searched on a log grid (so a crossing that happens and un-happens within
 * one grid cell can be missed: 400 cells per range are far finer than any curve here bends), then bisection.
 */
export function crossover(challenger: PowerLaw, incumbent: PowerLaw, lo: number, hi: number, cells = 400): number | undefined {
  if (!(lo > 0 && hi > lo)) throw new Error('crossover: need 0 < lo < hi');
  const gap = (x: number) => predict(challenger, x) - predict(incumbent, x);
  if (gap(lo) < 0) return lo; // already ahead at the start of the range
  const [a0, b0] = [Math.log(lo), Math.log(hi)];
  let prev = a0;
  for (let k = 1; k <= cells; k++) {
    const cur = a0 + ((b0 - a0) * k) / cells;
    if (gap(Math.exp(cur)) < 0) {
      let [a, b] = [prev, cur];
      for (let it = 0; it < 100 && b - a > 1e-12; it++) {
        const m = (a + b) / 2;
        if (gap(Math.exp(m)) < 0) b = m;
        else a = m;
      }
      return Math.exp(b);
    }
    prev = cur;
  }
  return undefined;
}

export interface CrossoverSummary {
  /** The crossing on the point fits, or null if they do not cross in range. */
  point: number | null;
  /** Share of bootstrap pairs that cross inside [lo, hi]. */
  share_crossing: number;
  /** Percentile bounds over all pairs, a non-crossing pair counting as +∞; null where a bound is +∞. */
  lo: number | null;
  median: number | null;
  hi: number | null;
  level: number;
  range: [number, number];
}

/**
 * Pairs the i-th bootstrap fit of each learner (independent resamples of independent runs) and summarises where
 * they cross.
 */
export function crossoverInterval(
  point: { challenger: PowerLaw; incumbent: PowerLaw },
  samples: { challenger: readonly PowerLaw[]; incumbent: readonly PowerLaw[] },
  lo: number,
  hi: number,
  level = 0.95,
): CrossoverSummary {
  const k = Math.min(samples.challenger.length, samples.incumbent.length);
  if (k === 0) throw new Error('crossoverInterval: no bootstrap samples');
  const xs: number[] = [];
  for (let i = 0; i < k; i++) xs.push(crossover(samples.challenger[i]!, samples.incumbent[i]!, lo, hi) ?? Infinity);
  xs.sort((a, b) => a - b);
  const q = (p: number) => {
    const v = xs[Math.min(k - 1, Math.max(0, Math.round(p * (k - 1))))]!;
    return Number.isFinite(v) ? v : null;
  };
  return {
    point: crossover(point.challenger, point.incumbent, lo, hi) ?? null,
    share_crossing: xs.filter(Number.isFinite).length / k,
    lo: q((1 - level) / 2),
    median: q(0.5),
    hi: q(1 - (1 - level) / 2),
    level,
    range: [lo, hi],
  };
}
