// What the long-range task generator returns: a document with one fact and one recall of it, and the
// ground truth a measurement or a figure needs.

export const TASKS = ['pronoun', 'recall', 'import'] as const;
export type TaskName = (typeof TASKS)[number];

/** The distances the measurements use, in tokens of the shipped tokenizer (8 … 1,536). */
export const DISTANCES = [8, 16, 32, 64, 128, 256, 512, 1024, 1536] as const;

/** A piece of the document: UTF-16 offsets and token indices into `ids`, both half-open [start, end). */
export interface Span {
  text: string;
  chars: [number, number];
  tokens: [number, number];
}

export interface MemoryExample {
  task: TaskName;
  seed: number;
  /** The distance asked for. */
  requested: number;
  /** target.tokens[0] − fact.tokens[0], measured on `ids`: the model predicting the target's first token
   * sees the fact's first token exactly when its context holds at least `distance` tokens. */
  distance: number;
  text: string;
  /** The tokens of `text` (no <|endoftext|> in front). */
  ids: number[];
  /** Where the answer is stated: the name (pronoun), the bound value (recall), the imported class (import). */
  fact: Span;
  /** What a model must produce from memory: the pronoun, the recalled value, the class used. */
  target: Span;
  /** The target's text; one of `candidates`. */
  answer: string;
  /** Every answer the task could have had here, each with a leading space, as the target would read:
   * a model's answer is the candidate with the highest log-probability at the target. */
  candidates: string[];
  /** Token ranges of the other facts of the document (recall's distractor bindings): the same kind of
   * statement, about other keys. */
  distractors: Span[];
  /** Where the filler came from: Brown document ids in order of use, how many filler tokens, and where it sits in
   * `text` (UTF-16 offsets, half-open; a figure shows the opening, the filler and the query apart). */
  filler: { documents: string[]; sentences: number; tokens: number; chars: [number, number] };
}

export interface GenerateOptions {
  /** Force the answer (one of the task's candidates, e.g. " she", " apple", " Date"); otherwise drawn from
   * the seed. Everything else the seed draws stays the same. */
  answer?: string;
}
