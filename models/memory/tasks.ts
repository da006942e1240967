// Step "memory-tasks": the long-range task set the recall measurement scores (models/memory/recall.py), from
// the browser's own generator (widgets/runtime/memory-tasks/) and the shipped tokenizer and filler.
// For every task, distance of DISTANCES and seed 0 … SEEDS−1: the example and its twin (the same document
// with another answer in the fact and the target, drawn from the seed), so that a model that answers from
// its prior rather than from the fact is caught: it cannot be right on both.
//
//   node models/memory/tasks.ts [--seeds 32]   → models/build/memory/tasks.json
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMemoryFiller, readTokenizer } from '../../widgets/models/artifacts.ts';
import { DISTANCES, MemoryTaskGenerator, TASKS, type MemoryExample } from '../../widgets/runtime/memory-tasks/index.ts';
import { mulberry32 } from '../../widgets/runtime/mulberry32.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const seedsArg = process.argv.indexOf('--seeds');
const SEEDS = seedsArg >= 0 ? Number(process.argv[seedsArg + 1]) : 32;

const tokenizer = readTokenizer();
const gen = new MemoryTaskGenerator(tokenizer, readMemoryFiller());

const compact = (ex: MemoryExample) => ({
  ids: ex.ids,
  fact: ex.fact.tokens,
  target: ex.target.tokens,
  answer: ex.candidates.indexOf(ex.answer),
});

const examples = [];
for (const task of TASKS) {
  for (const distance of DISTANCES) {
    for (let seed = 0; seed < SEEDS; seed++) {
      const ex = gen.generate(task, distance, seed);
      // the twin's answer: another candidate, not one of the distractors' values, drawn from the seed
      const taken = new Set(ex.distractors.map((s) => ` ${s.text.trim()}`));
      const others = ex.candidates.filter((c) => c !== ex.answer && !taken.has(c));
      const other = others[Math.floor(mulberry32(seed * 7919 + distance)() * others.length)]!;
      const twin = gen.generate(task, distance, seed, { answer: other });
      examples.push({
        task,
        distance: ex.distance,
        seed,
        candidates: ex.candidates.map((c) => tokenizer.encode(c)),
        candidate_text: ex.candidates,
        example: compact(ex),
        twin: compact(twin),
      });
    }
  }
}
const out = join(ROOT, 'models', 'build', 'memory', 'tasks.json');
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, JSON.stringify({ tasks: TASKS, distances: DISTANCES, seeds: SEEDS, examples }));
console.log(`${examples.length} examples (+ twins): ${TASKS.length} tasks × ${DISTANCES.length} distances × ${SEEDS} seeds → ${out}`);
