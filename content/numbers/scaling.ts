/**
 * Every number "The bitter lesson at toy scale" states, read from the sweep's shipped logs
 * (public/models/scaling/*.json: ngram, clever, transformer, confusion, and fits, which the factory's
 * `scaling-fits` step recomputes from the others) and the site model's card (public/models/transformer.json).
 * The essay imports `n` and writes {n.kn5.full}. The transformer sweep was still running when the essay was
 * written: its sentences are computed here from whatever runs the log holds, so the prose states what the log
 * supports, never more. test/unit/essays/scaling-claims.test.ts recomputes every number from the files and
 * holds the words around them to the data.
 */
import card from '../../public/models/transformer.json';
import confusion from '../../public/models/scaling/confusion.json';
import confusionLm from '../../public/models/scaling/confusion-lm.json';
import fits from '../../public/models/scaling/fits.json';
import ngram from '../../public/models/scaling/ngram.json';
import clever from '../../public/models/scaling/clever.json';
import transformer from '../../public/models/scaling/transformer.json';
import { fractionValue, parseScaling, modelLabel } from '../../widgets/models/scaling/logs.ts';
import { measuredCurve, noiseBpc } from '../../widgets/budget/budget.ts';
import { confusionData, lawAccuracy, LEARNER_LABELS } from '../../widgets/confusion-curves/data.ts';
import { count, sci } from '../../widgets/models/scaling/format.ts';

export const data = parseScaling({ ngram, clever, transformer, fits });
const cd = confusionData(confusion, fits, confusionLm);

const f3 = (x: number) => x.toFixed(3);
const f2 = (x: number) => x.toFixed(2);
const pct1 = (x: number) => `${(100 * x).toFixed(1)} %`;
const pts1 = (x: number) => `${(100 * x).toFixed(1)} points`;
const us = (x: number) => Math.round(x).toLocaleString('en-US');

/** Mean bpc of a model at a fraction (over the data subsets). */
export function meanAt(model: string, fraction: string): number | null {
  const rs = data.runs.filter((r) => r.model === model && r.fraction === fraction);
  return rs.length ? rs.reduce((a, r) => a + r.bpc, 0) / rs.length : null;
}
const must = (x: number | null, what: string): number => {
  if (x === null) throw new Error(`content/numbers/scaling.ts: no ${what} in the logs`);
  return x;
};

const fractions = ['1/8', '1/4', '1/2', '1'];
const ngramLaw = (order: string) => data.dataLaws[order]!.law!;
const kn5Law = ngramLaw('kn5');
const cleverLaw = data.dataLaws.clever!.law!;

// --- the counting side ------------------------------------------------------------------------------------
const kn = (model: string) => Object.fromEntries(fractions.map((f) => [f, f3(must(meanAt(model, f), `${model} at ${f}`))]));
// The clever model ran on one data subset per fraction: compare it with the 5-gram on that same subset.
const sameSubset = (model: string, like: string, f: string) => {
  const ref = data.runs.find((r) => r.model === like && r.fraction === f);
  return must(data.runs.find((r) => r.model === model && r.fraction === f && r.dataSeed === ref?.dataSeed)?.bpc ?? null, `${model} at ${f}`);
};
const cleverGap = fractions.map((f) => must(meanAt('clever', f), 'clever') - sameSubset('kn5', 'clever', f));

// --- the transformer side: whatever the log holds ------------------------------------------------------------
export const transformerRuns = data.runs.filter((r) => r.family === 'transformer');
const bestNgramAt = (f: string) => Math.min(...['kn2', 'kn3', 'kn4', 'kn5'].map((m) => meanAt(m, f) ?? Infinity));
/** Each transformer run against the best n-gram at its own data fraction (positive: the n-gram is better). */
export const transformerGaps = transformerRuns.map((r) => ({ model: r.model, fraction: r.fraction, bpc: r.bpc, gap: r.bpc - bestNgramAt(r.fraction) }));
const bestTransformer = transformerRuns.reduce<(typeof transformerRuns)[number] | null>((a, r) => (a === null || r.bpc < a.bpc ? r : a), null);
const closest = transformerGaps.reduce<(typeof transformerGaps)[number] | null>((a, g) => (a === null || g.gap < a.gap ? g : a), null);
const winsOverNgram = transformerGaps.filter((g) => g.gap < 0);
const sizesRun = [...new Set(transformerRuns.map((r) => r.model))];
const fractionsRun = [...new Set(transformerRuns.map((r) => r.fraction))];

