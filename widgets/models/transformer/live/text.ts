/**
 * Words shared by the two live figures: what to say about the reader's text (empty, too long) and how
 * to show a token (its leading space, newlines) so that it reads and speaks well. Pure.
 */
import type { TextWindow } from '../text-window.ts';

const number = new Intl.NumberFormat('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${number.format(n)} ${n === 1 ? one : many}`;

export const EMPTY_TEXT_MESSAGE = 'No text yet: type or paste something for the model to read.';

/** One line about the text the model reads: how many tokens of how many. */
export function readLine(win: TextWindow): string {
  if (win.ids.length === 0) return EMPTY_TEXT_MESSAGE;
  return `The model reads ${plural(win.ids.length, 'token')} of your text.`;
}

/** Empty when the whole text fits in the model's context. */
export function overLengthMessage(win: TextWindow): string {
  if (!win.truncated) return '';
  const dropped = win.droppedTokensExact ? plural(win.droppedTokens, 'token') : `about ${plural(win.droppedTokens, 'token')}`;
  return (
    `Longer than the model's context: it reads only the first ${plural(win.context, 'token')}. ` +
    `The remaining ${dropped} (${plural(win.droppedCharacters, 'character')}) are left out.`
  );
}

/**
 * A token's display form (tokenizer.tokenText / Piece.display: "␣the", "<0x0A>") made easier to
 * read: newlines and tabs as arrows. The leading "␣" stays: it is how the reader sees that " the"
 * starts with a space.
 */
export function readableToken(display: string): string {
  return display.replaceAll('<0x0A>', '↵').replaceAll('<0x0D>', '↵').replaceAll('<0x09>', '⇥');
}

/** The same token as words for a screen reader ("␣" would be read as "open box"). */
export function spokenToken(display: string): string {
  const s = display
    .replaceAll('<0x0A>', ' newline ')
    .replaceAll('<0x0D>', ' return ')
    .replaceAll('<0x09>', ' tab ')
    .replace(/^␣/, 'space ')
    .replaceAll('␣', ' space ')
    .replace(/\s+/g, ' ')
    .trim();
  return s || display;
}

/** At most `max` code points, with an ellipsis: a pasted URL must not make a column a page wide. */
export function shorten(text: string, max = 14): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** A class name in a sentence: the universal tagset's "." and "X" say little on their own. */
export function spokenClass(name: string): string {
  if (name === '.') return '“.” (punctuation)';
  if (name === 'X') return 'X (other)';
  return name;
}

export function percent(p: number): string {
  if (!Number.isFinite(p)) return '–';
  const v = p * 100;
  if (v >= 99.5 && v < 100) return '>99%';
  if (v > 0 && v < 0.5) return '<1%';
  return `${Math.round(v)}%`;
}
