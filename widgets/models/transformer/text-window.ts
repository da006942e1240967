/**
 * The reader's text → what the model sees: token ids, one piece per token with what it shows, and
 * the over-length policy.
 *
 * Policy: the model reads at most `context` tokens (the card's architecture.context, 128). Longer
 * text is cut and the FIRST `context` tokens are kept: the reader typed or pasted from the top, and
 * the figures talk about "the cat" at the start of a sentence. The result says that the text was
 * cut, where (a UTF-16 offset, for highlighting), and how much was dropped.
 *
 * Speed: encoding 100 KB takes ~50 ms on a slow machine, too much per keystroke, and only the
 * first 128 tokens matter. So the encoder is fed growing prefixes that end at a *safe cut*: a space
 * right after a non-space character. With the shipped pre-tokenizer no chunk crosses such a point
 * (a chunk containing a non-space character can take a space only as its first character) and no
 * chunk before it depends on what follows it, so the prefix's tokens are exactly the first tokens of
 * the whole text. With any other pre-tokenizer pattern, or text with no such point, the whole text
 * is encoded. The number of dropped tokens is exact when the dropped part is short
 * (`exactCountLimit`, default 20,000 UTF-16 units), and an estimate from the kept part's
 * characters per token otherwise (`droppedTokensExact` says which). The exact count is kept per
 * sentence (remainderTokens), so a keystroke re-encodes one sentence of the remainder, not all of it.
 *
 * Never throws for any string (empty, huge, emoji, CJK, RTL, zero-width, combining, lone surrogates);
 * only a context that is not a positive integer (a programming error) throws.
 */

import { PRETOKENIZER, type BpeTokenizer, type TokenSpan } from '../../runtime/tokenizer/index.ts';
import { byteLength, textToBytes } from '../../runtime/tokenizer/bytes.ts';
import { displayBytes } from '../../runtime/tokenizer/display.ts';

export interface Piece {
  /** Token position 0…tokens−1. */
  index: number;
  id: number;
  /** UTF-16 offsets of the characters this token (partly) covers, in the reader's text. */
  start: number;
  end: number;
  /**
   * What a view shows for the piece: printable characters as themselves, "␣" for a space,
   * <0xNN> for control and invisible characters, and a character that this token holds only part
   * of as ⟨char k–m/n⟩ (bytes k…m of its n UTF-8 bytes), so both halves of a split emoji read
   * as that emoji rather than as unreadable bytes.
   */
  display: string;
  /** The token's bytes in hex, e.g. "F0 9F", for a tooltip. */
  hex: string;
  /** True when the token splits a multi-byte character. */
  partial: boolean;
  /** True when this piece begins a word (the tokenizer's rule: leading space, or after whitespace). */
  wordStart: boolean;
}

export interface TextWindow {
  /** The ids the model reads (length ≤ context; 0 for empty text, which the model cannot run on). */
  ids: number[];
  pieces: Piece[];
  context: number;
  /** Characters (code points; a lone surrogate counts as one) and UTF-16 length of the whole text. */
  characters: number;
  length: number;
  /** Whether the text was longer than the context and has been cut. */
  truncated: boolean;
  /** The model sees text[0 … keptEnd) (UTF-16 offsets); the rest is dropped. */
  keptEnd: number;
  keptCharacters: number;
  /** Tokens of the whole text (kept + dropped); exact iff droppedTokensExact. */
  totalTokens: number;
  droppedTokens: number;
  droppedTokensExact: boolean;
  droppedCharacters: number;
  /** The last kept token ends inside a character (its other bytes were dropped). */
  cutInsideCharacter: boolean;
}

export interface TextWindowOptions {
  /** Tokens the model reads: the card's architecture.context. */
  context: number;
  /** Encode the dropped remainder exactly when it is at most this many UTF-16 units. */
  exactCountLimit?: number;
}

/** Prefix lengths to try, in UTF-16 units; English BPE averages ~3 characters per token. */
const FIRST_PREFIX_PER_TOKEN = 16;