function transformerVerdict(): string {
  if (!transformerRuns.length) return 'The transformer log holds no finished run yet.';
  const head = `${transformerRuns.length} of the ${data.plannedTransformerRuns} planned transformer runs are in the log (${sizesRun.length === 1 ? 'one size' : `${sizesRun.length} sizes`}, ${fractionsRun.length === 1 ? 'one data fraction' : `${fractionsRun.length} data fractions`}).`;
  const trend = gapTrend();
  if (winsOverNgram.length === 0)
    return `${head} None of them beats the best n-gram trained on the same data: the closest, ${closest!.model} at ${closest!.fraction} of Brown, is ${f3(closest!.gap)} bits per character behind it.${trend}`;
  const list = winsOverNgram.map((g) => `${g.model} at ${g.fraction} (by ${f3(-g.gap)})`).join(', ');
  return `${head} ${winsOverNgram.length === transformerRuns.length ? 'Every one of them' : `${winsOverNgram.length} of them`} beat${winsOverNgram.length === 1 ? 's' : ''} the best n-gram trained on the same data: ${list}.`;
}

/** For the largest size run on both the smallest and the whole data: how its gap to the best n-gram changes. */
function gapTrend(): string {
  const both = [...sizesRun].reverse().find((m) => transformerGaps.some((g) => g.model === m && g.fraction === '1/8') && transformerGaps.some((g) => g.model === m && g.fraction === '1'));
  if (!both) return '';
  const lo = transformerGaps.find((g) => g.model === both && g.fraction === '1/8')!.gap;
  const hi = transformerGaps.find((g) => g.model === both && g.fraction === '1')!.gap;
  const way = hi > lo ? 'widens' : 'narrows';
  return ` For ${both}, the gap ${way} from ${f3(lo)} on 1/8 of Brown to ${f3(hi)} on all of it${hi > lo ? ': at a fixed number of steps, more data is more text the run has not finished reading' : ''}.`;
}

function paramsVerdict(): string {
  const laws = Object.entries(data.paramLaws).filter(([, l]) => l.law);
  if (!laws.length) {
    const atOne = transformerRuns.filter((r) => r.fraction === '1/8').sort((a, b) => a.params - b.params);
    const trend = atOne.length >= 2 ? ` At 1/8 of Brown, going from ${atOne[0]!.model} to ${atOne.at(-1)!.model} moves the loss from ${f3(atOne[0]!.bpc)} to ${f3(atOne.at(-1)!.bpc)}.` : '';
    return `The law against size, L(N) = E + A·N^−α, needs at least three sizes at one data fraction; the log does not have them yet, so the fits step writes “not identified” instead of a number.${trend}`;
  }
  const parts = laws.sort((a, b) => fractionValue(a[0]) - fractionValue(b[0])).map(([f, l]) => `${f === '1' ? 'on all' : `at ${f}`} of Brown α = ${f2(l.law!.alpha)}${l.law!.ci ? ` (95 % interval ${f2(l.law!.ci.alpha[0])} to ${f2(l.law!.ci.alpha[1])})` : ' (exact through three sizes, so no interval yet)'}`);
  return `Against size, the law L(N) = E + A·N^−α fitted to the sizes run so far gives ${parts.join('; ')}.`;
}

