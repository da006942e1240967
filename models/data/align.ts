// Token → word alignment and the probe label rows of models/build/data/probe-*.bin (models/README.md).
// A token takes the labels of the corpus word in which its first non-whitespace character falls; a
// token that is only whitespace gets −1 everywhere except the genre column; a separator gets −1 everywhere.
import { LABELS, sentposIndex } from './labels.ts';
import type { CorpusWord } from './types.ts';

export const PROBE_COLUMNS = ['word_start', 'upos', 'chunk', 'sentpos', 'genre', 'word_type'] as const;
export const NCOL = PROBE_COLUMNS.length;

/** Per-word label indices (genre is per document). */
export interface WordLabel {
  start: number;
  end: number;
  upos: number;
  chunk: number;
  sentpos: number;
  wordType: number;
}

const UPOS_INDEX = new Map<string, number>(LABELS.upos.map((l, i) => [l, i]));
const CHUNK_INDEX = new Map<string, number>(LABELS.chunk.map((l, i) => [l, i]));

export function wordLabels(words: readonly CorpusWord[], wordTypes: ReadonlyMap<string, number>): WordLabel[] {
  let sentence = -1;
  let position = 0;
  return words.map((w) => {
    if (w.sentence !== sentence) {
      sentence = w.sentence;
      position = 0;
    }
    position++;
    const upos = UPOS_INDEX.get(w.upos);
    const chunk = CHUNK_INDEX.get(w.chunk);
    const wordType = wordTypes.get(w.text.toLowerCase());
    if (upos === undefined || chunk === undefined || wordType === undefined) {
      throw new Error(`Unlabelled word ${JSON.stringify(w)}`);
    }
    return { start: w.start, end: w.end, upos, chunk, sentpos: sentposIndex(position), wordType };
  });
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/**
 * Label rows for the tokens of one document, appended to `out` (6 int32 per token).
 * `spans` are the tokens' [start, end) in `text` (UTF-16), in order; `words` are sorted by start.
 */
export function probeRows(
  text: string,
  spans: readonly { start: number; end: number }[],
  words: readonly WordLabel[],
  genre: number,
  out: number[],
): void {
  let w = 0;
  for (const { start, end } of spans) {
    let p = start;
    while (p < end && isSpace(text.charCodeAt(p))) p++;
    while (w < words.length && words[w]!.end <= p) w++;
    const word = words[w];
    if (p >= end || word === undefined || word.start > p) {
      out.push(-1, -1, -1, -1, genre, -1);
      continue;
    }
    out.push(p === word.start ? 1 : 0, word.upos, word.chunk, word.sentpos, genre, word.wordType);
  }
}

/** The rows of a separator token. */
export function separatorRow(out: number[]): void {
  out.push(-1, -1, -1, -1, -1, -1);
}
