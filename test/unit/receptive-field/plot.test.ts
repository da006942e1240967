import { serverDocument } from '../../../widgets/runtime/kit/ssr.ts';
import { describe, expect, it } from 'vitest';
import { accessiblePlot } from '../../../widgets/runtime/accessible-plot.ts';
import { plotRows, receptiveFieldPlot } from '../../../widgets/receptive-field/plot.ts';
import { PRESETS, PRESET_NAMES } from '../../../widgets/receptive-field/presets.ts';
import { stripGeometry } from '../../../widgets/receptive-field/strip.ts';
import { dependencyCone, theoreticalReceptiveFields, type Layer } from '../../../widgets/receptive-field/receptive-field.ts';

describe('receptive-field plot on a linkedom document', () => {
  it('draws every preset as one accessible svg', () => {
    for (const name of PRESET_NAMES) {
      for (const logY of [false, true]) {
        const node = receptiveFieldPlot({ layers: PRESETS[name].layers, n: 64, logY }, { document: serverDocument(), width: 360 });
        const html = node.outerHTML;
        expect(node.tagName.toLowerCase()).toBe('svg');
        expect(node.getAttribute('role')).toBe('img');
        expect(node.getAttribute('aria-label')).toMatch(/^Line chart of receptive-field size against depth/);
        // Inner groups keep no aria-label: axe's aria-prohibited-attr.
        expect(node.querySelectorAll('[aria-label]')).toHaveLength(0);
        expect(html).toContain('var(--accent');
        expect(html).not.toMatch(/NaN|Infinity/);
      }
    }
  });

  it('plots the stack, the global-attention reference and 1 + 2L', () => {
    const rows = plotRows(PRESETS.transformer.layers, 64);
    expect(rows.filter((r) => r.series === 'stack').map((r) => r.r)).toEqual([1, 64, 64, 64, 64]);
    expect(rows.filter((r) => r.series === 'global').map((r) => r.r)).toEqual([1, 64, 64, 64, 64]);
    expect(rows.filter((r) => r.series === 'conv3').map((r) => r.r)).toEqual([1, 3, 5, 7, 9]);
  });

  it('copes with the largest stacks', () => {
    const huge: Layer[] = Array(12).fill({ kind: 'conv', kernel: 15, stride: 4, dilation: 16 });
    const node = receptiveFieldPlot({ layers: huge, n: 128, logY: true }, { document: serverDocument(), width: 0 });
    expect(node.outerHTML).not.toMatch(/NaN/);
  });
});

describe('accessiblePlot', () => {
  it('names the main svg of a figure and hides legend swatches', () => {
    const document = serverDocument();
    const figure = document.createElement('figure');
    figure.innerHTML =
      '<div><svg aria-label="swatch"><g aria-label="x"></g></svg></div><svg><g aria-label="line"><path aria-description="d"/></g></svg>';
    accessiblePlot(figure, 'A summary.');
    const [swatch, main] = Array.from(figure.querySelectorAll('svg'));
    expect(main!.getAttribute('role')).toBe('img');
    expect(main!.getAttribute('aria-label')).toBe('A summary.');
    expect(swatch!.getAttribute('aria-hidden')).toBe('true');
    expect(figure.querySelectorAll('g[aria-label], [aria-description]')).toHaveLength(0);
  });
});

describe('strip diagram geometry', () => {
  it('gives strided layers wider cells and marks the cone', () => {
    const layers = PRESETS.strided.layers;
    const cone = dependencyCone(layers, 64, 4, false);
    const jumps = theoreticalReceptiveFields(layers).map((s) => s.jump);
    const g = stripGeometry(cone, jumps);
    expect(g.rows).toHaveLength(7);
    expect(g.rows[0]!.cells).toHaveLength(8);
    expect(g.rows[6]!.cells).toHaveLength(64);
    expect(g.rows[0]!.cells[0]!.width).toBeGreaterThan(7 * g.rows[6]!.cells[0]!.width);
    expect(g.rows.map((r) => r.label)).toEqual(['L6', 'L5', 'L4', 'L3', 'L2', 'L1', 'in']);
    expect(g.rows[0]!.cells.filter((c) => c.selected).map((c) => c.position)).toEqual([4]);
    expect(g.rows[6]!.cells.filter((c) => c.inCone).length).toBe(cone.positions[0]!.length);
    for (const row of g.rows) for (const c of row.cells) expect(c.x + c.width).toBeLessThanOrEqual(g.width);
  });
});
