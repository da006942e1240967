// The attention-reach figure (widgets/attention-reach/): data prepared from the committed
// transformer-measurements.json, the shape of the per-layer distances (against Vig & Belinkov's U), the
// convnet and full-attention references from the receptive-field math, summaries, charts and URL state.
// Assertions check structure and consistency with the file, not particular measured values.
import fc from 'fast-check';
import { serverDocument } from '../../../widgets/runtime/kit/ssr.ts';
import { describe, expect, it } from 'vitest';
import { decodeState, defaultState, encodeState, mergeIntoSearch } from '../../../widgets/runtime/url-state.ts';
import { loadMeasurements } from '../../../widgets/models/transformer/measurements-file.ts';
import { VIG_BELINKOV_2019 } from '../../../widgets/models/transformer/literature.ts';
import {
  SHAPE_TOLERANCE,
  attentionReceptiveField,
  convReceptiveField,
  depthRows,
  distanceOf,
  headsOf,
  reachData,
  reachShape,
  shapeOf,
  uniformDistance,
} from '../../../widgets/attention-reach/data.ts';
import {
  depthSummary,
  depthTableRows,
  distanceSummary,
  entropySummary,
  headRows,
  reachVerdict,
  shapeText,
  vigComparison,
} from '../../../widgets/attention-reach/describe.ts';
import { depthPlot, distancePlot, entropyPlot, headOffset } from '../../../widgets/attention-reach/plot.ts';
import { attentionReachSchema } from '../../../widgets/attention-reach/state.ts';

const m = loadMeasurements();
const data = reachData(m);
const { n_layer: L, n_head: H, block_size: T } = m.model;

describe('reach data from transformer-measurements.json', () => {
  it('has every head of every layer, with the file’s numbers', () => {
    expect(data.layers).toBe(L);
    expect(data.heads).toBe(H);
    expect(data.context).toBe(T);
    expect(data.perLayer).toHaveLength(L);
    expect(data.perHead).toHaveLength(L * H);
    for (const layer of m.attention.layers) {
      const mine = data.perLayer[layer.layer - 1]!;
      expect(mine.layer).toBe(layer.layer);
      expect(mine.distance).toBe(layer.mean_over_heads.mean_distance);
      expect(mine.distanceExclFirst).toBe(layer.mean_over_heads.mean_distance_excl_first);
      expect(mine.entropy).toBe(layer.mean_over_heads.entropy);
      expect(mine.sdDistance).toBe(layer.sd_distance_over_heads);
      const heads = headsOf(data, layer.layer);
      expect(heads.map((h) => h.head)).toEqual(Array.from({ length: H }, (_, i) => i));
      heads.forEach((h, i) => {
        expect(h.distance).toBe(layer.heads[i]!.mean_distance);
        expect(h.distanceExclFirst).toBe(layer.heads[i]!.mean_distance_excl_first);
        expect(h.entropy).toBe(layer.heads[i]!.entropy);
        expect(h.kind).toMatch(/\S/);
      });
      // The layer's mean is the mean of its heads (to the file's rounding).
      const mean = heads.reduce((s, h) => s + h.distance, 0) / H;
      expect(mine.distance).toBeCloseTo(mean, 2);
    }
    expect(uniformDistance(data, true)).toBe(m.attention.uniform.mean_distance);
    expect(uniformDistance(data, false)).toBe(m.attention.uniform.mean_distance_excl_first);
  });

  it('puts a convnet and full attention on the same depth axis, from the receptive-field math', () => {
    expect(convReceptiveField(4)).toEqual([1, 3, 5, 7, 9]);
    expect(convReceptiveField(L)).toEqual(Array.from({ length: L + 1 }, (_, l) => 1 + 2 * l));
    expect(attentionReceptiveField(3, 128)).toEqual([1, 128, 128, 128]);
    const rows = depthRows(data, true);
    expect(rows.map((r) => r.depth)).toEqual(Array.from({ length: L + 1 }, (_, i) => i));
    expect(rows[0]!.measured).toBeNull();
    expect(rows.slice(1).map((r) => r.measured)).toEqual(data.perLayer.map((l) => l.distance));
    expect(depthRows(data, false).slice(1).map((r) => r.measured)).toEqual(data.perLayer.map((l) => l.distanceExclFirst));
    expect(rows.every((r) => r.depth === 0 || r.full === T)).toBe(true);
  });
});

