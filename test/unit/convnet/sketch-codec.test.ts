import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GRID, LINK_SKETCH_BYTES, decodeSketch, encodeSketch, simplifyForLink, sketchShortened, snapSketch } from '../../../widgets/convnet/sketch-codec.ts';
import { encodedBytes } from '../../../widgets/runtime/url-state.ts';

const point = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }));
const sketch = fc.array(fc.array(point, { minLength: 1, maxLength: 30 }), { maxLength: 20 });

describe('sketch codec', () => {
  it('round-trips any sketch snapped to the grid', () => {
    fc.assert(
      fc.property(sketch, (s) => {
        const snapped = snapSketch(s);
        expect(decodeSketch(encodeSketch(s))).toEqual(snapped);
        expect(encodeSketch(snapped)).toBe(encodeSketch(s));
      }),
    );
  });

  it('moves no point by more than half a grid cell', () => {
    fc.assert(
      fc.property(point, ([x, y]) => {
        const [[p]] = decodeSketch(encodeSketch([[[x, y]]]))! as [[[number, number]]];
        expect(Math.abs(p[0] - x)).toBeLessThanOrEqual(0.5 / GRID + 1e-12);
        expect(Math.abs(p[1] - y)).toBeLessThanOrEqual(0.5 / GRID + 1e-12);
      }),
    );
  });

  it('writes two characters per point and joins strokes with a dot', () => {
    expect(encodeSketch([[[0, 0], [1, 1]], [[0.5, 0.5]]])).toBe('AA__.gg');
    expect(encodeSketch([])).toBe('');
    expect(decodeSketch('')).toEqual([]);
  });

  it('rejects anything it did not write', () => {
    for (const junk of ['A', 'A_.', '..', 'A*', '<script>', 'AA.', '💥💥']) {
      expect(decodeSketch(junk), junk.slice(0, 20)).toBeUndefined();
    }
  });

  it('simplifies a huge scribble into a link that decodes, and says so', () => {
    const long = [Array.from({ length: 8000 }, (_, i) => [(i % 64) / 64, (Math.floor(i / 64) % 64) / 64] as const)];
    const simple = simplifyForLink(long);
    expect(encodeSketch(simple).length).toBeLessThanOrEqual(LINK_SKETCH_BYTES);
    expect(simple[0]![0]).toEqual(snapSketch(long)[0]![0]);
    expect(decodeSketch(encodeSketch(simple))).toEqual(simple);
    expect(sketchShortened(long)).toMatch(/keeps a simplified drawing/);
  });

  it('keeps every stroke in a link up to the byte budget: 1,000 small strokes (the old link kept 100)', () => {
    const strokes = Array.from({ length: 1000 }, (_, i) => [[(i % 30) / 32, Math.floor(i / 30) / 40], [(i % 30) / 32 + 0.02, Math.floor(i / 30) / 40]] as const);
    const code = encodeSketch(strokes);
    expect(decodeSketch(code)).toEqual(snapSketch(strokes));
    expect(sketchShortened(strokes)).toBe('');
  });

  it('any drawing: the link is the drawing itself, or a shorter one under the budget that says so', () => {
    const stroke = fc.array(point, { minLength: 1, maxLength: 400 });
    fc.assert(
      fc.property(fc.array(stroke, { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (strokes, copies) => {
        const s = Array.from({ length: copies }, () => strokes).flat();
        const code = encodeSketch(s);
        expect(encodedBytes(code)).toBe(code.length); // nothing in the code is escaped in a URL
        expect(code.length).toBeLessThanOrEqual(LINK_SKETCH_BYTES);
        const back = decodeSketch(code)!;
        if (sketchShortened(s) === '') expect(back).toEqual(snapSketch(s));
        else expect(back.length).toBeLessThanOrEqual(snapSketch(s).length);
      }),
      { numRuns: 40 },
    );
  });
});
