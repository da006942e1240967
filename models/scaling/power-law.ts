// A saturating power law, L(x) = E + A · x^−α: the shape Kaplan et al. (2020) and Hoffmann et al. (2022) fit to
// loss against parameters, data or compute. E is the irreducible loss the curve flattens to, A the scale,
// α how fast the reducible part shrinks.
//
// Fitting by variable projection: for a fixed α the model is linear in (E, A), so least squares gives them in
// closed form; only α is searched (a log-spaced grid, then golden-section refinement around the best point).
// One search dimension makes the fit deterministic and free of starting-point luck, which a bootstrap that
// refits hundreds of times needs. E and A are kept ≥ 0 (a loss floor below zero, or a loss that grows with x,
// is not what the law says; when the data want it, the fit lands on the boundary and `boundary` says so).

export interface PowerLaw {
  /** The irreducible loss (the asymptote as x → ∞). */
  E: number;
  /** The scale of the reducible part, in units of the loss at x = 1. */
  A: number;
  /** The exponent: the reducible part falls as x^−α. */
  alpha: number;
}

export interface PowerLawFit extends PowerLaw {
  /** Residual sum of squares, Σ (y − L(x))². */
  rss: number;
  /** Points used. */
  n: number;
  /** Which constraint or search bound the optimum sits on, if any (the fit is then less trustworthy). */
  boundary: ('E=0' | 'A=0' | 'alpha-min' | 'alpha-max')[];
}

export interface PowerLawOptions {
  /** Search range for α (default 0.01 … 3). */
  alphaRange?: readonly [number, number];
  /** Hold E at this value instead of fitting it (E = 0 gives a pure power law). */
  fixE?: number;
}

export const predict = (f: PowerLaw, x: number): number => f.E + f.A * x ** -f.alpha;

/** The geometric mean of positive numbers: the scale the fit divides x by, so x^−α stays well conditioned. */
export function geometricMean(xs: readonly number[]): number {
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

interface Linear {
  E: number;
  A: number;
  rss: number;
  boundary: PowerLawFit['boundary'];
}

/** Least squares for y ≈ E + A·u with E, A ≥ 0 (or E fixed): the inner, linear half of variable projection. */
function fitLinear(u: Float64Array, y: readonly number[], fixE: number | undefined): Linear {
  const n = y.length;
  const rssOf = (E: number, A: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (y[i]! - E - A * u[i]!) ** 2;
    return s;
  };
  const throughE = (E: number): Linear => {
    // A = Σ u (y − E) / Σ u², clamped at 0.
    let su = 0,
      suu = 0;
    for (let i = 0; i < n; i++) {
      su += u[i]! * (y[i]! - E);
      suu += u[i]! * u[i]!;
    }
    const A = suu > 0 ? Math.max(0, su / suu) : 0;
    return { E, A, rss: rssOf(E, A), boundary: A === 0 ? ['A=0'] : [] };
  };
  if (fixE !== undefined) return throughE(fixE);
  let mu = 0,
    my = 0;
  for (let i = 0; i < n; i++) {
    mu += u[i]!;
    my += y[i]!;
  }
  mu /= n;
  my /= n;
  let suy = 0,
    suu = 0;
  for (let i = 0; i < n; i++) {
    suy += (u[i]! - mu) * (y[i]! - my);
    suu += (u[i]! - mu) ** 2;
  }
  const A = suu > 0 ? suy / suu : 0;
  const E = my - A * mu;
  if (A >= 0 && E >= 0) return { E, A, rss: rssOf(E, A), boundary: [] };
  // One constraint binds: the best feasible point lies on E = 0 or on A = 0; take the better.
  const onE0 = { ...throughE(0), boundary: ['E=0'] as PowerLawFit['boundary'] };
  const onA0: Linear = { E: Math.max(0, my), A: 0, rss: rssOf(Math.max(0, my), 0), boundary: ['A=0'] };
  return onE0.rss <= onA0.rss ? onE0 : onA0;
}

/**
 * Fits L = E + A · x^−α to points (x > 0) by least squares on L. Needs at least three distinct x (two with E
 * fixed): with fewer the three parameters are not identified and it throws.
 */
export function fitPowerLaw(xs: readonly number[], ys: readonly number[], options: PowerLawOptions = {}): PowerLawFit {
  if (xs.length !== ys.length) throw new Error('fitPowerLaw: xs and ys differ in length');
  if (xs.some((x) => !(x > 0) || !Number.isFinite(x))) throw new Error('fitPowerLaw: every x must be positive and finite');
  if (ys.some((y) => !Number.isFinite(y))) throw new Error('fitPowerLaw: every y must be finite');
  const distinct = new Set(xs).size;
  const needed = options.fixE === undefined ? 3 : 2;
  if (distinct < needed) throw new Error(`fitPowerLaw: need ${needed} distinct x, got ${distinct}`);
  const [lo, hi] = options.alphaRange ?? [0.01, 3];
  if (!(lo > 0 && hi > lo)) throw new Error('fitPowerLaw: alphaRange must be 0 < lo < hi');

  // Work with z = x / x0: then L = E + A0 · z^−α and A = A0 · x0^α.
  const x0 = geometricMean(xs);
  const logz = xs.map((x) => Math.log(x / x0));
  const u = new Float64Array(xs.length);
  const at = (alpha: number) => {
    for (let i = 0; i < u.length; i++) u[i] = Math.exp(-alpha * logz[i]!);
    return fitLinear(u, ys, options.fixE);
  };

  // Grid in log α, then golden section on the bracket around the best grid point.
  const G = 200;
  const la = Math.log(lo),
    lb = Math.log(hi);
  let best = 0,
    bestRss = Infinity;
  for (let k = 0; k <= G; k++) {
    const r = at(Math.exp(la + ((lb - la) * k) / G)).rss;
    if (r < bestRss) [best, bestRss] = [k, r];
  }
  let a = la + ((lb - la) * Math.max(0, best - 1)) / G;
  let b = la + ((lb - la) * Math.min(G, best + 1)) / G;
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a),
    d = a + phi * (b - a);
  let fc = at(Math.exp(c)).rss,
    fd = at(Math.exp(d)).rss;
  for (let it = 0; it < 80 && b - a > 1e-12; it++) {
    if (fc <= fd) {
      [b, d, fd] = [d, c, fc];
      c = b - phi * (b - a);
      fc = at(Math.exp(c)).rss;
    } else {
      [a, c, fc] = [c, d, fd];
      d = a + phi * (b - a);
      fd = at(Math.exp(d)).rss;
    }
  }
  const alpha = Math.exp((a + b) / 2);
  const lin = at(alpha);
  const boundary = [...lin.boundary];
  if (best === 0 && alpha < lo * 1.001) boundary.push('alpha-min');
  if (best === G && alpha > hi * 0.999) boundary.push('alpha-max');
  return { E: lin.E, A: lin.A * x0 ** alpha, alpha, rss: lin.rss, n: xs.length, boundary };
}
