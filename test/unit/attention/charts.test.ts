// The attention explorer's two charts as data and geometry (widgets/attention/arcs.ts, heatmap.ts, strip.ts):
// which arcs are drawn and where, the heatmap's layout and pointer mapping, its cells and canvas image, the
// Plot output on a linkedom document (the build's chart and the live figure's axes), the strip's bars and
// roving keys.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { ARC_DEFAULTS, arcColumn, arcHeight, arcsGeometry, columnCentre } from '../../../widgets/attention/arcs.ts';
import {
  cellAlphas,
  cellAt,
  cellOrigin,
  frameKey,
  heatmapCells,
  heatmapFrame,
  heatmapLayout,
  heatmapPlot,
  shade,
  tickLabel,
  tickTokens,
} from '../../../widgets/attention/heatmap.ts';
import { rowWindow } from '../../../widgets/attention/row-window.ts';
import { barWidth, gridStep, rovingStep, stripTints } from '../../../widgets/attention/strip.ts';
import { stripMove } from '../../../widgets/models/transformer/live/keys.ts';
import { matrixOf } from './matrices.ts';

const random = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

describe('arcs geometry', () => {
  const T = 10;
  const m = matrixOf(T, (i, j) => (j === i - 1 ? 6 : j === 0 ? 3 : 0.1));

  it('draws one arc per pair at or above the threshold, never to a later token', () => {
    const g = arcsGeometry(m, T);
    let expected = 0;
    for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) if (m[i * T + j]! >= ARC_DEFAULTS.threshold) expected++;
    expect(g.arcs).toHaveLength(expected);
    for (const a of g.arcs) {
      expect(a.key).toBeLessThanOrEqual(a.query);
      expect(a.weight).toBeGreaterThanOrEqual(ARC_DEFAULTS.threshold);
    }
    expect(g.width).toBe(T * ARC_DEFAULTS.column);
    expect(arcsGeometry(m, T, { threshold: 0.5 }).arcs.length).toBeLessThan(expected);
  });

  it('starts at the query’s column centre, ends at the key’s, on the baseline', () => {
    const column = 40;
    const g = arcsGeometry(m, T, { column });
    for (const a of g.arcs.filter((x) => !x.self)) {
      const nums = a.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(nums[0]).toBeCloseTo(columnCentre(a.query, column), 1);
      expect(nums[1]).toBe(g.height);
      expect(nums.at(-2)).toBeCloseTo(columnCentre(a.key, column), 1);
      expect(nums.at(-1)).toBe(g.height);
      // The control points sit 4/3 of the arc's height above the baseline: the arc peaks at that height.
      expect(g.height - nums[3]!).toBeCloseTo((arcHeight(a.query - a.key, column, ARC_DEFAULTS.maxHeight) * 4) / 3, 0);
    }
  });

  it('caps the height, sorts lightest first, and encodes weight in opacity and width', () => {
    const long = 100;
    const far = matrixOf(long, (i, j) => (j === 0 ? 50 : 1));
    const g = arcsGeometry(far, long);
    expect(g.height).toBeLessThanOrEqual(ARC_DEFAULTS.maxHeight + 6);
    for (let k = 1; k < g.arcs.length; k++) expect(g.arcs[k]!.weight).toBeGreaterThanOrEqual(g.arcs[k - 1]!.weight);
    const [light, heavy] = [g.arcs[0]!, g.arcs.at(-1)!];
    expect(heavy.opacity).toBeGreaterThanOrEqual(light.opacity);
    expect(heavy.strokeWidth).toBeGreaterThanOrEqual(light.strokeWidth);
    expect(heavy.opacity).toBeCloseTo(Math.sqrt(heavy.weight), 10);
  });

  it('draws a token’s attention to itself as a loop, and nothing for NaN or empty input', () => {
    const self = arcsGeometry(new Float32Array([1]), 1);
    expect(self.arcs).toHaveLength(1);
    expect(self.arcs[0]!.self).toBe(true);
    expect(arcsGeometry(new Float32Array([NaN]), 1).arcs).toHaveLength(0);
    expect(arcsGeometry(new Float32Array(0), 0)).toMatchObject({ width: 0, arcs: [] });
  });

  it('fits columns to the box between 36 and 64 pixels', () => {
    expect(arcColumn(10, 560)).toBe(56);
    expect(arcColumn(4, 560)).toBe(64);
    expect(arcColumn(128, 560)).toBe(36);
    expect(arcColumn(10, 0)).toBe(ARC_DEFAULTS.column);
  });
});

