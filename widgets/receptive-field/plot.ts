/**
 * Receptive-field size against depth, drawn with Observable Plot. Takes the `document` to draw
 * into, so the same code renders in the browser and at build time with linkedom.
 */
import * as Plot from '@observablehq/plot';
import { accessiblePlot } from '../runtime/accessible-plot.ts';
import { PLOT_STYLE } from '../runtime/kit/palette.ts';
import { chartWidth, depthAxis, lineWithDots, type DrawOptions } from '../runtime/kit/plot-frame.ts';
import { theoreticalReceptiveFields, visibleSize, type Layer } from './receptive-field.ts';

export type SeriesId = 'stack' | 'global' | 'conv3';

export interface SeriesStyle {
  label: string;
  stroke: string;
  dash: string;
}

// CSS variables, so that the chart follows the site's light/dark theme without re-rendering.
export const SERIES: Record<SeriesId, SeriesStyle> = {
  stack: { label: 'Your stack', stroke: 'var(--accent, #1565c0)', dash: 'none' },
  global: { label: 'Global attention (whole sequence)', stroke: 'var(--accent-2, #c2185b)', dash: '6 4' },
  conv3: { label: '3-wide convolutions (1 + 2L)', stroke: 'var(--muted, #666)', dash: '2 3' },
};

export interface PlotRow {
  series: SeriesId;
  depth: number;
  r: number;
}

export interface ReceptiveFieldPlotData {
  layers: readonly Layer[];
  n: number;
  logY?: boolean;
}

/** Depth 0..L for the reader's stack and the two references (global attention is N from layer 1). */
export function plotRows(layers: readonly Layer[], n: number): PlotRow[] {
  const rows: PlotRow[] = [];
  for (const { depth, rf } of theoreticalReceptiveFields(layers)) {
    rows.push({ series: 'stack', depth, r: visibleSize(rf, n) });
    rows.push({ series: 'global', depth, r: depth === 0 ? 1 : n });
    rows.push({ series: 'conv3', depth, r: 1 + 2 * depth });
  }
  return rows;
}

function plotSummary(layers: readonly Layer[], n: number): string {
  const rows = plotRows(layers, n).filter((row) => row.series === 'stack');
  const sizes = rows.map((row) => row.r).join(', ');
  return (
    `Line chart of receptive-field size against depth 0 to ${layers.length}. ` +
    `Your stack: ${sizes}. Global attention reaches the whole sequence (${n}) from layer 1; ` +
    `3-wide convolutions grow as 1 + 2L, reaching ${1 + 2 * layers.length}.`
  );
}

const PLOT_HEIGHT = 260;

export function receptiveFieldPlot(
  data: ReceptiveFieldPlotData,
  options: DrawOptions,
): SVGSVGElement | HTMLElement {
  const { layers, n, logY = false } = data;
  const rows = plotRows(layers, n);
  const depth = layers.length;
  const width = chartWidth(options.width);
  const narrow = width < 420;
  // The reader's stack last, so it is drawn on top where it meets a reference line.
  const marks = (['global', 'conv3', 'stack'] as const).flatMap((id) => {
    const { stroke, dash } = SERIES[id];
    const series = rows.filter((row) => row.series === id);
    return lineWithDots(series, 'depth', 'r', stroke, dash, id === 'stack');
  });
  const maxR = Math.max(...rows.map((row) => row.r));
  const node = Plot.plot({
    document: options.document,
    width,
    height: PLOT_HEIGHT,
    marginLeft: 48,
    style: PLOT_STYLE,
    x: depthAxis(depth, narrow),
    y: {
      label: '↑ receptive field (positions)',
      type: logY ? 'log' : 'linear',
      domain: [logY ? 1 : 0, Math.max(maxR, 2)],
      nice: true,
      grid: true,
    },
    marks: [...(logY ? [] : [Plot.ruleY([0])]), ...marks],
  });
  return accessiblePlot(node, plotSummary(layers, n));
}
