// Step "drawings": the procedural drawing dataset of the convnet issue (widgets/convnet/CONTRACT.md,
// "Dataset files"), for the task the shipped model is trained on (TASK in widgets/models/convnet/contract.ts).
// Train 30,000 drawings (seed 1) and validation 5,000 (seed 2), 32 × 32, with per-pixel part, orientation and
// shape labels, into models/build/drawings/; for the hard task also "clean" validation drawings (seed 3: its
// classes without clutter or occluder), which show what the clutter costs.
//
//   node models/data/drawings.ts

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleDataset } from '../../widgets/convnet/drawings/generate.ts';
import { ORIENTATION_BINS, PARTS, SHAPES, taskClasses } from '../../widgets/convnet/drawings/parts.ts';
import { TASK } from '../../widgets/models/convnet/contract.ts';
import { rasterize } from '../../widgets/convnet/drawings/rasterize.ts';

const SIZE = 32;
const CLASSES = taskClasses(TASK);
const SPLITS: Record<string, { count: number; seed: number; clutter?: boolean }> = {
  train: { count: 30_000, seed: 1 },
  val: { count: 5_000, seed: 2 },
  ...(TASK === 'hard' ? { 'val-clean': { count: 5_000, seed: 3, clutter: false } } : {}),
};
const OUT = join(import.meta.dirname, '..', 'build', 'drawings');

function writeSplit(name: string, count: number, seed: number, clutter?: boolean): void {
  const px = SIZE * SIZE;
  const images = new Uint8Array(count * px);
  const labels = new Uint8Array(count);
  const parts = new Uint8Array(count * px);
  const orientation = new Uint8Array(count * px);
  const shape = new Uint8Array(count * px);
  const perClass = new Array<number>(CLASSES.length).fill(0);
  let inked = 0;
  let i = 0;
  for (const drawing of sampleDataset(count, seed, { task: TASK, clutter })) {
    const r = rasterize(drawing.strokes, SIZE);
    for (let k = 0; k < px; k++) images[i * px + k] = Math.round(r.ink[k]! * 255);
    parts.set(r.part, i * px);
    orientation.set(r.orientation, i * px);
    shape.set(r.shape, i * px);
    labels[i] = drawing.label;
    perClass[drawing.label]!++;
    for (let k = 0; k < px; k++) if (r.part[k]! > 0) inked++;
    i++;
  }
  const files = { images, labels, parts, orientation, shape };
  for (const [kind, bytes] of Object.entries(files)) writeFileSync(join(OUT, `${name}-${kind}.bin`), bytes);
  console.log(`${name}: ${count} drawings (seed ${seed}), per class ${perClass.join(' ')}, ${(inked / count).toFixed(1)} inked pixels per image`);
}

const start = performance.now();
mkdirSync(OUT, { recursive: true });
for (const [name, { count, seed, clutter }] of Object.entries(SPLITS)) writeSplit(name, count, seed, clutter);
const meta = {
  task: TASK,
  size: SIZE,
  classes: CLASSES,
  parts: PARTS,
  orientation_bins: ORIENTATION_BINS,
  shapes: SHAPES,
  ...SPLITS,
};
writeFileSync(join(OUT, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
console.log(`wrote ${OUT} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
