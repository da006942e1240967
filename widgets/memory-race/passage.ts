/**
 * The passage the race runs on: the generator's example for (task, distance, seed) and its twin, the same
 * document with another answer in the fact and at the target (chosen as the factory's recall measurement
 * chooses it, models/memory/tasks.ts), and where each model's reading starts. Pure TS.
 */
import type { MemoryExample, MemoryTaskGenerator, TaskName } from '../runtime/memory-tasks/index.ts';
import type { BpeTokenizer } from '../runtime/tokenizer/index.ts';
import { mulberry32 } from '../runtime/mulberry32.ts';

export interface Passage {
  /** The example shown (the twin of the generator's own when `flip`). */
  shown: MemoryExample;
  /** The same document with the other answer: what tells reading the fact from answering by the prior. Null for
   * the reader's own opening, which has no twin. */
  twin: MemoryExample | null;
  /** Tokens before the target: what a model reads to predict it. */
  prefix: number;
  /** The opening is the reader's: no candidate is known to be right. */
  custom: boolean;
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
  return { shown, twin: other, prefix: shown.target.tokens[0], custom: false };
}

/**
 * The reader's opening in place of the passage's: their text, then the task's filler and query, the filler sized
 * so that the blank sits `distance` tokens after the opening's first token (the fact is all of it). An opening
 * longer than that leaves no filler, and the distance is what it is: measured on the encoded document, never
 * assumed. The opening is read up to OPENING_CHARS characters, trailing white space dropped.
 */
export function customPassage(gen: MemoryTaskGenerator, tokenizer: BpeTokenizer, task: TaskName, distance: number, seed: number, opening: string, maxChars: number): Passage {
  const own = Array.from(opening).slice(0, maxChars).join('').replace(/\s+$/u, '');
  const probe = gen.generate(task, distance, seed);
  const spansOf = (ex: MemoryExample) => tokenizer.encodeWithSpans(ex.text);
  const tokenAt = (spans: { start: number }[], char: number) => {
    const i = spans.findIndex((sp) => sp.start >= char);
    return i < 0 ? spans.length : i;
  };
  // Tokens the task's own opening spends from its fact to the filler: the reader's opening replaces them.
  const headFromFact = tokenAt(spansOf(probe), probe.filler.chars[0]) - probe.fact.tokens[0];
  const want = distance - tokenizer.encode(own).length + headFromFact;
  let ex = probe;
  let withFiller = true;
  try {
    ex = want === distance ? probe : gen.generate(task, want, seed);
  } catch {
    withFiller = false; // too short for any filler: the opening, then the query
  }
  const rest = ex.text.slice(withFiller ? ex.filler.chars[0] : ex.filler.chars[1]);
  const text = own + rest;
  const shift = own.length - (withFiller ? ex.filler.chars[0] : ex.filler.chars[1]);
  const spans = tokenizer.encodeWithSpans(text);
  const targetChars: [number, number] = [ex.target.chars[0] + shift, ex.target.chars[1] + shift];
  const t0 = tokenAt(spans, targetChars[0]);
  const t1 = tokenAt(spans, targetChars[1]);
  const fillerChars: [number, number] = withFiller ? [own.length, ex.filler.chars[1] + shift] : [own.length, own.length];
  const factEnd = tokenAt(spans, own.length);
  const shown: MemoryExample = {
    ...ex,
    requested: distance,
    distance: t0,
    text,
    ids: spans.map((sp) => sp.id),
    fact: { text: own, chars: [0, own.length], tokens: [0, factEnd] },
    target: { text: ex.target.text, chars: targetChars, tokens: [t0, t1] },
    distractors: [],
    filler: { ...ex.filler, tokens: withFiller ? tokenAt(spans, fillerChars[1]) - factEnd : 0, chars: fillerChars, sentences: withFiller ? ex.filler.sentences : 0, documents: withFiller ? ex.filler.documents : [] },
  };
  return { shown, twin: null, prefix: t0, custom: true };
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