export function textWindow(tokenizer: BpeTokenizer, text: string, options: TextWindowOptions): TextWindow {
  const context = options.context;
  if (!Number.isInteger(context) || context < 1) throw new RangeError(`context must be a positive integer, got ${context}`);
  const exactCountLimit = options.exactCountLimit ?? 20_000;
  const { spans, cut } = firstTokens(tokenizer, text, context);

  const keptSpans = spans.slice(0, context);
  const ids = keptSpans.map((s) => s.id);
  const truncated = spans.length > context || cut < text.length;
  const keptEnd = keptSpans.length === 0 ? 0 : keptSpans[keptSpans.length - 1].end;

  // Tokens beyond the context: those already encoded in the prefix, plus the rest of the text.
  let droppedTokens = spans.length - keptSpans.length;
  let droppedTokensExact = true;
  if (cut < text.length) {
    if (text.length - cut <= exactCountLimit) {
      droppedTokens += remainderTokens(tokenizer, text, cut);
    } else {
      const perUnit = spans.length / Math.max(1, cut);
      droppedTokens += Math.max(1, Math.round((text.length - cut) * perUnit));
      droppedTokensExact = false;
    }
  }

  const characters = countCodePoints(text, 0, text.length);
  const keptCharacters = countCodePoints(text, 0, keptEnd);
  const pieces = describePieces(tokenizer, text, keptSpans);
  const last = pieces[pieces.length - 1];
  return {
    ids,
    pieces,
    context,
    characters,
    length: text.length,
    truncated,
    keptEnd,
    keptCharacters,
    totalTokens: keptSpans.length + droppedTokens,
    droppedTokens,
    droppedTokensExact,
    droppedCharacters: characters - keptCharacters,
    cutInsideCharacter: truncated && last !== undefined && last.partial && endsInsideCharacter(tokenizer, text, keptSpans),
  };
}

/**
 * Spans of at least `context + 1` leading tokens of `text` (or all of them), and the UTF-16 offset
 * up to which they were encoded (`cut`; text.length when the whole text was encoded).
 */
function firstTokens(tokenizer: BpeTokenizer, text: string, context: number): { spans: TokenSpan[]; cut: number } {
  if (tokenizer.pretokenizer === PRETOKENIZER) {
    for (let n = (context + 1) * FIRST_PREFIX_PER_TOKEN; n < text.length; n *= 4) {
      const cut = safeCutAtOrBefore(text, n);
      if (cut <= 0) continue; // no safe point yet: try a longer prefix
      const spans = tokenizer.encodeWithSpans(text.slice(0, cut));
      // The prefix's tokens are the text's first tokens; the rest of the text adds at least one.
      if (spans.length >= context) return { spans, cut };
    }
  }
  return { spans: tokenizer.encodeWithSpans(text), cut: text.length };
}

/**
 * Tokens of text[from…], counted sentence by sentence: the remainder is cut at every space that follows
 * ".", "!" or "?" (safe cuts, as above: the tokens of the pieces are exactly the tokens of the whole, which
 * holds only for the shipped pre-tokenizer, the one firstTokens checks before it leaves a remainder), and each
 * piece's count is remembered by its text. A keystroke changes one sentence at most, so it encodes that one and
 * looks the others up, instead of re-encoding up to `exactCountLimit` characters on every keystroke.
 */
function remainderTokens(tokenizer: BpeTokenizer, text: string, from: number): number {
  let counts = sentenceCounts.get(tokenizer);
  if (!counts || counts.size > SENTENCE_CACHE_LIMIT) {
    counts = new Map();
    sentenceCounts.set(tokenizer, counts);
  }
  let total = 0;
  let start = from;
  const piece = (end: number) => {
    const s = text.slice(start, end);
    let n = counts.get(s);
    if (n === undefined) {
      n = tokenizer.encode(s).length;
      counts.set(s, n);
    }
    total += n;
    start = end;
  };
  for (let c = from + 1; c < text.length; c++) {
    if (text.charCodeAt(c) !== 0x20) continue;
    const before = text.charCodeAt(c - 1);
    if (before === 0x2e || before === 0x21 || before === 0x3f) piece(c);
  }
  if (start < text.length) piece(text.length);
  return total;
}

