/**
 * GPT-2 style pre-tokenisation: text is cut into chunks (words with their leading space, numbers,
 * runs of punctuation/symbols, whitespace runs) and BPE merges never cross a chunk boundary. That is
 * what makes tokens line up with words, and lets the encoder cache one result per distinct chunk.
 *
 * Differences from GPT-2's pattern, and why:
 * - Unicode classes with the /u flag, so any script (and any lone surrogate, which /u treats as a
 *   code point of its own) is classified instead of falling through.
 * - Combining marks (\p{M}) stay with letters, so decomposed "e\u0301" or Devanagari vowel signs
 *   are not split off from their base letter.
 * - `\s*[\r\n]+` (as in GPT-4's pattern) keeps a line break run such as a paragraph's "\n\n" in
 *   one chunk; GPT-2 would cut it into "\n" + "\n".
 * - `\s+(?!\S)` keeps the last space of a run for the following word, as in GPT-2, so " word"
 *   is the same chunk whatever precedes it.
 */

const PRETOKENIZER_SOURCE =
  String.raw`'(?:[sdmt]|ll|ve|re)| ?[\p{L}\p{M}]+| ?\p{N}+| ?[^\s\p{L}\p{M}\p{N}]+|\s*[\r\n]+|\s+(?!\S)|\s+`;
const PRETOKENIZER_FLAGS = 'gu';

/** The pattern as it is stored in tokenizer.json: "/source/flags". */
export const PRETOKENIZER = `/${PRETOKENIZER_SOURCE}/${PRETOKENIZER_FLAGS}`;

/** Parses "/source/flags" (the stored form); always adds the g flag and requires u. */
export function parsePretokenizer(stored: string): RegExp {
  const slash = stored.lastIndexOf('/');
  if (!stored.startsWith('/') || slash <= 0) throw new Error(`pretokenizer must look like /source/flags, got ${stored}`);
  const flags = stored.slice(slash + 1);
  if (!flags.includes('u')) throw new Error('pretokenizer needs the u flag (Unicode classes, lone surrogates)');
  return new RegExp(stored.slice(1, slash), flags.includes('g') ? flags : flags + 'g');
}

export const DEFAULT_PATTERN = new RegExp(PRETOKENIZER_SOURCE, PRETOKENIZER_FLAGS);

/**
 * Calls `visit(chunk, start)` for consecutive chunks that concatenate to exactly `text`.
 * The shipped pattern matches every character, but the pattern comes from a JSON file, so gaps
 * (text no alternative matched) are emitted as chunks of their own and empty matches are skipped:
 * losslessness never depends on the pattern being right.
 */
export function forEachChunk(text: string, pattern: RegExp, visit: (chunk: string, start: number) => void): void {
  const re = new RegExp(pattern.source, pattern.flags); // own lastIndex: safe to re-enter
  let pos = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      // Step over a whole code point: a /u regex must not resume inside a surrogate pair.
      re.lastIndex += (text.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
      continue;
    }
    if (m.index > pos) visit(text.slice(pos, m.index), pos);
    visit(m[0], m.index);
    pos = m.index + m[0].length;
  }
  if (pos < text.length) visit(text.slice(pos), pos);
}

/** The chunks of `text`, in order. */
export function pretokenize(text: string, pattern: RegExp = DEFAULT_PATTERN): string[] {
  const out: string[] = [];
  forEachChunk(text, pattern, (chunk) => out.push(chunk));
  return out;
}
