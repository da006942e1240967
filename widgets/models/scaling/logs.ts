/**
 * The scaling sweep's run logs (public/models/scaling/*.json, written by the factory's sweep steps and the
 * fits step; models/sweep/README.md, models/scaling/README.md) as one typed, validated structure for the
 * figures and the essay of "The bitter lesson at toy scale". Pure: takes the parsed JSON, never reads files
 * (logs-file.ts does, in Node). The transformer log grows while its sweep runs: everything here works with
 * any number of its runs, from none to the whole plan, and a law the fits step could not identify yet is
 * `null` with the step's own reason.
 */

export type Family = 'ngram' | 'clever' | 'transformer';

/** One finished training run, in the units every learner shares. */
export interface ScalingRun {
  family: Family;
  /** kn2 … kn5, clever, or the transformer's size name (t12k …). */
  model: string;
  fraction: string;
  /** The data subset's seed (n-grams: 1–3 below fraction 1; 0 is the whole train stream). */
  dataSeed: number;
  /** Distinct training tokens (the subset's size). */
  trainTokens: number;
  /** Bits per character on the whole validation stream. */
  bpc: number;
  /** Non-embedding parameters (transformers), weights (clever model), stored n-gram types (n-grams). */
  params: number;
  /** Training compute (FLOPs; n-grams: count updates), by the conventions in `trainingCompute`. */
  compute: number;
}

/** A transformer's periodic evaluation, as a (compute, loss) point. */
export interface EvalPoint {
  model: string;
  fraction: string;
  step: number;
  compute: number;
  /** Loss on the fixed validation windows, converted to bits per character (see `bpcPerNat`). */
  bpc: number;
}

export interface PowerLaw {
  E: number;
  A: number;
  alpha: number;
  /** 95 % bootstrap intervals, or null where the fits step gives none (exactly three distinct x). */
  ci: { E: [number, number]; alpha: [number, number] } | null;
  runs: number;
  boundary: string[];
}

/** A law the fits step wrote: a power law, or why it could not (`status`) and what it needs. */
export type LawOrStatus = { law: PowerLaw } | { law: null; status: string; needed: string };

/**
 * Where the largest fitted transformer's L(D) falls below the best n-gram's, extrapolated (fits step):
 * `status` when no transformer L(D) exists yet; else the crossing on the point fits (null: none in range),
 * the share of bootstrap pairs that cross, and the percentile bounds (null: beyond the search range).
 */
export interface Crossover {
  challenger: string;
  incumbent: string;
  status: string | null;
  point: number | null;
  shareCrossing: number | null;
  lo: number | null;
  hi: number | null;
  range: [number, number] | null;
}

export interface TransformerSize {
  name: string;
  nonEmbeddingParams: number;
  layers: number;
  dModel: number;
}

export interface ScalingData {
  runs: ScalingRun[];
  evals: EvalPoint[];
  /** Distinct tokens of the whole Brown train stream (fraction 1). */
  brownTokens: number;
  /** Tokens every transformer run trains on (steps × batch × block), whatever its data fraction. */
  transformerTokensSeen: number;
  transformerSteps: number;
  sizes: TransformerSize[];
  plannedTransformerRuns: number;
  fractions: string[];
  /** L(D) = E + A·D^−α per model (kn2 … kn5, clever, each transformer size). */
  dataLaws: Record<string, LawOrStatus>;
  /** L(N) per data fraction (transformers). */
  paramLaws: Record<string, LawOrStatus>;
  /** L(C) on the transformer's compute frontier. */
  computeLaw: LawOrStatus;
  /** The transformer-overtakes-the-best-n-gram extrapolation, as the fits step wrote it. */
  crossover: Crossover;
}

/**
 * Compute conventions (training only; scoring is not counted):
 * - transformer: 6 · N_non-embedding · tokens seen (Kaplan et al. 2020), as the log's `train_flops`;
 * - clever model: the same 6 · N · D with N the weights one token touches (CLEVER_ROWS_PER_TOKEN rows of
 *   the vocabulary's width: models/sweep/README.md), one pass over D tokens;
 * - n-gram of order n: n count updates per token, one pass (operations, not FLOPs: counting multiplies nothing).
 */
export const CLEVER_ROWS_PER_TOKEN = 5;

export function trainingCompute(family: Family, opts: { tokens: number; order?: number; params?: number; vocab?: number }): number {
  if (family === 'ngram') return (opts.order ?? 1) * opts.tokens;
  if (family === 'clever') return 6 * CLEVER_ROWS_PER_TOKEN * (opts.vocab ?? 0) * opts.tokens;
  return 6 * (opts.params ?? 0) * opts.tokens;
}

