/**
 * The scaling-laws figure's chart in its three views (Observable Plot, into a given document): loss against
 * data (every run, every fitted L(D)), against transformer size (one line per data fraction, the best
 * n-gram's loss at that fraction as a dashed reference), against compute (each transformer run's periodic
 * evaluations, the frontier and its fit; the clever model and n-grams at their own cost).
 */
import * as Plot from '@observablehq/plot';
import { accessiblePlot } from '../runtime/accessible-plot.ts';
import { num } from '../runtime/kit/format.ts';
import { INK, MUTED, NARROW, PLOT_STYLE, SCALE_COLORS, SCALE_SYMBOLS } from '../runtime/kit/palette.ts';
import { chartWidth, type DrawOptions } from '../runtime/kit/plot-frame.ts';
import { lawAt, modelLabel, type ScalingData, type ScalingRun as Run } from '../models/scaling/logs.ts';
import { count, sci } from '../models/scaling/format.ts';
import { FAMILY_STYLE } from '../budget/plot.ts';
import { bestNgramByFraction, computeSummary, dataCurves, dataSummary, frontier, paramSeries, paramsSummary } from './curves.ts';
import type { ScalingView } from './state.ts';

const HEIGHT = 320;
const Y_LABEL = '↑ validation bits per character';

function yDomain(values: number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.min(Math.max(...values), 3.0);
  return [Math.floor((lo - 0.02) * 20) / 20, Math.ceil((hi + 0.02) * 20) / 20];
}

/** The frame the three views share: log x axis, the loss on y (grid, same label), the theme's style. */
function lossPlot(options: DrawOptions, width: number, frame: { marginRight?: number; x: Plot.ScaleOptions; losses: number[]; marks: Plot.Markish[] }, summary: string) {
  return accessiblePlot(
    Plot.plot({
      document: options.document,
      width,
      height: HEIGHT,
      marginLeft: 48,
      marginRight: frame.marginRight ?? 12,
      style: PLOT_STYLE,
      x: { type: 'log', ...frame.x },
      y: { label: Y_LABEL, domain: yDomain(frame.losses), grid: true },
      marks: frame.marks,
    }),
    summary,
  );
}

/** Each run as its family's mark, half filled (the data view's runs, the compute view's n-grams and clever model). */
function runDots<R extends Run>(runs: R[], x: 'trainTokens' | 'compute', title: (r: R) => string) {
  return Plot.dot(runs, {
    x,
    y: 'bpc',
    symbol: (r: R) => FAMILY_STYLE[r.family].symbol,
    stroke: (r: R) => FAMILY_STYLE[r.family].color,
    fill: (r: R) => FAMILY_STYLE[r.family].color,
    fillOpacity: 0.35,
    r: 3.5,
    title,
  });
}

/** A label at the end of each line (its last point), so that a series is named without a colour key. */
function endLabels<T extends { x: number; y: number }>(points: T[], text: (p: T) => string, fill: (p: T) => string) {
  return Plot.text(points, { x: 'x', y: 'y', text, fill, textAnchor: 'start', dx: 5, fontSize: 11 });
}

export function dataPlot(data: ScalingData, options: DrawOptions) {
  const width = chartWidth(options.width);
  const curves = dataCurves(data);
  const ends = [...new Set(curves.map((c) => c.model))].map((m) => curves.filter((c) => c.model === m).at(-1)!);
  // n-gram orders 3–5 end within a few hundredths of each other: label the lowest and highest order only.
  const shown = ends.filter((e) => !['kn3', 'kn4'].includes(e.model));
  const xMax = Math.max(...curves.map((c) => c.x), data.brownTokens) * 2.2;
  return lossPlot(
    options,
    width,
    {
      x: { label: 'training tokens (log) →', domain: [data.brownTokens / 10, xMax], ticks: [2e5, 5e5, 1e6, 2e6, 5e6, 1e7], tickFormat: (x: number) => count(x).replace(/\.0+(?=[kMB])/, '') },
      losses: [...data.runs.map((r) => r.bpc), ...curves.map((c) => c.y)],
      marks: [
        Plot.ruleX([data.brownTokens], { stroke: MUTED, strokeDasharray: '2 3' }),
        Plot.line(curves.filter((c) => !c.beyond), { x: 'x', y: 'y', z: 'model', stroke: (c) => FAMILY_STYLE[familyOfModel(data, c.model)].color, strokeWidth: 1.5 }),
        Plot.line(curves.filter((c) => c.beyond), { x: 'x', y: 'y', z: 'model', stroke: (c) => FAMILY_STYLE[familyOfModel(data, c.model)].color, strokeWidth: 1.5, strokeDasharray: '4 3' }),
        runDots(data.runs, 'trainTokens', (r) => `${modelLabel(data, r.model)}, ${r.fraction} of Brown (subset ${r.dataSeed}): ${num(r.bpc, 4)} bpc`),
        endLabels(shown, (c) => modelLabel(data, c.model, true), (c) => FAMILY_STYLE[familyOfModel(data, c.model)].color),
      ],
    },
    dataSummary(data),
  );
}

function familyOfModel(data: ScalingData, model: string) {
  return data.runs.find((r) => r.model === model)?.family ?? 'transformer';
}

/** The params view's colour and mark of a data fraction, shared with the view's legend. */
export const fractionColor = (data: ScalingData, fraction: string) => SCALE_COLORS[Math.max(0, data.fractions.indexOf(fraction)) % 5]!;
export const fractionSymbol = (data: ScalingData, fraction: string) => SCALE_SYMBOLS[Math.max(0, data.fractions.indexOf(fraction)) % 5]!;