describe('heatmap layout and data', () => {
  it('uses integer cells within bounds, and token ticks only for short texts', () => {
    for (const T of [1, 2, 14, 32, 33, 64, 128]) {
      for (const width of [300, 640, 1200]) {
        const l = heatmapLayout(T, width);
        expect(Number.isInteger(l.cell)).toBe(true);
        expect(l.cell).toBeGreaterThanOrEqual(4);
        expect(l.cell).toBeLessThanOrEqual(32);
        expect(l.width).toBe(l.marginLeft + l.marginRight + T * l.cell);
        expect(l.tokenTicks).toBe(T <= 32);
        if (l.cell > 4) expect(l.width).toBeLessThanOrEqual(width);
      }
    }
  });

  it('maps the pointer to the cell it is over, and nothing above the diagonal or outside', () => {
    const l = heatmapLayout(14, 640);
    for (let i = 0; i < 14; i++) {
      for (let j = 0; j <= i; j++) {
        const o = cellOrigin(l, i, j);
        expect(cellAt(l, o.x + l.cell / 2, o.y + l.cell / 2)).toEqual({ query: i, key: j });
      }
    }
    const above = cellOrigin(l, 2, 5);
    expect(cellAt(l, above.x + 1, above.y + 1)).toBeNull();
    expect(cellAt(l, 1, 1)).toBeNull();
    expect(cellAt(l, l.width + 5, l.height + 5)).toBeNull();
  });

  it('labels every token when they fit, else positions, and shortens long tokens', () => {
    expect(tickTokens(5)).toEqual([0, 1, 2, 3, 4]);
    expect(tickTokens(60)).toEqual([0, 4, 9, 14, 19, 24, 29, 34, 39, 44, 49, 54, 59]);
    expect(tickTokens(128)[1]).toBe(9);
    expect(tickLabel('␣understanding')).toBe('␣underst…');
    expect(tickLabel('🐈‍⬛🐈‍⬛')).toBe('🐈‍⬛🐈‍⬛'); // code points, not UTF-16 units
  });

  it('has T(T+1)/2 visible cells, and the canvas image is blank above the diagonal', () => {
    const T = 9;
    const m = matrixOf(T, random(3));
    expect(heatmapCells(m, T)).toHaveLength((T * (T + 1)) / 2);
    const px = cellAlphas(m, T);
    expect(px).toHaveLength(T * T * 4);
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < T; j++) {
        const at = (i * T + j) * 4;
        // Colour comes from compositing; only alpha carries the weight.
        expect([px[at], px[at + 1], px[at + 2]]).toEqual([0, 0, 0]);
        expect(px[at + 3]).toBe(j > i ? 0 : Math.round(shade(m[i * T + j]!) * 255));
      }
    }
    expect(shade(0.25)).toBe(0.5);
    expect(shade(NaN)).toBe(0);
    expect(shade(4)).toBe(1);
  });

  it('rebuilds the axes only when the layout or the tick labels change', () => {
    const short = ['The', '␣cat', '␣sat'];
    const key = frameKey(heatmapLayout(3, 640), short);
    expect(frameKey(heatmapLayout(3, 640), [...short])).toBe(key);
    expect(frameKey(heatmapLayout(3, 640), ['The', '␣dog', '␣sat'])).not.toBe(key);
    expect(frameKey(heatmapLayout(3, 150), short)).not.toBe(key); // a narrower box: smaller cells
    // Past the token ticks, the ticks are positions: new text, same axes.
    const a = Array.from({ length: 128 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 128 }, (_, i) => `b${i}`);
    expect(frameKey(heatmapLayout(128, 640), a)).toBe(frameKey(heatmapLayout(128, 640), b));
  });
});

describe('heatmap plot', () => {
  const displays = ['The', '␣cat', '␣sat', '.'];
  const m = matrixOf(4, (i, j) => (j === i - 1 ? 4 : 1));

  it('draws one accessible svg with a rect per visible cell on linkedom (build time)', () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const svg = heatmapPlot({ matrix: m, T: 4, displays }, { document: document as unknown as Document, layout: heatmapLayout(4, 640), label: 'Summary.' });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Summary.');
    expect(svg.querySelectorAll('[aria-label]').length).toBe(0);
    // 10 cells and the frame.
    expect(svg.querySelectorAll('rect').length).toBe(10 + 1);
    expect(svg.textContent).toContain('␣cat');
  });

  it('draws the axes and frame without cells for the live figure', () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const svg = heatmapFrame(4, displays, { document: document as unknown as Document, layout: heatmapLayout(4, 640), label: 'Summary.' });
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Summary.');
    expect(svg.querySelectorAll('rect').length).toBe(1); // the frame only
    expect(svg.textContent).toContain('␣cat');
  });
});

