import { describe, expect, it } from 'vitest';
import { exampleStrokes, strokesToSketch } from '../../../widgets/convnet/drawing-input.ts';
import { START_PEN } from '../../../widgets/convnet/key-pen.ts';
import {
  MIN_MOVE,
  editableSketch,
  extendStroke,
  keyStroke,
  remembered,
  startStroke,
} from '../../../widgets/convnet/sketch-edit.ts';
import type { Example } from '../../../widgets/convnet/state.ts';

const car: Example = { label: 'car', seed: 3 };

describe('sketch editing', () => {
  it('turns an example into the sketch when the reader starts drawing on it', () => {
    const patch = startStroke({ example: car, sketch: [] }, 0.2, 0.3);
    const strokes = strokesToSketch(exampleStrokes(car));
    expect(patch.example).toBeNull();
    expect(patch.sketch).toEqual([...strokes, [[0.2, 0.3]]]);
  });

  it('starts a new stroke after the existing ones, without changing them', () => {
    const sketch = [[[0.1, 0.1] as const]];
    const patch = startStroke({ example: null, sketch }, 0.5, 0.5);
    expect(patch.sketch).toEqual([[[0.1, 0.1]], [[0.5, 0.5]]]);
    expect(sketch).toEqual([[[0.1, 0.1]]]);
    expect(editableSketch({ example: null, sketch })).not.toBe(sketch);
  });

  it('appends a point to the last stroke, unless it is too close or there is no stroke', () => {
    const d = { example: null, sketch: [[[0.1, 0.1] as const], [[0.5, 0.5] as const]] };
    expect(extendStroke(d, 0.6, 0.5)?.sketch).toEqual([[[0.1, 0.1]], [[0.5, 0.5], [0.6, 0.5]]]);
    expect(extendStroke(d, 0.5 + MIN_MOVE / 2, 0.5)).toBeNull();
    expect(extendStroke({ example: null, sketch: [] }, 0.5, 0.5)).toBeNull();
  });

  it('moves the keyboard pen over an example without replacing it, and draws once the pen is down', () => {
    const moved = keyStroke({ example: car, sketch: [] }, START_PEN, 'ArrowRight', false);
    expect(moved.pen.x).toBeGreaterThan(START_PEN.x);
    expect(moved.patch?.example ?? car).toEqual(car);
    const down = keyStroke({ example: null, sketch: [] }, START_PEN, ' ', false);
    expect(down.pen.down).toBe(true);
    expect(down.patch).toEqual({ example: null, sketch: [[[START_PEN.x, START_PEN.y]]] });
  });

  it('keeps a bounded undo history', () => {
    let history: number[] = [];
    for (let i = 0; i < 40; i++) history = remembered(history, i);
    expect(history).toHaveLength(31);
    expect(history.at(-1)).toBe(39);
  });
});
