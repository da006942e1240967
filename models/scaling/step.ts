// Step "scaling-fits": every law of essay 7, recomputed from the committed run logs in public/models/scaling/
// (ngram.json, transformer.json, confusion.json, and clever.json where it exists) by the tested fits of this folder, and written to
// public/models/scaling/fits.json. Deterministic (seeded bootstraps), so the test suite recomputes the file
// and compares (test/unit/scaling/fits-log.test.ts). A law that the runs cannot yet identify (fewer than
// three distinct sizes, say, before the full transformer sweep) is written as { status, needed } instead
// of a number.
//   node models/scaling/step.ts
import { existsSync, readFileSync } from 'node:fs';
import { percentileInterval } from './bootstrap.ts';
import { crossoverInterval, type CrossoverSummary } from './crossover.ts';
import { computeOptimalTable, fitJointRuns, fitPowerLawRuns, type PowerLawWithIntervals, type Run } from './fit.ts';
import { computeFrontier } from './frontier.ts';
import { writeLog } from '../sweep/log.ts';

export const FIT_BOOTSTRAP = { draws: 1000, seed: 2020, level: 0.95 } as const;
/** Where the crossover search ends: 1,000 × Brown train, far past anything the fits can vouch for. */
export const CROSSOVER_RANGE_MULTIPLE = 1000;

interface NgramLog {
  data: { train_tokens_total: number; val_chars: number; val_tokens: number };
  runs: { model: string; order: number; fraction: string; seed: number; train_tokens: number; val_bpc: number }[];
}
interface TransformerLog {
  val: { tokens: number; chars: number };
  runs: {
    size: string;
    non_embedding_params: number;
    fraction: string;
    train_tokens: number;
    tokens_seen: number;
    steps: number;
    batch_size: number;
    val_bpc: number;
    evals: { step: number; val_loss: number }[];
  }[];
}
interface ConfusionLog {
  config: { seeds: number[]; learners: string[] };
  sets: unknown[];
  runs: { learner: string; fraction: string; seed: number; train_words: number; accuracy: number }[];
}

type Law =
  | ReturnType<typeof summarise>
  | (Omit<ReturnType<typeof summarise>, 'E_ci95' | 'A_ci95' | 'alpha_ci95'> & { E_ci95: null; A_ci95: null; alpha_ci95: null; note: string })
  | { status: string; needed: string };

function summarise(f: PowerLawWithIntervals) {
  const r = (x: number) => Number(x.toPrecision(6));
  const iv = (k: 'E' | 'A' | 'alpha') => [r(f.interval[k].lo), r(f.interval[k].hi)];
  return {
    E: r(f.fit.E),
    A: r(f.fit.A),
    alpha: r(f.fit.alpha),
    E_ci95: iv('E'),
    A_ci95: iv('A'),
    alpha_ci95: iv('alpha'),
    rss: f.fit.rss,
    runs: f.fit.n,
    boundary: f.fit.boundary,
    bootstrap_rejected: f.rejected,
  };
}

/**
 * A power law with intervals, or a note saying why the runs cannot identify one. Three distinct x identify the
 * three parameters but leave nothing to estimate their uncertainty from (the curve passes exactly through the
 * points, and every usable resample gives the same curve), so with exactly three the intervals are null.
 */
function law(runs: Run[], what: string): { summary: Law; fit?: PowerLawWithIntervals } {
  const distinct = new Set(runs.map((r) => r.x)).size;
  if (distinct < 3) return { summary: { status: `not identified: ${distinct} distinct ${what}`, needed: `at least 3 distinct ${what}` } };
  const fit = fitPowerLawRuns(runs, FIT_BOOTSTRAP);
  if (distinct === 3)
    return {
      summary: { ...summarise(fit), E_ci95: null, A_ci95: null, alpha_ci95: null, note: `exact through 3 distinct ${what}: no interval (needs 4 or more)` },
      fit,
    };
  return { summary: summarise(fit), fit };
}

interface CleverLog {
  runs: { fraction: string; train_tokens: number; val_bpc: number }[];
}

