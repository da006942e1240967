/**
 * One attention head's computation for one query, step by step, as the "Attention, hands-on" essay
 * shows it, recomputed from the model's own q, k and v:
 *
 *   score_j  = q_i · k_j / √head_dim        for keys j = 0…i (causal: a query never sees later keys)
 *   weight_j = softmax(score)_j              (equals the model's `attn` row, to float32 rounding)
 *   output   = Σ_j weight_j v_j              (the head's output, before the output projection)
 *
 * q is exported before the 1/√head_dim scaling (the card says so), so the scaling is done here.
 * Everything runs in float64: the point is to show the reader numbers that add up.
 */

import { dot, softmax } from './numerics.ts';
import { headRow, headTensorSizes, type TensorLike } from './outputs.ts';

export interface AttentionSteps {
  /** 0-based block index (block layer+1 in the essays' numbering), head, query position. */
  layer: number;
  head: number;
  query: number;
  headDim: number;
  /** 1/√head_dim. */
  scale: number;
  /** Scaled scores q_i·k_j/√head_dim for keys j = 0…query (length query + 1). */
  scores: Float64Array;
  /** softmax(scores): the attention weights over keys 0…query; they sum to 1. */
  weights: Float64Array;
  /** Σ_j weight_j v_j (head_dim numbers), or null when the model exports no values (older files). */
  output: Float64Array | null;
  /** ‖weight_j v_j‖, each key's contribution to the output's length (null without values). */
  contributionNorms: Float64Array | null;
}

/**
 * The step-by-step computation for (layer, head, query). `v` is optional: older exports lack it,
 * and scores and weights do not need it.
 */
export function attentionSteps(q: TensorLike, k: TensorLike, v: TensorLike | undefined, layer: number, head: number, query: number): AttentionSteps {
  const { hd } = headTensorSizes(q, 'q');
  const ks = headTensorSizes(k, 'k');
  if (ks.hd !== hd || ks.T !== headTensorSizes(q, 'q').T) throw new RangeError('q and k have different shapes');
  const qi = headRow(q, layer, head, query);
  const scale = 1 / Math.sqrt(hd);
  const n = query + 1;
  const scores = new Float64Array(n);
  for (let j = 0; j < n; j++) scores[j] = dot(qi, headRow(k, layer, head, j), hd) * scale;
  const weights = softmax(scores);

  let output: Float64Array | null = null;
  let contributionNorms: Float64Array | null = null;
  if (v !== undefined) {
    if (headTensorSizes(v, 'v').hd !== hd) throw new RangeError('v has a different head_dim from q');
    output = new Float64Array(hd);
    contributionNorms = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const vj = headRow(v, layer, head, j);
      let sq = 0;
      for (let c = 0; c < hd; c++) {
        const term = weights[j] * vj[c];
        output[c] += term;
        sq += term * term;
      }
      contributionNorms[j] = Math.sqrt(sq);
    }
  }
  return { layer, head, query, headDim: hd, scale, scores, weights, output, contributionNorms };
}

export interface KeyContribution {
  /** Key position j ≤ query. */
  key: number;
  score: number;
  weight: number;
  /** ‖weight_j v_j‖, or null without values. */
  contribution: number | null;
}

/**
 * The `n` keys that matter most to the query, largest first: by attention weight (default), or by
 * the length of what they add to the output (a key with a long value vector can outweigh one with
 * more attention). Ties go to the nearer key.
 */
export function topKeys(steps: AttentionSteps, n: number, by: 'weight' | 'contribution' = 'weight'): KeyContribution[] {
  const measure = by === 'contribution' && steps.contributionNorms !== null ? steps.contributionNorms : steps.weights;
  const keys = Array.from(steps.weights, (_, j) => j);
  keys.sort((a, b) => measure[b] - measure[a] || b - a);
  return keys.slice(0, Math.max(0, n)).map((j) => ({
    key: j,
    score: steps.scores[j],
    weight: steps.weights[j],
    contribution: steps.contributionNorms === null ? null : steps.contributionNorms[j],
  }));
}

/** How many keys it takes to cover `mass` (e.g. 0.9) of the attention: a readable "spread". */
export function keysCovering(steps: AttentionSteps, mass: number): number {
  const sorted = Array.from(steps.weights).sort((a, b) => b - a);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    total += sorted[i];
    if (total >= mass - 1e-12) return i + 1;
  }
  return sorted.length;
}

/** Largest |recomputed − model| over the query's causal row: how well the steps reproduce `attn`. */
export function maxWeightDifference(steps: AttentionSteps, attnRow: ArrayLike<number>): number {
  let worst = 0;
  for (let j = 0; j < attnRow.length; j++) {
    const mine = j < steps.weights.length ? steps.weights[j] : 0;
    const d = Math.abs(mine - attnRow[j]);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}
