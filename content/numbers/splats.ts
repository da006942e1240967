/**
 * Every number the essay "Do splats dezoom?" states, read from public/splats/measurements.json, which
 * `npm run splats:measure` (models/splats/measure.ts) computes from the widget's own scenes, octree and
 * cut. The essay imports `n` and writes {n.car.nodes}; test/unit/essays/splats-measurements.test.ts checks that the file is
 * current and that the claims around the numbers hold.
 */
import measurements from '../../public/splats/measurements.json';

type Car = (typeof measurements.scenes)['car'];
type Scene = Omit<Car, 'purity'>;

const us = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percent = (x: number, digits = 0) => `${(100 * x).toFixed(digits)}%`;

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
/** 5.9e-8 → "6 × 10⁻⁸": one significant digit is all an error bound needs. */
export function sci(x: number): string {
  const [mantissa, exponent] = x.toExponential(0).split('e');
  const e = String(Number(exponent)).replace(/./g, (ch) => SUPERSCRIPT[ch] ?? ch);
  return `${mantissa} × 10${e}`;
}

/** Metres at a readable unit: "2.25 m", "28 cm", "4.4 mm", "0.13 µm". */
function length(metres: number): string {
  const units: [number, string][] = [[1, 'm'], [1e-2, 'cm'], [1e-3, 'mm'], [1e-6, 'µm']];
  const [scale, unit] = units.find(([s]) => metres >= s) ?? units.at(-1)!;
  const x = metres / scale;
  return `${x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2)} ${unit}`;
}

/** A share of the leaves, with the digits it needs: "81%", "4.2%", "0.71%", "< 0.01%". */
function share(x: number): string {
  if (x > 0 && x < 0.0001) return '< 0.01%';
  return percent(x, x < 0.01 ? 2 : x < 0.1 ? 1 : 0);
}

/** The shortest run of levels around the fullest one that holds at least `share` of the leaves. */
function leafLevels(s: Scene, share = 0.9) {
  const counts = s.leavesPerLevel;
  let lo = counts.indexOf(Math.max(...counts));
  let hi = lo;
  let held = counts[lo]!;
  while (held < share * s.leaves) {
    const below = lo > 0 ? counts[lo - 1]! : -1;
    const above = hi < counts.length - 1 ? counts[hi + 1]! : -1;
    if (below >= above) held += counts[--lo]!;
    else held += counts[++hi]!;
  }
  return { from: lo, to: hi, share: held / s.leaves };
}

/** "5–8": the levels a cut draws from (the lowest and highest with a drawn node). */
function levelRange(perLevel: number[]): string {
  const lo = perLevel.findIndex((c) => c > 0);
  const hi = perLevel.length - 1 - [...perLevel].reverse().findIndex((c) => c > 0);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

function scene(s: Scene) {
  const levels = leafLevels(s);
  return {
    nodes: us(s.nodes),
    interior: us(s.interior),
    chains: us(s.chains),
    chainsShare: percent(s.chains / s.interior),
    depth: String(s.depth),
    deepestLevel: String(s.depth - 1),
    meanChildren: s.meanChildren.toFixed(2),
    branching: s.branching.map((b) => b.toFixed(1)),
    leafLevelsFrom: String(levels.from),
    leafLevelsTo: String(levels.to),
    leafLevelsShare: percent(levels.share),
    leafSigma: length(s.leafMedianSigma),
    leafFlatness: s.leafMedianFlatness.toFixed(2),
    cubeSide: length(s.cubeSide),
    levelNodes: s.nodesPerLevel.map((c) => us(c)),
    cellSide: s.nodesPerLevel.map((_, level) => length(s.cubeSide / 2 ** level)),
    distances: s.cuts.map((c) => String(c.distance)),
    cuts: s.cuts.map((c) => ({
      distance: String(c.distance),
      drawn: c.drawn.map((d) => us(d)),
      share: c.drawn.map((d) => share(d / s.leaves)),
      levels: c.drawnPerLevel.map(levelRange),
    })),
    moments: {
      mean: sci(s.moments.meanRelative),
      meanAbsolute: length(s.moments.meanAbsolute),
      covariance: sci(s.moments.covarianceRelative),
      color: sci(s.moments.colorRelative),
      opacity: sci(s.moments.opacityRelative),
    },
    shape: s.shape.map((l) => ({
      level: String(l.level),
      cellSide: length(s.cubeSide / 2 ** l.level),
      merged: us(l.merged),
      leaves: us(l.medianLeaves),
      fill: l.medianFill >= 10 ? l.medianFill.toFixed(0) : l.medianFill.toFixed(2),
      flatness: l.medianFlatness.toFixed(2),
      flat: percent(l.flatFraction),
      colorSpread: l.medianColorSpread.toFixed(2),
    })),
  };
}

/** Part purity by level (models/splats/purity.ts) as percentages, with the nulls' ranges over their draws. */
function purity(s: Car) {
  const p = s.purity;
  const pc = (x: number) => (100 * x).toFixed(1);
  const range = (lo: number, hi: number) => (pc(lo) === pc(hi) ? pc(lo) : `${pc(lo)}–${pc(hi)}`);
  /** The first level whose purity reaches `at`. */
  const firstLevel = (at: number) => p.octree.find((o) => o.purity >= at)!.level;
  return {
    parts: p.parts.join(', '),
    partCount: String(p.parts.length),
    bodyShare: percent(p.partShare[p.parts.indexOf('body')]!),
    draws: String(p.spatial.draws),
    turns: String(p.turned.turns),
    levels: p.octree.map((o, level) => ({
      level: String(level),
      cellSide: length(s.cubeSide / 2 ** level),
      nodes: us(o.groups),
      octree: pc(o.purity),
      mixed: pc(1 - o.purity),
      spatial: range(p.spatial.levels[level]!.min, p.spatial.levels[level]!.max),
      spatialMixed: range(1 - p.spatial.levels[level]!.max, 1 - p.spatial.levels[level]!.min),
      turned: range(p.turned.levels[level]!.min, p.turned.levels[level]!.max),
      shuffled: range(p.shuffled.levels[level]!.min, p.shuffled.levels[level]!.max),
    })),
    level99: String(firstLevel(0.99)),
    level99Side: length(s.cubeSide / 2 ** firstLevel(0.99)),
  };
}

const car = { ...scene(measurements.scenes.car), purity: purity(measurements.scenes.car) };
const landscape = scene(measurements.scenes.landscape);
const m = measurements.scenes;
const worst = (key: keyof Scene['moments']) => Math.max(m.car.moments[key], m.landscape.moments[key]);

export const n = {
  leaves: us(measurements.leaves),
  /** The same count as the splats figure's `leaves` field takes it (a try-this control sets the figure to it). */
  leafCount: measurements.leaves,
  seed: String(measurements.seed),
  taus: measurements.taus.map(String),
  flatThreshold: String(measurements.flatThreshold),
  fovyDegrees: ((m.car.camera.fovy * 180) / Math.PI).toFixed(0),
  height: String(m.car.camera.height),
  car,
  landscape,
  // the worst of both scenes, for the prose
  worstMean: sci(worst('meanRelative')),
  worstCovariance: sci(worst('covarianceRelative')),
  worstColor: sci(worst('colorRelative')),
  worstOpacity: sci(worst('opacityRelative')),
  interiorBoth: us(m.car.interior + m.landscape.interior),
};
