/**
 * URL fields for "try this" controls in an essay (src/components/TryThis.astro): the explorer in a named
 * preset, or on a stack written out, with the output re-centred as pressing a preset does. The values are
 * the URL's own encodings, so a control and a shared link are the same thing.
 */
import { PRESETS, presetLayers, type PresetName } from './presets.ts';
import { LIMITS, layerLengths, type Layer } from './receptive-field.ts';
import { encodeLayers } from './state.ts';

function fields(layers: readonly Layer[], causal: boolean, n: number = LIMITS.seqLen.default): Record<string, string> {
  const out = Math.floor(layerLengths(layers, n).at(-1)! / 2);
  return { layers: encodeLayers(layers), causal: causal ? '1' : '0', out: String(out), n: String(n) };
}

export function tryPreset(name: PresetName): Record<string, string> {
  return fields(presetLayers(name), PRESETS[name].causal);
}

/** `count` convolutions of one shape, or a list of [kernel, stride, dilation]. */
export function tryConvs(spec: readonly (readonly [number, number, number])[], causal = true): Record<string, string> {
  return fields(spec.map(([kernel, stride, dilation]) => ({ kind: 'conv', kernel, stride, dilation })), causal);
}

/** `count` layers of causal local attention with window `w`. */
export function tryLocalAttention(count: number, window: number): Record<string, string> {
  return fields(Array.from({ length: count }, () => ({ kind: 'local-attention', window }) as const), true);
}
