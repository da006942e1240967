// "The bitter lesson at toy scale" reads its numbers from the sweep's logs (content/numbers/scaling.ts). These
// tests recompute each number from the shipped files by their own route, and hold the words around the numbers
// to the data: "loses at every data size", "the gap grows", "beats the bigram from 1/4 on", "more data beat a
// cleverer learner". The transformer sentences are computed from the log; the tests check that they say what the
// log holds, in whatever state the sweep has reached.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { n, meanAt, transformerGaps, transformerRuns } from '../../../content/numbers/scaling.ts';
import { loadReferences } from '../../../src/lib/references.ts';
import { proseWords } from './prose-words.ts';

const read = (f: string) => JSON.parse(readFileSync(`public/models/scaling/${f}.json`, 'utf8'));
const ngram = read('ngram');
const clever = read('clever');
const transformer = read('transformer');
const fits = read('fits');
const confusion = read('confusion');
const confusionLm = read('confusion-lm');
const essay = readFileSync('content/articles/bitter-lesson.mdx', 'utf8');
const FRACTIONS = ['1/8', '1/4', '1/2', '1'];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const ng = (model: string, fraction: string) => mean(ngram.runs.filter((r: any) => r.model === model && r.fraction === fraction).map((r: any) => r.val_bpc));
const cl = (fraction: string) => clever.runs.find((r: any) => r.fraction === fraction).val_bpc as number;
const macro = (learner: string, fraction: string) => confusion.curves.find((c: any) => c.learner === learner && c.fraction === fraction);

describe('"The bitter lesson at toy scale": the numbers are the logs’', () => {
  it('the n-grams', () => {
    for (const f of FRACTIONS) {
      expect(n.kn5[f]).toBe(ng('kn5', f).toFixed(3));
      expect(n.kn2[f]).toBe(ng('kn2', f).toFixed(3));
    }
    expect(n.ngramRuns).toBe(ngram.runs.length);
    const law = fits.ngram.by_order.kn5;
    expect(n.kn5Law).toEqual({ E: law.E.toFixed(2), Elo: law.E_ci95[0].toFixed(2), Ehi: law.E_ci95[1].toFixed(2), alpha: law.alpha.toFixed(2), alphaLo: law.alpha_ci95[0].toFixed(2), alphaHi: law.alpha_ci95[1].toFixed(2) });
    expect(n.kn5At10x).toBe((law.E + law.A * (10 * ngram.data.train_tokens_total) ** -law.alpha).toFixed(3));
    expect(n.brownTokensExact).toBe(ngram.data.train_tokens_total.toLocaleString('en-US'));
    const full5 = ngram.runs.find((r: any) => r.model === 'kn5' && r.fraction === '1');
    expect(n.kn5Types).toBe(`${(full5.types.reduce((a: number, b: number) => a + b, 0) / 1e6).toFixed(2)}M`);
  });

  it('the noise floor is the widest spread between data subsets', () => {
    let spread = 0;
    for (const m of ['kn2', 'kn3', 'kn4', 'kn5'])
      for (const f of ['1/8', '1/4', '1/2']) {
        const xs = ngram.runs.filter((r: any) => r.model === m && r.fraction === f).map((r: any) => r.val_bpc);
        spread = Math.max(spread, Math.max(...xs) - Math.min(...xs));
      }
    expect(n.noise).toBe(spread.toFixed(3));
  });

  it('the clever model', () => {
    for (const f of FRACTIONS) expect((n.clever as Record<string, unknown>)[f]).toBe(cl(f).toFixed(3));
    const same = (f: string) => ngram.runs.find((r: any) => r.model === 'kn5' && r.fraction === f && r.seed === clever.runs.find((c: any) => c.fraction === f).data_seed).val_bpc;
    expect(n.clever.gapEighth).toBe((cl('1/8') - same('1/8')).toFixed(3));
    expect(n.clever.gapFull).toBe((cl('1') - same('1')).toFixed(3));
    expect(n.clever.alpha).toBe(fits.clever.law.alpha.toFixed(2));
    expect(n.clever.E).toBe(fits.clever.law.E.toFixed(2));
  });

  it('the site model', () => {
    const card = JSON.parse(readFileSync('public/models/transformer.json', 'utf8'));
    expect(n.site.bpc).toBe(card.metrics.val_bpc.toFixed(3));
    expect(n.site.kn5).toBe(card.metrics.baselines.kn5.bpc.toFixed(3));
    expect(n.site.multiple).toBe(Math.round(card.training.tokens_seen / (transformer.plan.train.steps * transformer.plan.train.batch_size * transformer.plan.train.block_size)));
  });

  it('the confusion sets', () => {
    expect(n.confusion.sets).toBe(confusion.sets.length);
    expect(n.confusion.majority).toBe(`${(100 * mean(confusion.sets.map((s: any) => s.majority_test_accuracy))).toFixed(1)} %`);
    expect(n.confusion.acc['logistic-regression']!.full).toBe(`${(100 * macro('logistic-regression', '1').macro_accuracy_mean).toFixed(1)} %`);
    expect(n.confusion.acc.counting!.small).toBe(`${(100 * macro('counting', '1/64').macro_accuracy_mean).toFixed(1)} %`);
    const gains = Object.values(fits.confusion.accuracy_gain_smallest_to_full) as number[];
    expect(n.confusion.gainMin).toBe(`${(100 * Math.min(...gains)).toFixed(1)} points`);
    expect(n.confusion.gainMax).toBe(`${(100 * Math.max(...gains)).toFixed(1)} points`);
    const lr = fits.confusion.by_learner['logistic-regression'];
    expect(n.confusion.atBillion['logistic-regression']).toBe(`${(100 * (1 - (lr.E + lr.A * 1e9 ** -lr.alpha))).toFixed(1)} %`);
  });
});