describe('token strip', () => {
  const T = 4;
  const m = matrixOf(T, (i, j) => i + j + 1);
  it('shows the focused token’s row left of it and its column right of it', () => {
    const tints = stripTints(m, T, 1);
    expect(tints.map((t) => t.kind)).toEqual(['to', 'to', 'by', 'by']);
    expect(tints[0]!.weight).toBe(m[1 * T + 0]);
    expect(tints[3]!.weight).toBe(m[3 * T + 1]);
    expect(stripTints(m, T, 7).every((t) => t.weight === 0)).toBe(true);
  });

  it('makes bars proportional to the weight, and nothing for less than 1 %', () => {
    expect(barWidth(0.5)).toBe(50);
    expect(barWidth(0.02)).toBe(8);
    expect(barWidth(0.005)).toBe(0);
    expect(barWidth(NaN)).toBe(0);
  });

  it('moves the roving focus with arrows, Home and End, in a row and in a grid', () => {
    // In a row: the live figures' stripMove (its moves are tested with them, test/unit/logit-lens/state.test.ts)
    // without the vertical arrows, which the grid below takes.
    for (const key of ['ArrowRight', 'ArrowLeft', 'Home', 'End', 'a']) {
      for (const index of [0, 2, 4]) expect(rovingStep(key, index, 5)).toBe(stripMove(key, index, 5));
    }
    expect(rovingStep('ArrowDown', 2, 5)).toBeNull();
    expect(rovingStep('ArrowUp', 2, 5)).toBeNull();
    // 4 × 4 grid: index = row * 4 + col.
    expect(gridStep('ArrowDown', 1, 4, 4)).toBe(5);
    expect(gridStep('ArrowDown', 13, 4, 4)).toBe(13);
    expect(gridStep('ArrowUp', 5, 4, 4)).toBe(1);
    expect(gridStep('ArrowRight', 3, 4, 4)).toBe(3);
    expect(gridStep('ArrowLeft', 4, 4, 4)).toBe(4);
    expect(gridStep('End', 5, 4, 4)).toBe(7);
    expect(gridStep('Home', 7, 4, 4)).toBe(4);
    expect(gridStep('Enter', 7, 4, 4)).toBeNull();
  });
});

describe('step table row window', () => {
  it('builds every row of a short table, and before the rows are measured', () => {
    expect(rowWindow(30, 0, 300, 20)).toEqual({ start: 0, end: 30, before: 0, after: 0 });
    expect(rowWindow(128, 0, 300, 0)).toEqual({ start: 0, end: 128, before: 0, after: 0 });
    expect(rowWindow(128, 0, 0, 20)).toEqual({ start: 0, end: 128, before: 0, after: 0 });
  });

  it('builds the rows in view and a margin, with spacers that keep the full height', () => {
    const w = rowWindow(128, 1000, 300, 20, { overscan: 5 });
    // Rows 50–64 are in view (1000/20 to 1300/20), five more each side.
    expect(w).toEqual({ start: 45, end: 70, before: 45 * 20, after: (128 - 70) * 20 });
    expect(w.before + (w.end - w.start) * 20 + w.after).toBe(128 * 20);
  });

  it('stays inside the table at both ends and for odd scroll positions', () => {
    expect(rowWindow(128, 0, 300, 20, { overscan: 5 })).toMatchObject({ start: 0, end: 20, before: 0 });
    const bottom = rowWindow(128, 128 * 20 - 300, 300, 20, { overscan: 5 });
    expect(bottom).toMatchObject({ end: 128, after: 0 });
    expect(rowWindow(128, 99_999, 300, 20)).toMatchObject({ start: 128, end: 128, after: 0 });
    expect(rowWindow(128, -50, 300, 20, { overscan: 0 })).toMatchObject({ start: 0, end: 15 });
    expect(rowWindow(128, NaN, 300, 20).end).toBe(128);
  });
});