function crossoverVerdict(): string {
  const c = data.crossover;
  if (c.status) return `The fits step cannot yet say where a transformer would overtake the 5-gram: ${c.status.replace(/^not identified: /, '')}. Until it can, the figures say “not known” rather than guess.`;
  const who = `${modelLabel(data, c.challenger)}'s`;
  const whom = `the ${modelLabel(data, c.incumbent)}'s`;
  if (c.point === null) return `Extrapolated, ${who} law against data does not cross ${whom} anywhere up to ${count(c.range?.[1] ?? 0)} tokens on the point fits, though ${Math.round(100 * (c.shareCrossing ?? 0))} % of the bootstrap pairs do cross in that range: the runs cannot rule a crossing in or out.`;
  return `Extrapolated, ${who} law against data would overtake ${whom} at about ${count(c.point)} tokens (${f2(c.point / data.brownTokens)} × Brown) on the point fits; the bootstrap interval runs from ${c.lo === null ? 'beyond the range' : count(c.lo)} to ${c.hi === null ? 'beyond the search range' : count(c.hi)}, and ${Math.round(100 * (c.shareCrossing ?? 0))} % of the bootstrap pairs cross at all.`;
}

// --- the site's model: same architecture family, 17 × the tokens of a sweep run ---------------------------
const siteNonEmbedding = card.architecture.params - (card.architecture.vocab_size + card.architecture.context) * card.architecture.d_model;
const siteTokensSeen = (card as any).training.tokens_seen as number;

// --- confusion sets ----------------------------------------------------------------------------------------
const macro = (learner: string, fraction: string) => cd.curves.all!.find((p) => p.learner === learner && p.fraction === fraction)!;
const cf = fits.confusion;
const learners = cd.learners;
const gains = learners.map((l) => macro(l, '1').mean - macro(l, '1/64').mean);
const spreads = cf.spread_between_learners.map((s) => s.best_minus_worst);
const doubleWins = cf.weakest_with_double_data_vs_strongest;
const lastDoubleWin = [...doubleWins].reverse().find((d) => d.weakest_with_double_data_wins);
const firstDoubleLoss = doubleWins.find((d) => !d.weakest_with_double_data_wins);
// The shipped transformer as a fourth learner: one level at the full size (the figure's context, the learners'
// words), against the best trained learner there.
const lmLevels = cd.transformer!;
const lmAll = lmLevels.levels[lmLevels.context]!.all!;
const bestFull = learners.map((l) => macro(l, '1')).reduce((a, p) => (p.mean > a.mean ? p : a));
const lmRelation = bestFull.mean >= lmAll.lo && bestFull.mean <= lmAll.hi ? 'level with' : lmAll.acc > bestFull.mean ? 'ahead of' : 'behind';

