/**
 * Drawing with the keyboard: a pen cursor on the canvas. Arrow keys move it one pixel of the 32 × 32 image
 * (four with Shift), Space or Enter puts the pen down (a new stroke starts at the cursor) or lifts it, and
 * moving with the pen down draws. A pure reducer, so keyboard drawing is tested like any other input.
 */
import type { Point } from './sketch-codec.ts';

export interface Pen {
  x: number;
  y: number;
  down: boolean;
}

/** One arrow press: one image pixel; with Shift, four. */
export const STEP = 1 / 32;
export const BIG_STEP = 4 / 32;

export const START_PEN: Pen = { x: 0.5, y: 0.5, down: false };

export type PenKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | ' ' | 'Enter';

export function isPenKey(key: string): key is PenKey {
  return key === 'ArrowLeft' || key === 'ArrowRight' || key === 'ArrowUp' || key === 'ArrowDown' || key === ' ' || key === 'Enter';
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));

/**
 * The pen and sketch after a key. Moving with the pen down appends the new position to the last stroke;
 * putting the pen down starts a stroke of one point (a dot, if it never moves).
 */
export function penKey(pen: Pen, sketch: readonly (readonly Point[])[], key: PenKey, big = false): { pen: Pen; sketch: Point[][] } {
  const strokes = sketch.map((s) => [...s]);
  if (key === ' ' || key === 'Enter') {
    const down = !pen.down;
    if (down) strokes.push([[pen.x, pen.y]]);
    return { pen: { ...pen, down }, sketch: strokes };
  }
  const step = big ? BIG_STEP : STEP;
  const dx = key === 'ArrowLeft' ? -step : key === 'ArrowRight' ? step : 0;
  const dy = key === 'ArrowUp' ? -step : key === 'ArrowDown' ? step : 0;
  const next: Pen = { ...pen, x: clamp(pen.x + dx), y: clamp(pen.y + dy) };
  if (pen.down) {
    if (strokes.length === 0) strokes.push([[pen.x, pen.y]]);
    strokes.at(-1)!.push([next.x, next.y]);
  }
  return { pen: next, sketch: strokes };
}
