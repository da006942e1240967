import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASELINES,
  distribution,
  estimateDiscounts,
  readTokens,
  runBaselines,
  scoreStream,
  trainKneserNey,
  trainUnigram,
  type Discounts,
  type LanguageModel,
} from '../../../models/baselines/ngram.ts';
import { PairTable } from '../../../models/baselines/pair-table.ts';
import { chainModel, entropyRate, makeChain, mulberry32, sample } from '../../../models/baselines/synthetic.ts';

/** Bits per token: with chars = tokens, bpc is exactly that. */
const bitsPerToken = (m: LanguageModel, s: Uint16Array) => scoreStream(m, s, s.length).bpc;
const sum = (p: Float64Array) => p.reduce((a, b) => a + b, 0);

// --- hand-worked example: stream a b a c a b over V = 4 (d never occurs), fixed discounts -----------
const [a, b, c, d] = [0, 1, 2, 3];
const hand = [a, b, a, c, a, b];
const fixed: Discounts = [0.5, 1, 1.5];

describe('Kneser–Ney, hand-worked', () => {
  // Continuation counts N1+(• w), the stream start counting as one left neighbour: a 3, b 1, c 1 (raw b
  // count is 2, so this also checks the lower order is not raw). Total 5, γ = (0.5·2 + 1.5·1)/5 = 0.5.
  // p1(a) = (3 − 1.5)/5 + 0.5/4 = 0.425, p1(b) = p1(c) = 0.5/5 + 0.125 = 0.225, p1(d) = 0.125.
  const p1 = [0.425, 0.225, 0.225, 0.125];
  it('bigram: unigram of continuation counts, then discounted bigram counts', () => {
    const m = trainKneserNey(hand, { order: 2, vocabSize: 4, discounts: [fixed, fixed] });
    expect(Array.from(distribution(m, [], 0))).toEqual(p1.map((p) => expect.closeTo(p, 12)));
    // After a: b 2, c 1 (total 3), γ = (1 + 0.5)/3 = 0.5.
    const afterA = [0.5 * 0.425, 1 / 3 + 0.5 * 0.225, 0.5 / 3 + 0.5 * 0.225, 0.5 * 0.125];
    expect(Array.from(distribution(m, [d, a]))).toEqual(afterA.map((p) => expect.closeTo(p, 12)));
    // After b: a 1 (total 1), γ = 0.5.  After d (never a context): the unigram level unchanged.
    expect(m.prob([b], 1, a)).toBeCloseTo(0.5 + 0.5 * 0.425, 12);
    expect(m.prob([b], 1, d)).toBeCloseTo(0.0625, 12);
    expect(Array.from(distribution(m, [d]))).toEqual(p1.map((p) => expect.closeTo(p, 12)));
  });

  it('trigram: raw counts on top, continuation counts for the bigram level', () => {
    const m = trainKneserNey(hand, { order: 3, vocabSize: 4, discounts: [fixed, fixed, fixed] });
    // Bigram-level continuation counts: (a,b) 2 (after the stream start and after c), (b,a), (a,c), (c,a) 1.
    // Context "c a" has one trigram, b: p(b | c a) = (1 − 0.5)/1 + 0.5 · p2(b | a).
    const p2bA = 1 / 3 + 0.5 * 0.225;
    expect(m.prob([c, a], 2, b)).toBeCloseTo(0.5 + 0.5 * p2bA, 12);
    expect(m.prob([c, a], 2, d)).toBeCloseTo(0.5 * 0.5 * 0.125, 12);
    expect(m.prob([d, a], 2, a)).toBeCloseTo(0.5 * 0.425, 12); // "d a" unseen: falls to p2(a | a)
    expect(m.types).toEqual([3, 4, 4]);
  });

  it('estimates discounts by Chen & Goodman and keeps them inside (0, k)', () => {
    // n1..n4 = 4, 2, 1, 1: Y = 4/8, D1 = 1 − 2·.5·2/4 = .5, D2 = 2 − 3·.5·1/2 = 1.25, D3+ = 3 − 4·.5·1/1 = 1.
    expect(estimateDiscounts(4, 2, 1, 1)).toEqual([0.5, 1.25, 1]);
    expect(estimateDiscounts(2, 0, 1, 0)).toEqual([0.95, 1, expect.closeTo(2.85, 12)]); // D1 = 1 clamped; D2 = −∞ → default
    expect(estimateDiscounts(0, 0, 0, 0)).toEqual([0.5, 1, 1.5]);
  });
});

