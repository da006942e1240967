/**
 * The probe-accuracy figure's two charts, drawn with Observable Plot into a given `document` (the
 * browser's, or linkedom's at build time):
 * 1. accuracy (or selectivity) by residual layer, one line per label, with majority baselines and
 *    control-task accuracies;
 * 2. expected layer per label as a fraction of depth, beside Tenney et al.'s BERT-large values.
 */
import * as Plot from '@observablehq/plot';
import { accessiblePlot } from '../runtime/accessible-plot.ts';
import { TENNEY_2019 } from '../models/transformer/literature.ts';
import { num, pct, pts } from '../runtime/kit/format.ts';
import { DASH, MUTED, NARROW, PLOT_STYLE, scaleColor, scaleSymbol } from '../runtime/kit/palette.ts';
import { chartWidth, type DrawOptions } from '../runtime/kit/plot-frame.ts';
import { accuracySummary, expectedSummary, missingReason } from './describe.ts';
import { labelsFor, shownExpectedLayer, type Metric, type ProbeData, type ProbeLabel } from './data.ts';
import { ALL_LABELS } from './state.ts';

export interface PointRow {
  id: string;
  layer: number;
  value: number;
}

const ACCURACY_HEIGHT = 300;
/** Opacity of the labels that are not highlighted. */
const FADED = 0.18;

function layerTicks(L: number, narrow: boolean): number[] {
  const all = Array.from({ length: L + 1 }, (_, i) => i);
  return narrow && L > 6 ? all.filter((i) => i % 2 === 0) : all;
}

function points(values: readonly number[], id: string): PointRow[] {
  return values.map((value, layer) => ({ id, layer, value }));
}

/** The rows chart 1 plots for one label: the series, or null where the label has none. */
function seriesOf(label: ProbeLabel, metric: Metric): { main: number[] | null; control: number[] | null } {
  if (metric === 'selectivity') return { main: label.selectivity, control: null };
  return { main: label.accuracy, control: label.control };
}

function pointTitle(label: ProbeLabel, metric: Metric) {
  return (d: PointRow) => {
    const at = d.layer === 0 ? 'embedding' : `layer ${d.layer}`;
    if (metric === 'selectivity') return `${label.name}, ${at}: selectivity ${pts(d.value)}`;
    const control = label.control ? `, control task ${pct(label.control[d.layer]!)}` : '';
    return `${label.name}, ${at}: ${pct(d.value)} (majority ${pct(label.majority)}${control})`;
  };
}

export function accuracyPlot(
  data: ProbeData,
  view: { metric: Metric; label: string },
  options: DrawOptions,
): SVGSVGElement | HTMLElement {
  const { metric } = view;
  const L = data.layers;
  const width = chartWidth(options.width);
  const narrow = width < NARROW;
  const highlight = data.labels.some((l) => l.id === view.label) ? view.label : ALL_LABELS;
  const shown = labelsFor(data, metric);
  // Faded labels first, the highlighted one last, so it is drawn on top.
  const ordered = [...shown].sort((a, b) => Number(a.id === highlight) - Number(b.id === highlight));

  const marks: Plot.Markish[] = [];
  const values: number[] = [];
  for (const label of ordered) {
    const on = highlight === ALL_LABELS || highlight === label.id;
    const opacity = on ? 1 : FADED;
    const color = scaleColor(label.scaleIndex);
    const { main, control } = seriesOf(label, metric);
    if (!main) continue;
    values.push(...main, ...(control ?? []));
    if (metric === 'accuracy') {
      values.push(label.majority);
      marks.push(
        Plot.ruleY([{ y: label.majority, x1: 0, x2: L }], {
          y: 'y',
          x1: 'x1',
          x2: 'x2',
          stroke: color,
          strokeWidth: 1.25,
          strokeDasharray: DASH.baseline,
          strokeOpacity: on ? 0.8 : FADED,
        }),
      );
    }
    if (control) {
      marks.push(
        Plot.line(points(control, label.id), {
          x: 'layer',
          y: 'value',
          stroke: color,
          strokeWidth: 1.5,
          strokeDasharray: DASH.control,
          strokeOpacity: opacity,
        }),
      );
    }
    const pts_ = points(main, label.id);
    marks.push(
      Plot.line(pts_, {
        x: 'layer',
        y: 'value',
        stroke: color,
        strokeWidth: highlight === label.id ? 3 : 2,
        strokeOpacity: opacity,
      }),
      Plot.dot(pts_, {
        x: 'layer',
        y: 'value',
        symbol: scaleSymbol(label.scaleIndex),
        fill: color,
        r: highlight === label.id ? 4.5 : 3.5,
        fillOpacity: opacity,
        title: pointTitle(label, metric),
      }),
    );
  }

  let yDomain: [number, number] = [0, 1];
  if (metric === 'selectivity') {
    const lo = Math.min(0, ...values);
    const hi = Math.max(0, ...values);
    const pad = Math.max(0.02, (hi - lo) * 0.08);
    yDomain = [lo - pad, hi + pad];
  }

  const node = Plot.plot({
    document: options.document,
    width,
    height: ACCURACY_HEIGHT,
    marginLeft: metric === 'selectivity' ? 62 : 48,
    marginRight: 16,
    style: PLOT_STYLE,
    x: {
      label: 'layer (0 = embedding) →',
      domain: [0, Math.max(L, 1)],
      ticks: layerTicks(L, narrow),
      tickFormat: 'd',
    },
    y: {
      label: metric === 'accuracy' ? '↑ probe accuracy' : '↑ selectivity (accuracy − control)',
      domain: yDomain,
      grid: true,
      tickFormat: metric === 'accuracy' ? (d: number) => `${Math.round(d * 100)} %` : (d: number) => pts(d, 0),
    },
    marks: [Plot.ruleY([0], { stroke: MUTED }), ...marks],
  });
  return accessiblePlot(node, accuracySummary(data, metric, highlight));
}

