import { describe, expect, it } from 'vitest';
import { drawSample, sampleDataset } from '../../../widgets/convnet/drawings/generate.ts';
import { CLASS_PARTS, PARTS, SCENE_PARTS, SHAPE, TASK_CLASS_COUNT, classPartIndices, partIndex, taskClasses } from '../../../widgets/convnet/drawings/parts.ts';
import { clipOutside, insideInterval } from '../../../widgets/convnet/drawings/occlude.ts';
import { CLASSES, TASK } from '../../../widgets/models/convnet/contract.ts';
import { PLACEMENT } from '../../../widgets/convnet/drawings/place.ts';
import { arc } from '../../../widgets/convnet/drawings/primitives.ts';
import { createRng } from '../../../widgets/convnet/drawings/random.ts';
import { rasterize, rasterizeInk } from '../../../widgets/convnet/drawings/rasterize.ts';
import type { Stroke } from '../../../widgets/convnet/drawings/types.ts';

const N = 32;
/** A stroke through pixel-unit points (pixel centres are at k + 0.5). */
const px = (pts: number[], widthPx = 1, curved = false): Stroke => ({
  points: Float32Array.from(pts, (v) => v / N),
  width: widthPx / N,
  part: 0,
  curved,
});
const at = (a: ArrayLike<number>, x: number, y: number) => a[y * N + x]!;

function bytes(seed: number, count: number, task: 'easy' | 'hard' = 'easy'): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const d of sampleDataset(count, seed, { task })) {
    const r = rasterize(d.strokes);
    out.push(Uint8Array.from(r.ink, (v) => Math.round(v * 255)), r.part, r.orientation, r.shape, Uint8Array.of(d.label));
  }
  return out;
}