describe('"The bitter lesson at toy scale": the words hold', () => {
  it('"every doubling of the data buys about a tenth of a bit" (5-gram); the bigram gains less', () => {
    for (let i = 1; i < FRACTIONS.length; i++) {
      const step = ng('kn5', FRACTIONS[i - 1]!) - ng('kn5', FRACTIONS[i]!);
      expect(step).toBeGreaterThan(0.07);
      expect(step).toBeLessThan(0.14);
    }
    expect(ng('kn2', '1/8') - ng('kn2', '1')).toBeLessThan(ng('kn5', '1/8') - ng('kn5', '1'));
  });

  it('"each a matter of seconds, not minutes" (each n-gram run, training and scoring, on the busy machine that logged them)', () => {
    for (const r of ngram.runs) expect(r.train_s + r.score_s).toBeLessThan(60);
  });

  it('the clever model loses to the 5-gram at every data size, by more as data grows, and beats the bigram from 1/4 on', () => {
    const gaps = FRACTIONS.map((f) => cl(f) - ng('kn5', f));
    for (const g of gaps) expect(g).toBeGreaterThan(0);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]!);
    expect(cl('1/8')).toBeGreaterThan(ng('kn2', '1/8'));
    for (const f of ['1/4', '1/2', '1']) expect(cl(f)).toBeLessThan(ng('kn2', f));
  });

  it('its exponent is steeper than the 5-gram’s but its floor far higher', () => {
    expect(fits.clever.law.alpha).toBeGreaterThan(fits.ngram.by_order.kn5.alpha);
    expect(fits.clever.law.E - fits.ngram.by_order.kn5.E).toBeGreaterThan(0.2);
  });

  it('the TryThis budgets: at all of Brown and 10¹¹ FLOPs only the smallest transformer is affordable', () => {
    const costs = transformer.probe.sizes.map((s: any) => 6 * s.non_embedding_params * transformer.plan.train.steps * transformer.plan.train.batch_size * transformer.plan.train.block_size);
    expect(costs[0]).toBeLessThanOrEqual(1e11);
    for (const c of costs.slice(1)) expect(c).toBeGreaterThan(1e11);
  });

  it('the transformer sentences say what the log holds', () => {
    expect(n.transformer.logged).toBe(transformer.runs.length);
    expect(transformerRuns).toHaveLength(transformer.runs.length);
    for (const g of transformerGaps) {
      const best = Math.min(...['kn2', 'kn3', 'kn4', 'kn5'].map((m) => meanAt(m, g.fraction)!));
      expect(g.gap).toBeCloseTo(g.bpc - best, 12);
    }
    const wins = transformerGaps.filter((g) => g.gap < 0);
    if (transformer.runs.length === 0) expect(n.transformer.verdict).toContain('no finished run');
    else if (wins.length === 0) expect(n.transformer.verdict).toContain('None of them beats');
    else for (const w of wins) expect(n.transformer.verdict).toContain(`${w.model} at ${w.fraction}`);
    const identified = Object.values(fits.transformer.loss_vs_params_by_fraction).some((l: any) => typeof l.alpha === 'number');
    expect(n.transformer.params.includes('not identified')).toBe(!identified);
    expect(n.transformer.crossover.startsWith('The fits step cannot yet say')).toBe(typeof fits.crossover_in_data.result.status === 'string');
    const r = fits.crossover_in_data.result;
    if (typeof r.status !== 'string') {
      expect(n.transformer.crossover).toContain(r.point === null ? 'does not cross' : 'would overtake');
      expect(n.transformer.crossover).toContain(`${Math.round(100 * r.share_crossing)} %`);
    }
    // The gap sentence: for the largest size run on 1/8 and on all of Brown, "widens" or "narrows" as the runs say.
    const sizes = transformer.plan.sizes.map((s: any) => s.name).reverse();
    const both = sizes.find((m: string) => ['1/8', '1'].every((f) => transformerGaps.some((g) => g.model === m && g.fraction === f)));
    if (both && wins.length === 0) {
      const gap = (f: string) => transformerGaps.find((g) => g.model === both && g.fraction === f)!.gap;
      expect(n.transformer.verdict).toContain(`For ${both}, the gap ${gap('1') > gap('1/8') ? 'widens' : 'narrows'}`);
    }
  });

  it('confusion sets: data beats learner choice; the plainest learner with double data wins only up to a point, then needs about 8×', () => {
    const cf = fits.confusion;
    const gains = Object.values(cf.accuracy_gain_smallest_to_full) as number[];
    const spreads = cf.spread_between_learners.map((s: any) => s.best_minus_worst);
    expect(Math.min(...gains)).toBeGreaterThan(Math.max(...spreads));
    const wins = cf.weakest_with_double_data_vs_strongest.map((d: any) => d.weakest_with_double_data_wins);
    const firstLoss = wins.indexOf(false);
    expect(firstLoss).toBeGreaterThan(0);
    expect(wins.slice(firstLoss).every((w: boolean) => !w)).toBe(true); // "from … on, doubling is no longer enough"
    expect(n.confusion.lastDoubleWin?.weakestAt).toBe(cf.weakest_with_double_data_vs_strongest[firstLoss - 1].weakest_at);
    // "counting needs roughly eight times the data": counting at 1 reaches logistic regression at 1/8, not at 1/4
    expect(macro('counting', '1').macro_accuracy_mean).toBeGreaterThan(macro('logistic-regression', '1/8').macro_accuracy_mean);
    expect(macro('counting', '1').macro_accuracy_mean).toBeLessThan(macro('logistic-regression', '1/4').macro_accuracy_mean);
    // "the learners' curves pull apart as they rise"; "the cleverer learners gain more from data than counting"
    expect(spreads.at(-1)).toBeGreaterThan(spreads[0]);
    expect(cf.accuracy_gain_smallest_to_full['logistic-regression']).toBeGreaterThan(cf.accuracy_gain_smallest_to_full.counting);
    expect(cf.accuracy_gain_smallest_to_full['naive-bayes']).toBeGreaterThan(cf.accuracy_gain_smallest_to_full.counting);
    // "the counting law is the least certain of the three"
    const width = (l: string) => cf.by_learner[l].alpha_ci95[1] - cf.by_learner[l].alpha_ci95[0];
    expect(width('counting')).toBeGreaterThan(Math.max(width('naive-bayes'), width('logistic-regression')));
  });
});