// ---------------------------------------------------------------------------------------------
// Chart 2: expected layer

const ROW_HEIGHT = 24;

export interface ExpectedRowDatum {
  /** y key: 'hdr:ours', 'ours:<label>', 'hdr:tenney', 'tenney:<task>'. */
  key: string;
  name: string;
  /** Clipped E[ℓ] (or of selectivity) as a fraction of depth; null when there is none. */
  fraction: number | null;
  value: number | null;
  /** The file's signed E[ℓ] as a fraction, where it differs from the clipped one (accuracy only). */
  signedFraction: number | null;
  color: string;
  symbol: string;
  note: string;
}

/** The rows of chart 2, top to bottom: this model's labels in the dezoom order, then Tenney et al.'s tasks. */
export function expectedChartRows(data: ProbeData, metric: Metric, narrow = false): ExpectedRowDatum[] {
  const L = data.layers;
  const withControl = new Set(labelsFor(data, metric).map((l) => l.id));
  const ours: ExpectedRowDatum[] = data.labels.map((l) => {
    const value = withControl.has(l.id) ? shownExpectedLayer(l, metric) : null;
    const signed = metric === 'accuracy' && l.expectedLayer !== null && l.expectedLayer !== l.expectedLayerClipped ? l.expectedLayer : null;
    return {
      key: `ours:${l.id}`,
      name: narrow ? l.short : l.name,
      fraction: value === null ? null : value / L,
      value,
      signedFraction: signed === null ? null : signed / L,
      color: scaleColor(l.scaleIndex),
      symbol: scaleSymbol(l.scaleIndex),
      note: !withControl.has(l.id)
        ? 'no control task'
        : value === null
          ? narrow
            ? 'none (no gain)'
            : `none: ${missingReason(l, metric)}`
          : '',
    };
  });
  const theirs: ExpectedRowDatum[] = TENNEY_2019.tasks.map((t) => ({
    key: `tenney:${t.id}`,
    name: narrow ? t.short : t.name,
    fraction: t.expectedLayer / TENNEY_2019.layers,
    value: t.expectedLayer,
    signedFraction: null,
    color: MUTED,
    symbol: 'circle',
    note: '',
  }));
  const header = (key: string, name: string): ExpectedRowDatum => ({
    key,
    name,
    fraction: null,
    value: null,
    signedFraction: null,
    color: MUTED,
    symbol: 'circle',
    note: '',
  });
  return [
    header('hdr:ours', narrow ? `This model (${L} layers)` : `This model, ${L} layers`),
    ...ours,
    header('hdr:tenney', narrow ? `${TENNEY_2019.model} (${TENNEY_2019.layers})` : `${TENNEY_2019.authors}, ${TENNEY_2019.model}, ${TENNEY_2019.layers} layers`),
    ...theirs,
  ];
}

