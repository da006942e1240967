// Step "memory-train-docs": training text where recall pays, for models/memory/task_train.py, from the same
// generator as the test set (widgets/runtime/memory-tasks/) but from seeds the test set never uses
// (TRAIN_SEED_BASE + i; tasks.ts uses 0 … 31), so no training document is a test document.
//
// Each row of a stage is `context + 1` tokens packed with whole examples, each behind <|endoftext|>: the task
// drawn uniformly, the distance log-uniform between 8 and what the row has left (at most the stage's longest),
// so short recalls are frequent (dense facts: a target every few hundred tokens at most) and every distance up
// to the context occurs. The mask marks the target's tokens, the tokens the loss weights up.
//
//   node models/memory/train-docs.ts   → models/build/memory/train-<context>.{ids,mask}.bin + train-docs.json
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMemoryFiller, readTokenizer } from '../../widgets/models/artifacts.ts';
import { MemoryTaskGenerator, TASKS } from '../../widgets/runtime/memory-tasks/index.ts';
import { mulberry32 } from '../../widgets/runtime/mulberry32.ts';

/** The curriculum: short rows first (cheap for attention), then rows as long as the transformer's context. */
export const STAGES = [
  { context: 256, rows: 8192 },
  { context: 1024, rows: 640 },
] as const;
const TRAIN_SEED_BASE = 1_000_000;
const SLACK = 40; // tokens an example needs beyond its distance (the fact's line, the query, the ending)

const ROOT = join(import.meta.dirname, '..', '..');
const tokenizer = readTokenizer();
const gen = new MemoryTaskGenerator(tokenizer, readMemoryFiller());
const random = mulberry32(20261205);
let seed = TRAIN_SEED_BASE;

const outDir = join(ROOT, 'models', 'build', 'memory');
mkdirSync(outDir, { recursive: true });
const summary = [];
for (const { context, rows } of STAGES) {
  const width = context + 1;
  const ids = new Uint16Array(rows * width);
  const mask = new Uint8Array(rows * width);
  let examples = 0;
  let targets = 0;
  for (let r = 0; r < rows; r++) {
    let at = 0;
    while (at < width) {
      const left = width - at;
      const longest = Math.min(context - SLACK, left - SLACK);
      // too little room for another whole example: a short one, cut where the row ends (its text still counts)
      const distance = longest < 8 ? 8 : Math.round(Math.exp(Math.log(8) + random() * Math.log(longest / 8)));
      const task = TASKS[Math.floor(random() * TASKS.length)]!;
      const ex = gen.generate(task, distance, seed++);
      const doc = [tokenizer.eotId, ...ex.ids];
      const n = Math.min(doc.length, left);
      ids.set(doc.slice(0, n), r * width + at);
      if (ex.target.tokens[1] + 1 <= n) {
        for (let t = ex.target.tokens[0] + 1; t < ex.target.tokens[1] + 1; t++) mask[r * width + at + t] = 1;
        targets++;
      }
      examples++;
      at += n;
    }
  }
  writeFileSync(join(outDir, `train-${context}.ids.bin`), ids);
  writeFileSync(join(outDir, `train-${context}.mask.bin`), mask);
  summary.push({ context, rows, tokens: rows * width, examples, targets });
  console.log(`context ${context}: ${rows} rows, ${examples} examples, ${targets} whole targets`);
}
writeFileSync(join(outDir, 'train-docs.json'), JSON.stringify({ seed_base: TRAIN_SEED_BASE, first_unused_seed: seed, stages: summary }, null, 1));
