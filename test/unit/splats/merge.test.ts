import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symmetricEigen3 } from '../../../widgets/splats/hierarchy/eigen3.ts';
import { mergeGaussians, surfaceProxy } from '../../../widgets/splats/hierarchy/merge.ts';
import { allocateGaussians, type Gaussians } from '../../../widgets/splats/types.ts';

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const axisScale = fc.double({ min: 0.01, max: 2, noNaN: true });

/** A random SPD covariance R diag(s²) Rᵀ, R from a unit quaternion. */
const gaussian = fc.record({
  mean: fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true })),
  scales: fc.tuple(axisScale, axisScale, axisScale),
  quaternion: fc.tuple(unit, unit, unit, unit).filter((q) => Math.hypot(...q) > 0.1),
  color: fc.tuple(unit, unit, unit),
  opacity: fc.double({ min: 0.01, max: 1, noNaN: true }),
});
type Drawn = typeof gaussian extends fc.Arbitrary<infer T> ? T : never;

function toGaussians(drawn: Drawn[]): Gaussians {
  const g = allocateGaussians(drawn.length);
  drawn.forEach((d, i) => {
    const length = Math.hypot(...d.quaternion);
    const [w, x, y, z] = d.quaternion.map((c) => c / length);
    const r = [
      [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
      [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
      [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
    ];
    const entry = (a: number, b: number) => r[a][0] * d.scales[0] ** 2 * r[b][0] + r[a][1] * d.scales[1] ** 2 * r[b][1] + r[a][2] * d.scales[2] ** 2 * r[b][2];
    g.cov.set([entry(0, 0), entry(0, 1), entry(0, 2), entry(1, 1), entry(1, 2), entry(2, 2)], 6 * i);
    g.mean.set(d.mean, 3 * i);
    g.color.set(d.color, 3 * i);
    g.opacity[i] = d.opacity;
  });
  return g;
}

/** The moments the merge must preserve, computed independently from the float32 inputs. */
function expectedMoments(g: Gaussians) {
  const w = Array.from({ length: g.count }, (_, i) => {
    const s = symmetricEigen3(g.cov[6 * i], g.cov[6 * i + 1], g.cov[6 * i + 2], g.cov[6 * i + 3], g.cov[6 * i + 4], g.cov[6 * i + 5]).values.map((v) => Math.sqrt(Math.max(0, v)));
    return g.opacity[i] * (s[0] * s[1] + s[0] * s[2] + s[1] * s[2]);
  });
  const total = w.reduce((a, b) => a + b, 0);
  const mean = [0, 1, 2].map((k) => w.reduce((sum, wi, i) => sum + (wi / total) * g.mean[3 * i + k], 0));
  const color = [0, 1, 2].map((k) => w.reduce((sum, wi, i) => sum + (wi / total) * g.color[3 * i + k], 0));
  const pairs = [[0, 0], [0, 1], [0, 2], [1, 1], [1, 2], [2, 2]];
  const cov = pairs.map(([a, b], p) =>
    w.reduce((sum, wi, i) => sum + (wi / total) * (g.cov[6 * i + p] + (g.mean[3 * i + a] - mean[a]) * (g.mean[3 * i + b] - mean[b])), 0),
  );
  return { total, mean, color, cov };
}

const close = (actual: number, expected: number, scale: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-5 * Math.max(Math.abs(expected), scale));

describe('Kerbl et al. merge', () => {
  it('preserves the weighted mean, colour and covariance Σ ŵ(Σᵢ + ddᵀ) of its children', () => {
    fc.assert(
      fc.property(fc.array(gaussian, { minLength: 1, maxLength: 9 }), (drawn) => {
        const children = toGaussians(drawn);
        const merged = mergeGaussians(children);
        const want = expectedMoments(children);
        const meanScale = Math.max(...want.mean.map(Math.abs), 1);
        want.mean.forEach((x, k) => close(merged.mean[k], x, meanScale));
        want.color.forEach((x, k) => close(merged.color[k], x, 1));
        const covScale = Math.max(want.cov[0], want.cov[3], want.cov[5]);
        want.cov.forEach((x, k) => close(merged.cov[k], x, covScale));
        // Against the float64 covariance: the float32 one rounds entries of a long, thin parent enough to move its
        // smallest axis, and with it S, by more than 1e-5.
        close(merged.opacity[0], want.total / surfaceProxy(want.cov, 0), 0);
      }),
    );
  });

  it('a merge of one child returns that child, with opacity o·S(s)/S(s) = o', () => {
    fc.assert(
      fc.property(gaussian, (drawn) => {
        const child = toGaussians([drawn]);
        const merged = mergeGaussians(child);
        expect([...merged.mean].map((x) => x + 0)).toEqual([...child.mean].map((x) => x + 0));
        expect([...merged.color].map((x) => x + 0)).toEqual([...child.color].map((x) => x + 0));
        expect([...merged.cov].map((x) => x + 0)).toEqual([...child.cov].map((x) => x + 0));
        close(merged.opacity[0], child.opacity[0], 0);
      }),
    );
  });

  it('two equal, co-located children give the child back with its opacity times two', () => {
    const child = toGaussians([{ mean: [1, 2, 3], scales: [0.5, 0.2, 0.1], quaternion: [1, 0, 0, 0], color: [0.2, 0.4, 0.6], opacity: 0.3 }]);
    const pair = allocateGaussians(2);
    for (const i of [0, 1]) {
      pair.mean.set(child.mean, 3 * i);
      pair.cov.set(child.cov, 6 * i);
      pair.color.set(child.color, 3 * i);
      pair.opacity[i] = 0.3;
    }
    const merged = mergeGaussians(pair);
    expect([...merged.cov].map((x) => x + 0)).toEqual([...child.cov].map((x) => x + 0));
    expect(merged.opacity[0]).toBeCloseTo(0.6, 6);
  });
});
