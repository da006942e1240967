/**
 * Every number the essay "Edges, corners, cars" states, read from the convnet's model card
 * (public/models/convnet.json) and its measurements (public/models/convnet-measurements.json, validated by
 * widgets/models/convnet/measurements.ts), both written by `npm run models`. The essay imports `n` and writes
 * {n.valAccuracy}; test/unit/essays/convnet-claims.test.ts holds the words around the numbers to the files.
 */
import card from '../../public/models/convnet.json';
import raw from '../../public/models/convnet-measurements.json';
import { FAMILIES, NMI_KEYS, parseConvnetMeasurements, type Family, type NmiKey } from '../../widgets/models/convnet/measurements.ts';

export const measurements = parseConvnetMeasurements(raw);
const sel = measurements.selectivity;
const rf = measurements.receptiveFields;

const us = (x: number) => x.toLocaleString('en-US');
const fixed = (x: number, digits: number) => x.toFixed(digits);
/** 0.942 → "94.2%", 1 → "100%", 0.9996 → "99.96%": enough digits to show it is not quite 100%. */
function percent(x: number): string {
  if (x === 1) return '100%';
  const digits = x > 0.999 ? 2 : 1;
  return `${(100 * x).toFixed(digits)}%`;
}
/** A 0–1 information share to two significant digits: "0.31", "0.046", "0.0052". */
function nmi(x: number): string {
  return x >= 0.1 ? x.toFixed(2) : x.toPrecision(2);
}

/** Orientation bin k as the angle it is centred on, as seen on screen: "0°", "22.5°", "45°", … */
const orientationDegrees = (bin: number) => `${(22.5 * bin).toFixed(1).replace(/\.0$/, '')}°`;

const classes = card.metrics.class_names;
const matrix = card.metrics.confusion_matrix.matrix;
const valCount = card.training.counts.val;
const correct = matrix.reduce((s, row, i) => s + row[i]!, 0);

/** Off-diagonal cells of the confusion matrix, largest first: which true class went to which prediction. */
const confusions = matrix
  .flatMap((row, i) => row.map((count, j) => ({ truth: classes[i]!, predicted: classes[j]!, count, of: row.reduce((a, b) => a + b, 0) })).filter((c, j) => j !== i && c.count > 0))
  .sort((a, b) => b.count - a.count);

/** The block (1-based) of largest mean NMI for a key after training, and for the rise over initialisation. */
export function peakBlock(key: NmiKey, of: 'trained' | 'rise' = 'trained'): number {
  const values = sel.blocks.map((b) => (of === 'trained' ? b.summary.meanNmi[key] : (b.summary.rise[key] ?? 0)));
  return values.indexOf(Math.max(...values)) + 1;
}

/** Layer-1 channels that prefer one orientation: best orientation lift above `threshold`. */
export function orientedChannels(threshold: number) {
  const b = sel.blocks[0]!;
  return b.bestLift.orientation
    .map((lift, c) => ({ channel: c, lift, bin: b.best.orientation[c] }))
    .filter((x): x is { channel: number; lift: number; bin: number } => x.lift !== null && x.bin !== null && x.lift > threshold);
}

/** Per block, channels whose top val images all come from one class (val image i is of class i mod the class
 * count: models/data/drawings.ts cycles through the classes). */
export function pureTopChannels(block: number): { pure: number; channels: number; classes: string[] } {
  const channels = measurements.topPatches[block - 1]!.channels;
  const pure = channels.filter((patches) => new Set(patches.map((p) => p.image % classes.length)).size === 1);
  return { pure: pure.length, channels: channels.length, classes: pure.map((patches) => classes[patches[0]!.image % classes.length]!) };
}

/** A rise over the untrained networks as its range over them: "2.1–2.6×", or "2.3×" when they agree to 0.1. */
function riseRangeText(r: [number, number] | null): string {
  if (r === null) return '–';
  const [lo, hi] = r.map((x) => x.toFixed(1));
  return lo === hi ? `${lo}×` : `${lo}–${hi}×`;
}

/** Layer-1 kernels whose weights sum to more than `threshold`: they respond to ink in any direction. */
function inkKernels(threshold: number): number {
  return measurements.kernels.weight.filter((k) => k.flat().reduce((a, b) => a + b, 0) > threshold).length;
}

