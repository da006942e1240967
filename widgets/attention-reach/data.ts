/**
 * The attention-reach figure's data: per-head and per-layer attention distance and entropy from
 * transformer-measurements.json (models/transformer/MEASUREMENTS.md §1), the uniform-attention
 * reference, the shape of the per-layer means, and the receptive fields a stack of convolutions and
 * full attention would have on the same depth axis (the receptive-field explorer's math).
 * Pure TS; every measured number is read from the file.
 */
import type { HeadStats, Measurements } from '../models/transformer/measurements.ts';
import { describeHeads } from '../models/transformer/head-labels.ts';
import { theoreticalReceptiveFields, visibleSize, type Layer } from '../receptive-field/receptive-field.ts';

export interface ReachStats {
  /** Σ aᵢⱼ (i − j), tokens, with all keys. */
  distance: number;
  /** The same without the window's first position, renormalised. */
  distanceExclFirst: number;
  /** −Σ aᵢⱼ ln aᵢⱼ, nats. */
  entropy: number;
  firstTokenShare: number;
  prevTokenShare: number;
  selfShare: number;
}

export interface ReachHead extends ReachStats {
  /** Block, 1-based (as the measurements and the essays number them). */
  layer: number;
  /** Head, 0-based in the data; the figure prints head + 1. */
  head: number;
  /** Short label from widgets/models/transformer/head-labels.ts ("local", "near uniform", …). */
  kind: string;
}

export interface ReachLayer extends ReachStats {
  layer: number;
  /** Spread of the heads' mean distances (with all keys), tokens. */
  sdDistance: number;
  /** 0-based head with the largest mean distance. */
  maxDistanceHead: number;
}

export interface ReachData {
  /** Blocks L. */
  layers: number;
  heads: number;
  /** Context length (positions a query can attend to, at most). */
  context: number;
  uniform: {
    distance: number;
    distanceExclFirst: number;
    entropy: number;
    entropyExclFirst: number;
    firstTokenShare: number;
    prevTokenShare: number;
  };
  perLayer: ReachLayer[];
  perHead: ReachHead[];
  /** Pearson r of mean distance and entropy across heads; null when the file has none. */
  distanceEntropyR: number | null;
  /** [layer, head (0-based), share] of heads with more than half their weight on the first token. */
  firstTokenHeads: [number, number, number][];
  prevTokenHeads: [number, number, number][];
}

function stats(s: HeadStats): ReachStats {
  return {
    distance: s.mean_distance,
    distanceExclFirst: s.mean_distance_excl_first,
    entropy: s.entropy,
    firstTokenShare: s.first_token_share,
    prevTokenShare: s.prev_token_share,
    selfShare: s.self_share,
  };
}

export function reachData(m: Measurements): ReachData {
  const kinds = new Map(describeHeads(m).map((h) => [`${h.layer}:${h.head}`, h.label]));
  const a = m.attention;
  return {
    layers: m.model.n_layer,
    heads: m.model.n_head,
    context: m.model.block_size,
    uniform: {
      distance: a.uniform.mean_distance,
      distanceExclFirst: a.uniform.mean_distance_excl_first,
      entropy: a.uniform.entropy,
      entropyExclFirst: a.uniform.entropy_excl_first,
      firstTokenShare: a.uniform.first_token_share,
      prevTokenShare: a.uniform.prev_token_share,
    },
    perLayer: a.layers.map((l) => ({
      layer: l.layer,
      ...stats(l.mean_over_heads),
      sdDistance: l.sd_distance_over_heads,
      maxDistanceHead: l.max_distance_head,
    })),
    perHead: a.layers.flatMap((l) =>
      l.heads.map((h, head) => ({ layer: l.layer, head, kind: kinds.get(`${l.layer}:${head}`) ?? '', ...stats(h) })),
    ),
    distanceEntropyR: a.distance_entropy_r,
    firstTokenHeads: a.first_token_heads.map((h) => [...h] as [number, number, number]),
    prevTokenHeads: a.prev_token_heads.map((h) => [...h] as [number, number, number]),
  };
}

/** Mean distance with or without the window's first position (the figure's toggle). */
export function distanceOf(s: ReachStats, includeFirst: boolean): number {
  return includeFirst ? s.distance : s.distanceExclFirst;
}

