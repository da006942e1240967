/**
 * What the head grid shows for each head: the factory's measurements over the Brown Corpus's
 * validation windows (transformer-measurements.json, via head-labels.ts), reduced at build time to a
 * few numbers and words per head so the figure ships them as props instead of loading the file.
 */
import type { Measurements } from '../models/transformer/measurements.ts';
import { describeHeads, type HeadKind } from '../models/transformer/head-labels.ts';

export interface HeadInfo {
  /** Block 1…L and head 1…H, as the figure names them ("Head 2.1"). */
  layer: number;
  head: number;
  kind: HeadKind;
  /** "local", "broad", "near uniform"… */
  label: string;
  /** Measured mean distance from query to key, in tokens. */
  meanDistance: number;
  /** Measured mean entropy of a query's attention, in nats. */
  entropy: number;
  /** Shares of the weight on the previous token and on the token itself. */
  prevShare: number;
  selfShare: number;
  /** head-labels.ts's sentence with every number, for the button's description. */
  detail: string;
}

/** The same statistics for attention spread evenly over every visible token. */
export interface UniformInfo {
  meanDistance: number;
  entropy: number;
  /** Tokens per measured window (the model's context). */
  window: number;
}

export function headInfos(m: Measurements): HeadInfo[] {
  return describeHeads(m).map((d) => ({
    layer: d.layer,
    head: d.head + 1,
    kind: d.kind,
    label: d.label,
    meanDistance: d.stats.mean_distance,
    entropy: d.stats.entropy,
    prevShare: d.stats.prev_token_share,
    selfShare: d.stats.self_share,
    detail: d.detail,
  }));
}

export function uniformInfo(m: Measurements): UniformInfo {
  const u = m.attention.uniform;
  return { meanDistance: u.mean_distance, entropy: u.entropy, window: m.model.block_size };
}

export function findHead(heads: readonly HeadInfo[], layer: number, head: number): HeadInfo | undefined {
  return heads.find((h) => h.layer === layer && h.head === head);
}

/**
 * The head a figure opens on when the essay does not choose one: the one with the largest measured
 * share on the previous token, the clearest "local" pattern to start from. (1, 1) if there are none.
 */
export function defaultHead(heads: readonly HeadInfo[]): { layer: number; head: number } {
  let best: HeadInfo | undefined;
  for (const h of heads) if (!best || h.prevShare > best.prevShare) best = h;
  return best ? { layer: best.layer, head: best.head } : { layer: 1, head: 1 };
}
