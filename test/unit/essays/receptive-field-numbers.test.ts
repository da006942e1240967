// The flagship essay states these receptive-field sizes; they must come out of the widget's own math,
// so that editing a preset or the formula cannot leave the essay silently wrong.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { theoreticalReceptiveFields, type Layer } from '../../../widgets/receptive-field/receptive-field.ts';
import { presetLayers } from '../../../widgets/receptive-field/presets.ts';

const conv = (kernel: number, stride = 1, dilation = 1): Layer => ({ kind: 'conv', kernel, stride, dilation });
const sizes = (layers: Layer[]) => theoreticalReceptiveFields(layers).slice(1).map((d) => d.rf.size);
const last = (layers: Layer[]) => sizes(layers).at(-1);
const essay = readFileSync('content/articles/transformers-are-convnets.mdx', 'utf8');

describe('numbers stated in "Transformers are convnets for token sequences?"', () => {
  it.each([
    ['six 3-wide convs (the default figure)', presetLayers('vgg'), 13],
    ['ten 3-wide convs', Array.from({ length: 10 }, () => conv(3)), 21],
    ['a hundred 3-wide convs', Array.from({ length: 100 }, () => conv(3)), 201],
    ['stride 2 first, then nine 3-wide convs', [conv(3, 2), ...Array.from({ length: 9 }, () => conv(3))], 39],
    ['ten 3-wide stride-2 convs', Array.from({ length: 10 }, () => conv(3, 2)), 2047],
    ['five 3-wide stride-2 convs', Array.from({ length: 5 }, () => conv(3, 2)), 63],
    ['a WaveNet block', Array.from({ length: 10 }, (_, i) => conv(2, 1, 2 ** i)), 1024],
    ['five undilated 2-wide convs', Array.from({ length: 5 }, () => conv(2)), 6],
    ['local attention preset', presetLayers('local-attention'), 29],
    ['twelve 8-wide windows', Array.from({ length: 12 }, (): Layer => ({ kind: 'local-attention', window: 8 })), 85],
    ['512 3-wide convs reach a 1024-token window', Array.from({ length: 512 }, () => conv(3)), 1025],
  ])('%s → %i', (_, layers, expected) => {
    expect(last(layers)).toBe(expected);
  });

  it('per-layer sequences of the Strided and Dilated presets', () => {
    expect(sizes(presetLayers('strided'))).toEqual([3, 5, 9, 13, 21, 29]);
    expect(sizes(presetLayers('dilated'))).toEqual([2, 4, 8, 16, 32]);
    expect(essay).toContain('3, 5, 9, 13, 21 and 29');
    expect(essay).toContain('2, 4, 8, 16 and 32');
  });

  it('the transformer preset is unbounded from layer 1', () => {
    expect(theoreticalReceptiveFields(presetLayers('transformer'))[1]!.rf.unbounded).toBe(true);
  });

  it('the effective-receptive-field footnote: sqrt(2n/3) at 10 and 100 layers', () => {
    expect(Math.sqrt((2 * 10) / 3).toFixed(1)).toBe('2.6');
    expect(Math.sqrt((2 * 100) / 3).toFixed(1)).toBe('8.2');
  });
});