describe('every model is a proper distribution', () => {
  const arbCase = fc
    .record({ V: fc.integer({ min: 2, max: 12 }), order: fc.integer({ min: 1, max: 5 }), seed: fc.integer() })
    .chain((r) =>
      fc
        .array(fc.integer({ min: 0, max: r.V - 1 }), { minLength: 1, maxLength: 150 })
        .map((stream) => ({ ...r, stream })),
    );

  it('sums to 1 over the vocab (1e-9), p > 0 everywhere, discounts in (0, k)', () => {
    fc.assert(
      fc.property(arbCase, ({ V, order, stream, seed }) => {
        const kn = trainKneserNey(stream, { order, vocabSize: V });
        const uni = trainUnigram(stream, V, 0.5);
        const rand = mulberry32(seed);
        const unseen = Array.from({ length: 6 }, () => Math.floor(rand() * V));
        const contexts: number[][] = [[], stream.slice(0, 3), stream, unseen, [...stream, ...unseen.slice(0, 2)]];
        for (const model of [kn, uni]) {
          for (const ctx of contexts) {
            const p = distribution(model, ctx);
            expect(Math.abs(sum(p) - 1)).toBeLessThan(1e-9);
            expect(p.every((x) => x > 0)).toBe(true);
          }
        }
        kn.discounts.forEach((ds) => ds.forEach((D, i) => expect(D > 0 && D < i + 1).toBe(true)));
        // Only the last order − 1 tokens of a history matter.
        const h = [...unseen, ...stream];
        const tail = h.slice(h.length - (order - 1));
        expect(kn.prob(h, h.length, stream[0])).toBe(kn.prob(tail, tail.length, stream[0]));
      }),
      { numRuns: 150 },
    );
  });

  it('real-sized vocab, unseen ids and a separator: p > 0, sums to 1', () => {
    const chain = makeChain(50, 2, 7);
    const stream = sample(chain, 5000, 8);
    for (const order of [2, 3, 4, 5]) {
      const m = trainKneserNey(stream, { order, vocabSize: 2048 });
      for (const ctx of [[2047], [3, 4, 2047], Array.from(stream.slice(100, 110))]) {
        const p = distribution(m, ctx);
        expect(Math.abs(sum(p) - 1)).toBeLessThan(1e-9);
        expect(p[2047]).toBeGreaterThan(0);
        expect(p[1000]).toBeGreaterThan(0);
      }
    }
  });
});

describe('scoring', () => {
  it('bpc is Σ_{i≥1} −log2 p(token_i | tokens_<i) ÷ (chars − 1), from fresh slices', () => {
    const stream = sample(makeChain(5, 2, 3), 400, 4);
    const m = trainKneserNey(sample(makeChain(5, 2, 3), 3000, 5), { order: 3, vocabSize: 5 });
    let bits = 0;
    for (let i = 1; i < stream.length; i++)
      bits -= Math.log2(distribution(m, Array.from(stream.slice(0, i)))[stream[i]]);
    const chars = 1234;
    const s = scoreStream(m, stream, chars);
    expect(s.bpc).toBeCloseTo(bits / (chars - 1), 10);
    expect(s.nats_per_token).toBeCloseTo((bits * Math.LN2) / (stream.length - 1), 10);
    expect(s.ppl).toBeCloseTo(Math.exp(s.nats_per_token), 10);
    // The first token is never scored: changing it alone changes nothing for a unigram.
    const uni = trainUnigram(stream, 5);
    const other = Uint16Array.from(stream, (x, i) => (i === 0 ? (x + 1) % 5 : x));
    expect(scoreStream(uni, other, chars).bpc).toBe(scoreStream(uni, stream, chars).bpc);
  });

  it('add-α unigram matches (c + α)/(N + αV)', () => {
    const m = trainUnigram([0, 0, 1], 3, 1);
    expect(Array.from(distribution(m, []))).toEqual([3 / 6, 2 / 6, 1 / 6].map((p) => expect.closeTo(p, 15)));
  });
});