// Per tokenizer; emptied past the limit (a remainder of 20,000 characters has a few hundred sentences).
const sentenceCounts = new WeakMap<BpeTokenizer, Map<string, number>>();
const SENTENCE_CACHE_LIMIT = 20_000;

const WHITE = /\s/u;

/**
 * The largest c ≤ n with text[c] = ' ' and text[c−1] not whitespace, or −1. Searches back at most
 * a few thousand units: a longer stretch with no such point is not worth scanning for.
 */
export function safeCutAtOrBefore(text: string, n: number): number {
  const stop = Math.max(1, n - 4096);
  for (let c = Math.min(n, text.length - 1); c >= stop; c--) {
    if (text.charCodeAt(c) === 0x20 && !WHITE.test(text[c - 1])) return c;
  }
  return -1;
}

/** Code points in text[start, end): a surrogate pair counts once, a lone surrogate once. */
export function countCodePoints(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * One Piece per span. Walks the characters of the kept text and the tokens' bytes together (both
 * measured in bytes from the text start), so each token knows which characters it covers whole and
 * which only in part.
 */
function describePieces(tokenizer: BpeTokenizer, text: string, spans: readonly TokenSpan[]): Piece[] {
  const pieces: Piece[] = [];
  let unit = 0; // UTF-16 offset of the next character not yet entered
  let charStartByte = 0; // byte offset of the current character
  let charBytes = 0; // its byte length (0 before the first)
  let charText = '';
  let tokenStart = 0; // byte offset of the current token
  let prevId: number | null = null;
  for (let t = 0; t < spans.length; t++) {
    const { id, start, end } = spans[t];
    const bytes = tokenizer.tokenBytes(id);
    const tokenEnd = tokenStart + bytes.length;
    let display = '';
    let partial = false;
    let b = tokenStart;
    while (b < tokenEnd) {
      if (b >= charStartByte + charBytes) {
        // enter the next character
        const cp = text.codePointAt(unit);
        if (cp === undefined) break; // cannot happen for spans of this text; never loop forever
        charStartByte += charBytes;
        charBytes = byteLength(cp);
        charText = text.slice(unit, unit + (cp > 0xffff ? 2 : 1));
        unit += charText.length;
      }
      const from = b - charStartByte;
      const to = Math.min(tokenEnd, charStartByte + charBytes) - charStartByte; // exclusive
      if (from === 0 && to === charBytes) {
        display += displayBytes(textToBytes(charText));
      } else {
        partial = true;
        display += partialDisplay(charText, from, to, charBytes);
      }
      b = charStartByte + to;
    }
    pieces.push({
      index: t,
      id,
      start,
      end,
      display: display === '' ? tokenizer.tokenText(id) : display,
      hex: Array.from(bytes, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' '),
      partial,
      wordStart: tokenizer.isWordStart(id, prevId),
    });
    prevId = id;
    tokenStart = tokenEnd;
  }
  return pieces;
}

/** Bytes from…to−1 of a character of n bytes: "⟨🙂 1–2/4⟩"; invisible characters stay as bytes. */
function partialDisplay(charText: string, from: number, to: number, n: number): string {
  const whole = displayBytes(textToBytes(charText));
  // displayBytes shows a visible character as itself; anything else comes back as <0xNN> bytes,
  // and for those we show just this token's bytes.
  if (whole.startsWith('<0x')) return displayBytes(textToBytes(charText).subarray(from, to));
  const range = to - from === 1 ? `${from + 1}` : `${from + 1}–${to}`;
  return `⟨${whole} ${range}/${n}⟩`;
}

function endsInsideCharacter(tokenizer: BpeTokenizer, text: string, spans: readonly TokenSpan[]): boolean {
  let bytes = 0;
  for (const s of spans) bytes += tokenizer.tokenBytes(s.id).length;
  const keptEnd = spans[spans.length - 1].end;
  return textToBytes(text.slice(0, keptEnd)).length !== bytes;
}
