// Step "confusion": Banko & Brill's (2001) learning curves at toy scale. Reads models/build/corpus.json, measures
// the confusion words' counts, keeps the sets that pass SET_RULE, and for every seed and training fraction
// (a nested subset of the train documents, models/sweep/fractions.ts) trains each learner on each set and
// scores it on every example of the test documents (the validation split). Writes
// public/models/scaling/confusion.json: config, counts, every run (accuracy, test-document bootstrap
// interval, wall time) and the macro-averaged curves.
//   node models/confusion/curves.ts [--corpus path] [--out path]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Corpus } from '../data/types.ts';
import { percentileInterval } from '../scaling/bootstrap.ts';
import { mulberry32 } from '../../widgets/runtime/mulberry32.ts';
import { fractionLabel, nestedSubset } from '../sweep/fractions.ts';
import { writeLog } from '../sweep/log.ts';
import { buildExamples, countWords, trainTestSplit, WINDOW, type Example } from './examples.ts';
import { CONTEXT_K, features } from './features.ts';
import { LEARNERS, LOGISTIC_DEFAULTS, type Learner } from './learners.ts';
import { CANDIDATE_SETS, chooseSets, SET_RULE } from './sets.ts';

export const CONFUSION_FRACTIONS = [1 / 64, 1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1] as const;
export const CONFUSION_SEEDS = [1, 2, 3, 4, 5] as const;
export const TEST_BOOTSTRAP = { draws: 200, seed: 2001 };

export interface RunRecord {
  set: string;
  learner: string;
  fraction: string;
  seed: number;
  train_words: number;
  train_examples: number;
  test_examples: number;
  correct: number;
  accuracy: number;
  /** 95 % percentile interval of the accuracy over bootstrap resamples of the test documents. */
  accuracy_ci95: [number, number];
  wall_ms: number;
}

/** Accuracy per test document → bootstrap over documents (examples of one document are not independent). */
export function docBootstrap(perDoc: Map<string, [number, number]>): [number, number] {
  const docs = [...perDoc.values()];
  const random = mulberry32(TEST_BOOTSTRAP.seed);
  const accs: number[] = [];
  for (let b = 0; b < TEST_BOOTSTRAP.draws; b++) {
    let c = 0,
      n = 0;
    for (let i = 0; i < docs.length; i++) {
      const [dc, dn] = docs[Math.floor(random() * docs.length)]!;
      c += dc;
      n += dn;
    }
    accs.push(n > 0 ? c / n : 0);
  }
  const iv = percentileInterval(accs, 0.95);
  return [iv.lo, iv.hi];
}

export function runOne(learner: Learner, train: readonly Example[], test: readonly Example[], members: readonly string[], seed: number) {
  const freq = new Map(members.map((m) => [m, 0]));
  for (const e of train) freq.set(e.label, freq.get(e.label)! + 1);
  // Most frequent member first (ties: the set's order), as the learners expect.
  const labels = members.slice().sort((a, b) => freq.get(b)! - freq.get(a)! || members.indexOf(a) - members.indexOf(b));
  const t0 = performance.now();
  const predict = learner.train(train.map((e) => ({ features: features(e), label: e.label })), labels, seed);
  const perDoc = new Map<string, [number, number]>();
  let correct = 0;
  for (const e of test) {
    const ok = predict(features(e)) === e.label ? 1 : 0;
    correct += ok;
    const d = perDoc.get(e.doc) ?? [0, 0];
    d[0] += ok;
    d[1] += 1;
    perDoc.set(e.doc, d);
  }
  const wall_ms = performance.now() - t0;
  return { correct, accuracy: correct / test.length, accuracy_ci95: docBootstrap(perDoc), wall_ms };
}

