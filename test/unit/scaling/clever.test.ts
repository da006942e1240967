// The "clever" feature model (models/sweep/clever.ts): word segmentation of the BPE history, the hand-made
// features, and a small training run that must beat the unigram on held-out text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distribution, scoreStream, trainUnigram } from '../../../models/baselines/lm.ts';
import { featureStrings, frequentWords, shapeOf, trainClever, wordsBefore } from '../../../models/sweep/clever.ts';
import { mulberry32 } from '../../../widgets/runtime/mulberry32.ts';

// 0 <eot>, then word pieces: a word starts at a token with a leading space.
const texts = ['', ' The', ' cat', ' sat', '.', ' on', ' the', ' mat', 'ting', ' Dog', 's', '\n'];
const v = { texts, eot: 0 };
const [EOT, THE, CAT, SAT, DOT, ON, the, MAT, TING, DOG, S, NL] = texts.map((_, i) => i);

describe('wordsBefore and features', () => {
  const stream = [EOT, THE, CAT, SAT, DOT, NL, DOG, S, ON, the, MAT, TING];
  it('finds the word being written and the one before it', () => {
    expect(wordsBefore(stream, 3, v)).toEqual({ current: [2, 3], previous: [1, 2] }); // "cat" after "The"
    expect(wordsBefore(stream, 8, v)).toEqual({ current: [6, 8], previous: [5, 6] }); // "Dogs" (two tokens)
    expect(wordsBefore(stream, 12, v)).toEqual({ current: [10, 12], previous: [9, 10] }); // "matting"
    // after a newline the next token starts a new word
    expect(wordsBefore(stream, 6, v).current).toEqual([6, 6]);
    expect(wordsBefore(stream, 1, v).current).toEqual([1, 1]); // after <eot>
  });
  it('turns the history into four feature strings', () => {
    const frequent = new Set(['the']);
    // "Dogs" after a newline: the newline is the previous word, empty once trimmed
    expect(featureStrings(stream, 8, v, frequent)).toEqual(['prev=10', 'shape=Capital:4-5', 'suffix=gs', 'prevword=~']);
    expect(featureStrings(stream, 10, v, frequent)).toEqual(['prev=6', 'shape=lower:3', 'suffix=he', 'prevword=~on']);
    expect(featureStrings(stream, 11, v, frequent)).toEqual(['prev=7', 'shape=lower:3', 'suffix=at', 'prevword=the']);
  });
  it('classifies word shapes', () => {
    expect(shapeOf('')).toBe('none');
    expect(shapeOf('Dogs')).toBe('Capital:4-5');
    expect(shapeOf('NASA')).toBe('UPPER:4-5');
    expect(shapeOf('1961')).toBe('digits:4-5');
    expect(shapeOf('--')).toBe('punct:2');
    expect(shapeOf('Mc2x')).toBe('mixed:4-5');
    expect(shapeOf('matting')).toBe('lower:6+');
  });
  it('counts frequent words over the whole stream', () => {
    // "the" twice (The, the), then ties broken alphabetically; punctuation is a word of its own
    expect([...frequentWords(stream, v, 2)]).toEqual(['the', '.']);
    expect(wordsBefore(stream, 5, v)).toEqual({ current: [4, 5], previous: [3, 4] }); // "." after "sat"
  });
});

describe('trainClever', () => {
  // A toy language: "The cat sat on the mat." / "Dogs sat on the matting." with random choices.
  function toy(n: number, seed: number): number[] {
    const r = mulberry32(seed);
    const out = [EOT];
    for (let i = 0; i < n; i++) {
      out.push(...(r() < 0.5 ? [THE, CAT] : [DOG, S]), SAT, ON, the, ...(r() < 0.5 ? [MAT] : [MAT, TING]), DOT);
      if (r() < 0.2) out.push(EOT);
    }
    return out;
  }
  const train = toy(400, 1);
  const test = toy(100, 2);
  const m = trainClever(train, v, { epochs: 2, learningRate: 0.2, seed: 3 });

  it('gives a distribution over the whole vocabulary', () => {
    const p = distribution(m, test, 10);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 6);
    expect(Math.min(...p)).toBeGreaterThan(0);
  });
  it('beats the unigram on held-out text by a wide margin', () => {
    const clever = scoreStream(m, test, test.length).bpc;
    const uni = scoreStream(trainUnigram(train, texts.length), test, test.length).bpc;
    expect(clever).toBeLessThan(0.5 * uni);
  });
});

describe('clever.json (the committed sweep log)', () => {
  const log = JSON.parse(readFileSync('public/models/scaling/clever.json', 'utf8'));
  const ngram = JSON.parse(readFileSync('public/models/scaling/ngram.json', 'utf8'));
  it('scores each fraction on the same streams as the n-grams, in bits per character', () => {
    expect(log.runs.length).toBeGreaterThan(0);
    for (const r of log.runs) {
      const twin = ngram.runs.find((n: { fraction: string; seed: number }) => n.fraction === r.fraction && n.seed === r.data_seed);
      expect(twin.train_tokens).toBe(r.train_tokens);
      expect(r.val_bpc).toBeGreaterThan(1);
      expect(r.val_bpc).toBeLessThan((11 * log.val.tokens) / log.val.chars); // better than uniform over 2048 tokens
      expect(r.parameters).toBe((r.feature_values + 1) * 2048);
    }
    const bpc = log.runs.map((r: { val_bpc: number }) => r.val_bpc);
    expect(bpc).toEqual(bpc.slice().sort((a: number, b: number) => b - a)); // more data, lower loss
  });
});
