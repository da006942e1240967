/**
 * Keys for the token strip that survive an edit. Typing one character in the middle of a text shifts every
 * later token by a place or two; keyed by position, each of those buttons would get new text and be laid out
 * again (128 of them, on every keystroke). Keyed by what carries over, a shifted token keeps its button: the
 * edit inserts or removes a few, and the rest only move.
 *
 * What carries over: the common prefix of the two token lists, then, after it, the tokens that match the old
 * list at one constant shift (the shift that matches most of them; an edit moves everything after it by the
 * same number of tokens). Every other token gets a fresh key. Keys within one list are unique.
 */

export interface KeyedTokens {
  /** What identifies a token for matching: its id and how it is shown (context can change the display). */
  tokens: readonly string[];
  keys: readonly number[];
}

/** Tokens further apart than this are not matched: one keystroke moves the rest by a few tokens at most. */
export const MAX_SHIFT = 8;

export function tokenSignature(id: number, display: string): string {
  return `${id}\u0000${display}`;
}

/**
 * Keys for `tokens`, carried over from `previous` where the same token is at the same place or at one
 * constant shift after the edit; `fresh()` supplies new keys.
 */
export function carryKeys(previous: KeyedTokens | null, tokens: readonly string[], fresh: () => number): number[] {
  const n = tokens.length;
  if (!previous || previous.tokens.length === 0) return Array.from({ length: n }, fresh);
  const old = previous.tokens;
  let prefix = 0;
  while (prefix < n && prefix < old.length && tokens[prefix] === old[prefix]) prefix++;

  let bestShift = 0;
  let bestMatches = 0;
  for (let shift = -MAX_SHIFT; shift <= MAX_SHIFT; shift++) {
    let matches = 0;
    for (let j = prefix; j < n; j++) {
      const from = j - shift;
      // Never reuse a key of the prefix: keys must stay unique.
      if (from >= prefix && from < old.length && tokens[j] === old[from]) matches++;
    }
    if (matches > bestMatches) {
      bestMatches = matches;
      bestShift = shift;
    }
  }

  const keys = new Array<number>(n);
  for (let j = 0; j < n; j++) {
    if (j < prefix) {
      keys[j] = previous.keys[j]!;
      continue;
    }
    const from = j - bestShift;
    keys[j] = bestMatches > 0 && from >= prefix && from < old.length && tokens[j] === old[from] ? previous.keys[from]! : fresh();
  }
  return keys;
}

/** A counter for `carryKeys`: keys never repeat within one figure's lifetime. */
export function keyCounter(start = 0): () => number {
  let next = start;
  return () => next++;
}
