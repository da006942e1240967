import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symmetricEigen3, symmetricEigenvalues3 } from '../../../widgets/splats/hierarchy/eigen3.ts';

const entry = fc.double({ min: -10, max: 10, noNaN: true });
const symmetric = fc.tuple(entry, entry, entry, entry, entry, entry);

function reconstruct(values: Float64Array, q: Float64Array): number[] {
  const at = (r: number, c: number) => q[3 * r] * values[0] * q[3 * c] + q[3 * r + 1] * values[1] * q[3 * c + 1] + q[3 * r + 2] * values[2] * q[3 * c + 2];
  return [at(0, 0), at(0, 1), at(0, 2), at(1, 1), at(1, 2), at(2, 2)];
}

describe('eigen3', () => {
  it('Jacobi reconstructs the matrix (Q Λ Qᵀ ≈ A) with orthonormal Q', () => {
    fc.assert(
      fc.property(symmetric, (a) => {
        const { values, vectors } = symmetricEigen3(...a);
        const scale = 1 + Math.max(...a.map(Math.abs));
        reconstruct(values, vectors).forEach((x, k) => expect(Math.abs(x - a[k])).toBeLessThan(1e-10 * scale));
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) {
            const dot = vectors[i] * vectors[j] + vectors[3 + i] * vectors[3 + j] + vectors[6 + i] * vectors[6 + j];
            expect(Math.abs(dot - (i === j ? 1 : 0))).toBeLessThan(1e-12);
          }
        }
        expect(values[0]).toBeGreaterThanOrEqual(values[1]);
        expect(values[1]).toBeGreaterThanOrEqual(values[2]);
      }),
    );
  });

  it('the closed form agrees with Jacobi (to √ε of the largest, its error near repeated eigenvalues)', () => {
    const out = new Float64Array(3);
    fc.assert(
      fc.property(symmetric, (a) => {
        const { values } = symmetricEigen3(...a);
        symmetricEigenvalues3(...a, out);
        const scale = 1 + Math.max(...a.map(Math.abs));
        for (let k = 0; k < 3; k++) expect(Math.abs(out[k] - values[k])).toBeLessThan(1e-7 * scale);
      }),
    );
  });

  it('handles diagonal, repeated and flat matrices', () => {
    const out = new Float64Array(3);
    expect([...symmetricEigenvalues3(2, 0, 0, 2, 0, 2, out)]).toEqual([2, 2, 2]);
    expect([...symmetricEigenvalues3(1, 0, 0, 3, 0, 2, out)].map((x) => +x.toFixed(12))).toEqual([3, 2, 1]);
    const flat = symmetricEigen3(1, 1, 0, 1, 0, 0);
    expect([...flat.values].map((x) => +x.toFixed(12))).toEqual([2, 0, 0]);
    reconstruct(flat.values, flat.vectors).forEach((x, k) => expect(x).toBeCloseTo([1, 1, 0, 1, 0, 0][k], 12));
  });
});
