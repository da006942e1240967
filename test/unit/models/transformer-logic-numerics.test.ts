// The float64 kernels shared by the transformer widgets (widgets/models/transformer/numerics.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argmax, entropy, klDivergence, logSoftmax, softmax, topIndices } from '../../../widgets/models/transformer/numerics.ts';

const finiteVector = fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 60 });

describe('softmax', () => {
  it('sums to 1, keeps the order, and ignores a constant shift', () => {
    fc.assert(
      fc.property(finiteVector, fc.double({ min: -1e3, max: 1e3, noNaN: true }), (x, c) => {
        const p = softmax(x);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) if (x[i] < x[j]) expect(p[i]).toBeLessThanOrEqual(p[j]);
        expect(x[argmax(x)]).toBe(Math.max(...x));
        const q = softmax(x.map((v) => v + c));
        for (let i = 0; i < x.length; i++) expect(Math.abs(p[i] - q[i])).toBeLessThan(1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('does not overflow on huge logits and keeps −Infinity (masked) entries at 0', () => {
    expect(Array.from(softmax([1000, 1000]))).toEqual([0.5, 0.5]);
    expect(Array.from(softmax([-Infinity, 3, -Infinity]))).toEqual([0, 1, 0]);
    expect(logSoftmax([0, -Infinity])[1]).toBe(-Infinity);
    expect(() => softmax([])).toThrow(RangeError);
    expect(() => softmax([-Infinity, -Infinity])).toThrow('every entry −Infinity');
    expect(() => softmax([1, NaN])).toThrow('softmax input 1 is NaN');
  });
});

describe('topIndices', () => {
  it('equals a stable sort, largest first', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 40 }), fc.integer({ min: 0, max: 45 }), (x, k) => {
        const want = x
          .map((v, i) => [v, i])
          .sort((a, b) => b[0] - a[0] || a[1] - b[1])
          .slice(0, k)
          .map(([, i]) => i);
        expect(topIndices(x, k)).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });
});

describe('KL divergence and entropy', () => {
  it('KL is 0 for equal distributions, positive otherwise, and finite for tiny probabilities', () => {
    const p = logSoftmax([1, 2, 3]);
    expect(klDivergence(p, p)).toBe(0);
    expect(klDivergence(p, logSoftmax([3, 2, 1]))).toBeGreaterThan(0);
    expect(Number.isFinite(klDivergence(logSoftmax([0, 0]), logSoftmax([0, -800])))).toBe(true);
    expect(klDivergence(logSoftmax([0, 0]), logSoftmax([0, -800]))).toBeCloseTo(400 - Math.LN2, 6);
    expect(() => klDivergence([0], [0, 0])).toThrow(RangeError);
  });

  it('entropy of a uniform distribution over n is ln n', () => {
    expect(entropy(logSoftmax(new Array(7).fill(0)))).toBeCloseTo(Math.log(7), 12);
  });
});
