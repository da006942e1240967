/**
 * The receptive-field widget's URL state. Layers use a compact, readable syntax joined by '_':
 *   c<k>.<s>.<d>  convolution (kernel, stride, dilation)   e.g. c3.1.1, c2.1.16
 *   a<w>          local (sliding-window) attention          e.g. a8
 *   g             global (causal) attention
 * e.g. `?receptive-field.layers=c3.1.1_c3.2.1_a8_g&receptive-field.n=96`.
 * Anything else (unknown tokens, out-of-range numbers, more than 12 layers) decodes to the default.
 */
import { boolField, field, intField, type Field, type StateOf } from '../runtime/url-state.ts';
import { DEFAULT_PRESET, PRESETS, PRESET_NAMES, presetLayers, type PresetName } from './presets.ts';
import { LIMITS, clampOutput, layerLengths, type Layer } from './receptive-field.ts';

// The longest valid token is 'c15.4.16' (8 chars); this bounds the work done on junk input.
const MAX_LAYERS_RAW = LIMITS.layers.max * 9;

function inRange(v: number, range: { min: number; max: number }): boolean {
  return Number.isSafeInteger(v) && v >= range.min && v <= range.max;
}

function encodeLayer(layer: Layer): string {
  switch (layer.kind) {
    case 'conv':
      return `c${layer.kernel}.${layer.stride}.${layer.dilation}`;
    case 'local-attention':
      return `a${layer.window}`;
    case 'global-attention':
      return 'g';
  }
}

function decodeLayer(token: string): Layer | undefined {
  if (token === 'g') return { kind: 'global-attention' };
  const attention = /^a(\d{1,2})$/.exec(token);
  if (attention) {
    const window = Number(attention[1]);
    return inRange(window, LIMITS.window) ? { kind: 'local-attention', window } : undefined;
  }
  const conv = /^c(\d{1,2})\.(\d{1,2})\.(\d{1,2})$/.exec(token);
  if (!conv) return undefined;
  const [kernel, stride, dilation] = conv.slice(1).map(Number) as [number, number, number];
  if (!inRange(kernel, LIMITS.kernel) || !inRange(stride, LIMITS.stride) || !inRange(dilation, LIMITS.dilation)) {
    return undefined;
  }
  return { kind: 'conv', kernel, stride, dilation };
}

export function encodeLayers(layers: readonly Layer[]): string {
  return layers.map(encodeLayer).join('_');
}

/** All or nothing: one bad token invalidates the stack (a half-decoded stack would mislead). */
export function decodeLayers(raw: string): Layer[] | undefined {
  if (raw.length === 0 || raw.length > MAX_LAYERS_RAW) return undefined;
  const tokens = raw.split('_');
  if (tokens.length < LIMITS.layers.min || tokens.length > LIMITS.layers.max) return undefined;
  const layers: Layer[] = [];
  for (const token of tokens) {
    const layer = decodeLayer(token);
    if (!layer) return undefined;
    layers.push(layer);
  }
  return layers;
}

function layersField(defaultLayers: Layer[]): Field<Layer[]> {
  return field<Layer[]>({
    default: defaultLayers,
    type: '1–12 layers joined by _: c<k>.<s>.<d> convolution, a<w> local attention, g global attention',
    encode: encodeLayers,
    decode: decodeLayers,
  });
}

/** The middle of the top layer: the output whose cone is least clipped by the sequence edges. */
function middleOutput(layers: readonly Layer[], n: number): number {
  return Math.floor(layerLengths(layers, n).at(-1)! / 2);
}

/**
 * The schema depends on the figure's preset: an essay can open a figure on the dilated stack,
 * and its URL then only records how the reader departed from that.
 */
export function receptiveFieldSchema(preset: PresetName = DEFAULT_PRESET) {
  const layers = presetLayers(preset);
  const n = LIMITS.seqLen.default;
  return {
    layers: layersField(layers),
    n: intField({ min: LIMITS.seqLen.min, max: LIMITS.seqLen.max, default: n }),
    // Top-layer position; the view clamps it into the top layer, which strides make shorter.
    out: intField({ min: 0, max: LIMITS.seqLen.max - 1, default: middleOutput(layers, n) }),
    causal: boolField(PRESETS[preset].causal),
    log: boolField(false),
  };
}

export type ReceptiveFieldSchema = ReturnType<typeof receptiveFieldSchema>;
export type ReceptiveFieldState = StateOf<ReceptiveFieldSchema>;

/** The preset the current stack and padding match exactly (so its button shows as pressed). */
export function matchingPreset(state: Pick<ReceptiveFieldState, 'layers' | 'causal'>): PresetName | null {
  const encoded = encodeLayers(state.layers);
  for (const name of PRESET_NAMES) {
    if (encodeLayers(PRESETS[name].layers) === encoded && PRESETS[name].causal === state.causal) return name;
  }
  return null;
}

/** Switching preset keeps N and the y scale, and re-centres the output. */
export function applyPreset(state: ReceptiveFieldState, name: PresetName): ReceptiveFieldState {
  const layers = presetLayers(name);
  return { ...state, layers, causal: PRESETS[name].causal, out: middleOutput(layers, state.n) };
}

/** Keeps the output inside the top layer, which shrinks when N drops or a stride is added. */
export function normalizeState(state: ReceptiveFieldState): ReceptiveFieldState {
  const out = clampOutput(state.layers, state.n, state.out);
  return out === state.out ? state : { ...state, out };
}
