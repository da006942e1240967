/**
 * Receptive fields of 1D layer stacks: convolutions and (causal) attention treated alike.
 *
 * Two answers to "what does a unit see?", kept side by side because they differ:
 * - the theoretical receptive field r_L = 1 + Σ (k_l − 1)·d_l·Π_{i<l} s_i (a span of input positions);
 * - the exact dependency cone of one chosen output, propagated down layer by layer, which is
 *   clipped at the sequence edges and can have holes (dilation).
 *
 * Padding rule (one, global): attention is always causal. Convolutions are centred
 * (pad = ⌊(k−1)·d/2⌋) unless `causal` is on, then left-padded (pad = (k−1)·d), so that an
 * output never sees positions after its own.
 */

export interface ConvLayer {
  kind: 'conv';
  kernel: number;
  stride: number;
  dilation: number;
}
export interface LocalAttentionLayer {
  kind: 'local-attention';
  window: number;
}
export interface GlobalAttentionLayer {
  kind: 'global-attention';
}
export type Layer = ConvLayer | LocalAttentionLayer | GlobalAttentionLayer;
export type LayerKind = Layer['kind'];

export const LIMITS = {
  kernel: { min: 1, max: 15 },
  stride: { min: 1, max: 4 },
  dilation: { min: 1, max: 16 },
  window: { min: 2, max: 64 },
  layers: { min: 1, max: 12 },
  seqLen: { min: 16, max: 128, default: 64 },
} as const;

/**
 * A receptive field measured in input positions. Global attention has no finite size: it sees
 * the whole causal prefix, however long the sequence is, so it is `unbounded` (and `size` is
 * Infinity) rather than an arbitrary stand-in like N.
 */
export interface ReceptiveField {
  size: number;
  unbounded: boolean;
}

export interface DepthStats {
  depth: number;
  rf: ReceptiveField;
  /** Π s over layers 1..depth: how many input positions one step at this depth moves. */
  jump: number;
}

/** The layer as a 1D kernel: attention windows count as kernels with d = 1, s = 1. */
export function asKernel(layer: Layer): { kernel: number; stride: number; dilation: number } | null {
  switch (layer.kind) {
    case 'conv':
      return { kernel: layer.kernel, stride: layer.stride, dilation: layer.dilation };
    case 'local-attention':
      return { kernel: layer.window, stride: 1, dilation: 1 };
    case 'global-attention':
      return null;
  }
}

/** Stats for depth 0 (the input) through depth L = layers.length. */
export function theoreticalReceptiveFields(layers: readonly Layer[]): DepthStats[] {
  const out: DepthStats[] = [{ depth: 0, rf: { size: 1, unbounded: false }, jump: 1 }];
  let size = 1;
  let jump = 1;
  let unbounded = false;
  layers.forEach((layer, i) => {
    const k = asKernel(layer);
    if (k === null) unbounded = true;
    else {
      size += (k.kernel - 1) * k.dilation * jump;
      jump *= k.stride;
    }
    out.push({ depth: i + 1, rf: unbounded ? { size: Infinity, unbounded } : { size, unbounded }, jump });
  });
  return out;
}

/** Sizes the reader can compare with N: an unbounded field is the whole sequence. */
export function visibleSize(rf: ReceptiveField, n: number): number {
  return rf.unbounded ? n : rf.size;
}

/** n_0 = n, n_l = ⌈n_{l−1} / s_l⌉. */
export function layerLengths(layers: readonly Layer[], n: number): number[] {
  const lengths = [n];
  for (const layer of layers) {
    const stride = asKernel(layer)?.stride ?? 1;
    lengths.push(Math.ceil(lengths[lengths.length - 1]! / stride));
  }
  return lengths;
}

/** Positions of layer l−1 that position j of layer l reads, before clipping to the sequence. */
function inputsOf(layer: Layer, j: number, causal: boolean): number[] {
  switch (layer.kind) {
    case 'conv': {
      const { kernel: k, stride: s, dilation: d } = layer;
      const pad = causal ? (k - 1) * d : Math.floor(((k - 1) * d) / 2);
      return Array.from({ length: k }, (_, t) => j * s - pad + t * d);
    }
    case 'local-attention':
      return Array.from({ length: layer.window }, (_, t) => j - layer.window + 1 + t);
    case 'global-attention':
      return Array.from({ length: j + 1 }, (_, t) => t);
  }
}

export interface Cone {
  /** The output position at the top layer, after clamping into range. */
  output: number;
  lengths: number[];
  /** positions[l]: sorted positions of layer l (0 = input, L = top) the output depends on. */
  positions: number[][];
}

export function clampOutput(layers: readonly Layer[], n: number, output: number): number {
  const top = layerLengths(layers, n).at(-1)!;
  return Math.min(Math.max(Number.isFinite(output) ? Math.trunc(output) : 0, 0), top - 1);
}

export function dependencyCone(layers: readonly Layer[], n: number, output: number, causal: boolean): Cone {
  const lengths = layerLengths(layers, n);
  const top = clampOutput(layers, n, output);
  const positions: number[][] = new Array(layers.length + 1);
  positions[layers.length] = [top];
  for (let l = layers.length; l >= 1; l--) {
    const below = lengths[l - 1]!;
    const marks = new Uint8Array(below);
    const layer = layers[l - 1]!;
    for (const j of positions[l]!) {
      if (layer.kind === 'global-attention') {
        // The cone of a global layer is a prefix: filling it directly avoids O(n²) lists.
        marks.fill(1, 0, Math.min(j + 1, below));
        continue;
      }
      for (const i of inputsOf(layer, j, causal)) if (i >= 0 && i < below) marks[i] = 1;
    }
    const seen: number[] = [];
    marks.forEach((m, i) => m && seen.push(i));
    positions[l - 1] = seen;
  }
  return { output: top, lengths, positions };
}

export interface SpanStats {
  count: number;
  first: number;
  last: number;
  /** last − first + 1: what the theoretical formula predicts when nothing is clipped. */
  span: number;
}

export function spanStats(sorted: readonly number[]): SpanStats {
  if (sorted.length === 0) return { count: 0, first: -1, last: -1, span: 0 };
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  return { count: sorted.length, first, last, span: last - first + 1 };
}
