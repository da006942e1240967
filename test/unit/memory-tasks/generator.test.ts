// The long-range task generator (widgets/runtime/memory-tasks/) on the shipped tokenizer and filler set:
// deterministic per seed, every distance exactly what the label says, and the answer recoverable only
// from the fact.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { readMemoryFiller, readTokenizer } from '../../../widgets/models/artifacts.ts';
import { DISTANCES, MemoryTaskGenerator, TASKS, fillerSentenceAllowed, parseFillerSet, type MemoryExample } from '../../../widgets/runtime/memory-tasks/index.ts';
import { CLASSES, FEMALE_NAMES, MALE_NAMES, VALUES } from '../../../widgets/runtime/memory-tasks/vocab.ts';

// Tokenizing documents of 1,500 tokens many times: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });

const tokenizer = readTokenizer();
const filler = readMemoryFiller();
const gen = new MemoryTaskGenerator(tokenizer, filler);
const task = fc.constantFrom(...TASKS);
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

function decodeSpan(ex: MemoryExample, [a, b]: [number, number]): string {
  return tokenizer.decode(ex.ids.slice(a, b));
}

describe('memory task generator', () => {
  it('is deterministic per (task, distance, seed)', () => {
    fc.assert(
      fc.property(task, fc.constantFrom(...DISTANCES), seed, (t, d, s) => {
        expect(new MemoryTaskGenerator(tokenizer, filler).generate(t, d, s)).toEqual(gen.generate(t, d, s));
      }),
      { numRuns: 30 },
    );
  });

  it('draws different documents from different seeds', () => {
    const texts = new Set(Array.from({ length: 20 }, (_, s) => gen.generate('recall', 256, s).text));
    expect(texts.size).toBe(20);
  });

  it('puts the target exactly the labelled distance after the fact, at every distance of the grid', () => {
    for (const t of TASKS) {
      for (const d of DISTANCES) {
        for (let s = 0; s < 6; s++) {
          const ex = gen.generate(t, d, s);
          expect(ex.distance).toBe(d);
          expect(ex.target.tokens[0] - ex.fact.tokens[0]).toBe(ex.distance);
        }
      }
    }
  });

  it('labels spans that are what they say, at any distance from 8 to 2,000', () => {
    fc.assert(
      fc.property(task, fc.integer({ min: 8, max: 2000 }), seed, (t, d, s) => {
        const ex = gen.generate(t, d, s);
        expect(ex.distance).toBe(d);
        expect(ex.ids).toEqual(tokenizer.encode(ex.text));
        for (const span of [ex.fact, ex.target, ...ex.distractors]) {
          expect(ex.text.slice(...span.chars)).toBe(span.text);
          expect(decodeSpan(ex, span.tokens)).toBe(span.text);
        }
        expect(ex.target.text).toBe(ex.answer);
        expect(ex.candidates).toContain(ex.answer);
        expect(new Set(ex.candidates).size).toBe(ex.candidates.length);
        expect(ex.fact.tokens[1]).toBeLessThanOrEqual(ex.target.tokens[0]);
      }),
      { numRuns: 60 },
    );
  });

  it('shows the answer only in the fact: another answer changes nothing but the fact and the target', () => {
    fc.assert(
      fc.property(task, fc.constantFrom(16, 128, 1024), seed, (t, d, s) => {
        const ex = gen.generate(t, d, s);
        const taken = new Set(ex.distractors.map((x) => ` ${x.text.trim()}`));
        for (const other of ex.candidates.filter((c) => c !== ex.answer && !taken.has(c))) {
          const twin = gen.generate(t, d, s, { answer: other });
          expect(twin.answer).toBe(other);
          expect(twin.fact.tokens).toEqual(ex.fact.tokens);
          expect(twin.target.tokens).toEqual(ex.target.tokens);
          expect(twin.ids.length).toBe(ex.ids.length);
          const outside = (e: MemoryExample) =>
            e.ids.map((id, i) => (i >= e.fact.tokens[0] && i < e.fact.tokens[1]) || (i >= e.target.tokens[0] && i < e.target.tokens[1]) ? -1 : id);
          expect(outside(twin)).toEqual(outside(ex));
        }
      }),
      { numRuns: 12 },
    );
  });

  it('never states the answer word anywhere but in the fact and the target', () => {
    fc.assert(
      fc.property(task, fc.constantFrom(...DISTANCES), seed, (t, d, s) => {
        const ex = gen.generate(t, d, s);
        const rest = ex.text.slice(0, ex.fact.chars[0]) + ' ' + ex.text.slice(ex.fact.chars[1], ex.target.chars[0]);
        const word = ex.answer.trim();
        expect(rest.toLowerCase().match(/[a-z]+/g) ?? []).not.toContain(word.toLowerCase());
        if (t === 'pronoun') {
          // the name is the only cue to the pronoun: no other gendered word or pool name before the target
          expect(fillerSentenceAllowed(rest.replace(/^The .*? (belonged to|knew)/, ''))).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('keeps every answer pool at one token length, so swapping an answer moves nothing', () => {
    const lengths = (words: readonly string[], space: string) => new Set(words.map((w) => tokenizer.encode(space + w).length));
    expect(lengths([...FEMALE_NAMES, ...MALE_NAMES], ' ').size).toBe(1);
    expect(lengths(VALUES, ' ').size).toBe(1);
    const names = CLASSES;
    expect(lengths(names, ' ').size).toBe(1);
    expect(lengths(names, '').size).toBe(1);
    expect(lengths(['she', 'he'], ' ').size).toBe(1);
  });

  it('refuses a distance shorter than the task can state', () => {
    expect(() => gen.generate('import', 2, 0)).toThrow(RangeError);
    expect(() => gen.generate('recall', 0, 0)).toThrow(RangeError);
    expect(() => gen.generate('pronoun', 1.5, 0)).toThrow(RangeError);
  });
});

describe('filler set', () => {
  it('ships natural sentences with no excluded word, enough for the longest distance', () => {
    const sentences = filler.documents.flatMap((d) => d.sentences);
    expect(sentences.length).toBeGreaterThan(300);
    expect(sentences.every(fillerSentenceAllowed)).toBe(true);
    expect(sentences.every((s) => /[.?!]["')]*$/.test(s))).toBe(true);
    expect(sentences.every((s) => (s.match(/[A-Za-z]+/g) ?? []).length >= 3)).toBe(true);
    const tokens = sentences.reduce((n, s) => n + tokenizer.encode(` ${s}`).length, 0);
    expect(tokens).toBeGreaterThan(2 * DISTANCES[DISTANCES.length - 1]!);
  });

  it('rejects malformed files and leaking sentences', () => {
    expect(() => parseFillerSet(null)).toThrow();
    expect(() => parseFillerSet({ version: 1, documents: [] })).toThrow();
    expect(() => parseFillerSet({ version: 1, documents: [{ id: 'x', genre: 'y', sentences: ['Two  spaces.'] }] })).toThrow();
    expect(() => parseFillerSet({ version: 1, documents: [{ id: 'x', genre: 'y', sentences: ['Then she left.'] }] })).toThrow(/excluded/);
    expect(parseFillerSet({ version: 1, documents: [{ id: 'x', genre: 'y', sentences: ['It rained.'] }] }).documents).toHaveLength(1);
  });
});