export function uniformDistance(data: ReachData, includeFirst: boolean): number {
  return includeFirst ? data.uniform.distance : data.uniform.distanceExclFirst;
}

export function headsOf(data: ReachData, layer: number): ReachHead[] {
  return data.perHead.filter((h) => h.layer === layer);
}

// ---------------------------------------------------------------------------------------------
// Shape of the per-layer means

export type Shape = 'increasing' | 'decreasing' | 'U-shaped' | 'inverted U' | 'flat' | 'zigzag';

export interface ShapeResult {
  shape: Shape;
  /** Sign of each step ℓ → ℓ + 1: 1 up, −1 down, 0 within the tolerance. */
  steps: (-1 | 0 | 1)[];
  /** 1-based layers of the smallest and largest value. */
  minLayer: number;
  maxLayer: number;
}

/**
 * Steps smaller than this share of the uniform distance count as flat: 1 % of uniform attention's
 * 32 tokens is about a third of a token, well above the rounding of the file (4 decimals) and small
 * next to the differences between layers.
 */
export const SHAPE_TOLERANCE = 0.01;

/**
 * The shape of a sequence, ignoring steps within `tolerance` (absolute): monotonic, U-shaped (down
 * then up), inverted U (up then down), flat, or zigzag (more than one change of direction).
 */
export function shapeOf(values: readonly number[], tolerance: number): ShapeResult {
  const steps = values.slice(1).map((v, i) => {
    const d = v - values[i]!;
    return (Math.abs(d) <= tolerance ? 0 : Math.sign(d)) as -1 | 0 | 1;
  });
  const moves = steps.filter((s) => s !== 0);
  const changes = moves.slice(1).filter((s, i) => s !== moves[i]).length;
  let shape: Shape;
  if (moves.length === 0) shape = 'flat';
  else if (changes === 0) shape = moves[0] === 1 ? 'increasing' : 'decreasing';
  else if (changes === 1) shape = moves[0] === -1 ? 'U-shaped' : 'inverted U';
  else shape = 'zigzag';
  let minAt = 0;
  let maxAt = 0;
  values.forEach((v, i) => {
    if (v < values[minAt]!) minAt = i;
    if (v > values[maxAt]!) maxAt = i;
  });
  return { shape, steps, minLayer: minAt + 1, maxLayer: maxAt + 1 };
}

/** The shape of the per-layer mean distance, with or without the first token. */
export function reachShape(data: ReachData, includeFirst: boolean): ShapeResult {
  return shapeOf(
    data.perLayer.map((l) => distanceOf(l, includeFirst)),
    SHAPE_TOLERANCE * uniformDistance(data, includeFirst),
  );
}

// ---------------------------------------------------------------------------------------------
// Beside a convnet (widgets/receptive-field/receptive-field.ts)

const CONV3: Layer = { kind: 'conv', kernel: 3, stride: 1, dilation: 1 };
const FULL_ATTENTION: Layer = { kind: 'global-attention' };

/** Receptive field (positions) at depth 0 … L of a stack of L 3-wide stride-1 convolutions: 1 + 2ℓ. */
export function convReceptiveField(L: number): number[] {
  return theoreticalReceptiveFields(Array(L).fill(CONV3)).map((s) => s.rf.size);
}

/** What full (causal) attention could reach at depth 0 … L: one position, then the whole context. */
export function attentionReceptiveField(L: number, context: number): number[] {
  return theoreticalReceptiveFields(Array(L).fill(FULL_ATTENTION)).map((s) => visibleSize(s.rf, context));
}

export interface DepthRow {
  depth: number;
  conv: number;
  full: number;
  /** Mean attention distance of block `depth` (null at depth 0, the embedding). */
  measured: number | null;
}

export function depthRows(data: ReachData, includeFirst: boolean): DepthRow[] {
  const conv = convReceptiveField(data.layers);
  const full = attentionReceptiveField(data.layers, data.context);
  return conv.map((c, depth) => ({
    depth,
    conv: c,
    full: full[depth]!,
    measured: depth === 0 ? null : distanceOf(data.perLayer[depth - 1]!, includeFirst),
  }));
}
