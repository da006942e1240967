import fc from 'fast-check';
import { anyLayer } from './layer-arbitraries.ts';
import { describe, expect, it } from 'vitest';
import { coneSummary, formulaText, layerRows } from '../../../widgets/receptive-field/describe.ts';
import { PRESETS, PRESET_NAMES } from '../../../widgets/receptive-field/presets.ts';
import {
  LIMITS,
  dependencyCone,
  layerLengths,
  spanStats,
  theoreticalReceptiveFields,
  type Layer,
} from '../../../widgets/receptive-field/receptive-field.ts';

const conv = (kernel: number, stride = 1, dilation = 1): Layer => ({ kind: 'conv', kernel, stride, dilation });
const local = (window: number): Layer => ({ kind: 'local-attention', window });
const global: Layer = { kind: 'global-attention' };
const sizes = (layers: Layer[]) => theoreticalReceptiveFields(layers).map((s) => s.rf.size);
const top = (layers: Layer[]) => theoreticalReceptiveFields(layers).at(-1)!;

describe('theoretical receptive field', () => {
  it('matches hand-computed values', () => {
    for (const k of [1, 2, 3, 5, 7]) {
      for (const n of [1, 2, 6, 12]) expect(top(Array(n).fill(conv(k))).rf.size).toBe(1 + n * (k - 1));
    }
    expect(top(Array(10).fill(conv(3))).rf.size).toBe(21);
    expect(sizes([conv(2, 1, 1), conv(2, 1, 2), conv(2, 1, 4), conv(2, 1, 8)])).toEqual([1, 2, 4, 8, 16]);
    expect(sizes(PRESETS.dilated.layers)).toEqual([1, 2, 4, 8, 16, 32]);
    // Strided: each layer adds 2 · (product of the strides below it).
    expect(sizes(PRESETS.strided.layers)).toEqual([1, 3, 5, 9, 13, 21, 29]);
    expect(sizes([conv(3, 2), conv(3, 2), conv(3, 2)])).toEqual([1, 3, 7, 15]);
    expect(sizes([conv(7, 2), conv(3, 2)])).toEqual([1, 7, 11]);
    expect(sizes(PRESETS['local-attention'].layers)).toEqual([1, 8, 15, 22, 29]);
  });

  it('reports the stride product (jump) per depth', () => {
    expect(theoreticalReceptiveFields(PRESETS.strided.layers).map((s) => s.jump)).toEqual([1, 1, 2, 2, 4, 4, 8]);
  });

  it('is unbounded from the first global attention layer on', () => {
    const stats = theoreticalReceptiveFields([conv(3), global, conv(3)]);
    expect(stats.map((s) => s.rf.unbounded)).toEqual([false, false, true, true]);
    expect(stats[1]!.rf).toEqual({ size: 3, unbounded: false });
  });

  it('writes the formula with its numbers', () => {
    expect(formulaText(PRESETS.strided.layers.slice(0, 3))).toBe('r₃ = 1 + 2·1 + 2·1 + 2·2 = 9');
    expect(formulaText(PRESETS.vgg.layers)).toBe('r₆ = 1 + 2·1 + 2·1 + 2·1 + 2·1 + 2·1 + 2·1 = 13');
    expect(formulaText(PRESETS.transformer.layers)).toMatch(/^r₄ = the whole prefix/);
    expect(formulaText(Array(12).fill(conv(3)))).toMatch(/^r₁₂ = .* = 25$/);
  });
});

describe('layer lengths', () => {
  it('shrink by ⌈n / s⌉', () => {
    expect(layerLengths(PRESETS.strided.layers, 64)).toEqual([64, 64, 32, 32, 16, 16, 8]);
    expect(layerLengths([conv(3, 3), conv(3, 4)], 17)).toEqual([17, 6, 2]);
  });
});

// Small enough stacks that the no-clipping sequence stays a few hundred thousand positions.
const smallConv = fc.record({
  kind: fc.constant('conv' as const),
  kernel: fc.integer({ min: 1, max: 7 }),
  stride: fc.integer({ min: 1, max: 2 }),
  dilation: fc.integer({ min: 1, max: 4 }),
});
const smallLayer: fc.Arbitrary<Layer> = fc.oneof(smallConv, fc.record({ kind: fc.constant('local-attention' as const), window: fc.integer({ min: 2, max: 16 }) }));
const anyStack = fc.array(anyLayer, { minLength: 1, maxLength: LIMITS.layers.max });

