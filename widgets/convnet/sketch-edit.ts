/**
 * The reader's edits to the drawing, as pure steps from the state's drawing (`example` and `sketch`) to a
 * patch of it, or null for no change: the view applies the patch (and normalizes the state). Drawing on a
 * dataset example first turns the example into the reader's sketch, so the reader draws over it. Nothing here
 * ever removes a stroke: a link too long for its budget is simplified on the way to the URL only
 * (sketch-codec.ts simplifyForLink), never on screen.
 */
import { exampleStrokes, strokesToSketch } from './drawing-input.ts';
import { penKey, type Pen, type PenKey } from './key-pen.ts';
import type { Point } from './sketch-codec.ts';
import type { ConvnetState } from './state.ts';

export type Drawing = Pick<ConvnetState, 'example' | 'sketch'>;
export type DrawingPatch = Partial<Drawing>;

/** A pointer move shorter than this (a share of the canvas side) adds no point. */
export const MIN_MOVE = 1 / 96;

/** The sketch being edited: the example's strokes while an example is shown, else a copy of the sketch. */
export function editableSketch(d: Drawing): Point[][] {
  // The strokes themselves are shared, not copied: nothing changes a stroke in place (extendStroke makes a new
  // last stroke), and copying every stroke at each pen-down made long drawings slow.
  return d.example ? strokesToSketch(exampleStrokes(d.example)) : [...d.sketch];
}

/** The pointer goes down: a new stroke of one point. */
export function startStroke(d: Drawing, x: number, y: number): DrawingPatch {
  return { example: null, sketch: [...editableSketch(d), [[x, y]]] };
}

/** The pointer moves: the point joins the last stroke, unless it is too close to the stroke's last point. */
export function extendStroke(d: Drawing, x: number, y: number): DrawingPatch | null {
  const last = d.sketch.at(-1);
  const p = last?.at(-1);
  if (!last || !p || Math.hypot(x - p[0], y - p[1]) < MIN_MOVE) return null;
  return { sketch: [...d.sketch.slice(0, -1), [...last, [x, y]]] };
}

/** A key for the keyboard pen (key-pen.ts): the new pen, and the drawing's patch if the key drew. */
export function keyStroke(d: Drawing, pen: Pen, key: PenKey, big: boolean): { pen: Pen; patch: DrawingPatch | null } {
  const next = penKey(pen, editableSketch(d), key, big);
  // Moving the pen over an example without drawing leaves the example shown.
  const patch = next.sketch.length > 0 || d.example === null ? { example: null, sketch: next.sketch } : null;
  return { pen: next.pen, patch };
}

/** The undo history with `state` added, keeping the last `limit` states before it. */
export function remembered<T>(history: readonly T[], state: T, limit = 30): T[] {
  return [...history.slice(-limit), state];
}
