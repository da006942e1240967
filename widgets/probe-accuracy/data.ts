/**
 * The probe-accuracy figure's data: per-layer probe accuracies, majority baselines, control tasks and
 * expected layers, prepared from transformer-measurements.json (models/transformer/MEASUREMENTS.md §2),
 * and the orderings the figure reports. Pure TS: runs at build time, in the browser and in tests.
 *
 * Every number comes from the measurements file; the only constants here are words (what each label
 * is, and which scale of the dezoom it stands for) and, in widgets/models/transformer/literature.ts, published numbers.
 */
import type { Measurements, ProbeStats } from '../models/transformer/measurements.ts';
import { TENNEY_2019 } from '../models/transformer/literature.ts';

export interface LabelInfo {
  /** The label's key in the measurements file. */
  id: string;
  /** The dezoom scale it probes. */
  scale: string;
  /** Position in the dezoom order, sub-word (0) … document (4); labels of no known scale get 5. */
  scaleIndex: number;
  name: string;
  /** Name for narrow charts. */
  short: string;
  /** What the probe answers, in a few words. */
  question: string;
}

/** The dezoom order: sub-word → word → phrase → sentence → document. */
export const LABEL_SCALES: readonly LabelInfo[] = [
  { id: 'word_start', scale: 'sub-word', scaleIndex: 0, name: 'Word start', short: 'Word start', question: 'does this piece start a word?' },
  { id: 'upos', scale: 'word', scaleIndex: 1, name: 'Part of speech', short: 'POS', question: 'which of 12 universal parts of speech?' },
  { id: 'chunk', scale: 'phrase', scaleIndex: 2, name: 'Noun-phrase chunk', short: 'NP chunk', question: 'outside, at the start of, or inside a noun phrase?' },
  { id: 'sentpos', scale: 'sentence', scaleIndex: 3, name: 'Position in sentence', short: 'Sent. pos.', question: 'how far into its sentence is the word?' },
  { id: 'genre', scale: 'document', scaleIndex: 4, name: 'Genre', short: 'Genre', question: 'which of 5 coarse genres is the document?' },
];

export const SCALE_ORDER_TEXT = 'sub-word → word → phrase → sentence → document';

export interface ProbeLabel extends LabelInfo {
  classes: string[];
  nVal: number;
  /** Accuracy of always answering the most frequent training class. */
  majority: number;
  majorityClass: string;
  /** Validation accuracy at residual layers 0 (embedding) … L. */
  accuracy: number[];
  /** Control-task accuracy (Hewitt & Liang 2019) per layer, where the file has one. */
  control: number[] | null;
  /** accuracy − control per layer, where the file has a control task. */
  selectivity: number[] | null;
  bestLayer: number;
  /** Tenney's E[ℓ] with negative differences kept (the file's `expected_layer`); null when there is no gain. */
  expectedLayer: number | null;
  /** The same with negative differences set to 0: always in [1, L] (`expected_layer_clipped`). */
  expectedLayerClipped: number | null;
  /** Clipped E[ℓ] of selectivity (`expected_layer_selectivity_clipped`), for control-task labels. */
  expectedLayerSelectivity: number | null;
}

export interface ProbeData {
  /** Number of blocks L: residual layers run 0 … L. */
  layers: number;
  labels: ProbeLabel[];
}

function describeLabel(id: string): LabelInfo {
  const known = LABEL_SCALES.find((l) => l.id === id);
  if (known) return known;
  // A label a retrained file adds: shown with its key, outside the dezoom order.
  return { id, scale: 'other', scaleIndex: LABEL_SCALES.length, name: id, short: id, question: '' };
}

function labelFrom(id: string, p: ProbeStats): ProbeLabel {
  const control = p.control_acc ? [...p.control_acc] : null;
  const selectivity = p.selectivity
    ? [...p.selectivity]
    : control
      ? p.per_layer_acc.map((a, i) => a - control[i]!)
      : null;
  return {
    ...describeLabel(id),
    classes: [...p.classes],
    nVal: p.n_val,
    majority: p.majority,
    majorityClass: p.majority_class,
    accuracy: [...p.per_layer_acc],
    control,
    selectivity,
    bestLayer: p.best_layer,
    expectedLayer: p.expected_layer,
    expectedLayerClipped: p.expected_layer_clipped,
    expectedLayerSelectivity: control ? (p.expected_layer_selectivity_clipped ?? null) : null,
  };
}

/** The figure's data from the parsed measurements: known labels in the dezoom order, then any others. */
export function probeData(m: Measurements): ProbeData {
  const ids = Object.keys(m.probes);
  const known = LABEL_SCALES.map((l) => l.id).filter((id) => ids.includes(id));
  const others = ids.filter((id) => !known.includes(id)).sort();
  return {
    layers: m.model.n_layer,
    labels: [...known, ...others].map((id) => labelFrom(id, m.probes[id]!)),
  };
}

export function labelById(data: ProbeData, id: string): ProbeLabel | undefined {
  return data.labels.find((l) => l.id === id);
}

// ---------------------------------------------------------------------------------------------
// Expected layer (Tenney et al. 2019)

/** The file leaves E[ℓ] undefined when the total gain is below this (MEASUREMENTS.md §2). */
const MIN_TOTAL_GAIN = 0.005;

