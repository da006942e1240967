/**
 * The memory-curves chart (Observable Plot, into a given document), one view at a time, against distance d on a
 * symlog axis: the loss increase when the context beyond d is perturbed (both models, 95 % intervals, zero
 * marked; the y axis is symlog too, so effects of hundredths of a nat are visible beside whole nats); the
 * forgetting probe's accuracy (trained LSTM, untrained LSTM, transformer, with the shuffled-label floor and the
 * transformer's window); or the attention each layer's chosen head puts on the fact, against a uniform head.
 */
import * as Plot from '@observablehq/plot';
import { accessiblePlot } from '../runtime/accessible-plot.ts';
import { DASH, MUTED, NARROW, PLOT_STYLE, scaleColor, scaleSymbol } from '../runtime/kit/palette.ts';
import { chartWidth, type DrawOptions } from '../runtime/kit/plot-frame.ts';
import { attentionSeries, contextSeries, forgettingFloor, forgettingSeries, recallSeries, type MemoryData, type Point } from './data.ts';
import { memorySummary } from './describe.ts';
import type { MemoryCurvesState } from './state.ts';

/** The dashed or dotted reference line of each view, for the legend: the same dash as drawn. */
export const REFERENCE: Record<MemoryCurvesState['view'], { label: string; dash: string }> = {
  context: { label: 'no change (zero)', dash: DASH.baseline },
  forgetting: { label: 'the probe’s floor (shuffled labels)', dash: DASH.control },
  attention: { label: 'a uniform head', dash: DASH.baseline },
  recall: { label: 'the transformer’s window', dash: DASH.reference },
};

/** Colour and symbol index of each series, the same in every view (the legend reads these too). */
export const SERIES_INDEX: Record<string, number> = { transformer: 0, lstm: 1, 'lstm-untrained': 2, 'layer 1': 0, 'layer 2': 1, 'layer 3': 2, 'layer 4': 3 };
export const seriesColor = (s: string) => scaleColor(SERIES_INDEX[s] ?? 5);
export const seriesSymbol = (s: string) => scaleSymbol(SERIES_INDEX[s] ?? 5);

/** Points with their intervals as ticks, joined by a line per series. */
function curves(points: Point[]) {
  return [
    Plot.ruleX(points, { x: 'd', y1: 'lo', y2: 'hi', stroke: (p: Point) => seriesColor(p.series), strokeWidth: 1.5, strokeOpacity: 0.7 }),
    Plot.line(points, { x: 'd', y: 'mean', z: 'series', stroke: (p: Point) => seriesColor(p.series), strokeWidth: 2 }),
    Plot.dot(points, {
      x: 'd',
      y: 'mean',
      symbol: (p: Point) => seriesSymbol(p.series),
      fill: (p: Point) => (p.clears ? seriesColor(p.series) : 'var(--bg, #fff)'),
      stroke: (p: Point) => seriesColor(p.series),
      r: 4,
      title: (p: Point) => `${p.series}, d = ${p.d}: ${p.mean.toFixed(3)} [${p.lo.toFixed(3)}, ${p.hi.toFixed(3)}]`,
    }),
  ];
}

function xAxis(ds: number[], narrow: boolean) {
  const max = Math.max(...ds);
  const ticks = ds.filter((d, i) => !narrow || i % 2 === 0 || d === max);
  return { type: 'symlog' as const, constant: 1, label: 'distance d (tokens) →', domain: [Math.min(...ds), max * 1.15], ticks, tickFormat: (d: number) => String(d) };
}

export function memoryPlot(data: MemoryData, st: MemoryCurvesState, options: DrawOptions) {
  const width = chartWidth(options.width);
  const narrow = width < NARROW;
  const frame = { document: options.document, width, height: 320, marginLeft: 52, marginRight: 16, style: PLOT_STYLE };
  let plot: SVGSVGElement | HTMLElement;
  if (st.view === 'context') {
    const pts = contextSeries(data, st.perturbation);
    plot = Plot.plot({
      ...frame,
      x: xAxis([...new Set(pts.map((p) => p.d))].sort((a, b) => a - b), narrow),
      y: { type: 'symlog', constant: 0.01, label: '↑ loss increase (nats per token)', grid: true, ticks: [-0.05, 0, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2], tickFormat: (y: number) => String(y) },
      marks: [Plot.ruleY([0], { stroke: MUTED, strokeDasharray: DASH.baseline }), ...curves(pts)],
    });
  } else if (st.view === 'forgetting') {
    const pts = forgettingSeries(data);
    const floor = forgettingFloor(data);
    const window = data.forgetting.models.transformer.context;
    plot = Plot.plot({
      ...frame,
      x: xAxis(data.forgetting.distances, narrow),
      y: { label: '↑ probe accuracy', domain: [0, 1], grid: true, tickFormat: (y: number) => `${Math.round(y * 100)} %` },
      marks: [
        Plot.line(floor, { x: 'd', y: 'control', stroke: MUTED, strokeDasharray: DASH.control, strokeWidth: 1.5 }),
        ...(window ? [Plot.ruleX([window], { stroke: MUTED, strokeDasharray: DASH.reference }), Plot.text([window], { x: (d: number) => d, frameAnchor: 'top', text: () => (narrow ? 'window' : 'transformer window'), textAnchor: 'end', dx: -4, dy: 4, fill: MUTED })] : []),
        ...curves(pts),
      ],
    });
  } else if (st.view === 'recall') {
    const pts = recallSeries(data, st.task);
    const window = data.taskRecall.runs[0]!.models.transformer.context;
    plot = Plot.plot({
      ...frame,
      x: xAxis([...new Set(pts.map((p) => p.d))].sort((a, b) => a - b), narrow),
      y: { label: '↑ right on both twins (paired accuracy)', domain: [0, 1], grid: true, tickFormat: (y: number) => `${Math.round(y * 100)} %` },
      marks: [
        ...(window ? [Plot.ruleX([window], { stroke: MUTED, strokeDasharray: DASH.reference }), Plot.text([window], { x: (d: number) => d, frameAnchor: 'top', text: () => (narrow ? 'window' : 'transformer window'), textAnchor: 'end', dx: -4, dy: 4, fill: MUTED })] : []),
        ...curves(pts),
      ],
    });
  } else {
    const { heads, uniform } = attentionSeries(data, st.task);
    const ds = [...new Set(uniform.map((p) => p.d))];
    plot = Plot.plot({
      ...frame,
      x: { ...xAxis(ds, narrow), domain: [Math.min(...ds) / 1.15, Math.max(...ds) * 1.15] },
      y: { label: '↑ attention on the fact', grid: true, zero: true, tickFormat: (y: number) => `${Math.round(y * 100)} %` },
      marks: [
        Plot.line(uniform, { x: 'd', y: 'mean', stroke: MUTED, strokeDasharray: DASH.baseline, strokeWidth: 1.5 }),
        // d = context: the fact's first token is the window's first, an attention sink (the caption says so)
        Plot.ruleX([data.attention.context], { stroke: MUTED, strokeDasharray: DASH.reference }),
        Plot.text([data.attention.context], { x: (d: number) => d, frameAnchor: 'top', text: () => (narrow ? 'sink' : 'window edge: sink'), textAnchor: 'end', dx: -4, dy: 4, fill: MUTED }),
        ...curves(heads),
      ],
    });
  }
  return accessiblePlot(plot, memorySummary(data, st));
}