export function computeFits(ngram: NgramLog, transformer: TransformerLog, confusion: ConfusionLog, clever?: CleverLog) {
  const D = ngram.data.train_tokens_total;
  // --- n-grams: bits per character against training tokens, per order --------------------------------
  const ngramFits = new Map<number, PowerLawWithIntervals | undefined>();
  const ngramLaws: Record<string, Law> = {};
  for (const order of [...new Set(ngram.runs.map((r) => r.order))].sort()) {
    const runs = ngram.runs.filter((r) => r.order === order).map((r) => ({ x: r.train_tokens, y: r.val_bpc }));
    const { summary, fit } = law(runs, 'data sizes');
    ngramLaws[`kn${order}`] = summary;
    ngramFits.set(order, fit);
  }
  const meanAtFull = (order: number) => ngram.runs.find((r) => r.order === order && r.fraction === '1')?.val_bpc ?? Infinity;
  const bestOrder = [...ngramFits.keys()].reduce((a, b) => (meanAtFull(b) < meanAtFull(a) ? b : a));

  // --- transformers -----------------------------------------------------------------------------------
  const tr = transformer.runs;
  const bpcPerNat = transformer.val.tokens / transformer.val.chars / Math.LN2; // nats/token → bits/char, whole-stream ratio
  const sizes = [...new Set(tr.map((r) => r.size))];
  const fractions = [...new Set(tr.map((r) => r.fraction))];
  const lossVsParams = Object.fromEntries(
    fractions.map((f) => [f, law(tr.filter((r) => r.fraction === f).map((r) => ({ x: r.non_embedding_params, y: r.val_bpc })), 'sizes').summary]),
  );
  const dataFits = new Map<string, PowerLawWithIntervals | undefined>();
  const lossVsData = Object.fromEntries(
    sizes.map((s) => {
      const { summary, fit } = law(tr.filter((r) => r.size === s).map((r) => ({ x: r.train_tokens, y: r.val_bpc })), 'data sizes');
      dataFits.set(s, fit);
      return [s, summary];
    }),
  );
  // Every periodic evaluation of every run is a (compute, loss) point; the frontier is the best loss per budget.
  const points = tr.flatMap((r) =>
    r.evals.filter((e) => e.step > 0).map((e) => ({ compute: 6 * r.non_embedding_params * e.step * r.batch_size * 128, loss: e.val_loss * bpcPerNat, size: r.size, fraction: r.fraction })),
  );
  const frontier = computeFrontier(points);
  const lossVsCompute = law(frontier.map((p) => ({ x: p.compute, y: p.loss })), 'compute budgets on the frontier').summary;

  const jointPoints = tr.map((r) => ({ N: r.non_embedding_params, D: r.train_tokens, loss: r.val_bpc }));
  let joint: unknown;
  if (new Set(jointPoints.map((p) => p.N)).size >= 3 && new Set(jointPoints.map((p) => p.D)).size >= 3) {
    const j = fitJointRuns(jointPoints, { draws: 300, seed: FIT_BOOTSTRAP.seed });
    // The sweep spans about 1e11 (t12k) to 1.3e13 FLOPs (t1.8m, 1.2M tokens); two decades beyond, for the extrapolation.
    const budgets = [1e11, 1e12, 1e13, 1e14, 1e15];
    joint = {
      law: 'L(N, D) = E + A N^-alpha + B D^-beta, N non-embedding parameters, D training tokens (unique, in the data fraction)',
      ...Object.fromEntries(Object.entries(j.fit).map(([k, v]) => [k, Number((v as number).toPrecision(6))])),
      ci95: Object.fromEntries(Object.entries(j.interval).map(([k, v]) => [k, [v.lo, v.hi]])),
      compute_optimal: j.fit.A > 0 && j.fit.B > 0 ? computeOptimalTable(j, budgets) : 'not defined: the fit dropped a term',
      exponent_a: j.fit.beta / (j.fit.alpha + j.fit.beta),
    };
  } else joint = { status: 'not identified: fewer than 3 distinct sizes or data sizes', needed: 'at least 3 distinct N and 3 distinct D' };

  // Crossover in data: the largest transformer's L(D) against the best n-gram's, extrapolated.
  const largest = sizes.slice().sort((a, b) => tr.find((r) => r.size === b)!.non_embedding_params - tr.find((r) => r.size === a)!.non_embedding_params)[0];
  const tFit = largest ? dataFits.get(largest) : undefined;
  const nFit = ngramFits.get(bestOrder);
  let crossover: CrossoverSummary | { status: string; needed: string };
  if (tFit && nFit)
    crossover = crossoverInterval({ challenger: tFit.fit, incumbent: nFit.fit }, { challenger: tFit.samples, incumbent: nFit.samples }, D / 64, D * CROSSOVER_RANGE_MULTIPLE);
  else crossover = { status: 'not identified: no transformer L(D) fit yet', needed: 'the largest transformer at 3 or more data fractions' };

  // --- confusion sets: error rate (1 − macro accuracy) against training words, per learner ---------------
  const nSets = confusion.sets.length;
  const perSeed = confusion.config.learners.flatMap((learner) =>
    [...new Set(confusion.runs.map((r) => r.fraction))].flatMap((fraction) =>
      confusion.config.seeds.flatMap((seed) => {
        const rs = confusion.runs.filter((r) => r.learner === learner && r.fraction === fraction && r.seed === seed);
        return rs.length === nSets ? [{ learner, fraction, seed, words: rs[0]!.train_words, accuracy: rs.reduce((s, r) => s + r.accuracy, 0) / nSets }] : [];
      }),
    ),
  );
  const confusionLaws = Object.fromEntries(
    confusion.config.learners.map((l) => [l, law(perSeed.filter((p) => p.learner === l).map((p) => ({ x: p.words, y: 1 - p.accuracy })), 'training sizes').summary]),
  );
  // Banko & Brill's comparison: does the weakest learner with more data beat the strongest with less?
  const mean = (l: string, f: string) => {
    const ps = perSeed.filter((p) => p.learner === l && p.fraction === f);
    return ps.reduce((s, p) => s + p.accuracy, 0) / ps.length;
  };
  const fr = [...new Set(perSeed.map((p) => p.fraction))];
  const byFull = confusion.config.learners.slice().sort((a, b) => mean(a, '1') - mean(b, '1'));
  const [weakest, strongest] = [byFull[0]!, byFull.at(-1)!];
  const dataVsLearner = fr.slice(0, -1).map((f, i) => ({
    strongest_at: f,
    strongest_accuracy: mean(strongest, f),
    weakest_at: fr[i + 1]!,
    weakest_accuracy: mean(weakest, fr[i + 1]!),
    weakest_with_double_data_wins: mean(weakest, fr[i + 1]!) > mean(strongest, f),
  }));
  const spread = fr.map((f) => {
    const accs = confusion.config.learners.map((l) => mean(l, f));
    return { fraction: f, best_minus_worst: Math.max(...accs) - Math.min(...accs) };
  });
  const gain = Object.fromEntries(confusion.config.learners.map((l) => [l, mean(l, '1') - mean(l, fr[0]!)]));
  const seedInterval = (l: string, f: string) => {
    const v = percentileInterval(perSeed.filter((p) => p.learner === l && p.fraction === f).map((p) => p.accuracy), 1);
    return [v.lo, v.hi];
  };

  // --- the clever feature model: its own L(D), and its gap to the best n-gram at each fraction (seed-1 subsets) ---
  const cleverPart = clever && {
    law: law(clever.runs.map((r) => ({ x: r.train_tokens, y: r.val_bpc })), 'data sizes').summary,
    minus_best_ngram: clever.runs.map((r) => {
      const n = ngram.runs.find((x) => x.order === bestOrder && x.fraction === r.fraction && (x.seed === 1 || r.fraction === '1'))!;
      return { fraction: r.fraction, clever_bpc: r.val_bpc, ngram_bpc: n.val_bpc, difference: r.val_bpc - n.val_bpc };
    }),
  };

  return {
    step: 'scaling-fits',
    produced_by: 'node models/scaling/step.ts (npm run models -- --only scaling-fits); recomputed and compared by test/unit/scaling/fits-log.test.ts',
    bootstrap: { ...FIT_BOOTSTRAP, over: 'runs (resampled with replacement; a resample with too few distinct x is redrawn and counted)' },
    ngram: {
      law: 'val bits per character = E + A · D^-alpha, D = training tokens (fractions 1/8 … 1 of Brown train, 3 document subsets each below 1)',
      by_order: ngramLaws,
      best_order_at_full_data: `kn${bestOrder}`,
    },
    transformer: {
      runs: tr.length,
      loss_vs_params_by_fraction: lossVsParams,
      loss_vs_data_by_size: lossVsData,
      loss_vs_compute: { law: 'frontier of periodic evaluations (loss on the fixed validation windows, nats per token × tokens/chars of the whole val stream / ln 2); C = 6 · N_non-embedding · tokens seen', frontier_points: frontier.length, fit: lossVsCompute },
      joint,
    },
    clever: cleverPart ?? { status: 'no clever.json yet', needed: 'step sweep-clever' },
    crossover_in_data: {
      challenger: largest ?? null,
      incumbent: `kn${bestOrder}`,
      search_range_tokens: [D / 64, D * CROSSOVER_RANGE_MULTIPLE],
      result: crossover,
    },
    confusion: {
      law: 'error rate (1 − macro accuracy over the sets) = E + A · W^-alpha, W = training words; one point per seed and fraction',
      by_learner: confusionLaws,
      accuracy_gain_smallest_to_full: gain,
      spread_between_learners: spread,
      weakest: weakest,
      strongest: strongest,
      weakest_with_double_data_vs_strongest: dataVsLearner,
      seed_range_at_full: Object.fromEntries(confusion.config.learners.map((l) => [l, seedInterval(l, '1')])),
    },
  };
}

function main(): void {
  const read = (f: string) => JSON.parse(readFileSync(`public/models/scaling/${f}`, 'utf8'));
  const t0 = performance.now();
  const clever = existsSync('public/models/scaling/clever.json') ? read('clever.json') : undefined;
  const fits = computeFits(read('ngram.json'), read('transformer.json'), read('confusion.json'), clever);
  writeLog('public/models/scaling/fits.json', fits, []);
  console.log(JSON.stringify(fits.ngram.by_order, null, 1));
  console.log(JSON.stringify(fits.confusion.by_learner, null, 1));
  console.log(`wrote public/models/scaling/fits.json in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (import.meta.main) main();
