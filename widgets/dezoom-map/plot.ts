/**
 * The dezoom map's two charts, drawn with Observable Plot into a given `document` (the browser's, or
 * linkedom's at build time):
 * - map: layer (rows, embedding at the top) × span length (columns), each cell the span probe's gain over
 *   layer 0 in points, written in the cell; a ring marks the layers tied with the best one for that length;
 * - context: effective context (tokens that settle the vector to within the criterion) and mean attention
 *   distance, by layer, on a log₂ axis.
 */
import * as Plot from '@observablehq/plot';
import { accessiblePlot } from '../runtime/accessible-plot.ts';
import { ACCENT, ACCENT_2, DASH, INK, PLOT_STYLE } from '../runtime/kit/palette.ts';
import { chartWidth, lineWithDots, type DrawOptions } from '../runtime/kit/plot-frame.ts';
import { attentionDistance, bestLayer, bucketLabel, effectiveContext, hasBucket, spanGain } from './analysis.ts';
import { contextSummary, mapSummary } from './describe.ts';
import type { Ladder, SpanTask } from './ladder.ts';

export interface MapView {
  depth: number;
  task: SpanTask;
}

interface Cell {
  layer: string;
  bucket: string;
  gain: number;
  best: boolean;
}

export const CONTEXT_SERIES = {
  effective: { label: 'Effective context: tokens that settle the vector', stroke: ACCENT, dash: DASH.solid },
  distance: { label: 'Mean attention distance of the block', stroke: ACCENT_2, dash: DASH.reference },
} as const;

const layerName = (l: number) => `${l}`;

export function mapPlot(ladder: Ladder, view: MapView, options: DrawOptions): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const gains = spanGain(ladder, view.depth, view.task);
  const cells: Cell[] = [];
  ladder.spanBuckets.forEach((bucket, b) => {
    const row = gains[b];
    if (!row || !hasBucket(ladder, view.task, b)) return;
    const { tied } = bestLayer(ladder, view.depth, view.task, b);
    row.forEach((gain, l) => cells.push({ layer: layerName(l), bucket: bucketLabel(bucket), gain: gain * 100, best: tied.includes(l) }));
  });
  const max = Math.max(5, ...cells.map((c) => Math.abs(c.gain)));
  const node = Plot.plot({
    document: options.document,
    width,
    height: 60 + 34 * (view.depth + 1),
    marginLeft: 44,
    marginBottom: 36,
    style: PLOT_STYLE,
    // Only the span lengths the probe has examples for (a noun phrase of one token is a pronoun: no head noun).
    x: { label: 'span length (tokens) →', domain: ladder.spanBuckets.filter((_, b) => hasBucket(ladder, view.task, b)).map(bucketLabel), axis: 'bottom' },
    y: { label: 'layer ↓', domain: Array.from({ length: view.depth + 1 }, (_, l) => layerName(l)) },
    color: { type: 'diverging', scheme: 'PuOr', domain: [-max, max], reverse: true },
    marks: [
      Plot.cell(cells, { x: 'bucket', y: 'layer', fill: 'gain', inset: 1 }),
      Plot.cell(
        cells.filter((c) => c.best),
        { x: 'bucket', y: 'layer', stroke: INK, strokeWidth: 2, fill: 'none', inset: 3 },
      ),
      // Plot's fontWeight is a constant, not a channel: the best cells get their own, bold, text mark.
      ...[false, true].map((best) =>
        Plot.text(cells.filter((c) => c.best === best), {
          x: 'bucket',
          y: 'layer',
          text: (c: Cell) => `${c.gain >= 0 ? '+' : '−'}${Math.abs(c.gain).toFixed(1)}`,
          fill: (c: Cell) => (Math.abs(c.gain) > max * 0.6 ? 'white' : 'black'),
          fontWeight: best ? 700 : 400,
        }),
      ),
    ],
  });
  return accessiblePlot(node, `Heatmap of span-probe gain over the embedding layer, in points, by layer and span length. ${mapSummary(ladder, view.depth, view.task)}`);
}

export function contextPlot(ladder: Ladder, view: MapView, options: DrawOptions): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const top = ladder.cutKs.at(-1)!;
  const eff = effectiveContext(ladder, view.depth).map((k, l) => ({ layer: l, tokens: k ?? top * 2 }));
  const dist = attentionDistance(ladder, view.depth).map((d, i) => ({ layer: i + 1, tokens: Math.max(1, d) }));
  const node = Plot.plot({
    document: options.document,
    width,
    height: 220,
    marginLeft: 48,
    style: PLOT_STYLE,
    x: { label: 'layer →', domain: [0, view.depth], ticks: Array.from({ length: view.depth + 1 }, (_, i) => i), tickFormat: 'd' },
    y: { label: '↑ tokens (log scale)', type: 'log', base: 2, domain: [1, top * 2], grid: true, tickFormat: (d: number) => (d > top ? `>${top}` : `${d}`) },
    marks: [
      ...lineWithDots(eff, 'layer', 'tokens', CONTEXT_SERIES.effective.stroke, CONTEXT_SERIES.effective.dash, true),
      ...lineWithDots(dist, 'layer', 'tokens', CONTEXT_SERIES.distance.stroke, CONTEXT_SERIES.distance.dash, false),
    ],
  });
  return accessiblePlot(node, `Line chart of effective context and attention distance by layer. ${contextSummary(ladder, view.depth)}`);
}
