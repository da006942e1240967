/**
 * The passage the race runs on: the generator's example for (task, distance, seed) and its twin, the same
 * document with another answer in the fact and at the target (chosen as the factory's recall measurement
 * chooses it, models/memory/tasks.ts), and where each model's reading starts. Pure TS.
 */
import type { MemoryExample, MemoryTaskGenerator, TaskName } from '../runtime/memory-tasks/index.ts';
import { mulberry32 } from '../runtime/mulberry32.ts';

export interface Passage {
  /** The example shown (the twin of the generator's own when `flip`). */
  shown: MemoryExample;
  /** The same document with the other answer: what tells reading the fact from answering by the prior. */
  twin: MemoryExample;
  /** Tokens before the target: what a model reads to predict it. */
  prefix: number;
}

/** The twin's answer: another candidate, not a distractor's value, drawn from the seed (models/memory/tasks.ts). */
export function twinAnswer(ex: MemoryExample): string {
  const taken = new Set(ex.distractors.map((s) => ` ${s.text.trim()}`));
  const others = ex.candidates.filter((c) => c !== ex.answer && !taken.has(c));
  return others[Math.floor(mulberry32(ex.seed * 7919 + ex.distance)() * others.length)]!;
}

export function makePassage(gen: MemoryTaskGenerator, task: TaskName, distance: number, seed: number, flip: boolean): Passage {
  const base = gen.generate(task, distance, seed);
  const twin = gen.generate(task, distance, seed, { answer: twinAnswer(base) });
  const [shown, other] = flip ? [twin, base] : [base, twin];
  return { shown, twin: other, prefix: shown.target.tokens[0] };
}

/** Where a model with a window of `context` tokens (null: the whole text) starts reading to predict the target. */
export function readStart(prefix: number, context: number | null): number {
  return context === null ? 0 : Math.max(0, prefix - context);
}

/** Whether the fact's first token is inside that reading. */
export function seesFact(ex: MemoryExample, context: number | null): boolean {
  return ex.fact.tokens[0] >= readStart(ex.target.tokens[0], context);
}

/** The passage's three parts as text, for the view: before the filler (the fact in it), the filler, the query. */
export interface PassageParts {
  /** Text before the fact, the fact, and the rest of the opening up to the filler. */
  before: string;
  fact: string;
  afterFact: string;
  filler: string;
  /** The query up to the target, the target, and what follows it. */
  query: string;
  target: string;
  ending: string;
  fillerTokens: number;
}

export function passageParts(ex: MemoryExample): PassageParts {
  const text = ex.text;
  const [f0, f1] = ex.fact.chars;
  const [t0, t1] = ex.target.chars;
  const [a, b] = ex.filler.chars;
  return {
    before: text.slice(0, f0),
    fact: text.slice(f0, f1),
    afterFact: text.slice(f1, a),
    filler: text.slice(a, b),
    query: text.slice(b, t0),
    target: text.slice(t0, t1),
    ending: text.slice(t1),
    fillerTokens: ex.filler.tokens,
  };
}
