// The filler between a fact and its recall: natural text, Brown Corpus sentences from the validation split
// (text the models never trained on), shipped as a small JSON file (public/models/memory-filler.json, written
// by the factory step models/data/memory-filler.ts), so the browser needs neither the corpus nor the factory.
//
// A gap of exactly n tokens is filled with a contiguous run of sentences from one seeded place in the set
// (running on into the next document when one ends), then closed with one sentence of exactly the missing
// length from anywhere in the set; when none has that length, the run gives back its last sentences
// until one fits. Token counts come from the shipped tokenizer, counted on each sentence as it will appear
// in the document (with its separator in front), which is exact because every piece starts at a
// pre-tokenizer chunk boundary (generate.ts).

import type { BpeTokenizer } from '../tokenizer/index.ts';
import { fillerSentenceAllowed } from './vocab.ts';

export interface FillerDocument {
  /** Brown document id, e.g. "ca11". */
  id: string;
  genre: string;
  sentences: string[];
}

export interface FillerSet {
  version: 1;
  source: string;
  documents: FillerDocument[];
}

/** Validates a filler file; throws a readable error on anything malformed or on a sentence that would leak an
 * answer (the exclusion rule is the generator's, so a stale file cannot slip past it). */
export function parseFillerSet(json: unknown): FillerSet {
  const o = json as Partial<FillerSet> | null;
  if (!o || typeof o !== 'object' || o.version !== 1 || !Array.isArray(o.documents)) throw new Error('filler set: expected { version: 1, documents: [...] }');
  if (o.documents.length === 0) throw new Error('filler set: no documents');
  for (const d of o.documents) {
    if (!d || typeof d.id !== 'string' || typeof d.genre !== 'string' || !Array.isArray(d.sentences) || d.sentences.length === 0) {
      throw new Error('filler set: each document needs id, genre and sentences');
    }
    for (const s of d.sentences) {
      if (typeof s !== 'string' || s.length === 0 || s !== s.trim() || /\s\s|[\r\n\t]/.test(s)) throw new Error(`filler set: malformed sentence in ${d.id}`);
      if (!fillerSentenceAllowed(s)) throw new Error(`filler set: excluded word in ${d.id}: ${s}`);
    }
  }
  return { version: 1, source: String(o.source ?? ''), documents: o.documents };
}

/** One filler sentence in its document form (separator in front) with its token count. */
export interface FillerLine {
  document: number;
  sentence: number;
  text: string;
  tokens: number;
}

/** Every sentence of a filler set in one document form, in set order, with token counts and a length index. */
export class FillerIndex {
  readonly lines: FillerLine[] = [];
  private readonly byLength = new Map<number, number[]>();
  readonly totalTokens: number;

  constructor(set: FillerSet, tokenizer: BpeTokenizer, form: (sentence: string) => string) {
    let total = 0;
    set.documents.forEach((doc, d) =>
      doc.sentences.forEach((s, i) => {
        const text = form(s);
        const tokens = tokenizer.encode(text).length;
        const k = this.lines.length;
        this.lines.push({ document: d, sentence: i, text, tokens });
        const list = this.byLength.get(tokens) ?? [];
        list.push(k);
        this.byLength.set(tokens, list);
        total += tokens;
      }),
    );
    this.totalTokens = total;
  }

  /** Lines totalling exactly `budget` tokens, or null when no such fill is found. `random` draws the start. */
  fill(budget: number, random: () => number): FillerLine[] | null {
    if (budget === 0) return [];
    if (budget < 0 || budget > this.totalTokens) return null;
    const n = this.lines.length;
    const start = Math.floor(random() * n);
    const run: FillerLine[] = [];
    let sum = 0;
    for (let k = start; run.length < n; k = (k + 1) % n) {
      const line = this.lines[k]!;
      if (sum + line.tokens > budget) break;
      run.push(line);
      sum += line.tokens;
    }
    // Close the gap with one sentence of exactly the missing length, giving back run sentences if needed.
    const pick = random();
    for (let giveBack = 0; giveBack <= Math.min(8, run.length); giveBack++) {
      const kept = run.slice(0, run.length - giveBack);
      const rest = budget - kept.reduce((s, l) => s + l.tokens, 0);
      if (rest === 0) return kept;
      const used = new Set(kept);
      const fits = (this.byLength.get(rest) ?? []).map((k) => this.lines[k]!).filter((l) => !used.has(l));
      if (fits.length > 0) return [...kept, fits[Math.floor(pick * fits.length)]!];
    }
    return null;
  }
}
