// Samples of the classes: one drawer per class (classes/), placed and hand-drawn by place.ts; for the hard
// task (parts.ts), among clutter and behind an occluder (clutter.ts). Both tasks take the same path up to
// the placed object, so the easy task's drawings do not depend on the hard task's code.

import { DRAWERS } from './classes/index.ts';
import { addClutter } from './clutter.ts';
import { TASK_CLASS_COUNT, type Task } from './parts.ts';
import { place } from './place.ts';
import { createRng, type Rng } from './random.ts';
import type { Drawing } from './types.ts';

export interface DrawOptions {
  /** 'easy' (default): the first ten classes; 'hard': all thirteen, with clutter and occlusion. */
  task?: Task;
  /** Clutter and occluder around the object; by default, in the hard task only. `false` with the hard task
   * draws its thirteen classes on clean paper (the factory's "clean" validation set). */
  clutter?: boolean;
}

export function drawSample(label: number, rng: Rng, options: DrawOptions = {}): Drawing {
  const task = options.task ?? 'easy';
  const drawer = DRAWERS[label];
  if (drawer === undefined || label >= TASK_CLASS_COUNT[task]) throw new RangeError(`no class ${label} in the ${task} task`);
  const drawing = place(drawer(rng), label, rng);
  return (options.clutter ?? task === 'hard') ? addClutter(drawing, rng) : drawing;
}

/** `count` drawings from one PRNG stream seeded with `seed`; sample i is of class i mod the task's class
 * count, so every prefix of a multiple of it is balanced. */
export function* sampleDataset(count: number, seed: number, options: DrawOptions = {}): Generator<Drawing> {
  const rng = createRng(seed);
  const classes = TASK_CLASS_COUNT[options.task ?? 'easy'];
  for (let i = 0; i < count; i++) yield drawSample(i % classes, rng, options);
}
