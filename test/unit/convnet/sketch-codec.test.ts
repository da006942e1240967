import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GRID, MAX_LINK_POINTS, decodeSketch, encodeSketch, pointCount, simplifyForLink, snapSketch } from '../../../widgets/convnet/sketch-codec.ts';

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
    for (const junk of ['A', 'A_.', '..', 'A*', '<script>', 'AA'.repeat(MAX_LINK_POINTS + 1), Array(101).fill('AA').join('.'), '💥💥']) {
      expect(decodeSketch(junk), junk.slice(0, 20)).toBeUndefined();
    }
  });

  it('simplifies a huge scribble into a link that decodes', () => {
    const long = [Array.from({ length: 5000 }, (_, i) => [(i % 640) / 640, Math.floor(i / 640) / 8] as const)];
    const simple = simplifyForLink(long);
    expect(pointCount(simple)).toBeLessThanOrEqual(MAX_LINK_POINTS);
    expect(simple[0]![0]).toEqual(snapSketch(long)[0]![0]);
    expect(decodeSketch(encodeSketch(simple))).toEqual(simple);
  });
});
