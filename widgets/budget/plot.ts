/**
 * The budget figure's two charts (Observable Plot, into a given document):
 * - the map: over data (x, log) and compute (y, log), the family of the winning model, fainter where the
 *   winner's loss is an extrapolation; the reader's budget as a ringed dot;
 * - the ranking: every model's predicted bits per character at the chosen data size, affordable models
 *   filled, models over the compute budget hollow.
 */
import * as Plot from '@observablehq/plot';
import { accessiblePlot } from '../runtime/accessible-plot.ts';
import { num } from '../runtime/kit/format.ts';
import { INK, MUTED, NARROW, PLOT_STYLE, SCALE_COLORS, SCALE_SYMBOLS } from '../runtime/kit/palette.ts';
import { chartWidth, type DrawOptions } from '../runtime/kit/plot-frame.ts';
import { modelLabel, type Family, type ScalingData } from '../models/scaling/logs.ts';
import { candidates, winnerMap } from './budget.ts';
import { mapSummary, rankingSummary } from './describe.ts';
import { COMPUTE_STEPS, DATA_STEPS, computeFlops, dataMultiple, type BudgetState } from './state.ts';

/** Family colours and symbols, shared with the legends and the other scaling figures. */
export const FAMILY_STYLE: Record<Family, { color: string; symbol: string; label: string }> = {
  ngram: { color: SCALE_COLORS[0], symbol: SCALE_SYMBOLS[0], label: 'n-gram (Kneser–Ney)' },
  clever: { color: SCALE_COLORS[1], symbol: SCALE_SYMBOLS[1], label: 'clever model (hand-made features)' },
  transformer: { color: SCALE_COLORS[2], symbol: SCALE_SYMBOLS[2], label: 'transformer' },
};

const superscript = (e: number) => String(e).replace(/./g, (ch) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(ch)] ?? ch);

/** Grid of the map: every other data step, every 5th compute step (a cell per half-octave × half-decade). */
export function mapGrid(brownTokens: number) {
  const dSteps: number[] = [];
  for (let s = DATA_STEPS.min; s <= DATA_STEPS.max; s += 2) dSteps.push(s);
  const cSteps: number[] = [];
  for (let s = COMPUTE_STEPS.min; s <= COMPUTE_STEPS.max; s += 5) cSteps.push(s);
  return {
    logTokens: dSteps.map((s) => Math.log10(brownTokens * dataMultiple(s))),
    logCompute: cSteps.map((s) => s / 10),
    // Half a cell: the grid steps by two data steps (half an octave) and five compute steps (half a decade).
    dHalf: Math.log10(2) / 4,
    cHalf: 0.25,
  };
}

export function mapPlot(data: ScalingData, st: BudgetState, options: DrawOptions) {
  const width = chartWidth(options.width);
  const narrow = width < NARROW;
  const grid = mapGrid(data.brownTokens);
  const cells = winnerMap(data, grid.logTokens, grid.logCompute);
  const x = Math.log10(data.brownTokens * dataMultiple(st.data));
  const y = st.compute / 10;
  const brown = Math.log10(data.brownTokens);
  const node = Plot.plot({
    document: options.document,
    width,
    height: narrow ? 240 : 280,
    marginLeft: 48,
    marginRight: 12,
    marginBottom: 36,
    style: PLOT_STYLE,
    x: {
      label: 'training data (tokens, log) →',
      domain: [grid.logTokens[0]! - grid.dHalf, grid.logTokens.at(-1)! + grid.dHalf],
      ticks: [6, 7],
      tickFormat: (e: number) => `10${superscript(e)}`,
    },
    y: {
      label: '↑ training compute (FLOPs, log)',
      domain: [grid.logCompute[0]! - grid.cHalf, grid.logCompute.at(-1)! + grid.cHalf],
      ticks: narrow ? [6, 8, 10, 12, 14] : [5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
      tickFormat: (e: number) => `10${superscript(e)}`,
    },
    marks: [
      Plot.rect(
        cells.filter((c) => c.family !== 'none'),
        {
          x1: (c) => c.logD - grid.dHalf,
          x2: (c) => c.logD + grid.dHalf,
          y1: (c) => c.logC - grid.cHalf,
          y2: (c) => c.logC + grid.cHalf,
          fill: (c) => FAMILY_STYLE[c.family as Family].color,
          fillOpacity: (c) => (c.extrapolated ? 0.28 : 0.7),
          title: (c) => `${c.model}${c.extrapolated ? ' (extrapolated)' : ''}`,
        },
      ),
      // Where Brown ends: left of it the runs are measured, right of it only fits speak.
      Plot.ruleX([brown], { stroke: INK, strokeDasharray: '4 3' }),
      Plot.text([brown], { x: (d: number) => d, y: grid.logCompute[0]! - grid.cHalf, text: () => 'all of Brown', textAnchor: 'start', dx: 4, dy: -6, fill: INK }),
      Plot.dot([{ x, y }], { x: 'x', y: 'y', r: 7, stroke: 'var(--bg, #fff)', strokeWidth: 4 }),
      Plot.dot([{ x, y }], { x: 'x', y: 'y', r: 7, stroke: INK, strokeWidth: 2 }),
    ],
  });
  return accessiblePlot(node, mapSummary(cells));
}

export function rankingPlot(data: ScalingData, st: BudgetState, options: DrawOptions) {
  const width = chartWidth(options.width);
  const multiple = dataMultiple(st.data);
  const tokens = data.brownTokens * multiple;
  const compute = computeFlops(st.compute);
  const all = candidates(data, tokens, compute).map((c) => ({ ...c, label: modelLabel(data, c.model, true) }));
  const known = all.filter((c) => c.bpc !== null);
  const lo = Math.min(...known.map((c) => c.bpc!), 2.2);
  const hi = Math.max(...known.map((c) => c.bpc!), 2.4);
  const best = known.filter((c) => c.affordable).sort((a, b) => a.bpc! - b.bpc!)[0];
  const node = Plot.plot({
    document: options.document,
    width,
    height: 36 + 22 * all.length,
    marginLeft: 56,
    marginRight: 16,
    style: PLOT_STYLE,
    x: { label: 'bits per character at this data size (lower is better) →', domain: [lo - 0.03, hi + 0.03], grid: true },
    y: { label: null, domain: all.map((c) => c.label) },
    marks: [
      ...(best ? [Plot.ruleX([best.bpc!], { stroke: MUTED, strokeDasharray: '4 3' })] : []),
      Plot.dot(known, {
        x: 'bpc',
        y: 'label',
        r: 5.5,
        symbol: (c: (typeof known)[number]) => FAMILY_STYLE[c.family].symbol,
        fill: (c: (typeof known)[number]) => (c.affordable ? FAMILY_STYLE[c.family].color : 'none'),
        stroke: (c: (typeof known)[number]) => FAMILY_STYLE[c.family].color,
        strokeWidth: 1.5,
        fillOpacity: (c) => (c.basis === 'extrapolated' ? 0.45 : 1),
        title: (c) => `${c.label}: ${num(c.bpc!, 3)} bpc, ${c.basis}${c.affordable ? '' : ', over budget'}`,
      }),
      Plot.text(
        all.filter((c) => c.bpc === null || !c.affordable),
        {
          x: hi + 0.03,
          y: 'label',
          text: (c) => (c.bpc === null ? 'not known' : 'over budget'),
          textAnchor: 'end',
          dx: -2,
          fill: MUTED,
        },
      ),
    ],
  });
  return accessiblePlot(node, rankingSummary(data, tokens, compute, multiple));
}