describe('shape of the per-layer distances', () => {
  it('classifies hand-made sequences', () => {
    expect(shapeOf([1, 2, 3, 4], 0).shape).toBe('increasing');
    expect(shapeOf([4, 3, 2, 1], 0).shape).toBe('decreasing');
    expect(shapeOf([30, 3, 4, 9], 0)).toEqual({ shape: 'U-shaped', steps: [-1, 1, 1], minLayer: 2, maxLayer: 1 });
    expect(shapeOf([3, 9, 4], 0).shape).toBe('inverted U');
    expect(shapeOf([5, 5, 5], 0).shape).toBe('flat');
    expect(shapeOf([1, 5, 2, 6], 0).shape).toBe('zigzag');
    expect(shapeOf([7], 0).shape).toBe('flat');
    // Steps within the tolerance do not count.
    expect(shapeOf([10, 3, 3.2, 9], 0.5).steps).toEqual([-1, 0, 1]);
    expect(shapeOf([10, 3, 3.2, 9], 0.5).shape).toBe('U-shaped');
    expect(shapeOf([5, 5.1, 4.95], 0.3).shape).toBe('flat');
  });

  it('agrees with the file’s layer means, with or without the first position', () => {
    for (const includeFirst of [true, false]) {
      const values = data.perLayer.map((l) => distanceOf(l, includeFirst));
      const shape = reachShape(data, includeFirst);
      expect(shape).toEqual(shapeOf(values, SHAPE_TOLERANCE * uniformDistance(data, includeFirst)));
      expect(values[shape.maxLayer - 1]).toBe(Math.max(...values));
      expect(values[shape.minLayer - 1]).toBe(Math.min(...values));
      expect(reachVerdict(data, includeFirst)).toContain(shapeText(shape, L));
    }
  });

  it('compares every shape with Vig & Belinkov’s U, honestly', () => {
    const base = { steps: [] as (-1 | 0 | 1)[], minLayer: 2, maxLayer: 4 };
    expect(vigComparison({ ...base, shape: 'U-shaped' }, 4)).toMatch(/the same pattern/);
    expect(vigComparison({ ...base, shape: 'U-shaped', maxLayer: 1 }, 4)).toMatch(/layer 1 reaches farthest, not its deepest/);
    expect(vigComparison({ ...base, shape: 'increasing' }, 4)).toMatch(/grows steadily instead/);
    expect(vigComparison({ ...base, shape: 'decreasing' }, 4)).toMatch(/shrinks with depth/);
    expect(vigComparison({ ...base, shape: 'inverted U' }, 4)).toMatch(/other way up/);
    expect(vigComparison({ ...base, shape: 'flat' }, 4)).toMatch(/about as far/);
    expect(vigComparison({ ...base, shape: 'zigzag' }, 4)).toMatch(/neither a U nor a trend/);
    for (const s of ['U-shaped', 'increasing', 'zigzag'] as const) {
      expect(vigComparison({ ...base, shape: s }, 4)).toContain(`${VIG_BELINKOV_2019.authors} found ${VIG_BELINKOV_2019.model}`);
    }
  });
});

describe('summaries and tables', () => {
  it('say the computed shape, the Vig & Belinkov comparison and the references', () => {
    for (const includeFirst of [true, false]) {
      const shape = reachShape(data, includeFirst);
      const text = distanceSummary(data, includeFirst);
      expect(text).toContain(shapeText(shape, L));
      expect(text).toContain(vigComparison(shape, L));
      expect(text).toContain(uniformDistance(data, includeFirst).toFixed(1));
      for (const l of data.perLayer) expect(text).toContain(`layer ${l.layer} ${distanceOf(l, includeFirst).toFixed(1)}`);
      const depth = depthSummary(data, includeFirst);
      expect(depth).toContain(convReceptiveField(L).join(', '));
      expect(depth).toContain(`${T} positions`);
      for (const t of [text, depth, reachVerdict(data, includeFirst)]) expect(t).not.toMatch(/NaN|undefined|Infinity|null/);
    }
    const entropy = entropySummary(data);
    expect(entropy).not.toMatch(/NaN|undefined|Infinity|null/);
    if (data.distanceEntropyR !== null) expect(entropy).toContain(`r = ${data.distanceEntropyR.toFixed(2)}`);
  });

  it('the heads table has every head plus a mean per layer; the depth table every depth', () => {
    const rows = headRows(data);
    expect(rows).toHaveLength(L * (H + 1));
    expect(rows.filter((r) => r.isMean)).toHaveLength(L);
    expect(rows.filter((r) => !r.isMean).map((r) => r.head)).toEqual(data.perHead.map((h) => h.head + 1));
    expect(depthTableRows(data, true)).toHaveLength(L + 1);
  });
});