/** σ per axis of a uniform window of r pixels (a discrete uniform over r pixel centres): what the effective field
 * would be if every pixel of the theoretical field counted the same. */
export const uniformSigma = (r: number) => Math.sqrt((r * r - 1) / 12);

/** Over all blocks, channels whose best shape lift exceeds `threshold`, counted by that shape; the most common. */
export function shapePreferences(threshold: number) {
  const counts = new Map<string, number>();
  for (const b of sel.blocks)
    b.bestLift.shape.forEach((lift, c) => {
      const shape = b.best.shape[c];
      if (lift !== null && shape !== null && shape !== undefined && lift > threshold) {
        const name = measurements.meta.shapes[shape]!;
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    });
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  return { counts: Object.fromEntries(sorted), top: sorted[0]!, total: sorted.reduce((s, [, k]) => s + k, 0) };
}

/** The largest ratio between two random initialisations' mean NMI, over blocks and keys: the noise floor of a rise. */
function initSpread(): number {
  let worst = 1;
  sel.initSummary.forEach((a, i) => {
    const b = sel.otherInitSummary[i]!;
    for (const k of NMI_KEYS) worst = Math.max(worst, a.meanNmi[k] / b.meanNmi[k], b.meanNmi[k] / a.meanNmi[k]);
  });
  return worst;
}

/** Per block, channels whose best shape by lift (any lift) is `shape`. */
export function bestShapeCount(block: number, shape: string): number {
  const k = measurements.meta.shapes.indexOf(shape);
  return sel.blocks[block - 1]!.best.shape.filter((x) => x === k).length;
}

/** The first checkpoint from which σ of each of `blocks` (0-based) stays inside the final checkpoint's interval. */
export function erfSettledEpoch(blocks: number[]): number {
  const t = rf.training;
  const last = t.at(-1)!;
  const inside = (c: (typeof t)[number]) => blocks.every((b) => c.sigma[b]! >= last.low[b]! && c.sigma[b]! <= last.high[b]!);
  let k = t.length - 1;
  while (k > 0 && inside(t[k - 1]!)) k--;
  return t[k]!.epoch;
}

/** The second trained network (the same training from another initialisation, measurements `second`). */
const second = measurements.second;

/** Over all blocks of a network, channels whose best shape lift exceeds `threshold` and whose best shape is `shape`. */
export function shapeChannels(blocks: { bestLift: Record<Family, (number | null)[]>; best: Record<Family, (number | null)[]> }[], shape: string, threshold: number): number {
  const k = measurements.meta.shapes.indexOf(shape);
  return blocks.reduce((s, b) => s + b.bestLift.shape.filter((l, c) => l !== null && l > threshold && b.best.shape[c] === k).length, 0);
}

const SHAPE_PLURAL: Record<string, string> = { straight: 'straight stretches', corner: 'corners', curve: 'curves', end: 'the ends of strokes' };

const TABLE_KEYS: NmiKey[] = ['orientation', 'shape', 'part', 'class', 'part_given_class', 'class_image'];
const erfRatio = (x: number) => `${x.toFixed(2)}×`;
const share = (x: number) => `${Math.round(100 * x)}%`;
const ORIENTED_LIFT = 1.5;
const oriented = orientedChannels(ORIENTED_LIFT);
const maxBy = (xs: (number | null)[]) => Math.max(...xs.map((x) => x ?? -Infinity));

export const n = {
  classes: String(classes.length),
  classList: classes.join(', '),
  parts: String(measurements.meta.parts.length),
  orientationBins: String(measurements.meta.orientationBins),
  train: us(card.training.counts.train),
  val: us(valCount),
  params: us(card.architecture.params),
  epochs: String(card.training.epochs),
  shift: String(card.training.hyperparameters.shift),
  trainMinutes: `${Math.round(card.training.seconds / 60)} minutes`,
  valAccuracy: percent(card.metrics.val_accuracy),
  valCorrect: us(correct),
  valErrors: us(valCount - correct),
  curve: card.training.curve.map((e) => percent(e.val_accuracy)),
  confusions: confusions.map((c) => ({ ...c, count: us(c.count), of: us(c.of) })),
  objectParts: String(measurements.meta.parts.filter((p) => p !== 'clutter' && p !== 'occluder').length),
  cpuMinutes: `about ${Math.round((card.training.cpu_seconds ?? card.training.seconds) / 60)} minutes`,
  rf: rf.rf.map(String),
  jump: rf.jump.map(String),
  kernelCount: String(measurements.kernels.weight.length),
  orientedLift: String(ORIENTED_LIFT),
  orientedChannels: String(oriented.length),
  orientedAngles: [...new Set(oriented.map((o) => o.bin))].sort((a, b) => a - b).map(orientationDegrees),
  orientedMaxLift: maxBy(oriented.map((o) => o.lift)).toFixed(1),
  inkKernels: String(inkKernels(1.5)),
  initSpread: `${initSpread().toFixed(1)}×`,
  curveBest: [1, 2, 3, 4].map((b) => String(bestShapeCount(b, 'curve'))),
  shapeMaxLift: Math.max(...sel.blocks.map((b) => maxBy(b.bestLift.shape))).toFixed(1),
  shapePreferred: (() => {
    const p = shapePreferences(ORIENTED_LIFT);
    return { shape: p.top[0], shapePlural: SHAPE_PLURAL[p.top[0]] ?? p.top[0], count: String(p.top[1]), of: String(p.total) };
  })(),
  block1OrientationMax: { trained: nmi(sel.blocks[0]!.summary.maxNmi.orientation), init: nmi(sel.initSummary[0]!.maxNmi.orientation) },
  pure: [1, 2, 3, 4].map((b) => {
    const p = pureTopChannels(b);
    return { pure: String(p.pure), channels: String(p.channels), share: share(p.pure / p.channels) };
  }),
  maxLift: [0, 1, 2, 3].map((i) => {
    const b = sel.blocks[i]!;
    return { part: maxBy(b.bestLift.part).toFixed(1), class: maxBy(b.bestLift.class).toFixed(1), shape: maxBy(b.bestLift.shape).toFixed(1) };
  }),
  erfImages: String(measurements.meta.erfImages),
  blocks: sel.blocks.map((b, i) => ({
    block: String(i + 1),
    rf: String(rf.rf[i]),
    channels: String(b.summary.channels),
    dead: String(b.summary.dead),
    families: TABLE_KEYS.map((key) => ({ key, trained: nmi(b.summary.meanNmi[key]), init: nmi(sel.initSummary[i]!.meanNmi[key]) })),
    meanNmi: Object.fromEntries(TABLE_KEYS.map((k) => [k, nmi(b.summary.meanNmi[k])])) as Record<NmiKey, string>,
    initNmi: Object.fromEntries(TABLE_KEYS.map((k) => [k, nmi(sel.initSummary[i]!.meanNmi[k])])) as Record<NmiKey, string>,
    maxNmi: Object.fromEntries(TABLE_KEYS.map((k) => [k, nmi(b.summary.maxNmi[k])])) as Record<NmiKey, string>,
    rise: Object.fromEntries(TABLE_KEYS.map((k) => [k, b.summary.rise[k] === null ? '–' : `${b.summary.rise[k]!.toFixed(1)}×`])) as Record<NmiKey, string>,
    riseRange: Object.fromEntries(TABLE_KEYS.map((k) => [k, riseRangeText(b.summary.riseRange[k])])) as Record<NmiKey, string>,
    bestShare: Object.fromEntries(FAMILIES.map((f) => [f, share(b.summary.bestFamilyShare[f])])) as Record<Family, string>,
    initBestShare: Object.fromEntries(FAMILIES.map((f) => [f, share(sel.initSummary[i]!.bestFamilyShare[f])])) as Record<Family, string>,
    bestRiseShare: Object.fromEntries(FAMILIES.map((f) => [f, share(b.summary.bestFamilyRiseShare[f])])) as Record<Family, string>,
  })),
  task: card.training.task,
  valClean: card.metrics.val_accuracy_clean ? percent(card.metrics.val_accuracy_clean.accuracy) : '–',
  nearestNeighbour: percent(card.metrics.nearest_neighbour.accuracy),
  nearestNeighbourImages: us(card.metrics.nearest_neighbour.images),
  inits: String(sel.initSummaries.length),
  topPurity: sel.topPurity.trained.map((pure, i) => ({
    trained: String(pure),
    channels: String(sel.topPurity.channels[i]),
    initMax: String(Math.max(...sel.topPurity.inits.map((c) => c[i]!))),
    initRange: (() => {
      const v = sel.topPurity.inits.map((c) => c[i]!);
      const [lo, hi] = [Math.min(...v), Math.max(...v)];
      return lo === hi ? String(lo) : `${lo}–${hi}`;
    })(),
  })),
  erfTraining: rf.training.map((c) => ({
    epoch: String(c.epoch),
    sigma: c.sigma.map((x) => fixed(x, 2)),
    interval: c.low.map((lo, i) => `${fixed(lo, 2)}–${fixed(c.high[i]!, 2)}`),
  })),
  initsOther: String(sel.initSummaries.length - 1),
  /** Block 1's lowest rise for part and class information over any untrained network. */
  block1Floor: `${Math.min(...(['part', 'class'] as const).map((k) => sel.blocks[0]!.summary.riseRange[k]![0])).toFixed(2)}×`,
  shapeMaxMean: nmi(Math.max(...sel.blocks.map((b) => b.summary.meanNmi.shape))),
  erfEpochs: (() => {
    const e = rf.training.filter((c) => c.epoch > 0).map((c) => String(c.epoch));
    return `${e.slice(0, -1).join(', ')} and ${e.at(-1)}`;
  })(),
  erfLast: (() => {
    const c = rf.training.at(-1)!;
    return { epoch: String(c.epoch), sigma: c.sigma.map((x) => fixed(x, 2)), interval: c.low.map((lo, i) => `${fixed(lo, 2)}–${fixed(c.high[i]!, 2)}`) };
  })(),
  erfSettledEpoch: String(erfSettledEpoch([1, 2])),
  second: {
    valAccuracy: percent(second.valAccuracy),
    /** Which untrained network it started from, 1-based ("2": the second of the four). */
    initNumber: second.initIndex === null ? '–' : String(second.initIndex + 1),
    blocks: second.blocks.map((b) => ({
      rise: Object.fromEntries(TABLE_KEYS.map((k) => [k, b.summary.rise[k] === null ? '–' : `${b.summary.rise[k]!.toFixed(1)}×`])) as Record<NmiKey, string>,
      riseRange: Object.fromEntries(TABLE_KEYS.map((k) => [k, riseRangeText(b.summary.riseRange[k])])) as Record<NmiKey, string>,
    })),
    block1Floor: `${Math.min(...(['part', 'class'] as const).map((k) => second.blocks[0]!.summary.riseRange[k]![0])).toFixed(2)}×`,
    topPurity: second.topPurity.map(String),
    curveChannels: String(shapeChannels(second.blocks, 'curve', ORIENTED_LIFT)),
    cornerChannels: String(shapeChannels(second.blocks, 'corner', ORIENTED_LIFT)),
    erf: (['init', 'trained'] as const).map((tag) => {
      const e = second.erf[tag];
      return { sigma: e.sigma.map((x) => fixed(x, 2)), interval: e.low.map((lo, i) => `${fixed(lo, 2)}–${fixed(e.high[i]!, 2)}`) };
    }),
  },
  erf: {
    plainInits: String(rf.plainInit.inits),
    rows: rf.rf.map((r, i) => ({
      block: String(i + 1),
      rf: String(r),
      init: fixed(rf.init.val[i]!.sigma, 2),
      initRatio: erfRatio(rf.init.valSigmaRatio[i]!),
      trained: fixed(rf.trained.val[i]!.sigma, 2),
      trainedRandom: fixed(rf.trained.random[i]!.sigma, 2),
      initRandom: fixed(rf.init.random[i]!.sigma, 2),
      uniform: fixed(uniformSigma(r), 2),
      trainedOfUniform: share(rf.trained.val[i]!.sigma / uniformSigma(r)),
      trainedRatio: erfRatio(rf.trained.valSigmaRatio[i]!),
      plainRf: String(rf.plainInit.rf[i]),
      plain: fixed(rf.plainInit.val[i]!.sigma, 2),
      plainRatio: erfRatio(rf.plainInit.valSigmaRatio[i]!),
      plainUniform: fixed(uniformSigma(rf.plainInit.rf[i]!), 2),
      plainOfUniform: share(rf.plainInit.val[i]!.sigma / uniformSigma(rf.plainInit.rf[i]!)),
      windowRatio: erfRatio(rf.plainInit.rf[i]! / rf.plainInit.rf[0]!),
      sqrtDepth: erfRatio(rf.sqrtDepth[i]!),
    })),
  },
};
