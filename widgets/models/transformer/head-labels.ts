/**
 * A reader-facing description of every attention head, from transformer-measurements.json: how far
 * it looks, how spread out it is, compared with a head that attends uniformly to everything it may
 * see, and a short label ("local", "broad", …).
 *
 * The comparison is with the file's `uniform` reference (same query positions, so the same
 * averaging): reach = mean_distance_excl_first / uniform.mean_distance_excl_first, spread =
 * entropy / uniform.entropy. Excluding the first key keeps a head that parks weight on the window's
 * first position (an attention sink) from looking far-reaching for that reason alone.
 *
 * Thresholds (HEAD_THRESHOLDS), in priority order, checked against the measured heads of the current
 * 4-layer model (and of the earlier 6-layer one, in parentheses):
 * - more than half of the weight on the first token, the previous token, or the token itself:
 *   "first token", "previous token", "itself". Half is the criterion MEASUREMENTS.md uses for its
 *   prev_token_heads / first_token_heads lists (after Clark et al. 2019), so labels and lists agree.
 *   No measured head reaches it (the most: 35 % on the previous token).
 * - reach ≥ 0.85 and spread ≥ 0.9: "near uniform". Every head of the first block is at reach
 *   0.87–1.02 and spread 0.94–1.00, and no other head reaches past 0.40: these heads average over
 *   the whole window. (6 layers: three heads at 0.93–1.00; the next, 0.84, is "broad".)
 * - reach ≥ 0.5: "broad" (no head of the 4-layer model is between 0.40 and 0.87; 6 layers: 0.51–0.84).
 * - reach < 0.2, i.e. on average within about 6 tokens when uniform attention reaches 31.5: "local".
 *   Below 0.40 the reaches form a near-continuum (0.06–0.08, 0.15, 0.17, 0.19, then 0.23, 0.28,
 *   0.32, 0.40; 6 layers: 0.07–0.16, then 0.25–0.45), so the boundary between "local" and
 *   "mid-range" is a reading aid for the two or three heads near it: `detail` always gives the
 *   numbers. A local head that puts at least 35 % on the previous token and itself together (ten
 *   times uniform attention's 2 × 3.5 %; seven heads here, at 43–56 %) gets the detail "mostly the
 *   previous token and itself".
 * - otherwise "mid-range".
 */

import type { HeadStats, Measurements, UniformStats } from './measurements.ts';

export const HEAD_THRESHOLDS = {
  /** Share of the weight on one position that names the head after it. */
  dominantShare: 0.5,
  /** Reach below this (fraction of the uniform distance) is "local". */
  localReach: 0.2,
  /** Reach at or above this is "broad". */
  broadReach: 0.5,
  /** Reach and spread both at or above these is "near uniform". */
  uniformReach: 0.85,
  uniformSpread: 0.9,
  /** previous + self share at or above this makes a local head "mostly the previous token and itself". */
  prevSelfShare: 0.35,
} as const;

export type HeadKind = 'first-token' | 'previous-token' | 'self' | 'local' | 'mid-range' | 'broad' | 'near-uniform';

const LABELS: Record<HeadKind, string> = {
  'first-token': 'first token',
  'previous-token': 'previous token',
  self: 'itself',
  local: 'local',
  'mid-range': 'mid-range',
  broad: 'broad',
  'near-uniform': 'near uniform',
};

export interface HeadDescription {
  /** Block number as the essays and the measurements print it (1-based). */
  layer: number;
  /** Index into the attn/q/k/v tensors' first axis (layer − 1). */
  layerIndex: number;
  head: number;
  stats: HeadStats;
  /** mean_distance_excl_first / uniform's: 0 = only itself, 1 = as far as uniform attention. */
  reach: number;
  /** entropy / uniform's: 1 = as spread out as uniform attention. */
  spread: number;
  /** Shares as multiples of uniform attention's share (1 = no preference). */
  firstTokenVsUniform: number;
  prevTokenVsUniform: number;
  kind: HeadKind;
  /** Short label, e.g. "local". */
  label: string;
  /** One sentence with the numbers, for a tooltip or a table's text alternative. */
  detail: string;
}

export function classifyHead(s: HeadStats, u: UniformStats): { kind: HeadKind; reach: number; spread: number } {
  const t = HEAD_THRESHOLDS;
  const reach = s.mean_distance_excl_first / u.mean_distance_excl_first;
  const spread = s.entropy / u.entropy;
  const kind: HeadKind =
    s.first_token_share > t.dominantShare
      ? 'first-token'
      : s.prev_token_share > t.dominantShare
        ? 'previous-token'
        : s.self_share > t.dominantShare
          ? 'self'
          : reach < t.localReach
            ? 'local'
            : reach >= t.uniformReach && spread >= t.uniformSpread
              ? 'near-uniform'
              : reach >= t.broadReach
                ? 'broad'
                : 'mid-range';
  return { kind, reach, spread };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const one = (x: number) => x.toFixed(1);

function describe(s: HeadStats, u: UniformStats, kind: HeadKind): string {
  const parts = [
    `looks ${one(s.mean_distance)} tokens back on average (${one(s.mean_distance_excl_first)} without the first token; uniform attention: ${one(u.mean_distance)})`,
    `entropy ${s.entropy.toFixed(2)} nats (uniform: ${u.entropy.toFixed(2)})`,
    `${pct(s.prev_token_share)} on the previous token, ${pct(s.self_share)} on itself, ${pct(s.first_token_share)} on the first token (uniform: ${pct(u.prev_token_share)} each)`,
  ];
  if (kind === 'local' && s.prev_token_share + s.self_share >= HEAD_THRESHOLDS.prevSelfShare) parts.unshift('mostly the previous token and itself');
  return parts.join('; ') + '.';
}

/** Every head of every block, described. */
export function describeHeads(m: Measurements): HeadDescription[] {
  const u = m.attention.uniform;
  return m.attention.layers.flatMap((layer) =>
    layer.heads.map((s, head) => {
      const { kind, reach, spread } = classifyHead(s, u);
      return {
        layer: layer.layer,
        layerIndex: layer.layer - 1,
        head,
        stats: s,
        reach,
        spread,
        firstTokenVsUniform: s.first_token_share / u.first_token_share,
        prevTokenVsUniform: s.prev_token_share / u.prev_token_share,
        kind,
        label: LABELS[kind],
        detail: describe(s, u, kind),
      };
    }),
  );
}

/** One block's heads, by 1-based block number. */
export function headsOfLayer(descriptions: readonly HeadDescription[], layer: number): HeadDescription[] {
  return descriptions.filter((h) => h.layer === layer);
}
