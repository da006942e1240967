// The three confusion-set learners on tasks with known answers.
import { describe, expect, it } from 'vitest';
import { counting, logisticRegression, naiveBayes, type Labelled } from '../../../models/confusion/learners.ts';
import { mulberry32 } from '../../../widgets/runtime/mulberry32.ts';

/** "then" after a verb-ish word, "than" after a comparative; noise words everywhere. */
function task(n: number, seed: number): Labelled[] {
  const r = mulberry32(seed);
  const noise = ['a', 'b', 'c', 'd', 'e'];
  return Array.from({ length: n }, () => {
    const label = r() < 0.6 ? 'then' : 'than';
    const cue = label === 'then' ? ['went', 'came', 'and'][Math.floor(r() * 3)]! : ['more', 'better', 'rather'][Math.floor(r() * 3)]!;
    const n1 = noise[Math.floor(r() * 5)]!;
    return { label, features: [`L1=${cue}`, `R1=${n1}`, `L1R1=${cue} ${n1}`, `W=${cue}`, `W=${n1}`] };
  });
}

describe('learners', () => {
  const train = task(400, 1);
  const test = task(200, 2);
  const labels = ['then', 'than'];
  for (const learner of [counting, naiveBayes, logisticRegression()]) {
    it(`${learner.name} learns a cue-word rule perfectly and is deterministic for a seed`, () => {
      const p = learner.train(train, labels, 5);
      expect(test.filter((e) => p(e.features) === e.label).length).toBe(test.length);
      const q = learner.train(train, labels, 5);
      expect(test.map((e) => q(e.features))).toEqual(test.map((e) => p(e.features)));
    });
  }

  it('counting backs off to the less specific collocation, then to the most frequent member', () => {
    const p = counting.train(
      [
        { label: 'than', features: ['L1=more', 'R1=x', 'L1R1=more x'] },
        { label: 'then', features: ['L1=and', 'R1=y', 'L1R1=and y'] },
        { label: 'then', features: ['L1=so', 'R1=z', 'L1R1=so z'] },
      ],
      ['then', 'than'],
      0,
    );
    expect(p(['L1=more', 'R1=q', 'L1R1=more q'])).toBe('than'); // L1R1 unseen → L1
    expect(p(['L1=zzz', 'R1=qqq', 'L1R1=zzz qqq'])).toBe('then'); // nothing seen → majority
  });

  it('with no informative feature, naive Bayes and logistic regression fall back on the prior', () => {
    const data: Labelled[] = Array.from({ length: 30 }, (_, i) => ({ label: i < 20 ? 'to' : 'too', features: ['W=same'] }));
    for (const l of [naiveBayes, logisticRegression()]) expect(l.train(data, ['to', 'too'], 1)(['W=same'])).toBe('to');
  });
});
