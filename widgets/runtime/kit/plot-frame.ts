/**
 * What the figures' plot modules and views share around Observable Plot: the drawing options, the chart
 * width, the depth axis of the by-depth charts, a series as a line with dots, and the `draw` a
 * view hands to PlotHost.
 */
import * as Plot from '@observablehq/plot';

/** Where and how wide to draw: the browser's document, or linkedom's at build time. */
export interface DrawOptions {
  document: Document;
  width: number;
}

/** Charts are never drawn narrower than this, whatever the host's width. */
export const MIN_CHART_WIDTH = 240;

/** The host's width as a whole number of pixels, at least MIN_CHART_WIDTH. */
export function chartWidth(width: number): number {
  return Math.max(MIN_CHART_WIDTH, Math.round(width));
}

/**
 * The x axis of a chart against depth 0 … `depth` (layers): every depth, or every other one on a narrow
 * chart of a deep stack.
 */
export function depthAxis(depth: number, narrow: boolean) {
  return {
    label: 'depth (layers) →',
    domain: [0, Math.max(depth, 1)],
    ticks: Array.from({ length: depth + 1 }, (_, i) => i).filter((i) => !narrow || depth <= 6 || i % 2 === 0),
    tickFormat: 'd',
  };
}

/**
 * The `draw` a view passes to PlotHost: null until the view has read its URL state (PlotHost keeps the
 * build-time chart until then), else a closure that draws `view` at the host's width in the page.
 */
export function liveDraw<V>(
  ready: boolean,
  view: V,
  plot: (view: V, options: DrawOptions) => SVGSVGElement | HTMLElement,
): ((width: number) => Element) | null {
  if (!ready) return null;
  return (width: number) => plot(view, { document, width });
}

/** One series as a line through dots; the series the chart is about (`emphasised`) is drawn heavier. */
export function lineWithDots<T>(data: T[], x: string, y: string, stroke: string, dash: string, emphasised: boolean) {
  return [
    Plot.line(data, { x, y, stroke, strokeWidth: emphasised ? 2.5 : 1.5, strokeDasharray: dash }),
    Plot.dot(data, { x, y, fill: stroke, r: emphasised ? 3.5 : 2.5 }),
  ];
}