describe('dependency cone', () => {
  it('spans exactly the theoretical field when nothing is clipped', () => {
    fc.assert(
      fc.property(fc.array(smallLayer, { minLength: 1, maxLength: 5 }), fc.boolean(), (layers, causal) => {
        const { rf, jump } = top(layers);
        const n = 4 * rf.size * jump;
        const output = Math.floor(layerLengths(layers, n).at(-1)! / 2);
        const cone = dependencyCone(layers, n, output, causal);
        const input = spanStats(cone.positions[0]!);
        expect(input.span).toBe(rf.size);
        expect(input.first).toBeGreaterThan(0);
        expect(input.last).toBeLessThan(n - 1);
      }),
    );
  });

  it('has no holes for stride-1, dilation-1 stacks and centres non-causal odd kernels', () => {
    const cone = dependencyCone(PRESETS.vgg.layers, 64, 32, false);
    expect(cone.positions[0]).toEqual(Array.from({ length: 13 }, (_, i) => 26 + i));
    expect(coneSummary(PRESETS.vgg.layers, cone)).toBe('Output 32 at layer 6 sees inputs 26–38 (13 positions).');
  });

  it('never looks ahead when causal', () => {
    fc.assert(
      fc.property(anyStack, fc.integer({ min: 16, max: 128 }), fc.nat(127), (layers, n, out) => {
        const cone = dependencyCone(layers, n, out, true);
        const jumps = theoreticalReceptiveFields(layers).map((s) => s.jump);
        // An output at top position j stands for input position j·jump (its left edge).
        expect(Math.max(...cone.positions[0]!)).toBeLessThanOrEqual(cone.output * jumps.at(-1)!);
      }),
    );
  });

  it('stays inside every layer, sorted, for any stack, N and output', () => {
    fc.assert(
      fc.property(anyStack, fc.integer({ min: 16, max: 128 }), fc.integer({ min: -500, max: 500 }), fc.boolean(), (layers, n, out, causal) => {
        const cone = dependencyCone(layers, n, out, causal);
        expect(cone.lengths).toEqual(layerLengths(layers, n));
        cone.positions.forEach((positions, l) => {
          // Causal kernels always include position j·s; centred dilated ones can hit only padding.
          if (causal) expect(positions.length).toBeGreaterThan(0);
          for (const p of positions) expect(p >= 0 && p < cone.lengths[l]! && Number.isInteger(p)).toBe(true);
          expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
        });
        const rows = layerRows(layers, cone, n);
        expect(rows).toHaveLength(layers.length + 1);
        expect(coneSummary(layers, cone)).toMatch(/^Output \d+ at layer \d+ sees/);
      }),
    );
  });

  it('is the whole causal prefix under global attention', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 128 }), fc.nat(127), fc.integer({ min: 1, max: 4 }), (n, out, depth) => {
        const cone = dependencyCone(Array(depth).fill(global), n, out, true);
        const output = Math.min(out, n - 1);
        for (const positions of cone.positions.slice(0, -1)) {
          expect(positions).toEqual(Array.from({ length: output + 1 }, (_, i) => i));
        }
      }),
    );
  });

  it('summarises global attention as the whole prefix', () => {
    const cone = dependencyCone(PRESETS.transformer.layers, 64, 32, true);
    expect(coneSummary(PRESETS.transformer.layers, cone)).toBe(
      'Output 32 at layer 4 sees inputs 0–32 (33 positions): global attention reaches its whole prefix, however long the sequence.',
    );
  });

  it('has gaps under dilation without stride-1 neighbours below', () => {
    const cone = dependencyCone([conv(3, 1, 4)], 64, 32, false);
    expect(cone.positions[0]).toEqual([28, 32, 36]);
    expect(spanStats(cone.positions[0]!)).toEqual({ count: 3, first: 28, last: 36, span: 9 });
  });

  it('can be empty when centred dilated kernels see only padding', () => {
    const layers = [conv(1, 2), conv(1, 2), conv(4, 1, 5), conv(4, 1, 4)];
    const cone = dependencyCone(layers, 16, 3, false);
    expect(cone.positions[0]).toEqual([]);
    expect(coneSummary(layers, cone)).toMatch(/sees no input position/);
    expect(layerRows(layers, cone, 16)[0]!.cone.count).toBe(0);
  });

  it('is clipped at the sequence edge', () => {
    const cone = dependencyCone(PRESETS.vgg.layers, 64, 0, false);
    expect(cone.positions[0]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(coneSummary(PRESETS.vgg.layers, cone)).toMatch(/clips its theoretical field of 13/);
  });

  it('WaveNet stack covers 32 contiguous past inputs', () => {
    const cone = dependencyCone(PRESETS.dilated.layers, 64, 40, true);
    expect(cone.positions[0]).toEqual(Array.from({ length: 32 }, (_, i) => 9 + i));
  });

  it('every preset works at every N', () => {
    for (const name of PRESET_NAMES) {
      for (const n of [LIMITS.seqLen.min, LIMITS.seqLen.default, LIMITS.seqLen.max]) {
        const cone = dependencyCone(PRESETS[name].layers, n, n, PRESETS[name].causal);
        expect(cone.positions[0]!.length).toBeGreaterThan(0);
      }
    }
  });
});