describe('charts on a linkedom document', () => {
  it('draws every chart in every state as one accessible svg', () => {
    const seen = new Set<string>();
    for (const includeFirst of [true, false]) {
      for (const log of [false, true]) {
        for (const width of [240, 360, 440, 900]) {
          const charts = [
            [distancePlot(data, { includeFirst }, { document: serverDocument(), width }), distanceSummary(data, includeFirst)],
            [entropyPlot(data, { document: serverDocument(), width }), entropySummary(data)],
            [depthPlot(data, { includeFirst, log }, { document: serverDocument(), width }), depthSummary(data, includeFirst)],
          ] as const;
          for (const [node, summary] of charts) {
            expect(node.tagName.toLowerCase()).toBe('svg');
            expect(node.getAttribute('role')).toBe('img');
            expect(node.getAttribute('aria-label')).toBe(summary);
            expect(node.querySelectorAll('[aria-label]')).toHaveLength(0);
            expect(node.outerHTML).not.toMatch(/NaN|undefined|Infinity/);
          }
          if (width === 440) seen.add(charts[2][0].outerHTML + charts[0][0].outerHTML);
        }
      }
    }
    expect(seen.size, 'both toggles change the drawing').toBe(4);
  });

  it('spreads a layer’s heads symmetrically around it', () => {
    for (const heads of [1, 2, 4, 12]) {
      const offsets = Array.from({ length: heads }, (_, h) => headOffset(h, heads));
      expect(offsets.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 10);
      expect(Math.max(...offsets.map(Math.abs))).toBeLessThan(0.25);
    }
  });
});

describe('URL state', () => {
  const schema = attentionReachSchema();

  it('defaults to counting the first position, linear axis, and writes nothing for the defaults', () => {
    expect(defaultState(schema)).toEqual({ first: true, log: false });
    expect(encodeState(schema, defaultState(schema), 'reach')).toEqual([]);
    expect(defaultState(attentionReachSchema({ includeFirst: false, log: true }))).toEqual({ first: false, log: true });
  });

  it('round-trips every state', () => {
    for (const first of [true, false]) {
      for (const log of [true, false]) {
        for (const ns of ['reach', '']) {
          expect(decodeState(schema, mergeIntoSearch('?x=1', schema, { first, log }, ns), ns)).toEqual({ first, log });
        }
      }
    }
  });

  it('falls back to the defaults on hostile values', () => {
    const hostile = [
      'reach.first=<script>alert(1)</script>&reach.log=<img src=x onerror=alert(1)>',
      'reach.first=yes&reach.log=2',
      'reach.first=TRUE&reach.log=-1',
      `reach.first=${'1'.repeat(5000)}&reach.log=${'0'.repeat(5000)}`,
      'reach.first=%E0%A4%A&reach.log=%',
      'reach.first=%ED%A0%80&reach.log=%F0%9F%90%88',
      'reach.first=&reach.log=',
      'reach.__proto__=1&reach.constructor=1&__proto__=x',
    ];
    for (const q of hostile) expect(decodeState(schema, q, 'reach'), q).toEqual({ first: true, log: false });
    expect(decodeState(schema, 'reach.first=0&reach.log=junk', 'reach')).toEqual({ first: false, log: false });
  });

  it('never decodes an arbitrary string to a non-boolean', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (first, log) => {
        const st = decodeState(schema, new URLSearchParams({ 'reach.first': first, 'reach.log': log }), 'reach');
        expect(typeof st.first).toBe('boolean');
        expect(typeof st.log).toBe('boolean');
      }),
    );
  });
});
