/**
 * The words the tokenizer view shows around its pieces: counts, the over-length notice, and a label
 * for each piece that a screen reader can speak. Pure, so the static page and the live view say the
 * same thing.
 */
import type { Piece, TextWindow } from '../models/transformer/text-window.ts';

const number = new Intl.NumberFormat('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${number.format(n)} ${n === 1 ? one : many}`;

export function countsLine(win: TextWindow): string {
  if (win.characters === 0) return 'No text yet: type or paste something.';
  const tokens = win.truncated && !win.droppedTokensExact ? `about ${plural(win.totalTokens, 'token')}` : plural(win.totalTokens, 'token');
  const perToken = win.totalTokens > 0 ? (win.characters / win.totalTokens).toFixed(2) : '0';
  const words = win.pieces.filter((p) => p.wordStart).length;
  const wordNote = win.truncated ? '' : `, ${plural(words, 'word-initial piece')}`;
  return `${plural(win.characters, 'character')} → ${tokens} (${perToken} characters per token${wordNote})`;
}

/** Empty when the whole text fits in the model's window. */
export function overLengthNotice(win: TextWindow): string {
  if (!win.truncated) return '';
  const dropped = win.droppedTokensExact ? plural(win.droppedTokens, 'token') : `about ${plural(win.droppedTokens, 'token')}`;
  return (
    `Longer than the model's context: it reads only the first ${plural(win.context, 'token')}. ` +
    `The last ${dropped} (${plural(win.droppedCharacters, 'character')}) are cut and shown greyed out below.`
  );
}

export function pieceLabel(piece: Piece): string {
  const start = piece.wordStart ? ', starts a word' : '';
  const partial = piece.partial ? ', part of a character' : '';
  return `token ${piece.index + 1}: ${spoken(piece.display)}, id ${piece.id}${start}${partial}`;
}

/** "␣" reads as "open box" to a screen reader; say what it means. */
function spoken(display: string): string {
  return display.replaceAll('␣', ' space ').replace(/\s+/g, ' ').trim() || display;
}