type Json = Record<string, any>;

function fail(what: string): never {
  throw new Error(`scaling logs: ${what}`);
}

const finite = (x: unknown, what: string): number => (typeof x === 'number' && Number.isFinite(x) ? x : fail(`${what} is not a number`));
const arr = (x: unknown, what: string): any[] => (Array.isArray(x) ? x : fail(`${what} is not a list`));

function powerLaw(j: Json | undefined): LawOrStatus {
  if (!j || typeof j !== 'object') return { law: null, status: 'not in the fits file', needed: 'the fits step (npm run models -- --only scaling-fits)' };
  if (typeof j.status === 'string') return { law: null, status: j.status, needed: String(j.needed ?? '') };
  const ci = Array.isArray(j.E_ci95) && Array.isArray(j.alpha_ci95)
    ? { E: [finite(j.E_ci95[0], 'E_ci95'), finite(j.E_ci95[1], 'E_ci95')] as [number, number], alpha: [finite(j.alpha_ci95[0], 'alpha_ci95'), finite(j.alpha_ci95[1], 'alpha_ci95')] as [number, number] }
    : null;
  return {
    law: {
      E: finite(j.E, 'E'),
      A: finite(j.A, 'A'),
      alpha: finite(j.alpha, 'alpha'),
      ci,
      runs: finite(j.runs, 'runs'),
      boundary: Array.isArray(j.boundary) ? j.boundary.map(String) : [],
    },
  };
}

/** L(x) of a law. */
export const lawAt = (law: PowerLaw, x: number): number => law.E + law.A * Math.pow(x, -law.alpha);

export interface RawLogs {
  ngram: unknown;
  clever: unknown;
  transformer: unknown;
  fits: unknown;
}

