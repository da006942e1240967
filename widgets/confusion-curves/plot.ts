/**
 * The confusion-set learning curves (Observable Plot, into a given document): accuracy against training words
 * on a log axis, one line per learner with its seeds' min–max band, the majority-member floor, and (with
 * `extend`, macro view only) each learner's fitted error law carried out to a billion words, dashed. The shipped
 * transformer, trained once on all of Brown train, is one hollow mark at the full size with its test-document
 * interval, and a dotted level across the axis to read every learner's curve against.
 */
import * as Plot from '@observablehq/plot';
import { accessiblePlot } from '../runtime/accessible-plot.ts';
import { pct } from '../runtime/kit/format.ts';
import { MUTED, NARROW, PLOT_STYLE, SCALE_COLORS, SCALE_SYMBOLS } from '../runtime/kit/palette.ts';
import { chartWidth, type DrawOptions } from '../runtime/kit/plot-frame.ts';
import { count } from '../models/scaling/format.ts';
import { LEARNER_LABELS, lawAccuracy, majorityOf, transformerAt, type ConfusionData } from './data.ts';
import { confusionSummary } from './describe.ts';

/** The trained learners in the log's order; the transformer takes the next colour and symbol. */
const learnerIndex = (data: ConfusionData, l: string) => (l === 'transformer' ? data.learners.length : Math.max(0, data.learners.indexOf(l)));
export const learnerColor = (data: ConfusionData, l: string) => SCALE_COLORS[learnerIndex(data, l) % 5]!;
export const learnerSymbol = (data: ConfusionData, l: string) => SCALE_SYMBOLS[learnerIndex(data, l) % 5]!;

export function confusionPlot(data: ConfusionData, view: { set: string; extend: boolean }, options: DrawOptions) {
  const width = chartWidth(options.width);
  const narrow = width < NARROW;
  const curve = data.curves[view.set] ?? data.curves.all!;
  const extend = view.extend && view.set === 'all';
  const wMin = Math.min(...curve.map((p) => p.words));
  const wMax = extend ? 1e9 : Math.max(...curve.map((p) => p.words));
  const lawPoints = extend
    ? data.learners.flatMap((l) => {
        const law = data.laws[l];
        if (!law) return [];
        const from = Math.max(...curve.filter((p) => p.learner === l).map((p) => p.words));
        return Array.from({ length: 25 }, (_, i) => {
          const w = from * (wMax / from) ** (i / 24);
          return { learner: l, words: w, acc: lawAccuracy(law, w) };
        });
      })
    : [];
  const floor = majorityOf(data, view.set);
  const lm = transformerAt(data, view.set);
  const lmMarks = lm ? [lm] : [];
  const lmColor = learnerColor(data, 'transformer');
  const ys = [...curve.map((p) => p.min), ...curve.map((p) => p.max), ...lawPoints.map((p) => p.acc), floor, ...lmMarks.flatMap((p) => [p.lo, p.hi])];
  return accessiblePlot(
    Plot.plot({
      document: options.document,
      width,
      height: 300,
      marginLeft: 48,
      marginRight: 14,
      style: PLOT_STYLE,
      x: { type: 'log', label: 'training words (log) →', domain: [wMin / 1.3, wMax * 1.3], ticks: (extend ? (narrow ? [1e5, 1e7, 1e9] : [1e4, 1e5, 1e6, 1e7, 1e8, 1e9]) : narrow ? [2e4, 1e5, 1e6] : [2e4, 5e4, 1e5, 2e5, 5e5, 1e6]).filter((t) => t >= wMin / 1.3 && t <= wMax * 1.3), tickFormat: (x: number) => count(x).replace(/\.0+(?=[kMB])/, '') },
      y: { label: '↑ accuracy', domain: [Math.max(0, Math.min(...ys) - 0.02), Math.min(1, Math.max(...ys) + 0.01)], grid: true, tickFormat: (y: number) => `${Math.round(y * 100)} %` },
      marks: [
        Plot.ruleY([floor], { stroke: MUTED, strokeDasharray: '6 4' }),
        Plot.text([floor], { x: wMax * 1.3, y: (d: number) => d, text: () => 'majority member', textAnchor: 'end', dy: -6, fill: MUTED }),
        Plot.areaY(curve, { x: 'words', y1: 'min', y2: 'max', z: 'learner', fill: (p) => learnerColor(data, p.learner), fillOpacity: 0.13 }),
        Plot.line(lawPoints, { x: 'words', y: 'acc', z: 'learner', stroke: (p) => learnerColor(data, p.learner), strokeDasharray: '4 3', strokeWidth: 1.5 }),
        Plot.ruleY(lmMarks, { y: 'acc', stroke: lmColor, strokeDasharray: '1 3', strokeWidth: 1.5 }),
        Plot.line(curve, { x: 'words', y: 'mean', z: 'learner', stroke: (p) => learnerColor(data, p.learner), strokeWidth: 2 }),
        Plot.dot(curve, {
          x: 'words',
          y: 'mean',
          symbol: (p: (typeof curve)[number]) => learnerSymbol(data, p.learner),
          fill: (p) => learnerColor(data, p.learner),
          r: 4,
          title: (p) => `${LEARNER_LABELS[p.learner] ?? p.learner}, ${p.fraction} of Brown train (${count(p.words)} words): ${pct(p.mean)} (seeds ${pct(p.min)}–${pct(p.max)})`,
        }),
        Plot.ruleX(lmMarks, { x: 'words', y1: 'lo', y2: 'hi', stroke: lmColor, strokeWidth: 2 }),
        Plot.dot(lmMarks, {
          x: 'words',
          y: 'acc',
          symbol: learnerSymbol(data, 'transformer'),
          stroke: lmColor,
          strokeWidth: 2,
          fill: 'none',
          r: 7,
          title: (p: (typeof lmMarks)[number]) => `${LEARNER_LABELS.transformer}, ${count(p.words)} words: ${pct(p.acc)} (95 % interval over the test documents ${pct(p.lo)}–${pct(p.hi)})`,
        }),
      ],
    }),
    confusionSummary(data, view.set, extend),
  );
}