export function expectedPlot(data: ProbeData, view: { metric: Metric }, options: DrawOptions): SVGSVGElement | HTMLElement {
  const { metric } = view;
  const L = data.layers;
  const width = chartWidth(options.width);
  const narrow = width < NARROW;
  const rows = expectedChartRows(data, metric, narrow);
  const dotted = rows.filter((r) => r.fraction !== null);
  const headers = rows.filter((r) => r.key.startsWith('hdr:'));
  const notes = rows.filter((r) => r.note);
  const signed = rows.filter((r) => r.signedFraction !== null);
  const fractions = [...dotted.map((r) => r.fraction!), ...signed.map((r) => r.signedFraction!)];
  const xDomain: [number, number] = [Math.min(0, ...fractions), Math.max(1, ...fractions)];
  const nameOf = new Map(rows.map((r) => [r.key, r.key.startsWith('hdr:') ? '' : r.name]));
  const layerFractions = Array.from({ length: L + 1 }, (_, l) => l / L);
  const valueLabel = (r: ExpectedRowDatum) =>
    r.key.startsWith('tenney:') ? `${num(r.value!)} / ${TENNEY_2019.layers}` : `${num(r.value!)} / ${L}`;
  const nearRight = (r: ExpectedRowDatum) => r.fraction! > 0.72;

  const node = Plot.plot({
    document: options.document,
    width,
    height: rows.length * ROW_HEIGHT + 84,
    marginLeft: narrow ? 84 : 150,
    marginRight: 16,
    marginTop: 44,
    marginBottom: 40,
    style: PLOT_STYLE,
    x: { domain: xDomain },
    y: { domain: rows.map((r) => r.key), padding: 0.2 },
    marks: [
      Plot.gridX(layerFractions, { stroke: MUTED, strokeOpacity: 0.25 }),
      Plot.axisX(layerFractions, {
        anchor: 'top',
        tickFormat: (d: number) => String(Math.round(d * L)),
        label: `layer of this model (0 = embedding, ${L} = last) →`,
        labelAnchor: 'left',
      }),
      Plot.axisX([0, 0.25, 0.5, 0.75, 1], {
        anchor: 'bottom',
        tickFormat: (d: number) => `${Math.round(d * 100)} %`,
        label: 'expected layer as a share of depth (E[ℓ] ÷ layers) →',
        labelAnchor: 'left',
      }),
      Plot.axisY({ tickFormat: (k: string) => nameOf.get(k) ?? '', tickSize: 0, label: null }),
      Plot.text(headers, {
        x: xDomain[0],
        y: 'key',
        text: 'name',
        textAnchor: 'start',
        fontWeight: 'bold',
        dx: narrow ? -80 : -146,
      }),
      Plot.ruleY(dotted, { y: 'key', x1: 0, x2: 'fraction', stroke: 'color', strokeOpacity: 0.5 }),
      Plot.dot(signed, {
        x: 'signedFraction',
        y: 'key',
        stroke: 'color',
        fill: 'none',
        r: 5,
        strokeWidth: 1.5,
        title: (r: ExpectedRowDatum) => `${r.name}: signed E[ℓ] ${num(r.signedFraction! * L)} (negative gains kept)`,
      }),
      Plot.dot(dotted, {
        x: 'fraction',
        y: 'key',
        fill: 'color',
        symbol: 'symbol',
        r: 5,
        title: (r: ExpectedRowDatum) => `${r.name}: E[ℓ] ${valueLabel(r)} (${pct(r.fraction!, 0)} of depth)`,
      }),
      Plot.text(
        dotted.filter((r) => !nearRight(r)),
        { x: 'fraction', y: 'key', text: valueLabel, textAnchor: 'start', dx: 10, fill: 'currentColor' },
      ),
      Plot.text(
        dotted.filter(nearRight),
        { x: 'fraction', y: 'key', text: valueLabel, textAnchor: 'end', dx: -10, fill: 'currentColor' },
      ),
      Plot.text(notes, { x: 0, y: 'key', text: 'note', textAnchor: 'start', dx: 4, fill: MUTED, fontStyle: 'italic' }),
    ],
  });
  return accessiblePlot(node, expectedSummary(data, metric));
}
