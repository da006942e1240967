/**
 * The attention-reach figure's three charts, drawn with Observable Plot into a given `document` (the
 * browser's, or linkedom's at build time):
 * - distance: each head's mean attention distance by layer (dots), the layer mean (line), uniform attention (dashed);
 * - entropy: the same for attention entropy;
 * - depth: reach against depth 0 … L beside a stack of 3-wide convolutions and full attention.
 */
import * as Plot from '@observablehq/plot';
import { accessiblePlot } from '../runtime/accessible-plot.ts';
import { num, pct } from '../runtime/kit/format.ts';
import { ACCENT, ACCENT_2, DASH, INK, MUTED, NARROW, PLOT_STYLE } from '../runtime/kit/palette.ts';
import { chartWidth, depthAxis, type DrawOptions } from '../runtime/kit/plot-frame.ts';
import { depthSummary, distanceSummary, entropySummary } from './describe.ts';
import { depthRows, distanceOf, uniformDistance, type ReachData, type ReachHead } from './data.ts';

/** Styles of the depth chart's series, shared with the view's legend. */
export const DEPTH_SERIES = {
  measured: { label: 'This model: mean attention distance', stroke: ACCENT, dash: DASH.solid },
  conv: { label: '3-wide convolutions: receptive field 1 + 2ℓ', stroke: ACCENT_2, dash: DASH.reference },
  full: { label: 'Full attention could reach: the whole context', stroke: MUTED, dash: DASH.control },
  uniform: { label: 'Uniform attention’s mean distance', stroke: MUTED, dash: DASH.baseline },
} as const;

export type DepthSeriesId = keyof typeof DEPTH_SERIES;

/** Horizontal offset of head h of H around its layer's x position, so that the dots do not overlap. */
export function headOffset(head: number, heads: number): number {
  const spread = Math.min(0.36, 0.09 * Math.max(heads - 1, 1));
  return heads <= 1 ? 0 : -spread / 2 + (spread * head) / (heads - 1);
}

interface HeadPoint {
  x: number;
  y: number;
  head: ReachHead;
}

function byLayerChart(
  data: ReachData,
  options: DrawOptions & {
    height: number;
    yLabel: string;
    value: (s: ReachHead) => number;
    mean: number[];
    uniform: number;
    uniformLabel: string;
    title: (h: ReachHead) => string;
    summary: string;
  },
): SVGSVGElement | HTMLElement {
  const width = chartWidth(options.width);
  const L = data.layers;
  const points: HeadPoint[] = data.perHead.map((head) => ({
    x: head.layer + headOffset(head.head, data.heads),
    y: options.value(head),
    head,
  }));
  const means = options.mean.map((y, i) => ({ x: i + 1, y }));
  const yMax = Math.max(options.uniform, ...points.map((p) => p.y), ...options.mean) * 1.08;
  const node = Plot.plot({
    document: options.document,
    width,
    height: options.height,
    marginLeft: 44,
    marginRight: 16,
    style: PLOT_STYLE,
    x: {
      label: 'layer →',
      domain: [0.5, L + 0.5],
      ticks: Array.from({ length: L }, (_, i) => i + 1),
      tickFormat: 'd',
    },
    y: { label: options.yLabel, domain: [0, yMax], grid: true, nice: true },
    marks: [
      Plot.ruleY([0], { stroke: MUTED }),
      Plot.ruleY([options.uniform], { stroke: MUTED, strokeDasharray: DASH.baseline, strokeWidth: 1.5 }),
      Plot.text([options.uniform], {
        x: L + 0.5,
        y: (d: number) => d,
        text: () => options.uniformLabel,
        textAnchor: 'end',
        dy: -7,
        fill: MUTED,
      }),
      Plot.line(means, { x: 'x', y: 'y', stroke: INK, strokeWidth: 2.5 }),
      Plot.dot(points, {
        x: 'x',
        y: 'y',
        fill: ACCENT,
        fillOpacity: 0.85,
        stroke: 'var(--bg, #fff)',
        strokeWidth: 1,
        r: 4.5,
        title: (p: HeadPoint) => options.title(p.head),
      }),
      // The layer means on top of the heads' dots.
      Plot.dot(means, { x: 'x', y: 'y', symbol: 'diamond', fill: INK, stroke: 'var(--bg, #fff)', r: 5.5 }),
    ],
  });
  return accessiblePlot(node, options.summary);
}

