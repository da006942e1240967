// Step "confusion-lm-log": the transformer as a fourth confusion-set learner. Reads the candidates' scores
// (models/confusion/lm_score.py), picks each example's most probable candidate and writes
// public/models/scaling/confusion-lm.json with the statistics confusion.json keeps for the trained learners:
// accuracy per set with a 95 % bootstrap interval over the test documents, and the macro average over the sets.
// The transformer is trained once, on all of Brown train, so it has one level at the full training size, not
// a curve; its macro average also carries a document-bootstrap interval (one model: no seeds to spread).
//   node models/confusion/lm-log.ts [--scores path] [--corpus path] [--out path]
import { readFileSync } from 'node:fs';
import type { Corpus } from '../data/types.ts';
import { percentileInterval } from '../scaling/bootstrap.ts';
import { readArtifactJson } from '../../widgets/models/artifacts.ts';
import { mulberry32 } from '../../widgets/runtime/mulberry32.ts';
import { writeLog } from '../sweep/log.ts';
import { docBootstrap, TEST_BOOTSTRAP } from './curves.ts';
import { CONTEXTS } from './lm-items.ts';

export interface ScoredItem {
  context: string;
  set: string;
  label: string;
  doc: string;
  members: string[];
  logp: number[];
}

/** The most probable candidate; a tie goes to the first in the set's order. */
export function choose(item: Pick<ScoredItem, 'members' | 'logp'>): string {
  let best = 0;
  for (let i = 1; i < item.logp.length; i++) if (item.logp[i]! > item.logp[best]!) best = i;
  return item.members[best]!;
}

/** Per set, per document: [correct, examples]. */
export function tally(items: readonly ScoredItem[]): Map<string, Map<string, [number, number]>> {
  const out = new Map<string, Map<string, [number, number]>>();
  for (const it of items) {
    const perDoc = out.get(it.set) ?? new Map<string, [number, number]>();
    const d = perDoc.get(it.doc) ?? [0, 0];
    d[0] += choose(it) === it.label ? 1 : 0;
    d[1] += 1;
    perDoc.set(it.doc, d);
    out.set(it.set, perDoc);
  }
  return out;
}

/** Macro accuracy (sets weigh the same) over bootstrap resamples of the test documents. */
export function macroBootstrap(bySet: Map<string, Map<string, [number, number]>>, docs: readonly string[]): [number, number] {
  const random = mulberry32(TEST_BOOTSTRAP.seed);
  const values: number[] = [];
  for (let b = 0; b < TEST_BOOTSTRAP.draws; b++) {
    const draw = Array.from({ length: docs.length }, () => docs[Math.floor(random() * docs.length)]!);
    const accs: number[] = [];
    for (const perDoc of bySet.values()) {
      let c = 0,
        n = 0;
      for (const id of draw) {
        const d = perDoc.get(id);
        if (d) (c += d[0]), (n += d[1]);
      }
      if (n > 0) accs.push(c / n);
    }
    values.push(accs.reduce((s, a) => s + a, 0) / accs.length);
  }
  const iv = percentileInterval(values, 0.95);
  return [iv.lo, iv.hi];
}

function main(): void {
  const args = process.argv.slice(2);
  const flag = (n: string, d: string) => (args.includes(n) ? args[args.indexOf(n) + 1]! : d);
  const scores = JSON.parse(readFileSync(flag('--scores', 'models/build/confusion/lm-scores.json'), 'utf8')) as { model: string; rule: string; split_check: unknown; wall_s: number; items: ScoredItem[] };
  const corpus = JSON.parse(readFileSync(flag('--corpus', 'models/build/corpus.json'), 'utf8')) as Corpus;
  const outPath = flag('--out', 'public/models/scaling/confusion-lm.json');
  const card = readArtifactJson('transformer.json') as { architecture: { params: number }; training: { tokens: { train: number }; tokens_seen: number } };
  const trainWords = corpus.documents.filter((d) => d.split === 'train').reduce((s, d) => s + d.words.length, 0);
  const testDocs = corpus.documents.filter((d) => d.split === 'val').map((d) => d.id);
  const runs = [];
  const curves = [];
  for (const context of CONTEXTS) {
    const bySet = tally(scores.items.filter((it) => it.context === context));
    const accs: number[] = [];
    for (const [set, perDoc] of bySet) {
      const [correct, n] = [...perDoc.values()].reduce((s, d) => [s[0] + d[0], s[1] + d[1]], [0, 0]);
      accs.push(correct / n);
      runs.push({ set, learner: 'transformer', context, fraction: '1', seed: 0, train_words: trainWords, test_examples: n, correct, accuracy: correct / n, accuracy_ci95: docBootstrap(perDoc) });
    }
    const macro = accs.reduce((s, a) => s + a, 0) / accs.length;
    curves.push({ learner: 'transformer', context, fraction: '1', seeds: 1, train_words_mean: trainWords, macro_accuracy_mean: macro, macro_accuracy_min: macro, macro_accuracy_max: macro, macro_accuracy_ci95: macroBootstrap(bySet, testDocs) });
  }
  writeLog(outPath, {
    step: 'confusion-lm',
    produced_by: 'node models/confusion/lm-items.ts; models/confusion/lm_score.py; node models/confusion/lm-log.ts (npm run models -- --from confusion-lm-items --to confusion-lm-log)',
    task: 'the confusion sets of confusion.json, answered by the shipped Brown transformer: the candidate whose text it finds most probable',
    model: { file: 'transformer.onnx', weights: scores.model, params: card.architecture.params, train_tokens: card.training.tokens.train, tokens_seen: card.training.tokens_seen },
    note: 'trained once on all of Brown train (the same train documents as the learners at fraction 1): one level at the full training size, not a curve',
    rule: scores.rule,
    contexts: {
      window: 'the learners\' words: up to 5 before and 5 after the target inside its sentence, with the corpus\'s casing, after <|endoftext|>',
      document: 'everything before the target in its document that fits the 128-token context, and the same right words',
    },
    primary_context: 'window',
    split_check: scores.split_check,
    test: { documents: testDocs.length, bootstrap: TEST_BOOTSTRAP },
    curves,
    runs,
    machine: { scoring_wall_s: scores.wall_s },
  }, ['curves', 'runs']);
  for (const c of curves) console.log(`transformer (${c.context}): macro ${(100 * c.macro_accuracy_mean).toFixed(2)}% [${c.macro_accuracy_ci95.map((x) => (100 * x).toFixed(2)).join(', ')}]`);
  console.log(`wrote ${outPath}`);
}

if (import.meta.main) main();