/**
 * Σ ℓ·Δℓ / Σ Δℓ with Δℓ = score(ℓ) − score(ℓ − 1), ℓ = 1 … L; `clipped` sets negative Δℓ to 0.
 * Null when the total gain is below MIN_TOTAL_GAIN. The file already holds these values; this
 * recomputation lets the tests check the file's numbers against its own accuracies.
 */
export function expectedLayerOf(scores: readonly number[], clipped: boolean): number | null {
  let num = 0;
  let den = 0;
  for (let l = 1; l < scores.length; l++) {
    let delta = scores[l]! - scores[l - 1]!;
    if (clipped && delta < 0) delta = 0;
    num += l * delta;
    den += delta;
  }
  return den < MIN_TOTAL_GAIN ? null : num / den;
}

export type Metric = 'accuracy' | 'selectivity';

/** The expected layer a chart shows for a label: clipped, of accuracy or of selectivity. */
export function shownExpectedLayer(label: ProbeLabel, metric: Metric): number | null {
  return metric === 'accuracy' ? label.expectedLayerClipped : label.expectedLayerSelectivity;
}

/** Labels a metric applies to: every label for accuracy, control-task labels for selectivity. */
export function labelsFor(data: ProbeData, metric: Metric): ProbeLabel[] {
  return metric === 'accuracy' ? data.labels : data.labels.filter((l) => l.selectivity !== null);
}

export interface Ordering {
  metric: Metric;
  /** Labels of known scale with an expected layer, earliest first (ties keep the dezoom order). */
  ranked: { id: string; value: number }[];
  /** Labels of known scale without an expected layer (no gain after the embedding). */
  missing: string[];
  /** Pairs [a, b] where a is the lower scale but b's expected layer is earlier. */
  inversions: [string, string][];
  /** True when at least two labels are ranked and no pair is inverted. */
  matches: boolean;
}

/**
 * Does the expected layer grow with the label's scale (sub-word → … → document)? Compares every pair
 * of ranked labels; equal expected layers are not an inversion. Labels without an expected layer
 * are left out of the comparison and listed in `missing`.
 */
export function scaleOrdering(data: ProbeData, metric: Metric = 'accuracy'): Ordering {
  const candidates = labelsFor(data, metric).filter((l) => l.scaleIndex < LABEL_SCALES.length);
  const withValue = candidates.filter((l) => shownExpectedLayer(l, metric) !== null);
  const ranked = withValue
    .map((l) => ({ id: l.id, value: shownExpectedLayer(l, metric)!, scaleIndex: l.scaleIndex }))
    .sort((a, b) => a.value - b.value || a.scaleIndex - b.scaleIndex);
  const inversions: [string, string][] = [];
  const byScale = [...withValue].sort((a, b) => a.scaleIndex - b.scaleIndex);
  for (let i = 0; i < byScale.length; i++) {
    for (let j = i + 1; j < byScale.length; j++) {
      const a = byScale[i]!;
      const b = byScale[j]!;
      if (shownExpectedLayer(b, metric)! < shownExpectedLayer(a, metric)!) inversions.push([a.id, b.id]);
    }
  }
  return {
    metric,
    ranked: ranked.map(({ id, value }) => ({ id, value })),
    missing: candidates.filter((l) => shownExpectedLayer(l, metric) === null).map((l) => l.id),
    inversions,
    matches: ranked.length >= 2 && inversions.length === 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Beside Tenney et al. (2019)

export interface DepthPoint {
  id: string;
  name: string;
  short: string;
  /** Expected layer in the model's own layers. */
  value: number;
  /** value / number of layers: comparable across models of different depth. */
  fraction: number;
}

export interface TenneyComparison {
  ours: DepthPoint[];
  theirs: DepthPoint[];
  /**
   * The pair both studies probe: part of speech and phrases (our noun-phrase chunks, their
   * constituents). `sameOrder` is null when either of our two labels has no expected layer.
   */
  sharedPair: {
    ours: [string, string];
    theirs: [string, string];
    theirsFirst: string;
    oursFirst: string | null;
    sameOrder: boolean | null;
  };
}

export function tenneyComparison(data: ProbeData, metric: Metric = 'accuracy'): TenneyComparison {
  const L = data.layers;
  const ours = labelsFor(data, metric)
    .filter((l) => shownExpectedLayer(l, metric) !== null)
    .map((l) => {
      const value = shownExpectedLayer(l, metric)!;
      return { id: l.id, name: l.name, short: l.short, value, fraction: value / L };
    });
  const theirs = TENNEY_2019.tasks.map((t) => ({
    id: t.id,
    name: t.name,
    short: t.short,
    value: t.expectedLayer,
    fraction: t.expectedLayer / TENNEY_2019.layers,
  }));
  const pos = TENNEY_2019.tasks.find((t) => t.id === 'pos')!;
  const consts = TENNEY_2019.tasks.find((t) => t.id === 'consts')!;
  const theirsFirst = pos.expectedLayer <= consts.expectedLayer ? pos.id : consts.id;
  const a = ours.find((p) => p.id === pos.ours);
  const b = ours.find((p) => p.id === consts.ours);
  let oursFirst: string | null = null;
  if (a && b) oursFirst = a.value <= b.value ? a.id : b.id;
  const mapped = theirsFirst === pos.id ? pos.ours : consts.ours;
  return {
    ours,
    theirs,
    sharedPair: {
      ours: [pos.ours!, consts.ours!],
      theirs: [pos.id, consts.id],
      theirsFirst,
      oursFirst,
      sameOrder: oursFirst === null ? null : oursFirst === mapped,
    },
  };
}