describe('on a synthetic Markov source', () => {
  const chain = makeChain(6, 2, 42);
  const test = sample(chain, 50_000, 1001);

  it('higher order and more data lower held-out loss', () => {
    const train = sample(chain, 60_000, 1000);
    const loss = (m: LanguageModel) => bitsPerToken(m, test);
    const uni = loss(trainUnigram(train, 6));
    const bi = loss(trainKneserNey(train, { order: 2, vocabSize: 6 }));
    const tri = loss(trainKneserNey(train, { order: 3, vocabSize: 6 }));
    expect(bi).toBeLessThan(uni - 0.02);
    expect(tri).toBeLessThan(bi - 0.02);
    const small = loss(trainKneserNey(train.subarray(0, 300), { order: 3, vocabSize: 6 }));
    const medium = loss(trainKneserNey(train.subarray(0, 3000), { order: 3, vocabSize: 6 }));
    expect(tri).toBeLessThan(medium);
    expect(medium).toBeLessThan(small);
  });

  it('KN approaches the true entropy rate of a 2nd-order chain', () => {
    const H = entropyRate(chain);
    const truth = bitsPerToken(chainModel(chain), test); // the same test stream under the true law
    expect(Math.abs(truth - H)).toBeLessThan(0.02); // sampling noise only
    const train = sample(chain, 400_000, 7);
    for (const order of [3, 4, 5]) {
      const kn = bitsPerToken(trainKneserNey(train, { order, vocabSize: 6 }), test);
      expect(kn - truth).toBeGreaterThan(-0.002); // cannot beat the truth by more than noise
      expect(kn - truth).toBeLessThan(order === 3 ? 0.002 : 0.015);
    }
  });
});

describe('plumbing', () => {
  it('PairTable counts like a Map through growth', () => {
    const t = new PairTable(4);
    const ref = new Map<string, number>();
    const rand = mulberry32(9);
    for (let i = 0; i < 5_000; i++) {
      const [x, y] = [Math.floor(rand() * 3000), Math.floor(rand() * 50)];
      const old = ref.get(`${x},${y}`) ?? 0;
      expect(t.add(x, y, 2)).toBe(old);
      ref.set(`${x},${y}`, old + 2);
    }
    expect(t.size).toBe(ref.size);
    t.forEach((x, y, v) => expect(v).toBe(ref.get(`${x},${y}`)));
    expect(t.get(3001, 0)).toBe(0);
  });

  it('reads little-endian uint16 streams and reports every baseline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ngram-'));
    try {
      writeFileSync(join(dir, 'x.bin'), Uint8Array.from([0x01, 0x02, 0xff, 0x07]));
      expect(Array.from(readTokens(join(dir, 'x.bin'), 2048))).toEqual([0x0201, 0x07ff]);
      expect(() => readTokens(join(dir, 'x.bin'), 2047)).toThrow(/vocab_size/);
    } finally {
      rmSync(dir, { recursive: true });
    }
    const chain = makeChain(8, 2, 5);
    const report = runBaselines(sample(chain, 20_000, 1), sample(chain, 2_000, 2), 8, 3_000);
    expect(Object.keys(report)).toEqual([...BASELINES, 'best', 'val_chars', 'val_tokens', 'train_tokens']);
    expect(report.best).toBe(BASELINES.reduce((x, y) => (report[y].bpc < report[x].bpc ? y : x)));
    expect(report.kn3.bpc).toBeLessThan(report.unigram.bpc);
    expect([report.val_chars, report.val_tokens, report.train_tokens]).toEqual([3_000, 2_000, 20_000]);
  });
});