export const n = {
  brownTokens: count(data.brownTokens),
  brownTokensExact: us(data.brownTokens),
  brownWords: count(cd.trainWords),
  valChars: us(ngram.data.val_chars),
  ngramRuns: data.runs.filter((r) => r.family === 'ngram').length,
  kn2: kn('kn2'),
  kn5: kn('kn5'),
  kn5Law: { E: f2(kn5Law.E), Elo: f2(kn5Law.ci!.E[0]), Ehi: f2(kn5Law.ci!.E[1]), alpha: f2(kn5Law.alpha), alphaLo: f2(kn5Law.ci!.alpha[0]), alphaHi: f2(kn5Law.ci!.alpha[1]) },
  kn2Law: { E: f2(ngramLaw('kn2').E), alpha: f2(ngramLaw('kn2').alpha) },
  kn5At10x: f3(kn5Law.E + kn5Law.A * Math.pow(10 * data.brownTokens, -kn5Law.alpha)),
  noise: f3(noiseBpc(data)),
  clever: {
    ...Object.fromEntries(fractions.map((f) => [f, f3(must(meanAt('clever', f), 'clever'))])),
    gapEighth: f3(cleverGap[0]!),
    gapFull: f3(cleverGap[3]!),
    alpha: f2(cleverLaw.alpha),
    alphaLo: f2(cleverLaw.ci!.alpha[0]),
    alphaHi: f2(cleverLaw.ci!.alpha[1]),
    E: f2(cleverLaw.E),
    params: count(clever.runs.at(-1)!.parameters),
    trainMinutes: Math.round(clever.runs.at(-1)!.train_s / 60),
    compute: sci(data.runs.find((r) => r.model === 'clever' && r.fraction === '1')!.compute),
  },
  kn5Compute: sci(data.runs.find((r) => r.model === 'kn5' && r.fraction === '1')!.compute),
  kn5Types: count(data.runs.find((r) => r.model === 'kn5' && r.fraction === '1')!.params),
  transformer: {
    planned: data.plannedTransformerRuns,
    logged: transformerRuns.length,
    steps: data.transformerSteps,
    tokensSeen: count(data.transformerTokensSeen),
    epochsAtFull: f2(data.transformerTokensSeen / data.brownTokens),
    smallest: count(data.sizes[0]!.nonEmbeddingParams),
    largest: count(data.sizes.at(-1)!.nonEmbeddingParams),
    largestCompute: sci(6 * data.sizes.at(-1)!.nonEmbeddingParams * data.transformerTokensSeen),
    smallestCompute: sci(6 * data.sizes[0]!.nonEmbeddingParams * data.transformerTokensSeen),
    best: bestTransformer ? { model: bestTransformer.model, fraction: bestTransformer.fraction, bpc: f3(bestTransformer.bpc) } : null,
    verdict: transformerVerdict(),
    params: paramsVerdict(),
    crossover: crossoverVerdict(),
    curve: (model: string) => measuredCurve(data, model),
  },
  site: {
    bpc: card.metrics.val_bpc.toFixed(3),
    kn5: card.metrics.baselines.kn5.bpc.toFixed(3),
    tokensSeen: count(siteTokensSeen),
    multiple: Math.round(siteTokensSeen / data.transformerTokensSeen),
    epochs: (card as any).training.epochs.toFixed(0),
    compute: sci(6 * siteNonEmbedding * siteTokensSeen),
  },
  confusion: {
    sets: cd.sets.length,
    setNames: cd.sets.map((s) => s.name),
    majority: pct1(cd.majority),
    smallestWords: count(macro(learners[0]!, '1/64').words),
    fullWords: count(macro(learners[0]!, '1').words),
    acc: Object.fromEntries(learners.map((l) => [l, { small: pct1(macro(l, '1/64').mean), eighth: pct1(macro(l, '1/8').mean), full: pct1(macro(l, '1').mean) }])),
    gainMin: pts1(Math.min(...gains)),
    gainMax: pts1(Math.max(...gains)),
    spreadMin: pts1(Math.min(...spreads)),
    spreadMax: pts1(Math.max(...spreads)),
    lastDoubleWin: lastDoubleWin ? { strongestAt: lastDoubleWin.strongest_at, weakestAt: lastDoubleWin.weakest_at } : null,
    firstDoubleLoss: firstDoubleLoss ? { strongestAt: firstDoubleLoss.strongest_at, weakestAt: firstDoubleLoss.weakest_at } : null,
    lrAlpha: f2(cd.laws['logistic-regression']!.alpha),
    lrAlphaLo: f2(cd.laws['logistic-regression']!.alphaCi![0]),
    lrAlphaHi: f2(cd.laws['logistic-regression']!.alphaCi![1]),
    atBillion: Object.fromEntries(learners.map((l) => [l, pct1(lawAccuracy(cd.laws[l]!, 1e9))])),
    transformer: {
      acc: pct1(lmAll.acc),
      lo: pct1(lmAll.lo),
      hi: pct1(lmAll.hi),
      document: pct1(lmLevels.levels.document!.all!.acc),
      best: bestFull.learner,
      bestLabel: LEARNER_LABELS[bestFull.learner] ?? bestFull.learner,
      bestAcc: pct1(bestFull.mean),
      /** 'level with' when the best learner's accuracy is inside the transformer's interval. */
      relation: lmRelation,
      epochs: (card as any).training.epochs.toFixed(0),
    },
  },
  label: (m: string) => modelLabel(data, m),
};
