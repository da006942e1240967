// The committed learning-curve log (public/models/scaling/confusion.json, written by `npm run models -- --only
// confusion`) is internally consistent: the sets are the ones the rule picks from the logged counts, every
// accuracy is its counts' ratio inside its interval, the full-data runs use every training example, and the
// curves are the runs' macro averages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseSets } from '../../../models/confusion/sets.ts';

const log = JSON.parse(readFileSync('public/models/scaling/confusion.json', 'utf8'));
type Run = { set: string; learner: string; fraction: string; seed: number; train_examples: number; test_examples: number; correct: number; accuracy: number; accuracy_ci95: [number, number]; train_words: number; wall_ms: number };
const runs: Run[] = log.runs;

describe('confusion.json', () => {
  it('studies exactly the sets the rule picks from the logged counts', () => {
    expect(chooseSets(log.counts, log.config.candidate_sets.map((s: string) => s.split('/')), log.config.set_rule).map((s) => s.join('/'))).toEqual(
      log.sets.map((s: { set: string }) => s.set),
    );
  });

  it('has one run per set × learner × fraction × seed, each a consistent record', () => {
    const { fractions, seeds, learners } = log.config;
    expect(runs.length).toBeLessThanOrEqual(log.sets.length * learners.length * fractions.length * seeds.length);
    expect(runs.length).toBeGreaterThan(0.9 * log.sets.length * learners.length * fractions.length * seeds.length);
    for (const r of runs) {
      expect(r.accuracy).toBeCloseTo(r.correct / r.test_examples, 12);
      expect(r.accuracy_ci95[0]).toBeLessThanOrEqual(r.accuracy + 1e-12);
      expect(r.accuracy_ci95[1]).toBeGreaterThanOrEqual(r.accuracy - 1e-12);
      expect(r.wall_ms).toBeGreaterThan(0);
      const set = log.sets.find((s: { set: string }) => s.set === r.set);
      expect(r.test_examples).toBe(set.test_examples);
      expect(r.train_examples).toBeLessThanOrEqual(set.train_examples);
      if (r.fraction === '1') {
        expect(r.train_examples).toBe(set.train_examples);
        expect(r.train_words).toBe(log.corpus.train_words);
      }
    }
  });

  it('held-out: the test examples are those of the 52 validation documents', () => {
    expect(log.corpus.test_document_ids).toHaveLength(log.corpus.test_documents);
    const total = log.sets.reduce((s: number, x: { test_examples: number }) => s + x.test_examples, 0);
    const counted = log.sets.reduce((s: number, x: { members: string[] }) => s + x.members.reduce((t, w) => t + log.counts[w].test, 0), 0);
    expect(total).toBe(counted);
  });

  it('the curves are the macro averages of the runs', () => {
    for (const c of log.curves) {
      const perSeed = log.config.seeds
        .map((seed: number) => runs.filter((r) => r.learner === c.learner && r.fraction === c.fraction && r.seed === seed))
        .filter((rs: Run[]) => rs.length === log.sets.length)
        .map((rs: Run[]) => rs.reduce((s, r) => s + r.accuracy, 0) / rs.length);
      expect(perSeed).toHaveLength(c.seeds);
      expect(c.macro_accuracy_mean).toBeCloseTo(perSeed.reduce((s: number, a: number) => s + a, 0) / perSeed.length, 12);
      expect(c.macro_accuracy_min).toBe(Math.min(...perSeed));
    }
  });
});
