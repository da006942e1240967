/**
 * The convnet essay's three static charts, drawn with Observable Plot into a given document (linkedom's at
 * build time; the charts are not interactive): rise over initialisation by block, σ against depth with
 * √depth and linear guides, and σ across training with its intervals.
 */
import * as Plot from '@observablehq/plot';
import { accessiblePlot } from '../../runtime/accessible-plot.ts';
import { DASH, INK, MUTED, PLOT_STYLE, scaleColor, scaleSymbol } from '../../runtime/kit/palette.ts';
import { chartWidth, type DrawOptions } from '../../runtime/kit/plot-frame.ts';
import { RISE_KEYS, RISE_NAMES, SIGMA_NAMES, type RiseRow, type SigmaRow, type SigmaSeries, type TrainingRow } from './data.ts';
import { riseSummary, sigmaSummary, trainingSummary } from './describe.ts';

const HEIGHT = 300;

/** Rise per block, one line per family through the first trained network's dots (each over its own start); the
 * hollow dot is the second trained network's, the thick bar the range between the two trained networks, and the
 * thin bar the first network's range over every untrained network. */
export function risePlot(rows: RiseRow[], options: DrawOptions): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const blocks = Math.max(...rows.map((r) => r.block));
  const colour = (key: string) => scaleColor(RISE_KEYS.indexOf(key as (typeof RISE_KEYS)[number]));
  const marks: Plot.Markish[] = [Plot.ruleY([1], { stroke: MUTED, strokeDasharray: DASH.baseline })];
  RISE_KEYS.forEach((key, k) => {
    const data = rows.filter((r) => r.key === key).map((r) => ({ ...r, x: r.block + (k - 2) * 0.06 }));
    marks.push(
      Plot.line(data, { x: 'x', y: 'rise', stroke: colour(key), strokeWidth: 2 }),
      Plot.ruleX(data, { x: 'x', y1: 'low', y2: 'high', stroke: colour(key), strokeWidth: 1.5 }),
      Plot.ruleX(data, { x: 'x', y1: 'trainedLow', y2: 'trainedHigh', stroke: colour(key), strokeWidth: 5, strokeOpacity: 0.45 }),
      Plot.dot(data, { x: 'x', y: 'second', stroke: colour(key), fill: 'none', symbol: scaleSymbol(k), r: 4, strokeWidth: 1.5 }),
      Plot.dot(data, { x: 'x', y: 'rise', fill: colour(key), symbol: scaleSymbol(k), r: 3.5 }),
    );
  });
  const plot = Plot.plot({
    document: options.document,
    width,
    height: HEIGHT,
    style: PLOT_STYLE,
    marginLeft: 48,
    x: { label: 'block →', domain: [0.7, blocks + 0.3], ticks: Array.from({ length: blocks }, (_, i) => i + 1), tickFormat: 'd' },
    y: { type: 'log', label: '↑ trained ÷ untrained (mean NMI)', grid: true, tickFormat: (d: number) => `${d}×` },
    marks,
  });
  return accessiblePlot(plot, riseSummary(rows));
}

export const SIGMA_STYLE: Record<SigmaSeries, { stroke: string; dash: string; symbol: string | null }> = {
  trained: { stroke: scaleColor(0), dash: DASH.solid, symbol: 'circle' },
  init: { stroke: scaleColor(1), dash: DASH.solid, symbol: 'square' },
  plain: { stroke: scaleColor(2), dash: DASH.solid, symbol: 'triangle' },
  sqrt: { stroke: MUTED, dash: DASH.reference, symbol: null },
  linear: { stroke: INK, dash: DASH.control, symbol: null },
};

/** σ relative to block 1 against depth, with the √depth and linear guides. */
export function sigmaPlot(rows: SigmaRow[], options: DrawOptions): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const depth = Math.max(...rows.map((r) => r.depth));
  const marks: Plot.Markish[] = [];
  for (const series of Object.keys(SIGMA_STYLE) as SigmaSeries[]) {
    const s = SIGMA_STYLE[series];
    const data = rows.filter((r) => r.series === series);
    marks.push(Plot.line(data, { x: 'depth', y: 'ratio', stroke: s.stroke, strokeWidth: s.symbol ? 2 : 1.5, strokeDasharray: s.dash }));
    if (s.symbol) marks.push(Plot.dot(data, { x: 'depth', y: 'ratio', fill: s.stroke, symbol: s.symbol, r: 3.5 }));
  }
  const plot = Plot.plot({
    document: options.document,
    width,
    height: HEIGHT,
    style: PLOT_STYLE,
    x: { label: 'block (depth) →', domain: [1, depth], ticks: Array.from({ length: depth }, (_, i) => i + 1), tickFormat: 'd' },
    y: { label: '↑ σ ÷ σ of block 1', grid: true, domain: [0, Math.max(...rows.map((r) => r.ratio)) * 1.05] },
    marks,
  });
  return accessiblePlot(plot, sigmaSummary(rows));
}

/** σ per block across training checkpoints, the bars its 95 % bootstrap interval over the images. */
export function trainingPlot(rows: TrainingRow[], options: DrawOptions): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const epochs = [...new Set(rows.map((r) => r.epoch))].sort((a, b) => a - b);
  const marks: Plot.Markish[] = [];
  for (const block of [...new Set(rows.map((r) => r.block))]) {
    const data = rows.filter((r) => r.block === block);
    const colour = scaleColor(block - 1);
    marks.push(
      Plot.line(data, { x: 'epoch', y: 'sigma', stroke: colour, strokeWidth: 2 }),
      Plot.ruleX(data, { x: 'epoch', y1: 'low', y2: 'high', stroke: colour, strokeWidth: 1.5 }),
      Plot.dot(data, { x: 'epoch', y: 'sigma', fill: colour, symbol: scaleSymbol(block - 1), r: 3.5 }),
    );
  }
  const plot = Plot.plot({
    document: options.document,
    width,
    height: HEIGHT,
    style: PLOT_STYLE,
    x: { label: 'epoch →', ticks: epochs, tickFormat: 'd' },
    y: { label: '↑ σ (pixels)', grid: true, domain: [0, Math.max(...rows.map((r) => r.high)) * 1.05] },
    marks,
  });
  return accessiblePlot(plot, trainingSummary(rows));
}

export { RISE_NAMES, SIGMA_NAMES };