/** Every log in one structure; throws (with the field) on a file of the wrong shape. */
export function parseScaling(raw: RawLogs): ScalingData {
  const ng = raw.ngram as Json;
  const cl = raw.clever as Json;
  const tr = raw.transformer as Json;
  const fits = raw.fits as Json;
  const vocab = finite(ng?.data?.vocab_size, 'ngram.data.vocab_size');
  const brownTokens = finite(ng?.data?.train_tokens_total, 'ngram.data.train_tokens_total');
  const runs: ScalingRun[] = [];
  for (const r of arr(ng.runs, 'ngram.runs')) {
    const tokens = finite(r.train_tokens, 'ngram train_tokens');
    const order = finite(r.order, 'ngram order');
    runs.push({
      family: 'ngram',
      model: String(r.model),
      fraction: String(r.fraction),
      dataSeed: finite(r.seed, 'ngram seed'),
      trainTokens: tokens,
      bpc: finite(r.val_bpc, 'ngram val_bpc'),
      params: Array.isArray(r.types) ? r.types.reduce((a: number, b: number) => a + b, 0) : 0,
      compute: trainingCompute('ngram', { tokens, order }),
    });
  }
  for (const r of arr(cl?.runs ?? [], 'clever.runs')) {
    const tokens = finite(r.train_tokens, 'clever train_tokens');
    runs.push({
      family: 'clever',
      model: 'clever',
      fraction: String(r.fraction),
      dataSeed: finite(r.data_seed, 'clever data_seed'),
      trainTokens: tokens,
      bpc: finite(r.val_bpc, 'clever val_bpc'),
      params: finite(r.parameters, 'clever parameters'),
      compute: trainingCompute('clever', { tokens, vocab }),
    });
  }
  const trTrain = tr?.plan?.train ?? {};
  const steps = finite(trTrain.steps, 'transformer.plan.train.steps');
  const tokensSeen = steps * finite(trTrain.batch_size, 'batch_size') * finite(trTrain.block_size, 'block_size');
  const bpcPerNat = finite(tr?.val?.tokens, 'transformer.val.tokens') / finite(tr?.val?.chars, 'transformer.val.chars') / Math.LN2;
  const probeSizes: Json[] = Array.isArray(tr?.probe?.sizes) ? tr.probe.sizes : [];
  const sizes: TransformerSize[] = arr(tr?.plan?.sizes, 'transformer.plan.sizes').map((s: Json) => {
    const probed = probeSizes.find((p) => p.name === s.name);
    return {
      name: String(s.name),
      layers: finite(s.n_layer, 'n_layer'),
      dModel: finite(s.d_model, 'd_model'),
      nonEmbeddingParams: probed ? finite(probed.non_embedding_params, 'non_embedding_params') : NaN,
    };
  });
  const evals: EvalPoint[] = [];
  for (const r of arr(tr.runs ?? [], 'transformer.runs')) {
    const N = finite(r.non_embedding_params, 'non_embedding_params');
    const size = sizes.find((s) => s.name === r.size);
    if (size && !Number.isFinite(size.nonEmbeddingParams)) size.nonEmbeddingParams = N;
    const perStep = finite(r.tokens_seen, 'tokens_seen') / finite(r.steps, 'steps');
    runs.push({
      family: 'transformer',
      model: String(r.size),
      fraction: String(r.fraction),
      dataSeed: finite(r.data_seed, 'data_seed'),
      trainTokens: finite(r.train_tokens, 'train_tokens'),
      bpc: finite(r.val_bpc, 'val_bpc'),
      params: N,
      compute: finite(r.train_flops, 'train_flops'),
    });
    for (const e of arr(r.evals ?? [], 'evals')) {
      if (!(finite(e.step, 'eval step') > 0)) continue; // step 0 has spent nothing: no point on a log axis
      evals.push({ model: String(r.size), fraction: String(r.fraction), step: e.step, compute: 6 * N * perStep * e.step, bpc: finite(e.val_loss, 'val_loss') * bpcPerNat });
    }
  }
  const dataLaws: Record<string, LawOrStatus> = {};
  for (const [order, j] of Object.entries((fits?.ngram?.by_order ?? {}) as Json)) dataLaws[order] = powerLaw(j);
  if (fits?.clever?.law) dataLaws.clever = powerLaw(fits.clever.law);
  for (const [size, j] of Object.entries((fits?.transformer?.loss_vs_data_by_size ?? {}) as Json)) dataLaws[size] = powerLaw(j);
  const paramLaws: Record<string, LawOrStatus> = {};
  for (const [fraction, j] of Object.entries((fits?.transformer?.loss_vs_params_by_fraction ?? {}) as Json)) paramLaws[fraction] = powerLaw(j);
  const co = fits?.crossover_in_data ?? {};
  const res = co.result ?? {};
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const crossover: Crossover = {
    challenger: String(co.challenger ?? ''),
    incumbent: String(co.incumbent ?? ''),
    status: typeof res.status === 'string' ? res.status : null,
    point: num(res.point),
    shareCrossing: num(res.share_crossing),
    lo: num(res.lo),
    hi: num(res.hi),
    range: Array.isArray(res.range) ? [Number(res.range[0]), Number(res.range[1])] : null,
  };
  return {
    runs,
    evals,
    brownTokens,
    transformerTokensSeen: tokensSeen,
    transformerSteps: steps,
    sizes,
    plannedTransformerRuns: finite(tr.planned_runs, 'planned_runs'),
    fractions: arr(tr?.plan?.fractions, 'plan.fractions').map(String),
    dataLaws,
    paramLaws,
    computeLaw: powerLaw(fits?.transformer?.loss_vs_compute?.fit),
    crossover,
  };
}

/** The value of a fraction name ("1/8" → 0.125, "1" → 1). */
export function fractionValue(name: string): number {
  const m = /^(\d+)(?:\/(\d+))?$/.exec(name);
  if (!m) return NaN;
  return Number(m[1]) / (m[2] ? Number(m[2]) : 1);
}

/** Models in display order: n-gram orders, the clever model, transformer sizes by size. */
export function modelOrder(data: ScalingData): string[] {
  const ngrams = [...new Set(data.runs.filter((r) => r.family === 'ngram').map((r) => r.model))].sort();
  const clever = data.runs.some((r) => r.family === 'clever') ? ['clever'] : [];
  return [...ngrams, ...clever, ...data.sizes.map((s) => s.name)];
}

export function familyOf(data: ScalingData, model: string): Family {
  if (model === 'clever') return 'clever';
  return data.sizes.some((s) => s.name === model) ? 'transformer' : 'ngram';
}

/** A person's name for a model: "5-gram", "clever model", "transformer t440k (447,552 parameters)". */
export function modelLabel(data: ScalingData, model: string, short = false): string {
  const fam = familyOf(data, model);
  if (fam === 'ngram') return `${model.replace(/^kn/, '')}-gram`;
  if (fam === 'clever') return short ? 'clever' : 'clever model';
  return short ? model : `transformer ${model}`;
}
