// The words of "Do splats dezoom?" around its numbers make claims: every leaf at τ = 0, fewer splats as τ or
// distance grows, "about four children" on a surface, fine merges flat and coarse ones round blobs, errors at
// float32 rounding. These tests hold the shipped measurements (public/splats/measurements.json, both scenes)
// to those words, and the essay to its form: the figure, the links, the citations, its length.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { n, sci } from '../../../content/numbers/splats.ts';
import type { Measurements } from '../../../models/splats/measure.ts';
import { loadReferences } from '../../../src/lib/references.ts';
import { proseWords } from './prose-words.ts';

const m: Measurements = JSON.parse(readFileSync('public/splats/measurements.json', 'utf8'));
const essay = readFileSync('content/articles/do-splats-dezoom.mdx', 'utf8');
const { car, landscape } = m.scenes;
const level = (s: typeof car, l: number) => s.shape.find((row) => row.level === l)!;

describe('"Do splats dezoom?": the cut', () => {
  for (const [name, s] of Object.entries(m.scenes)) {
    it(`${name}: τ = 0 draws every leaf, and the count never rises with τ or with distance`, () => {
      for (const row of s.cuts) {
        expect(row.drawn[0]).toBe(s.leaves);
        for (let t = 1; t < row.drawn.length; t++) expect(row.drawn[t]).toBeLessThanOrEqual(row.drawn[t - 1]!);
        // the per-level counts are a breakdown of the total
        row.drawnPerLevel.forEach((perLevel, t) => expect(perLevel.reduce((a, b) => a + b, 0)).toBe(row.drawn[t]));
        // at τ = 0 nothing is blending: only leaves are drawn
        expect(row.blending[0]).toBe(0);
      }
      for (let t = 0; t < m.taus.length; t++)
        for (let d = 1; d < s.cuts.length; d++) expect(s.cuts[d]!.drawn[t]).toBeLessThanOrEqual(s.cuts[d - 1]!.drawn[t]!);
      // the largest τ at the farthest camera is down to a few hundred splats at most
      expect(s.cuts.at(-1)!.drawn.at(-1)).toBeLessThan(1000);
    });
  }

  it('car at 8 m: τ = 1 changes nothing (the leaves are over a pixel wide); τ = 4 still draws most', () => {
    expect(car.cuts[0]!.drawn[1]).toBe(car.leaves);
    expect(car.cuts[0]!.drawn[3]! / car.leaves).toBeGreaterThan(0.5);
  });

  it('car at 40 m, τ = 2: a few percent of the splats, from mid levels', () => {
    const share = car.cuts[1]!.drawn[2]! / car.leaves;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.1);
    const perLevel = car.cuts[1]!.drawnPerLevel[2]!;
    expect(perLevel.findIndex((c) => c > 0)).toBeGreaterThan(2);
    expect(perLevel.findLastIndex((c) => c > 0)).toBeLessThan(car.depth - 5);
  });

  it('the landscape seen from inside keeps a large share even at τ = 32', () => {
    expect(landscape.cuts[0]!.drawn.at(-1)! / landscape.leaves).toBeGreaterThan(0.1);
    expect(landscape.leafMedianSigma).toBeGreaterThan(5 * car.leafMedianSigma); // "the landscape's splats are larger"
  });
});

describe('"Do splats dezoom?": the tree', () => {
  for (const [name, s] of Object.entries(m.scenes)) {
    it(`${name}: a surface in an octree — about four children per node at mid levels, two near the leaves`, () => {
      for (let l = 3; l <= 7; l++) {
        expect(s.branching[l]).toBeGreaterThan(3.5);
        expect(s.branching[l]).toBeLessThan(5);
      }
      for (let l = 10; l < s.depth - 1; l++) expect(s.branching[l]).toBeLessThan(2.5);
      expect(s.meanChildren).toBeLessThan(3);
      expect(s.meanChildren).toBeGreaterThan(2);
    });

    it(`${name}: the stored merges keep mean, covariance and colour to float32 rounding`, () => {
      expect(s.moments.interior).toBe(s.nodes - s.leaves);
      expect(s.moments.meanRelative).toBeLessThan(1e-6);
      expect(s.moments.covarianceRelative).toBeLessThan(1e-5);
      expect(s.moments.colorRelative).toBeLessThan(1e-5);
      expect(s.moments.opacityRelative).toBeLessThan(1e-4);
    });

    it(`${name}: fine merges stay flat and no bigger than their leaves; coarse ones are blobs many times their leaves' volume`, () => {
      for (const row of s.shape.filter((r) => r.level >= 8)) {
        expect(row.flatFraction).toBeGreaterThan(0.9);
        expect(row.medianFill).toBeLessThan(1);
      }
      // The car is compact: its root is a round blob ~90× its leaves. The landscape is a flat slab 80 m wide and
      // ~10 m high, so its coarse nodes are flat blobs and fill less (~16× at the root).
      expect(level(s, 0).medianFill).toBeGreaterThan(name === 'car' ? 30 : 10);
      expect(level(s, 3).medianFill).toBeGreaterThan(name === 'car' ? 10 : 3);
      // fill ratio grows going up from level 8 to the root
      for (let l = 1; l <= 7; l++) expect(level(s, l - 1).medianFill).toBeGreaterThan(level(s, l).medianFill);
      expect(level(s, 3).medianColorSpread).toBeGreaterThan(5 * level(s, 8).medianColorSpread);
    });
  }

  it('car: by level 3 about half the merged nodes are still flat, none at the top two levels', () => {
    expect(level(car, 3).flatFraction).toBeLessThan(0.7);
    expect(level(car, 0).flatFraction + level(car, 1).flatFraction).toBe(0);
    expect(level(car, 10).medianFlatness).toBeLessThan(0.1);
    expect(level(car, 2).medianFlatness).toBeGreaterThan(0.3);
  });

  it('most leaves sit near the level whose cell matches a splat', () => {
    expect(Number(n.car.leafLevelsTo) - Number(n.car.leafLevelsFrom)).toBeLessThanOrEqual(4);
    const cellAt10 = car.cubeSide / 2 ** 10;
    expect(cellAt10 / car.leafMedianSigma).toBeGreaterThan(0.5);
    expect(cellAt10 / car.leafMedianSigma).toBeLessThan(2);
  });
});