describe('"The bitter lesson at toy scale": the transformer as a confusion-set learner', () => {
  const lm = (context: string) => confusionLm.curves.find((c: any) => c.context === context);
  const p1 = (x: number) => `${(100 * x).toFixed(1)} %`;

  it('its macro accuracy and interval are the log’s, in the figure’s context (the learners’ words)', () => {
    expect(confusionLm.primary_context).toBe('window');
    const w = lm('window');
    expect(n.confusion.transformer.acc).toBe(p1(w.macro_accuracy_mean));
    expect(n.confusion.transformer.lo).toBe(p1(w.macro_accuracy_ci95[0]));
    expect(n.confusion.transformer.hi).toBe(p1(w.macro_accuracy_ci95[1]));
    expect(n.confusion.transformer.document).toBe(p1(lm('document').macro_accuracy_mean));
    // one level at the full size: the learners' full training words
    expect(w.train_words_mean).toBe(confusion.corpus.train_words);
  });

  it('"level with the best learner … too few to rank it": the best trained learner at the full size lies inside its interval', () => {
    const learners = confusion.config.learners as string[];
    const best = learners.reduce((a, l) => (macro(l, '1').macro_accuracy_mean > macro(a, '1').macro_accuracy_mean ? l : a));
    expect(n.confusion.transformer.best).toBe(best);
    expect(n.confusion.transformer.bestAcc).toBe(p1(macro(best, '1').macro_accuracy_mean));
    const [lo, hi] = lm('window').macro_accuracy_ci95;
    expect(macro(best, '1').macro_accuracy_mean).toBeGreaterThanOrEqual(lo);
    expect(macro(best, '1').macro_accuracy_mean).toBeLessThanOrEqual(hi);
    expect(n.confusion.transformer.relation).toBe('level with');
    expect(essay).toContain('{n.confusion.transformer.relation} {n.confusion.transformer.bestLabel}');
    expect(essay).toContain('too few to rank it against the best learner');
  });

  it('"read those words N times": the card’s epochs', () => {
    const card = JSON.parse(readFileSync('public/models/transformer.json', 'utf8'));
    expect(n.confusion.transformer.epochs).toBe(String(Math.round(card.training.epochs)));
  });
});

describe('"The bitter lesson at toy scale": form', () => {
  it('is at least 1,500 words of prose, with its three figures and every citation it needs in the bibliography', () => {
    expect(proseWords(essay)).toBeGreaterThanOrEqual(1500);
    for (const id of ['scaling', 'budget', 'confusion']) expect(essay).toContain(`<Figure id="${id}"`);
    const refs = loadReferences('content/references.bib');
    for (const key of ['sutton2019bitter', 'banko2001scaling', 'halevy2009unreasonable', 'mcmahan2013ad', 'kaplan2020scaling', 'hoffmann2022training']) {
      expect(essay).toContain(`@${key}`);
      expect(refs.has(key), key).toBe(true);
    }
  });

  it('says how to reproduce every log', () => {
    for (const step of ['sweep-data', 'sweep-ngram', 'sweep-clever', 'sweep-transformer', 'confusion', 'scaling-fits']) expect(essay).toContain(`--only ${step}`);
  });
});
