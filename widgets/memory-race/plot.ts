/**
 * The LSTM's memory of the fact, drawn with Observable Plot: how far apart its whole state is between the
 * passage and its twin after each token from the fact to where the answer is needed, as a share of the difference
 * right after the fact (log scale: the decay is roughly exponential), with the transformer's window edge for comparison. Takes the `document` to draw into,
 * so the same code draws in the browser and at build time with linkedom. One image with a one-sentence
 * summary; the sentence beside it says the numbers.
 */
import * as Plot from '@observablehq/plot';
import { accessiblePlot } from '../runtime/accessible-plot.ts';
import { ACCENT, DASH, MUTED, PLOT_STYLE } from '../runtime/kit/palette.ts';
import { chartWidth, type DrawOptions } from '../runtime/kit/plot-frame.ts';
import { traceLine } from './describe.ts';

export interface TraceView {
  trace: number[];
  step: number;
  distance: number;
  /** The transformer's window (null: none drawn). */
  window: number | null;
}

/** Points of the trace: tokens read since the fact, and the share of the difference right after it that is left
 * (floored for the log scale). */
export function tracePoints(v: TraceView): { t: number; left: number }[] {
  const first = v.trace[0] ?? 0;
  return v.trace.map((diff, i) => ({ t: i * v.step + 1, left: first > 0 ? Math.max(diff / first, FLOOR) : FLOOR }));
}

const FLOOR = 1e-4;

export function tracePlot(v: TraceView, options: DrawOptions): SVGSVGElement | HTMLElement {
  const points = tracePoints(v);
  const marks: Plot.Markish[] = [Plot.line(points, { x: 't', y: 'left', stroke: ACCENT, strokeWidth: 2 })];
  if (v.window !== null && v.window < v.distance) {
    marks.unshift(
      Plot.ruleX([v.window], { stroke: MUTED, strokeDasharray: DASH.reference }),
      Plot.text([v.window], { x: (d: number) => d, frameAnchor: 'top', dx: 4, textAnchor: 'start', text: () => 'transformer’s window', fill: MUTED }),
    );
  }
  const node = Plot.plot({
    document: options.document,
    width: chartWidth(options.width),
    height: 200,
    marginLeft: 48,
    style: PLOT_STYLE,
    x: { type: 'log', label: 'tokens read since the fact →', domain: [1, Math.max(2, v.distance)], tickFormat: '~s' },
    y: {
      type: 'log',
      label: '↑ share of the fact’s trace left',
      domain: [FLOOR, Math.max(1, ...points.map((p) => p.left))],
      grid: true,
      ticks: [1e-4, 1e-3, 1e-2, 1e-1, 1],
      tickFormat: (x: number) => `${+(x * 100).toPrecision(1)} %`,
    },
    marks,
  });
  return accessiblePlot(node, `Line chart on log scales. ${traceLine(v.trace, v.distance)}`);
}
