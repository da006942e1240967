/**
 * What the ladder's measurements say, with their noise: seeds as error bars, bootstrap intervals over
 * documents, and differences inside the noise reported as ties. Pure; the figure, its text alternative
 * and the essay's claim tests all read these.
 *
 * The noise band of a quantity at one depth is the union of its seeds' 95 % intervals (so it also covers
 * the spread between seeds). Two quantities differ only when their bands do not overlap.
 */
import type { Interval, Ladder, LadderRun, Scale, SpanTask } from './ladder.ts';

export interface Band {
  /** Mean over seeds. */
  mean: number;
  lo: number;
  hi: number;
  seeds: number;
}

export function runsAt(ladder: Ladder, depth: number): LadderRun[] {
  return ladder.runs.filter((r) => r.depth === depth);
}

/** The depths trained, in order. */
export function depthsOf(ladder: Ladder): number[] {
  return [...new Set(ladder.runs.map((r) => r.depth))].sort((a, b) => a - b);
}

export function band(values: number[], intervals: Interval[]): Band {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, lo: Math.min(...intervals.map((i) => i[0]), ...values), hi: Math.max(...intervals.map((i) => i[1]), ...values), seeds: values.length };
}

export const overlaps = (a: Band, b: Band) => a.lo <= b.hi && b.lo <= a.hi;

/** A scale's accuracy at one depth (among the token's alternatives), over its seeds. */
export function scaleBand(ladder: Ladder, depth: number, scale: Scale): Band {
  const runs = runsAt(ladder, depth);
  return band(runs.map((r) => r.scales[scale].accuracy), runs.map((r) => r.scales[scale].accuracyCi));
}

/** Solved at a depth: every seed's accuracy at least the criterion (models/hier/measure.py SOLVED). */
export function solvedAt(ladder: Ladder, depth: number, scale: Scale): boolean {
  const runs = runsAt(ladder, depth);
  return runs.length > 0 && runs.every((r) => r.scales[scale].accuracy >= ladder.solvedAccuracy);
}

/** The shallowest depth that solves a scale, or null if no depth of the ladder does. */
export function shallowestSolved(ladder: Ladder, scale: Scale): number | null {
  return depthsOf(ladder).find((d) => solvedAt(ladder, d, scale)) ?? null;
}

/** Whether a span task has examples in a bucket (every run of the ladder measures the same spans). */
export function hasBucket(ladder: Ladder, task: SpanTask, bucket: number): boolean {
  return ladder.runs.every((r) => r.spans[task].accuracy[bucket] !== null);
}

/** Span-probe accuracy at one depth, bucket and layer, over seeds (the bucket must have examples). */
export function spanBand(ladder: Ladder, depth: number, task: SpanTask, bucket: number, layer: number): Band {
  const runs = runsAt(ladder, depth);
  return band(
    runs.map((r) => r.spans[task].accuracy[bucket]![layer]!),
    runs.map((r) => r.spans[task].accuracyCi[bucket]![layer]!),
  );
}

/**
 * Probe gain over the embedding layer (layer 0: a bag of the span's embeddings and positions),
 * gain[bucket][layer], mean over seeds; null for a bucket without examples.
 */
export function spanGain(ladder: Ladder, depth: number, task: SpanTask): (number[] | null)[] {
  const runs = runsAt(ladder, depth);
  return ladder.spanBuckets.map((_, b) =>
    hasBucket(ladder, task, b)
      ? Array.from({ length: depth + 1 }, (_, l) => runs.reduce((s, r) => s + r.spans[task].accuracy[b]![l]! - r.spans[task].accuracy[b]![0]!, 0) / runs.length)
      : null,
  );
}

export interface BestLayer {
  bucket: number;
  /** Layer with the highest mean accuracy. */
  best: number;
  /** Every layer whose band overlaps the best one's: a tie with it. */
  tied: number[];
}

export function bestLayer(ladder: Ladder, depth: number, task: SpanTask, bucket: number): BestLayer {
  const bands = Array.from({ length: depth + 1 }, (_, l) => spanBand(ladder, depth, task, bucket, l));
  const best = bands.reduce((b, x, l) => (x.mean > bands[b]!.mean ? l : b), 0);
  return { bucket, best, tied: bands.flatMap((x, l) => (overlaps(x, bands[best]!) ? [l] : [])) };
}

export type DezoomVerdict = 'moves-up' | 'tie' | 'moves-down' | 'mixed';

/**
 * Does the best layer move up as spans grow? Between two buckets, the best layer moves up only when the
 * longer spans' tied layers all sit above the shorter spans' tied layers; otherwise it is a tie.
 */
export function dezoomVerdict(ladder: Ladder, depth: number, task: SpanTask): { verdict: DezoomVerdict; best: BestLayer[] } {
  const best = ladder.spanBuckets.flatMap((_, b) => (hasBucket(ladder, task, b) ? [bestLayer(ladder, depth, task, b)] : []));
  let up = false;
  let down = false;
  for (let i = 0; i < best.length; i++)
    for (let j = i + 1; j < best.length; j++) {
      if (Math.min(...best[j]!.tied) > Math.max(...best[i]!.tied)) up = true;
      if (Math.max(...best[j]!.tied) < Math.min(...best[i]!.tied)) down = true;
    }
  return { verdict: up && down ? 'mixed' : up ? 'moves-up' : down ? 'moves-down' : 'tie', best };
}

/** Effective context per layer 0…depth, mean over seeds (null where any seed's vector never settles within the cuts). */
export function effectiveContext(ladder: Ladder, depth: number): (number | null)[] {
  const runs = runsAt(ladder, depth);
  return Array.from({ length: depth + 1 }, (_, l) => {
    const ks = runs.map((r) => r.effectiveK[l]!);
    return ks.some((k) => k === null) ? null : ks.reduce((s, k) => s + k!, 0) / ks.length;
  });
}

/** Mean attention distance per block 1…depth, mean over seeds. */
export function attentionDistance(ladder: Ladder, depth: number): number[] {
  const runs = runsAt(ladder, depth);
  return Array.from({ length: depth }, (_, l) => runs.reduce((s, r) => s + r.attentionDistance[l]!, 0) / runs.length);
}

/** The span bucket's label: "1", "2–3", …, "16+". */
export function bucketLabel(bucket: [number, number]): string {
  const [lo, hi] = bucket;
  return lo === hi ? `${lo}` : hi >= 1000 ? `${lo}+` : `${lo}–${hi}`;
}