const DISTANCE_HEIGHT = 260;
const ENTROPY_HEIGHT = 190;
const DEPTH_HEIGHT = 260;

export function distancePlot(data: ReachData, view: { includeFirst: boolean }, options: DrawOptions) {
  const { includeFirst } = view;
  return byLayerChart(data, {
    ...options,
    height: DISTANCE_HEIGHT,
    yLabel: '↑ mean distance (tokens back)',
    value: (h) => distanceOf(h, includeFirst),
    mean: data.perLayer.map((l) => distanceOf(l, includeFirst)),
    uniform: uniformDistance(data, includeFirst),
    uniformLabel: `uniform ${num(uniformDistance(data, includeFirst), 1)}`,
    title: (h) =>
      `Layer ${h.layer}, head ${h.head + 1} (${h.kind}): ${num(distanceOf(h, includeFirst), 1)} tokens, entropy ${num(h.entropy)} nats, ${pct(h.firstTokenShare)} on the first position`,
    summary: distanceSummary(data, includeFirst),
  });
}

export function entropyPlot(data: ReachData, options: DrawOptions) {
  return byLayerChart(data, {
    ...options,
    height: ENTROPY_HEIGHT,
    yLabel: '↑ entropy (nats)',
    value: (h) => h.entropy,
    mean: data.perLayer.map((l) => l.entropy),
    uniform: data.uniform.entropy,
    uniformLabel: `uniform ${num(data.uniform.entropy)}`,
    title: (h) => `Layer ${h.layer}, head ${h.head + 1} (${h.kind}): entropy ${num(h.entropy)} nats`,
    summary: entropySummary(data),
  });
}

export function depthPlot(data: ReachData, view: { includeFirst: boolean; log: boolean }, options: DrawOptions) {
  const { includeFirst, log } = view;
  const width = chartWidth(options.width);
  const narrow = width < NARROW;
  const L = data.layers;
  const rows = depthRows(data, includeFirst);
  const measured = rows.filter((r) => r.measured !== null);
  const uniform = uniformDistance(data, includeFirst);
  const series = (id: 'conv' | 'full', key: 'conv' | 'full') => {
    const { stroke, dash } = DEPTH_SERIES[id];
    return [
      Plot.line(rows, { x: 'depth', y: key, stroke, strokeWidth: 2, strokeDasharray: dash }),
      Plot.dot(rows, { x: 'depth', y: key, fill: stroke, r: 3, title: (r: (typeof rows)[number]) => `${DEPTH_SERIES[id].label}, depth ${r.depth}: ${r[key]}` }),
    ];
  };
  const node = Plot.plot({
    document: options.document,
    width,
    height: DEPTH_HEIGHT,
    marginLeft: 44,
    marginRight: 16,
    style: PLOT_STYLE,
    x: depthAxis(L, narrow),
    y: {
      label: log ? '↑ tokens (log scale)' : '↑ tokens',
      type: log ? 'log' : 'linear',
      domain: [log ? 1 : 0, Math.max(data.context, uniform) * 1.04],
      grid: true,
      nice: !log,
    },
    marks: [
      ...(log ? [] : [Plot.ruleY([0], { stroke: MUTED })]),
      Plot.ruleY([{ y: uniform, x1: 1, x2: L }], {
        y: 'y',
        x1: 'x1',
        x2: 'x2',
        stroke: DEPTH_SERIES.uniform.stroke,
        strokeDasharray: DEPTH_SERIES.uniform.dash,
        strokeWidth: 1.5,
      }),
      ...series('full', 'full'),
      ...series('conv', 'conv'),
      Plot.line(measured, { x: 'depth', y: 'measured', stroke: DEPTH_SERIES.measured.stroke, strokeWidth: 3 }),
      Plot.dot(measured, {
        x: 'depth',
        y: 'measured',
        fill: DEPTH_SERIES.measured.stroke,
        r: 4,
        title: (r: (typeof rows)[number]) => `Layer ${r.depth}: mean attention distance ${num(r.measured!, 1)} tokens`,
      }),
    ],
  });
  return accessiblePlot(node, depthSummary(data, includeFirst));
}
