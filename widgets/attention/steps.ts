/**
 * The step-by-step panel's numbers for one query: each key's q·k, the score q·k/√d, the softmax
 * weight (beside the model's own), and the length of what the key adds to the output, ‖w_j v_j‖;
 * then the keys that add the most, and the weighted sum of values itself.
 *
 * All from attention-steps.ts (float64, recomputed from the model's q, k, v); the model's own
 * attention row is only used to show that the recomputation agrees with it.
 */
import { maxWeightDifference, topKeys, type AttentionSteps, type KeyContribution } from '../models/transformer/attention-steps.ts';
import { attentionRow } from '../models/transformer/outputs.ts';
import { headSteps, tensorIndex, type AttentionTensors } from './head-data.ts';

export interface StepRow {
  /** 0-based key position j ≤ query. */
  key: number;
  /** q_i · k_j, before scaling. */
  dot: number;
  /** q_i · k_j / √head_dim. */
  score: number;
  /** softmax of the scores. */
  weight: number;
  /** ‖w_j v_j‖, or null when the model exports no values. */
  contribution: number | null;
}

export interface StepPanel {
  query: number;
  headDim: number;
  /** √head_dim, the divisor. */
  root: number;
  rows: StepRow[];
  /** Largest |recomputed − model| weight over the row. */
  maxDifference: number;
  /** Keys adding the most to the output (by ‖w_j v_j‖, or by weight without values). */
  top: KeyContribution[];
  /** Σ_j w_j v_j, or null without values. */
  output: Float64Array | null;
  outputNorm: number | null;
}

export function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s);
}

/** `modelRow`: the model's attention row for this query (T weights), to check the recomputation. */
export function stepPanel(steps: AttentionSteps, modelRow: ArrayLike<number>, topCount = 3): StepPanel {
  const root = Math.sqrt(steps.headDim);
  const rows: StepRow[] = Array.from(steps.scores, (score, key) => ({
    key,
    dot: score * root,
    score,
    weight: steps.weights[key]!,
    contribution: steps.contributionNorms ? steps.contributionNorms[key]! : null,
  }));
  return {
    query: steps.query,
    headDim: steps.headDim,
    root,
    rows,
    maxDifference: maxWeightDifference(steps, modelRow),
    top: topKeys(steps, topCount, steps.contributionNorms ? 'contribution' : 'weight'),
    output: steps.output,
    outputNorm: steps.output ? norm(steps.output) : null,
  };
}

/** The panel for one head and query of a model result, or null when the tensors lack that head. */
export function headStepPanel(tensors: AttentionTensors, layer: number, head: number, query: number): StepPanel | null {
  const steps = headSteps(tensors, layer, head, query);
  const at = tensorIndex(tensors, layer, head);
  return steps && at ? stepPanel(steps, attentionRow(tensors.attn, at.layer, at.head, query)) : null;
}
