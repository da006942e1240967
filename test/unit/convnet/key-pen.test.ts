import { describe, expect, it } from 'vitest';
import { BIG_STEP, START_PEN, STEP, isPenKey, penKey } from '../../../widgets/convnet/key-pen.ts';

describe('keyboard pen', () => {
  it('moves without drawing while the pen is up, and stays on the canvas', () => {
    let { pen, sketch } = penKey(START_PEN, [], 'ArrowRight');
    expect(pen.x).toBeCloseTo(0.5 + STEP, 12);
    expect(sketch).toEqual([]);
    for (let i = 0; i < 40; i++) ({ pen, sketch } = penKey(pen, sketch, 'ArrowUp', true));
    expect(pen.y).toBe(0);
    expect(penKey(START_PEN, [], 'ArrowLeft', true).pen.x).toBeCloseTo(0.5 - BIG_STEP, 12);
  });

  it('draws a stroke: pen down, moves, pen up; then a new stroke', () => {
    let s = penKey(START_PEN, [], ' ');
    expect(s.pen.down).toBe(true);
    s = penKey(s.pen, s.sketch, 'ArrowRight');
    s = penKey(s.pen, s.sketch, 'ArrowDown');
    s = penKey(s.pen, s.sketch, 'Enter');
    expect(s.pen.down).toBe(false);
    expect(s.sketch).toHaveLength(1);
    expect(s.sketch[0]).toHaveLength(3);
    s = penKey(s.pen, s.sketch, 'ArrowRight');
    s = penKey(s.pen, s.sketch, ' ');
    expect(s.sketch).toHaveLength(2);
    expect(s.sketch[1]).toEqual([[s.pen.x, s.pen.y]]);
  });

  it('knows its keys', () => {
    expect(['ArrowLeft', ' ', 'Enter'].every(isPenKey)).toBe(true);
    expect(isPenKey('a')).toBe(false);
    expect(isPenKey('Tab')).toBe(false);
  });
});
