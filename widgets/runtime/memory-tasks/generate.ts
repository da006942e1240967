// Long-range task examples: a fact early, filler, a recall of the fact exactly `distance` tokens later
// (tokens of the shipped tokenizer). Deterministic per (task, distance, seed); the answer is drawn from a
// random stream of its own, so forcing another answer (options.answer) changes nothing else.
//
//   const gen = new MemoryTaskGenerator(tokenizer, parseFillerSet(json));
//   const ex = gen.generate('recall', 256, 7);   // ex.distance === 256, ex.target.text === ex.answer

import { mulberry32 } from '../mulberry32.ts';
import type { BpeTokenizer } from '../tokenizer/index.ts';
import { FillerIndex, type FillerSet } from './filler.ts';
import { FILLER_FORMS, planTask, type FillerForm, type Piece, type TaskPlan } from './tasks.ts';
import type { GenerateOptions, MemoryExample, Span, TaskName } from './types.ts';

const TASK_SALT: Record<TaskName, number> = { pronoun: 0x9e3779b1, recall: 0x85ebca6b, import: 0xc2b2ae35 };

/** A 32-bit seed for one stream of one example. The distance does not count: one seed draws the same names,
 * phrasing and filler passage at every distance (the passage only grows), so a reader dragging the distance
 * sees one document stretch, and a measurement compares distances on paired documents. */
function streamSeed(task: TaskName, seed: number, stream: number): number {
  let h = (TASK_SALT[task] ^ Math.imul(seed | 0, 0x27d4eb2d) ^ Math.imul(stream, 0x1b873593)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export class MemoryTaskGenerator {
  private readonly indexes = new Map<FillerForm, FillerIndex>();

  private readonly tokenizer: BpeTokenizer;
  private readonly filler: FillerSet;

  constructor(tokenizer: BpeTokenizer, filler: FillerSet) {
    this.tokenizer = tokenizer;
    this.filler = filler;
  }

  private index(form: FillerForm): FillerIndex {
    let index = this.indexes.get(form);
    if (!index) {
      index = new FillerIndex(this.filler, this.tokenizer, FILLER_FORMS[form]);
      this.indexes.set(form, index);
    }
    return index;
  }

  /** One example; throws a RangeError when `distance` is shorter than every layout of the task allows. */
  generate(task: TaskName, distance: number, seed: number, options: GenerateOptions = {}): MemoryExample {
    if (!Number.isInteger(distance) || distance < 1) throw new RangeError(`distance must be a positive integer, got ${distance}`);
    const layoutRandom = mulberry32(streamSeed(task, seed, 1));
    const answerRandom = mulberry32(streamSeed(task, seed, 2));
    const draw = <T>(items: readonly T[]): T => items[Math.floor(layoutRandom() * items.length)]!;
    const plan = planTask(task, draw, (c) => Math.floor(answerRandom() * c.length), options.answer);
    const count = (pieces: Piece[]) => pieces.reduce((s, p) => s + this.tokenizer.encode(p.text).length, 0);
    // layouts in a seeded order: the first whose fixed part fits and whose gap can be filled exactly
    const order = plan.layouts.map((l) => ({ l, k: layoutRandom() })).sort((a, b) => a.k - b.k);
    for (const { l: layout } of order) {
      const factAt = layout.head.findIndex((p) => p.role === 'fact');
      const targetAt = layout.tail.findIndex((p) => p.role === 'target');
      const fixed = count(layout.head.slice(factAt)) + count(layout.tail.slice(0, targetAt));
      const lines = this.index(layout.fillerForm).fill(distance - fixed, layoutRandom);
      if (lines === null) continue;
      const pieces = [...layout.head, ...lines.map((line) => ({ text: line.text })), ...layout.tail];
      const fillerStart = layout.head.reduce((s, p) => s + p.text.length, 0);
      const filler = {
        documents: lines.map((line) => this.filler.documents[line.document]!.id).filter((id, i, all) => id !== all[i - 1]),
        sentences: lines.length,
        tokens: lines.reduce((s, line) => s + line.tokens, 0),
        chars: [fillerStart, fillerStart + lines.reduce((s, line) => s + line.text.length, 0)] as [number, number],
      };
      return this.assemble(task, seed, distance, plan, pieces, filler);
    }
    throw new RangeError(`no ${task} layout fits a distance of ${distance} tokens`);
  }

  private assemble(task: TaskName, seed: number, requested: number, plan: TaskPlan, pieces: Piece[], filler: MemoryExample['filler']): MemoryExample {
    const text = pieces.map((p) => p.text).join('');
    const spans = this.tokenizer.encodeWithSpans(text);
    const spanOf = (at: number): Span => {
      const start = pieces.slice(0, at).reduce((s, p) => s + p.text.length, 0);
      const end = start + pieces[at]!.text.length;
      // the piece's tokens are those that start inside it (every piece starts at a chunk boundary)
      let first = spans.findIndex((s) => s.start >= start);
      if (first < 0) first = spans.length;
      let last = first;
      while (last < spans.length && spans[last]!.start < end) last++;
      return { text: pieces[at]!.text, chars: [start, end], tokens: [first, last] };
    };
    const fact = spanOf(pieces.findIndex((p) => p.role === 'fact'));
    const target = spanOf(pieces.findIndex((p) => p.role === 'target'));
    return {
      task,
      seed,
      requested,
      distance: target.tokens[0] - fact.tokens[0],
      text,
      ids: spans.map((s) => s.id),
      fact,
      target,
      answer: plan.answer,
      candidates: plan.candidates,
      distractors: pieces.flatMap((p, i) => (p.role === 'distractor' ? [spanOf(i)] : [])),
      filler,
    };
  }
}
