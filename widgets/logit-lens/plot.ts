/**
 * KL(final ‖ layer) by layer for the chosen position, beside the validation set's average, drawn
 * with Observable Plot. Takes the `document` to draw into, so the same code draws in the browser and
 * at build time with linkedom. The chart is one image with a one-sentence summary; the lens table
 * beside it holds every number (its text alternative).
 */
import * as Plot from '@observablehq/plot';
import { accessiblePlot } from '../runtime/accessible-plot.ts';
import { PLOT_STYLE } from '../runtime/kit/palette.ts';
import { lineWithDots } from '../runtime/kit/plot-frame.ts';
import { klPoints, lensSummary, type LensView } from './rows.ts';

// CSS variables, so the chart follows the site's light/dark theme without being redrawn.
export const KL_SERIES = {
  position: { label: 'This position', stroke: 'var(--accent, #1f5f8b)', dash: 'none' },
  average: { label: 'Average over the validation text', stroke: 'var(--muted, #595959)', dash: '5 4' },
} as const;

const KL_PLOT_HEIGHT = 220;

export function logitLensPlot(view: LensView, options: { document: Document; width: number }): SVGSVGElement | HTMLElement {
  const points = klPoints(view);
  const L = view.rows.length - 1;
  const width = Math.max(240, Math.round(options.width));
  // The average first, so this position's line is drawn on top where they meet.
  const marks = (['average', 'position'] as const).flatMap((id) => {
    const { stroke, dash } = KL_SERIES[id];
    const series = points.filter((p) => p.series === id);
    return lineWithDots(series, 'layer', 'bits', stroke, dash, id === 'position');
  });
  const maxBits = Math.max(1, ...points.map((p) => p.bits));
  const node = Plot.plot({
    document: options.document,
    width,
    height: KL_PLOT_HEIGHT,
    marginLeft: 44,
    style: PLOT_STYLE,
    x: { label: 'layer →', domain: [0, Math.max(L, 1)], ticks: Array.from({ length: L + 1 }, (_, i) => i), tickFormat: 'd' },
    y: { label: '↑ KL from the final layer (bits)', domain: [0, maxBits], nice: true, grid: true },
    marks: [Plot.ruleY([0]), ...marks],
  });
  return accessiblePlot(node, `Line chart. ${lensSummary(view)}`);
}