describe('"Do splats dezoom?": part purity of the car\'s hierarchy', () => {
  const p = car.purity!;
  const levels = [2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('was measured against enough random draws for a range, over all seven named parts', () => {
    expect(p.parts).toEqual(['body', 'cabin', 'grille', 'tyre', 'rim', 'headlight', 'taillight']);
    expect(p.spatial.draws).toBeGreaterThanOrEqual(8);
    expect(p.turned.turns).toBeGreaterThanOrEqual(3);
    expect(p.partShare.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('the root is as pure as the body is common', () => {
    expect(p.octree[0]!.purity).toBeCloseTo(p.partShare[0]!, 9);
    expect(n.car.purity.levels[0]!.octree).toBe((100 * p.partShare[0]!).toFixed(1));
  });

  it('purer than shuffled groups (parts are compact) and than random spatial groups of the same sizes, levels 2–10', () => {
    for (const l of levels) {
      expect(p.octree[l]!.purity, `level ${l}`).toBeGreaterThan(p.shuffled.levels[l]!.max);
      expect(p.octree[l]!.purity, `level ${l}`).toBeGreaterThan(p.spatial.levels[l]!.max);
    }
  });

  it('"the turned octree is as pure as ours from level 3 on, within a point or two either way"', () => {
    for (const l of levels.slice(1)) {
      const t = p.turned.levels[l]!;
      const gap = p.octree[l]!.purity < t.min ? t.min - p.octree[l]!.purity : Math.max(0, p.octree[l]!.purity - t.max);
      expect(gap, `level ${l}`).toBeLessThan(0.02);
    }
  });

  it('only at level 2 does meeting the car square on help', () => {
    expect(p.octree[2]!.purity - p.turned.levels[2]!.max).toBeGreaterThan(0.03);
  });

  it('purity passes 99% only where cells are the size of a few splats', () => {
    const l = Number(n.car.purity.level99);
    expect(p.octree[l]!.purity).toBeGreaterThanOrEqual(0.99);
    expect(p.octree[l - 1]!.purity).toBeLessThan(0.99);
    expect(car.cubeSide / 2 ** l / car.leafMedianSigma).toBeLessThan(4);
  });
});

describe('"Do splats dezoom?": the essay', () => {
  it('formats error bounds to one digit', () => {
    expect(sci(5.862e-8)).toBe('6 × 10⁻⁸');
    expect(sci(1.6e-6)).toBe('2 × 10⁻⁶');
  });

  // That the figure is wired in is checked on the built site (test/e2e/figures.spec.ts).
  it('links the other essays and says how to reproduce its numbers', () => {
    expect(essay).toContain('](/articles/transformers-are-convnets/)');
    expect(essay).toContain('](/articles/why-stack-layers/)');
    expect(essay).toContain('npm run splats:measure');
  });

  it('cites only keys in the bibliography, including the sources it is built on', () => {
    const keys = [...essay.matchAll(/\[(@[^\]]+)\]/g)].flatMap((x) => x[1]!.split(/\s*;\s*/).map((k) => k.slice(1)));
    expect(keys.length).toBeGreaterThan(10);
    const refs = loadReferences('content/references.bib');
    for (const key of keys) expect(refs.has(key), key).toBe(true);
    for (const key of ['kerbl2023gaussian', 'kerbl2024hierarchical', 'ren2024octree', 'zwicker2001ewa', 'mildenhall2020nerf', 'lin2017feature',
      'lu2024scaffold', 'kim2024garfield', 'muller2022instant', 'qi2017pointnetplusplus', 'graham2018submanifold', 'choy2019minkowski'])
      expect(keys).toContain(key);
  });

  it('has at least 1,200 words of prose (no frontmatter, imports, tables, math or markup)', () => {
    expect(proseWords(essay)).toBeGreaterThanOrEqual(1200);
  });
});