describe('drawing generator', () => {
  it('is deterministic per seed, and seeds differ', () => {
    const a = bytes(5, 30);
    expect(bytes(5, 30)).toEqual(a);
    const b = bytes(6, 30);
    const differing = a.filter((x, i) => i % 5 === 0 && !x.every((v, j) => v === b[i]![j]));
    expect(differing.length).toBe(30);
  });

  it('cycles through the classes, so every class appears equally', () => {
    const labels = Array.from(sampleDataset(200, 3), (d) => d.label);
    expect(labels.slice(0, 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    for (let c = 0; c < 10; c++) expect(labels.filter((l) => l === c).length).toBe(20);
    const hard = Array.from(sampleDataset(260, 3, { task: 'hard' }), (d) => d.label);
    for (let c = 0; c < 13; c++) expect(hard.filter((l) => l === c).length).toBe(20);
  });

  it('the easy task uses its 30 parts and no other; the hard task every part, the scene parts included', () => {
    expect(new Set(PARTS).size).toBe(PARTS.length);
    expect(TASK_CLASS_COUNT).toEqual({ easy: 10, hard: 13 });
    const used = (task: 'easy' | 'hard', n: number) => {
      const parts = new Set<number>();
      for (const d of sampleDataset(n, 4, { task })) for (const s of d.strokes) parts.add(s.part);
      return [...parts].sort((x, y) => x - y);
    };
    expect(used('easy', 500)).toEqual([...Array(30).keys()]);
    expect(used('hard', 650)).toEqual(PARTS.map((_, i) => i));
    expect(PARTS.slice(-2)).toEqual([...SCENE_PARTS]);
  });

  it('the shipped model\'s classes are its task\'s (contract.ts against parts.ts)', () => {
    expect([...CLASSES]).toEqual([...taskClasses(TASK)]);
  });

  it('annotates every inked pixel and no paper pixel, with parts of the sample’s class', () => {
    let inked = 0;
    const bad: string[] = [];
    for (const d of sampleDataset(300, 9)) {
      const allowed = new Set(classPartIndices(d.label).map((p) => p + 1));
      for (const s of d.strokes) expect(allowed.has(s.part + 1)).toBe(true);
      const r = rasterize(d.strokes);
      for (let i = 0; i < N * N; i++) {
        const ink = r.ink[i]!;
        if (!(ink >= 0 && ink <= 1)) bad.push(`ink ${ink}`);
        if (ink > 0) {
          inked++;
          const o = r.orientation[i]!, sh = r.shape[i]!;
          if (!allowed.has(r.part[i]!) || o < 1 || o > 8 || sh < 1 || sh > 4) bad.push(`${d.label}: ${r.part[i]} ${o} ${sh}`);
        } else if (r.part[i] !== 0 || r.orientation[i] !== 0 || r.shape[i] !== 0) bad.push(`paper ${i}`);
      }
    }
    expect(bad).toEqual([]);
    expect(inked / 300).toBeGreaterThan(80); // 1–2 px strokes over half the image: a real drawing each time
  });

  it('keeps drawings inside the image with a 1–2 px pen, and small wheels are curves', () => {
    const rng = createRng(11);
    for (let i = 0; i < 200; i++) {
      const d = drawSample(i % 10, rng);
      for (const s of d.strokes) {
        expect(s.width).toBeGreaterThanOrEqual(PLACEMENT.penWidth[0] * 0.9);
        expect(s.width).toBeLessThanOrEqual(PLACEMENT.penWidth[1] * 1.1);
        for (const v of s.points) expect(v >= 0 && v <= 1).toBe(true);
        if (s.part === partIndex('car-wheel')) expect(s.curved).toBe(true);
        if (s.part === partIndex('house-wall')) expect(s.curved).toBe(false);
      }
    }
    expect(CLASS_PARTS.car).toContain('car-wheel');
  });
});

describe('rasterize', () => {
  it('draws a horizontal 1 px line as one full row, orientation bin 0', () => {
    const r = rasterize([px([4.5, 16.5, 27.5, 16.5])]);
    for (let x = 5; x <= 26; x++) {
      expect(at(r.ink, x, 16)).toBe(1);
      expect(at(r.orientation, x, 16)).toBe(1);
    }
    for (let x = 0; x < N; x++) {
      expect(at(r.ink, x, 15)).toBe(0);
      expect(at(r.ink, x, 17)).toBe(0);
    }
    expect(at(r.ink, 0, 16)).toBe(0);
    expect(at(r.ink, 31, 16)).toBe(0);
    expect(at(r.shape, 16, 16)).toBe(SHAPE.straight);
    expect(at(r.shape, 4, 16)).toBe(SHAPE.end);
  });

  it('gives a vertical line bin 4, "/" bin 2 and "\\" bin 6 (angles as seen on screen)', () => {
    expect(at(rasterize([px([10.5, 3, 10.5, 29])]).orientation, 10, 16)).toBe(1 + 4);
    expect(at(rasterize([px([4, 28, 28, 4])]).orientation, 16, 16)).toBe(1 + 2);
    expect(at(rasterize([px([4, 4, 28, 28])]).orientation, 16, 16)).toBe(1 + 6);
  });

  it('counts overlapping strokes once, and rasterizeInk agrees', () => {
    const one = [px([3, 5, 20, 25], 1.7)];
    const twice = [...one, ...one];
    expect(rasterize(twice).ink).toEqual(rasterize(one).ink);
    const d = drawSample(3, createRng(2));
    expect(rasterizeInk(d.strokes)).toEqual(rasterize(d.strokes).ink);
    const total = rasterize(one).ink.reduce((a, b) => a + b, 0);
    // Area of a capsule: length × width + the round caps.
    expect(total).toBeCloseTo(Math.hypot(17, 20) * 1.7 + Math.PI * 0.85 ** 2, 0);
  });

  it('labels a small circle all curve', () => {
    const c = arc(16, 16, 4, 4, 0, 2 * Math.PI);
    const r = rasterize([px([...c.points, c.points[0]!, c.points[1]!], 1.5, true)]);
    let n = 0;
    for (let i = 0; i < N * N; i++) {
      if (r.ink[i]! > 0) {
        n++;
        expect(r.shape[i]).toBe(SHAPE.curve);
      }
    }
    expect(n).toBeGreaterThan(20);
  });

  it('marks the vertex of a right angle as a corner and its two ends as ends', () => {
    const r = rasterize([px([8.5, 8.5, 24.5, 8.5, 24.5, 24.5], 1.5)]);
    expect(at(r.shape, 24, 8)).toBe(SHAPE.corner);
    expect(at(r.shape, 23, 8)).toBe(SHAPE.corner);
    expect(at(r.shape, 24, 9)).toBe(SHAPE.corner);
    expect(at(r.shape, 8, 8)).toBe(SHAPE.end);
    expect(at(r.shape, 24, 24)).toBe(SHAPE.end);
    expect(at(r.shape, 16, 8)).toBe(SHAPE.straight);
    expect(at(r.shape, 24, 16)).toBe(SHAPE.straight);
    expect(at(r.orientation, 24, 16)).toBe(1 + 4);
    // A gentle bend is no corner.
    const bend = rasterize([px([4.5, 16.5, 16.5, 16.5, 28.5, 12.5], 1.5)]);
    expect(at(bend.shape, 16, 16)).toBe(SHAPE.straight);
  });

  it('gives the pixel to the stroke covering it most', () => {
    const thin = { ...px([2, 16.5, 30, 16.5], 0.6), part: 3 };
    const thick = { ...px([16.5, 2, 16.5, 30], 2.5), part: 7 };
    const r = rasterize([thin, thick]);
    expect(at(r.part, 16, 16)).toBe(8);
    expect(at(r.part, 5, 16)).toBe(4);
  });
});

describe('the hard task: clutter, occlusion, classes that share parts', () => {
  it('is deterministic per seed, and seeds differ', () => {
    const a = bytes(5, 26, 'hard');
    expect(bytes(5, 26, 'hard')).toEqual(a);
    const b = bytes(6, 26, 'hard');
    expect(a.filter((x, i) => i % 5 === 0 && !x.every((v, j) => v === b[i]![j])).length).toBe(26);
  });

  it('leaves the easy task\'s drawings as they were: its objects are the hard task\'s before the clutter', () => {
    // Same seed, same class, same rng path up to the placed object: the hard drawing's first strokes are the
    // easy drawing's wherever no occluder clipped them.
    const easy = drawSample(0, createRng(21));
    const clean = drawSample(0, createRng(21), { task: 'hard', clutter: false });
    expect(clean).toEqual(easy);
  });

  it('part masks cover every inked pixel, and paper has no labels (hard and clean hard drawings)', () => {
    const bad: string[] = [];
    let inked = 0;
    for (const clutter of [true, false])
      for (const d of sampleDataset(390, 12, { task: 'hard', clutter })) {
        const allowed = new Set([...classPartIndices(d.label), partIndex('clutter'), partIndex('occluder')].map((p) => p + 1));
        const r = rasterize(d.strokes);
        for (let i = 0; i < N * N; i++) {
          if (r.ink[i]! > 0) {
            inked++;
            if (!allowed.has(r.part[i]!) || r.orientation[i]! < 1 || r.shape[i]! < 1) bad.push(`${d.label}: pixel ${i} part ${r.part[i]}`);
          } else if (r.part[i] !== 0) bad.push(`paper ${i}`);
        }
      }
    expect(bad).toEqual([]);
    expect(inked / 780).toBeGreaterThan(80);
  });

  it('usually hides part of the object and adds stray strokes (unless the occluder hides them too)', () => {
    let occluded = 0;
    let cluttered = 0;
    const n = 130;
    for (const d of sampleDataset(n, 13, { task: 'hard' })) {
      const parts = d.strokes.map((s) => s.part);
      if (parts.includes(partIndex('clutter'))) cluttered++;
      if (parts.includes(partIndex('occluder'))) occluded++;
    }
    expect(cluttered / n).toBeGreaterThan(0.9);
    expect(occluded / n).toBeGreaterThan(0.6);
    expect(occluded / n).toBeLessThan(0.9);
  });

  it('car, bus and truck share wheels drawn the same way; cup and vase share a body', () => {
    for (const c of ['car', 'bus', 'truck'] as const) expect(CLASS_PARTS[c].some((p) => p.endsWith('-wheel'))).toBe(true);
    for (const c of ['car', 'bus', 'truck'] as const) expect(CLASS_PARTS[c].some((p) => p.endsWith('-window'))).toBe(true);
    expect(CLASS_PARTS.vase).toContain('vase-body');
    expect(() => drawSample(11, createRng(1))).toThrow(RangeError); // the truck is not in the easy task
  });
});

describe('occlusion by clipping', () => {
  const square = [0.4, 0.4, 0.6, 0.4, 0.6, 0.6, 0.4, 0.6];

  it('finds the stretch of a segment inside a convex polygon, in either winding', () => {
    expect(insideInterval(0, 0.5, 1, 0.5, square)).toEqual([expect.closeTo(0.4, 9), expect.closeTo(0.6, 9)]);
    expect(insideInterval(0, 0.5, 1, 0.5, [...square].reverse().flatMap((_, i, r) => (i % 2 ? [] : [r[i + 1]!, r[i]!])))).toEqual([expect.closeTo(0.4, 9), expect.closeTo(0.6, 9)]);
    expect(insideInterval(0, 0.1, 1, 0.1, square)).toBeNull();
  });

  it('cuts a line crossing the occluder into the two visible pieces, and keeps a line that misses it', () => {
    const line: Stroke = { points: Float32Array.of(0.1, 0.5, 0.9, 0.5), width: 0.04, part: 2, curved: false };
    const pieces = clipOutside(line, square);
    expect(pieces.map((p) => Array.from(p.points, (v) => Math.round(v * 100) / 100))).toEqual([[0.1, 0.5, 0.4, 0.5], [0.6, 0.5, 0.9, 0.5]]);
    expect(pieces.every((p) => p.part === 2 && p.width === 0.04)).toBe(true);
    const miss: Stroke = { ...line, points: Float32Array.of(0.1, 0.2, 0.9, 0.2) };
    expect(clipOutside(miss, square)).toEqual([miss]);
  });

  it('joins a closed outline cut once into one open piece through its closing point, and hides a stroke wholly inside', () => {
    const box: Stroke = { points: Float32Array.of(0.2, 0.2, 0.5, 0.2, 0.5, 0.8, 0.2, 0.8, 0.2, 0.2), width: 0.03, part: 0, curved: false };
    const pieces = clipOutside(box, square);
    expect(pieces.length).toBe(1);
    const p = pieces[0]!.points;
    // starts where the outline leaves the square and ends where it enters it, with the closing corner inside
    expect(p.length).toBeGreaterThan(8);
    expect(Array.from(p).some((v, i) => i % 2 === 0 && v === Math.fround(0.2))).toBe(true);
    const inside: Stroke = { ...box, points: Float32Array.of(0.45, 0.45, 0.55, 0.55) };
    expect(clipOutside(inside, square)).toEqual([]);
  });
});
