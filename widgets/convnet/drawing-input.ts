/**
 * What the model sees for a state: the strokes of a dataset example (drawn by the same generator the factory
 * trained on) or of the reader's sketch, rasterised by the same code (drawings/rasterize.ts), so a sketch is
 * in distribution. Pure.
 */
import { drawSample } from './drawings/generate.ts';
import { createRng } from './drawings/random.ts';
import { rasterizeInk } from './drawings/rasterize.ts';
import type { Stroke } from './drawings/types.ts';
import type { Point, Sketch } from './sketch-codec.ts';
import { TASK } from '../models/convnet/contract.ts';
import { CLASSES, type ConvnetState, type Example } from './state.ts';

/** The reader's pen: 1.6 px of the 32-pixel image, inside the dataset's 1–2 px. */
const PEN_WIDTH = 0.05;

export function exampleStrokes(example: Example): Stroke[] {
  // The task the model was trained on: for the hard task, with its clutter and occluder.
  return drawSample(CLASSES.indexOf(example.label), createRng(example.seed), { task: TASK }).strokes;
}

export function sketchStrokes(sketch: Sketch, width = PEN_WIDTH): Stroke[] {
  return sketch.map((points) => ({ points: Float32Array.from(points.flat()), width, part: 0, curved: false }));
}

/** An example's strokes as a sketch, so the reader can draw over it (widths become the reader's pen). */
export function strokesToSketch(strokes: readonly Stroke[]): Point[][] {
  return strokes.map((s) => {
    const points: Point[] = [];
    for (let i = 0; i + 1 < s.points.length; i += 2) points.push([s.points[i]!, s.points[i + 1]!]);
    return points;
  });
}

function stateStrokes(s: Pick<ConvnetState, 'example' | 'sketch'>): Stroke[] {
  return s.example ? exampleStrokes(s.example) : sketchStrokes(s.sketch);
}

export function stateInk(s: Pick<ConvnetState, 'example' | 'sketch'>): Float32Array {
  return rasterizeInk(stateStrokes(s));
}

/** A random dataset example (the "draw an example" button): any class, a seed past the training seeds' use. */
export function randomExample(random: () => number): Example {
  return { label: CLASSES[Math.floor(random() * CLASSES.length)]!, seed: 1 + Math.floor(random() * 99_998) };
}
