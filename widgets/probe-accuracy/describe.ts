/**
 * The probe-accuracy figure in words: chart summaries (the charts' text alternatives), the one-line
 * verdict, and the data tables. Pure functions of the prepared data, so the static HTML, the live
 * view and the tests say the same thing.
 */
import { TENNEY_2019 } from '../models/transformer/literature.ts';
import { capitalize, listText, num, pct, pts } from '../runtime/kit/format.ts';
import {
  SCALE_ORDER_TEXT,
  labelById,
  labelsFor,
  scaleOrdering,
  tenneyComparison,
  type Metric,
  type Ordering,
  type ProbeData,
  type ProbeLabel,
} from './data.ts';

function argmax(xs: readonly number[]): number {
  let best = 0;
  xs.forEach((x, i) => {
    if (x > xs[best]!) best = i;
  });
  return best;
}

function layerName(layer: number): string {
  return layer === 0 ? 'the embedding' : `layer ${layer}`;
}

function nameOf(data: ProbeData, id: string): string {
  return labelById(data, id)?.name ?? id;
}

function lower(name: string): string {
  // "Part of speech" → "part of speech", but keep acronyms ("NP") as they are.
  return /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/** Why a label has no expected layer. */
export function missingReason(label: ProbeLabel, metric: Metric): string {
  const scores = metric === 'accuracy' ? label.accuracy : (label.selectivity ?? []);
  const best = argmax(scores);
  return best === 0
    ? `its ${metric} does not rise after the embedding`
    : `its ${metric} gains less than half a point over the layers`;
}

/** One sentence about one label's accuracy, baseline and control task. */
function labelSentence(label: ProbeLabel): string {
  const a = label.accuracy;
  const L = a.length - 1;
  const best = argmax(a);
  let text =
    `${label.name} (${label.scale}): ${pct(a[0]!)} at the embedding, ${pct(a[L]!)} at layer ${L}, ` +
    `best ${pct(a[best]!)} at ${layerName(best)}; always answering “${label.majorityClass}” scores ${pct(label.majority)}`;
  if (label.control && label.selectivity) {
    const s = label.selectivity;
    const bestSel = argmax(s);
    text +=
      `; the control task scores ${pct(label.control[0]!)} to ${pct(label.control[L]!)}, ` +
      `so selectivity peaks at ${layerName(bestSel)} (${pts(s[bestSel]!)})`;
  }
  return `${text}.`;
}

/** Text alternative of chart 1 (accuracy or selectivity by layer). */
export function accuracySummary(data: ProbeData, metric: Metric, highlight: string): string {
  const L = data.layers;
  const focus = labelById(data, highlight);
  let text: string;
  if (metric === 'accuracy') {
    const bests = data.labels.map((l) => {
      const b = argmax(l.accuracy);
      return `${lower(l.name)} at ${layerName(b)} (${pct(l.accuracy[b]!)})`;
    });
    const below = data.labels.filter((l) => Math.max(...l.accuracy) <= l.majority);
    text =
      `Line chart of linear-probe accuracy at layers 0 (the embedding) to ${L}, one line per label from sub-word to document, ` +
      `with each label’s majority-class baseline (dashed) and control-task accuracy (dotted) where there is one. ` +
      `Best layer: ${listText(bests)}. ` +
      (below.length === 0
        ? 'Every label beats its majority baseline at its best layer.'
        : `${capitalize(listText(below.map((l) => lower(l.name))))} never beat${below.length === 1 ? 's' : ''} the majority baseline.`);
  } else {
    const labels = labelsFor(data, 'selectivity');
    if (labels.length === 0) {
      text = 'The measurements have no control task, so there is no selectivity to show.';
    } else {
      const parts = labels.map((l) => {
        const s = l.selectivity!;
        const b = argmax(s);
        const allNegative = s.every((x) => x < 0);
        return allNegative
          ? `${lower(l.name)} stays negative at every layer (best ${pts(s[b]!)} at ${layerName(b)})`
          : `${lower(l.name)} peaks at ${layerName(b)} (${pts(s[b]!)})`;
      });
      const negative = labels.filter((l) => l.selectivity!.every((x) => x < 0));
      const without = data.labels.filter((l) => l.selectivity === null).map((l) => lower(l.name));
      text =
        `Line chart of selectivity (probe accuracy minus control-task accuracy, Hewitt & Liang 2019) at layers 0 to ${L} ` +
        `for the ${labels.length} label${labels.length === 1 ? '' : 's'} with a control task: ${listText(parts)}.` +
        (negative.length
          ? ` Negative selectivity means a probe memorising a random label per word does better than the real probe, so the chart says nothing about where ${listText(negative.map((l) => lower(l.name)), 'or')} is encoded.`
          : '') +
        (without.length ? ` ${capitalize(listText(without))} ha${without.length === 1 ? 's' : 've'} no control task.` : '');
    }
  }
  if (focus) text += ` Highlighted: ${labelSentence(focus)}`;
  return text;
}

function inversionText(data: ProbeData, inversions: readonly [string, string][]): string {
  // Group by the later-scale label that comes too early: "genre comes before part of speech and chunk".
  const early = new Map<string, string[]>();
  for (const [a, b] of inversions) early.set(b, [...(early.get(b) ?? []), a]);
  return listText(
    [...early].map(([b, as]) => `${lower(nameOf(data, b))} comes before ${listText(as.map((a) => lower(nameOf(data, a))))}`),
    'and',
  );
}

/** "genre → noun-phrase chunk → part of speech → …". */
export function orderText(data: ProbeData, ordering: Ordering): string {
  return ordering.ranked.map((r) => lower(nameOf(data, r.id))).join(' → ');
}

/** Whether the ranked labels follow the dezoom order, as a clause. */
function orderVerdict(data: ProbeData, ordering: Ordering): string {
  if (ordering.ranked.length < 2) return 'too few labels have an expected layer to compare their order';
  if (ordering.matches) return `which follows the dezoom order (${SCALE_ORDER_TEXT})`;
  return `which does not follow the dezoom order (${SCALE_ORDER_TEXT}): ${inversionText(data, ordering.inversions)}`;
}

/** The aria-live line: the figure's verdict in one sentence. */
export function probeVerdict(data: ProbeData, metric: Metric): string {
  const ordering = scaleOrdering(data, metric);
  const what = metric === 'accuracy' ? 'expected layer' : 'expected layer of selectivity';
  if (ordering.ranked.length < 2) return `By ${what}, ${orderVerdict(data, ordering)}.`;
  return `By ${what}: ${orderText(data, ordering)}, ${ordering.matches ? 'the dezoom order' : 'not the dezoom order'} (${SCALE_ORDER_TEXT}).`;
}

/** Text alternative of chart 2 (expected layers, ours beside Tenney et al.'s). */
export function expectedSummary(data: ProbeData, metric: Metric): string {
  const L = data.layers;
  const ordering = scaleOrdering(data, metric);
  const cmp = tenneyComparison(data, metric);
  const what = metric === 'accuracy' ? 'Expected layer (clipped) of each label' : 'Expected layer (clipped) of each label’s selectivity';
  const values = cmp.ours.map((p) => `${lower(p.name)} ${num(p.value)}`);
  const missing = ordering.missing.map((id) => `${lower(nameOf(data, id))} has none (${missingReason(labelById(data, id)!, metric)})`);
  let text = `${what} on this model’s layers 0 to ${L}: ${values.length ? listText(values) : 'none'}`;
  text += missing.length ? `; ${listText(missing)}. ` : '. ';
  if (ordering.ranked.length >= 2) text += `Earliest first: ${orderText(data, ordering)}, ${orderVerdict(data, ordering)}. `;
  else text += `${capitalize(orderVerdict(data, ordering))}. `;
  const theirs = [...cmp.theirs].sort((a, b) => a.value - b.value);
  text +=
    `${TENNEY_2019.authors}, ${TENNEY_2019.model} (${TENNEY_2019.layers} layers): ` +
    `${listText(theirs.map((t, i) => `${lower(t.name)} ${num(t.value)} (${pct(t.fraction, 0)}${i === 0 ? ' of depth' : ''})`))}`;
  if (cmp.ours.length) {
    const fr = cmp.ours.map((p) => p.fraction);
    text += `; this model’s labels sit at ${pct(Math.min(...fr), 0)} to ${pct(Math.max(...fr), 0)} of its depth.`;
  } else text += '.';
  const pair = cmp.sharedPair;
  if (pair.sameOrder !== null) {
    const theirFirst = TENNEY_2019.tasks.find((t) => t.id === pair.theirsFirst)!.name;
    const ourFirst = nameOf(data, pair.oursFirst!);
    text += ` They find ${lower(theirFirst)} before ${pair.theirsFirst === 'pos' ? 'constituents' : 'part of speech'}; here ${lower(ourFirst)} comes first, ${pair.sameOrder ? 'the same order' : 'the other way round'}.`;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Tables

export interface AccuracyRow {
  id: string;
  /** Row header: the label's name on its first row, then the series. */
  label: string;
  series: 'accuracy' | 'control' | 'selectivity';
  scale: string;
  scaleIndex: number;
  /** One cell per layer 0 … L. */
  cells: string[];
  majority: string;
  best: string;
}

export function accuracyRows(data: ProbeData): AccuracyRow[] {
  return data.labels.flatMap((l) => {
    const row = (series: AccuracyRow['series'], label: string, values: number[], format: (x: number) => string, majority = '') => ({
      id: l.id,
      label,
      series,
      scale: l.scale,
      scaleIndex: l.scaleIndex,
      cells: values.map((x) => format(x)),
      majority,
      best: String(argmax(values)),
    });
    const rows: AccuracyRow[] = [row('accuracy', l.name, l.accuracy, pct, `${pct(l.majority)} (${l.majorityClass})`)];
    if (l.control) rows.push(row('control', `${l.name}: control task`, l.control, pct));
    if (l.selectivity) rows.push(row('selectivity', `${l.name}: selectivity`, l.selectivity, pts));
    return rows;
  });
}

export interface ExpectedRow {
  id: string;
  name: string;
  scale: string;
  signed: string;
  clipped: string;
  selectivity: string;
  /** Shown value ÷ L, for the current metric. */
  fraction: string;
}

export function expectedRows(data: ProbeData, metric: Metric): ExpectedRow[] {
  const L = data.layers;
  const shown = (l: ProbeLabel) => (metric === 'accuracy' ? l.expectedLayerClipped : l.expectedLayerSelectivity);
  return data.labels.map((l) => ({
    id: l.id,
    name: l.name,
    scale: l.scale,
    signed: l.expectedLayer === null ? '—' : num(l.expectedLayer),
    clipped: l.expectedLayerClipped === null ? '—' : num(l.expectedLayerClipped),
    selectivity: l.selectivity === null ? 'no control' : l.expectedLayerSelectivity === null ? '—' : num(l.expectedLayerSelectivity),
    fraction: shown(l) === null ? '—' : pct(shown(l)! / L, 0),
  }));
}

export interface TenneyRow {
  id: string;
  name: string;
  value: string;
  fraction: string;
  ours: string;
}

export function tenneyRows(data: ProbeData): TenneyRow[] {
  return TENNEY_2019.tasks.map((t) => ({
    id: t.id,
    name: t.name,
    value: num(t.expectedLayer),
    fraction: pct(t.expectedLayer / TENNEY_2019.layers, 0),
    ours: t.ours ? (labelById(data, t.ours)?.name ?? '—') : '—',
  }));
}
