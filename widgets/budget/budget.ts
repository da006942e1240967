/**
 * "Pick your budget": given a data size D (training tokens) and a compute budget C, which model of the sweep
 * wins and by how much, read from the run logs and the fits. Pure.
 *
 * Each model's loss at D comes from its own runs where they reach:
 * - at a data size the sweep ran: the mean over its runs there (`measured`);
 * - between two such sizes: linear in log D between them (`interpolated`: the curves are smooth and
 *   monotone there, and the runs bracket the answer);
 * - outside them: its fitted law L(D) = E + A·D^−α (`extrapolated`), but only a law that has a bootstrap
 *   interval (four or more distinct data sizes); a law exact through three points, or none, gives nothing
 *   (`unknown`): the figure says so instead of guessing.
 * A model is affordable when its training compute at D fits C. A transformer's compute is its full run
 * (6·N·tokens seen, the same number of steps at every D): the sweep measured no shorter or longer runs.
 */
import { familyOf, lawAt, modelOrder, trainingCompute, type Family, type ScalingData } from '../models/scaling/logs.ts';

export type Basis = 'measured' | 'interpolated' | 'extrapolated' | 'unknown';

export interface Candidate {
  model: string;
  family: Family;
  /** Training compute at D (FLOPs; n-grams: count updates). */
  cost: number;
  affordable: boolean;
  basis: Basis;
  /** Predicted bits per character at D; null when `unknown`. */
  bpc: number | null;
  /** Extrapolations only: the fit's α interval, for the text. */
  note: string;
}

export interface Verdict {
  /** Affordable candidates with a loss, best first. */
  ranked: Candidate[];
  winner: Candidate | null;
  runnerUp: Candidate | null;
  /** Winner's margin over the runner-up (bpc). */
  margin: number | null;
  /** Whether the margin is inside the noise (see `noiseBpc`). */
  tie: boolean;
  /** Whether the winner's loss, or the runner-up's, rests on an extrapolation. */
  extrapolated: boolean;
}

interface Point {
  tokens: number;
  bpc: number;
}

/** A model's measured learning curve: mean bpc per data fraction, sorted by tokens. */
export function measuredCurve(data: ScalingData, model: string): Point[] {
  const byFraction = new Map<string, { tokens: number[]; bpc: number[] }>();
  for (const r of data.runs) {
    if (r.model !== model) continue;
    const g = byFraction.get(r.fraction) ?? { tokens: [], bpc: [] };
    g.tokens.push(r.trainTokens);
    g.bpc.push(r.bpc);
    byFraction.set(r.fraction, g);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return [...byFraction.values()].map((g) => ({ tokens: mean(g.tokens), bpc: mean(g.bpc) })).sort((a, b) => a.tokens - b.tokens);
}

/** A measured point counts as "at D" within this relative distance (the seeds' subsets differ by < 1 % in size). */
const SAME_SIZE = 0.02;

/** A model's loss at D tokens, and what it rests on. */
export function lossAt(data: ScalingData, model: string, tokens: number): { bpc: number | null; basis: Basis; note: string } {
  const curve = measuredCurve(data, model);
  const hit = curve.find((p) => Math.abs(p.tokens / tokens - 1) <= SAME_SIZE);
  if (hit) return { bpc: hit.bpc, basis: 'measured', note: '' };
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!;
    const b = curve[i]!;
    if (tokens > a.tokens && tokens < b.tokens) {
      const t = Math.log(tokens / a.tokens) / Math.log(b.tokens / a.tokens);
      return { bpc: a.bpc + t * (b.bpc - a.bpc), basis: 'interpolated', note: '' };
    }
  }
  // A transformer run reads the same number of tokens whatever its data (the plan's steps): beyond the largest
  // data its runs had, more data could only help a longer run, which the sweep did not make. Its L(D) describes
  // this grid, not what a transformer would do with more data.
  if (familyOf(data, model) === 'transformer' && curve.length && tokens > curve.at(-1)!.tokens)
    return { bpc: null, basis: 'unknown', note: `its runs read ${Math.round(data.transformerTokensSeen).toLocaleString('en-US')} tokens each; more data needs longer runs than the sweep made` };
  const fit = data.dataLaws[model];
  if (fit?.law && fit.law.ci) {
    const [lo, hi] = fit.law.ci.alpha;
    return { bpc: lawAt(fit.law, tokens), basis: 'extrapolated', note: `fit α ${fit.law.alpha.toFixed(2)} [${lo.toFixed(2)}, ${hi.toFixed(2)}]` };
  }
  const why = curve.length === 0 ? 'no run yet' : fit?.law ? 'its law has no interval yet (3 data sizes)' : 'no law with an interval yet';
  return { bpc: null, basis: 'unknown', note: why };
}

