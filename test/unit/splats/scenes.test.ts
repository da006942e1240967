import { describe, expect, it } from 'vitest';
import { symmetricEigen3 } from '../../../widgets/splats/hierarchy/eigen3.ts';
import { carScene } from '../../../widgets/splats/scenes/car.ts';
import { landscapeScene } from '../../../widgets/splats/scenes/landscape.ts';
import { mulberry32 } from '../../../widgets/splats/scenes/random.ts';
import type { Gaussians } from '../../../widgets/splats/types.ts';

const scenes = { car: carScene, landscape: landscapeScene };
const arrays = (g: Gaussians) => [g.mean, g.cov, g.color, g.opacity];
const sameBits = (a: Gaussians, b: Gaussians) =>
  arrays(a).every((x, k) => Buffer.from(x.buffer).equals(Buffer.from(arrays(b)[k].buffer)));

describe('mulberry32', () => {
  it('is deterministic per seed, in [0, 1), and differs across seeds', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs).not.toEqual(Array.from({ length: 1000 }, () => c()));
  });
});

describe.each(Object.entries(scenes))('%s scene', (_, make) => {
  it('honours the count, including 0 and 1', () => {
    for (const count of [0, 1, 7, 5000]) {
      const g = make(count, 3);
      expect(g.count).toBe(count);
      expect([g.mean.length, g.cov.length, g.color.length, g.opacity.length]).toEqual([3 * count, 6 * count, 3 * count, count]);
    }
  });

  it('is bit-identical for the same (count, seed) and differs across seeds', () => {
    expect(sameBits(make(4000, 11), make(4000, 11))).toBe(true);
    expect(sameBits(make(4000, 11), make(4000, 12))).toBe(false);
  });

  it('has symmetric positive definite covariances, opacities in (0, 1], colours in [0, 1], finite means', () => {
    const g = make(20000, 5);
    let worst = Infinity;
    for (let i = 0; i < g.count; i++) {
      const { values } = symmetricEigen3(g.cov[6 * i], g.cov[6 * i + 1], g.cov[6 * i + 2], g.cov[6 * i + 3], g.cov[6 * i + 4], g.cov[6 * i + 5]);
      worst = Math.min(worst, values[2] / values[0]);
      expect(values[2]).toBeGreaterThan(0);
      expect(g.opacity[i]).toBeGreaterThan(0);
      expect(g.opacity[i]).toBeLessThanOrEqual(1);
    }
    expect(worst).toBeGreaterThan(1e-4);
    expect(g.color.every((c) => c >= 0 && c <= 1)).toBe(true);
    expect(g.mean.every(Number.isFinite)).toBe(true);
  });
});

describe('scene shapes', () => {
  it('the car is about 4.5 m long, 2 m wide, 1.4 m high, on the ground', () => {
    const g = carScene(20000, 1);
    const extent = [0, 1, 2].map((axis) => {
      let low = Infinity;
      let high = -Infinity;
      for (let i = 0; i < g.count; i++) {
        low = Math.min(low, g.mean[3 * i + axis]);
        high = Math.max(high, g.mean[3 * i + axis]);
      }
      return [low, high];
    });
    expect(extent[0][1] - extent[0][0]).toBeCloseTo(4.5, 0);
    expect(extent[1][0]).toBeGreaterThanOrEqual(-0.01);
    expect(extent[1][1]).toBeCloseTo(1.4, 1);
    expect(extent[2][1] - extent[2][0]).toBeGreaterThan(1.8);
    expect(extent[2][1] - extent[2][0]).toBeLessThan(2.1);
  });
});