function main(): void {
  const args = process.argv.slice(2);
  const flag = (n: string, d: string) => (args.includes(n) ? args[args.indexOf(n) + 1]! : d);
  const corpusPath = flag('--corpus', 'models/build/corpus.json');
  const outPath = flag('--out', 'public/models/scaling/confusion.json');
  const start = performance.now();
  const load = loadavg()[0]!;
  const corpus = JSON.parse(readFileSync(corpusPath, 'utf8')) as Corpus;
  const docs = corpus.documents;
  const counts = countWords(docs);
  const sets = chooseSets(counts);
  const candidateCounts = Object.fromEntries(CANDIDATE_SETS.flat().map((w) => [w, counts[w] ?? { train: 0, test: 0 }]));
  console.log(`confusion sets chosen by the rule ${JSON.stringify(SET_RULE)}: ${sets.map((s) => s.join('/')).join(', ')}`);
  const examples = buildExamples(docs, sets);
  const testAll = examples.filter((e) => e.split === 'val');
  const trainDocs = docs.filter((d) => d.split === 'train').map((d) => ({ id: d.id, size: d.words.length }));
  const trainWords = trainDocs.reduce((s, d) => s + d.size, 0);

  const bySet = new Map(sets.map((m) => [m.join('/'), examples.filter((e) => e.set === m.join('/'))]));
  const runs: RunRecord[] = [];
  for (const seed of CONFUSION_SEEDS) {
    for (const fraction of CONFUSION_FRACTIONS) {
      const subset = nestedSubset(trainDocs, fraction, seed);
      const inSubset = new Set(subset.map((d) => d.id));
      const words = subset.reduce((s, d) => s + d.size, 0);
      for (const members of sets) {
        const name = members.join('/');
        const split = trainTestSplit(bySet.get(name)!, inSubset);
        const [train, test] = [split.train, split.test];
        if (train.length === 0) continue; // a tiny subset may hold no example of a rare set: logged as absent
        for (const learner of LEARNERS) {
          const r = runOne(learner, train, test, members, seed);
          runs.push({ set: name, learner: learner.name, fraction: fractionLabel(fraction), seed, train_words: words, train_examples: train.length, test_examples: test.length, ...r, wall_ms: Math.round(r.wall_ms * 10) / 10 });
        }
      }
    }
    console.log(`seed ${seed}: ${runs.length} runs so far, ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }

  // Macro average over sets, per learner, fraction and seed (only seeds where every set had training data),
  // then mean, min and max over seeds.
  const curves = LEARNERS.flatMap((l) =>
    CONFUSION_FRACTIONS.map((f) => {
      const label = fractionLabel(f);
      const perSeed = CONFUSION_SEEDS.map((seed) => runs.filter((r) => r.learner === l.name && r.fraction === label && r.seed === seed)).filter(
        (rs) => rs.length === sets.length,
      );
      const macro = perSeed.map((rs) => rs.reduce((s, r) => s + r.accuracy, 0) / rs.length);
      const words = perSeed.map((rs) => rs[0]!.train_words);
      return {
        learner: l.name,
        fraction: label,
        seeds: perSeed.length,
        train_words_mean: Math.round(words.reduce((s, w) => s + w, 0) / Math.max(1, words.length)),
        macro_accuracy_mean: macro.reduce((s, a) => s + a, 0) / Math.max(1, macro.length),
        macro_accuracy_min: Math.min(...macro),
        macro_accuracy_max: Math.max(...macro),
      };
    }),
  );
  const majority = sets.map((members) => {
    const name = members.join('/');
    const test = testAll.filter((e) => e.set === name);
    const train = examples.filter((e) => e.set === name && e.split === 'train');
    const top = members.slice().sort((a, b) => train.filter((e) => e.label === b).length - train.filter((e) => e.label === a).length)[0];
    return { set: name, members, train_examples: train.length, test_examples: test.length, majority_member: top, majority_test_accuracy: test.filter((e) => e.label === top).length / test.length };
  });

  const out = {
    step: 'confusion',
    produced_by: 'node models/confusion/curves.ts (npm run models -- --only confusion)',
    task: "Banko & Brill (2001) confusion-set disambiguation at toy scale: which member of the set was in the text",
    corpus: {
      source: corpus.source,
      split_seed: corpus.seed,
      train_documents: trainDocs.length,
      test_documents: docs.length - trainDocs.length,
      train_words: trainWords,
      test_document_ids: docs.filter((d) => d.split !== 'train').map((d) => d.id),
    },
    config: {
      fractions: CONFUSION_FRACTIONS.map(fractionLabel),
      seeds: [...CONFUSION_SEEDS],
      subset: 'nested whole-document subsets of Brown train by words (models/sweep/fractions.ts), one order per seed',
      test: 'every example in the validation documents (the corpus split by document)',
      window: WINDOW,
      context_k: CONTEXT_K,
      features: 'collocations L1, R1, L1R1, L2L1, R1R2 and the distinct words within ±3, lower-cased, inside the sentence',
      logistic: LOGISTIC_DEFAULTS,
      learners: LEARNERS.map((l) => l.name),
      set_rule: SET_RULE,
      candidate_sets: CANDIDATE_SETS.map((s) => s.join('/')),
      test_bootstrap: TEST_BOOTSTRAP,
    },
    counts: candidateCounts,
    sets: majority,
    curves,
    runs,
    machine: { load_average_1min_at_start: Math.round(load * 100) / 100, wall_s_total: Math.round((performance.now() - start) / 100) / 10 },
  };
  writeLog(outPath, out, ['curves', 'runs']);
  for (const c of curves) console.log(`${c.learner.padEnd(20)} ${c.fraction.padStart(5)} ${String(c.train_words_mean).padStart(8)} words  ${(100 * c.macro_accuracy_mean).toFixed(2)}% [${(100 * c.macro_accuracy_min).toFixed(2)}, ${(100 * c.macro_accuracy_max).toFixed(2)}]`);
  console.log(`wrote ${outPath} (${runs.length} runs) in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

if (import.meta.main) main();