/** Training compute of a model at D tokens (see logs.ts `trainingCompute`). */
export function costAt(data: ScalingData, model: string, tokens: number): number {
  const family = familyOf(data, model);
  if (family === 'transformer') {
    const size = data.sizes.find((s) => s.name === model)!;
    return trainingCompute('transformer', { tokens: data.transformerTokensSeen, params: size.nonEmbeddingParams });
  }
  if (family === 'clever') return trainingCompute('clever', { tokens, vocab: VOCAB });
  return trainingCompute('ngram', { tokens, order: Number(model.replace(/^kn/, '')) });
}

/** The BPE vocabulary every learner predicts over (models/README.md; the n-gram log's vocab_size). */
export const VOCAB = 2048;

/**
 * Differences smaller than this are ties: the largest spread (max − min) between the n-grams' three data
 * subsets at any order and fraction, i.e. how much the particular documents move a loss. (The transformer
 * runs have one subset each; a rerun reproduced t12k to the last digit, so their spread is unknown but
 * not smaller than the data's.)
 */
export function noiseBpc(data: ScalingData): number {
  const groups = new Map<string, number[]>();
  for (const r of data.runs) {
    if (r.family !== 'ngram') continue;
    const k = `${r.model} ${r.fraction}`;
    groups.set(k, [...(groups.get(k) ?? []), r.bpc]);
  }
  let spread = 0;
  for (const xs of groups.values()) if (xs.length > 1) spread = Math.max(spread, Math.max(...xs) - Math.min(...xs));
  return spread;
}

export function candidates(data: ScalingData, tokens: number, compute: number): Candidate[] {
  return modelOrder(data).map((model) => {
    const cost = costAt(data, model, tokens);
    const { bpc, basis, note } = lossAt(data, model, tokens);
    return { model, family: familyOf(data, model), cost, affordable: cost <= compute, basis, bpc, note };
  });
}

export function verdict(data: ScalingData, tokens: number, compute: number): Verdict {
  const all = candidates(data, tokens, compute);
  const ranked = all.filter((c) => c.affordable && c.bpc !== null).sort((a, b) => a.bpc! - b.bpc!);
  const winner = ranked[0] ?? null;
  const runnerUp = ranked[1] ?? null;
  const margin = winner && runnerUp ? runnerUp.bpc! - winner.bpc! : null;
  return {
    ranked,
    winner,
    runnerUp,
    margin,
    tie: margin !== null && margin < noiseBpc(data),
    extrapolated: [winner, runnerUp].some((c) => c?.basis === 'extrapolated'),
  };
}

/**
 * The winning family over a grid of (log D, log C) cells, for the map: each cell is the family of the
 * winner at the cell's centre, 'none' where nothing affordable has a loss, and whether it rests on an
 * extrapolation.
 */
type MapCell = { logD: number; logC: number; family: Family | 'none'; model: string; extrapolated: boolean };
// The map does not depend on the reader's budget: computed once per data set and grid, not on every redraw.
const mapCache = new WeakMap<ScalingData, Map<string, MapCell[]>>();

export function winnerMap(data: ScalingData, logTokens: number[], logCompute: number[]): MapCell[] {
  const key = `${logTokens.join(',')}|${logCompute.join(',')}`;
  const cached = mapCache.get(data)?.get(key);
  if (cached) return cached;
  const cells = computeMap(data, logTokens, logCompute);
  mapCache.set(data, (mapCache.get(data) ?? new Map()).set(key, cells));
  return cells;
}

function computeMap(data: ScalingData, logTokens: number[], logCompute: number[]): MapCell[] {
  const cells: MapCell[] = [];
  for (const logD of logTokens)
    for (const logC of logCompute) {
      const v = verdict(data, 10 ** logD, 10 ** logC);
      cells.push({ logD, logC, family: v.winner?.family ?? 'none', model: v.winner?.model ?? '', extrapolated: v.winner?.basis === 'extrapolated' });
    }
  return cells;
}