export function paramsPlot(data: ScalingData, options: DrawOptions) {
  const width = chartWidth(options.width);
  const narrow = width < NARROW;
  const series = paramSeries(data);
  const colorOf = (fraction: string) => fractionColor(data, fraction);
  const symbolOf = (fraction: string) => fractionSymbol(data, fraction);
  const points = series.flatMap((s) => s.runs.map((r) => ({ x: r.params, y: r.bpc, fraction: s.fraction, model: r.model })));
  const ngrams = bestNgramByFraction(data).filter((b) => series.some((s) => s.fraction === b.fraction));
  const xs = data.sizes.map((s) => s.nonEmbeddingParams).filter(Number.isFinite);
  const domainX: [number, number] = [Math.min(...xs) / 1.6, Math.max(...xs) * (narrow ? 2.2 : 1.8)];
  const fitLines = Object.entries(data.paramLaws).flatMap(([fraction, l]) =>
    l.law ? xs.map((x) => ({ x, y: lawAt(l.law!, x), fraction })) : [],
  );
  return lossPlot(
    options,
    width,
    {
      x: { label: 'transformer non-embedding parameters (log) →', domain: domainX, ticks: [1e4, 3e4, 1e5, 3e5, 1e6, 3e6].filter((t) => t >= domainX[0] && t <= domainX[1]), tickFormat: (x: number) => count(x) },
      losses: [...points.map((p) => p.y), ...ngrams.map((n) => n.bpc)],
      marks: [
        Plot.ruleY(ngrams, { y: 'bpc', stroke: (n) => colorOf(n.fraction), strokeDasharray: '6 4', strokeWidth: 1.2 }),
        Plot.text(ngrams, { x: domainX[1], y: 'bpc', text: (n) => `${modelLabel(data, n.model)}, ${n.fraction}`, textAnchor: 'end', dy: -6, fill: (n) => colorOf(n.fraction), fontSize: 11 }),
        Plot.line(fitLines, { x: 'x', y: 'y', z: 'fraction', stroke: (p) => colorOf(p.fraction), strokeDasharray: '2 3' }),
        Plot.line(points, { x: 'x', y: 'y', z: 'fraction', stroke: (p) => colorOf(p.fraction), strokeWidth: 2 }),
        Plot.dot(points, {
          x: 'x',
          y: 'y',
          symbol: (p: (typeof points)[number]) => symbolOf(p.fraction),
          fill: (p) => colorOf(p.fraction),
          r: 4.5,
          title: (p) => `${p.model} at ${p.fraction} of Brown: ${num(p.y, 4)} bpc`,
        }),
      ],
    },
    paramsSummary(data),
  );
}

export function computePlot(data: ScalingData, options: DrawOptions) {
  const width = chartWidth(options.width);
  const evals = data.evals.map((e) => ({ ...e, key: `${e.model} ${e.fraction}` }));
  const f = frontier(data);
  const others = data.runs.filter((r) => r.family !== 'transformer');
  const law = data.computeLaw.law;
  const cs = evals.map((e) => e.compute);
  const fitLine = law && cs.length ? Array.from({ length: 30 }, (_, i) => {
    const lo = Math.min(...cs);
    const hi = Math.max(...cs);
    const x = lo * (hi / lo) ** (i / 29);
    return { x, y: lawAt(law, x) };
  }) : [];
  const allX = [...cs, ...others.map((r) => r.compute)];
  return lossPlot(
    options,
    width,
    {
      marginRight: 28,
      x: { label: width < NARROW ? 'training compute (log) →' : 'training compute (FLOPs; n-grams: count updates; log) →', domain: [Math.min(...allX) / 2, Math.max(...allX) * 2], ticks: [1e6, 1e8, 1e10, 1e12, 1e14], tickFormat: (x: number) => sci(x, 0) },
      losses: [...evals.map((e) => e.bpc), ...others.map((r) => r.bpc)],
      marks: [
        Plot.line(evals, { x: 'compute', y: 'bpc', z: 'key', stroke: FAMILY_STYLE.transformer.color, strokeOpacity: 0.55, strokeWidth: 1.2 }),
        Plot.line(fitLine, { x: 'x', y: 'y', stroke: INK, strokeDasharray: '4 3', strokeWidth: 1.5 }),
        Plot.dot(f, { x: 'compute', y: 'bpc', stroke: INK, r: 3, title: (p) => `frontier: ${p.model} at ${p.fraction}, step ${p.step}: ${num(p.bpc, 3)} bpc` }),
        Plot.dot(evals.filter((e) => e.step === data.transformerSteps), {
          x: 'compute',
          y: 'bpc',
          symbol: FAMILY_STYLE.transformer.symbol,
          fill: FAMILY_STYLE.transformer.color,
          r: 4,
          title: (e) => `${e.model} at ${e.fraction} of Brown, end of training: ${num(e.bpc, 3)} bpc on the evaluation windows`,
        }),
        runDots(others, 'compute', (r) => `${modelLabel(data, r.model)}, ${r.fraction} of Brown: ${num(r.bpc, 4)} bpc`),
      ],
    },
    computeSummary(data),
  );
}

export function scalingPlot(data: ScalingData, view: ScalingView, options: DrawOptions) {
  return view === 'params' ? paramsPlot(data, options) : view === 'compute' ? computePlot(data, options) : dataPlot(data, options);
}
