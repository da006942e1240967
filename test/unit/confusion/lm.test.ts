// The transformer as a confusion-set learner (models/confusion/lm-items.ts, lm-log.ts): the candidates are cut
// from the document's own text with the target's casing, share every token before the target, and are scored
// from the first token they do not share; the committed log (public/models/scaling/confusion-lm.json) is
// consistent with itself and with confusion.json (same sets, same test examples, same training words).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildExamples } from '../../../models/confusion/examples.ts';
import { caseLike, lmItem, pieces } from '../../../models/confusion/lm-items.ts';
import { choose, macroBootstrap, tally, type ScoredItem } from '../../../models/confusion/lm-log.ts';
import { readTokenizer } from '../../../widgets/models/artifacts.ts';

const tok = readTokenizer();

/** A one-sentence document in the corpus's shape: words with their spans in the text. */
function doc(text: string) {
  const words = [...text.matchAll(/[A-Za-z']+|[^\sA-Za-z']/g)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length, sentence: 0 }));
  return { id: 'd1', split: 'val' as const, text, words: words as never[] };
}

describe('lm-items', () => {
  it('writes the candidate with the target\'s casing', () => {
    expect(caseLike('than', 'Then')).toBe('Than');
    expect(caseLike("it's", 'ITS')).toBe("IT'S");
    expect(caseLike('two', 'to')).toBe('two');
    expect(caseLike('there', 'I')).toBe('There');
  });

  it('cuts the window from the document text, casing and spacing kept', () => {
    const d = doc('Long ago, It was Bigger then the HOUSE of Ann and Bob today.');
    const [ex] = buildExamples([d as never], [['then', 'than']]);
    expect(ex!.left).toEqual(['bigger', 'was', 'it', ',', 'ago']);
    expect(pieces(d, ex!, 'window')).toEqual(['ago, It was Bigger ', ' the HOUSE of Ann and', true]);
    expect(pieces(d, ex!, 'document')).toEqual(['Long ago, It was Bigger ', ' the HOUSE of Ann and', true]);
  });

  it('makes sequences that share their prefix up to the target and are scored from there', () => {
    const d = doc('It was bigger then the house.');
    const [ex] = buildExamples([d as never], [['then', 'than']]);
    const item = lmItem(tok, d, ex!, ['then', 'than'], 'window', 128);
    expect(item.ids[0]![0]).toBe(tok.eotId);
    expect(tok.decode(item.ids[0]!.slice(1))).toBe('It was bigger then the house.');
    expect(tok.decode(item.ids[1]!.slice(1))).toBe('It was bigger than the house.');
    expect(item.ids[0]!.slice(0, item.from)).toEqual(item.ids[1]!.slice(0, item.from));
    expect(item.ids[0]![item.from]).not.toBe(item.ids[1]![item.from]);
  });

  it('cuts a long document at one point for every candidate, inside the context', () => {
    const d = doc(`${'The dog ran to the park and back again. '.repeat(60)}He was taller then me.`);
    const ex = buildExamples([d as never], [['then', 'than']]).find((e) => e.label === 'then')!;
    const item = lmItem(tok, d, ex, ['then', 'than'], 'document', 128);
    expect(Math.max(...item.ids.map((s) => s.length))).toBe(128);
    expect(item.ids[0]!.slice(0, item.from)).toEqual(item.ids[1]!.slice(0, item.from));
    expect(item.ids[0]![0]).not.toBe(tok.eotId);
  });
});

describe('lm-log', () => {
  const item = (doc: string, label: string, logp: number[]): ScoredItem => ({ context: 'window', set: 'a/b', label, doc, members: ['a', 'b'], logp });

  it('picks the most probable candidate, the first on a tie', () => {
    expect(choose({ members: ['a', 'b', 'c'], logp: [-3, -1, -2] })).toBe('b');
    expect(choose({ members: ['a', 'b'], logp: [-1, -1] })).toBe('a');
  });

  it('tallies per set and document; the macro bootstrap brackets the accuracy', () => {
    const items = [item('x', 'a', [-1, -2]), item('x', 'b', [-1, -2]), item('y', 'b', [-3, -2]), item('z', 'a', [0, -5])];
    const t = tally(items);
    expect([...t.get('a/b')!.entries()]).toEqual([['x', [1, 2]], ['y', [1, 1]], ['z', [1, 1]]]);
    const [lo, hi] = macroBootstrap(t, ['x', 'y', 'z']);
    expect(lo).toBeGreaterThanOrEqual(0.5);
    expect(hi).toBe(1);
  });
});

describe('confusion-lm.json', () => {
  const lm = JSON.parse(readFileSync('public/models/scaling/confusion-lm.json', 'utf8'));
  const confusion = JSON.parse(readFileSync('public/models/scaling/confusion.json', 'utf8'));

  it('was scored on held-out documents only: the corpus split is the transformer\'s', () => {
    expect(lm.split_check.same).toBe(true);
    expect(lm.split_check.tokens).toEqual(lm.split_check.card);
    expect(lm.test.documents).toBe(confusion.corpus.test_documents);
  });

  it('scores every test example of every set, with consistent records', () => {
    for (const context of Object.keys(lm.contexts)) {
      const runs = lm.runs.filter((r: { context: string }) => r.context === context);
      expect(runs.map((r: { set: string }) => r.set).sort()).toEqual(confusion.sets.map((s: { set: string }) => s.set).sort());
      for (const r of runs) {
        expect(r.test_examples).toBe(confusion.sets.find((s: { set: string }) => s.set === r.set).test_examples);
        expect(r.accuracy).toBeCloseTo(r.correct / r.test_examples, 12);
        expect(r.accuracy_ci95[0]).toBeLessThanOrEqual(r.accuracy);
        expect(r.accuracy_ci95[1]).toBeGreaterThanOrEqual(r.accuracy);
        expect(r.train_words).toBe(confusion.corpus.train_words);
      }
      const c = lm.curves.find((x: { context: string }) => x.context === context);
      expect(c.macro_accuracy_mean).toBeCloseTo(runs.reduce((s: number, r: { accuracy: number }) => s + r.accuracy, 0) / runs.length, 12);
      expect(c.macro_accuracy_ci95[0]).toBeLessThan(c.macro_accuracy_mean);
      expect(c.macro_accuracy_ci95[1]).toBeGreaterThan(c.macro_accuracy_mean);
    }
  });
});
