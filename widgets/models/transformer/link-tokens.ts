/**
 * Whether a shortened link still gives the model what it read: the text a link carries (url-state.ts cuts a
 * text past the link's byte budget) tokenized into the model's window, compared with the reader's. The
 * budget (7,500 URL bytes) is larger than any 128 tokens can take (13 bytes at most per token, 3 URL bytes
 * per byte), and the cut falls after a word where it can, so the answer is nearly always "the same"; it is
 * checked, not assumed, and the figure says which.
 */
import type { BpeTokenizer } from '../../runtime/tokenizer/index.ts';
import { textWindow } from './text-window.ts';

export function sameWindow(tokenizer: BpeTokenizer, text: string, linkedText: string, context: number): boolean {
  const a = textWindow(tokenizer, text, { context }).ids;
  const b = textWindow(tokenizer, linkedText, { context }).ids;
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** The sentence beside the shortened-link note; '' until the tokenizer has loaded. */
export function linkTokensDetail(tokenizer: BpeTokenizer | null, text: string, linkedText: string, context: number): string {
  if (!tokenizer || text === linkedText) return '';
  const n = textWindow(tokenizer, text, { context }).ids.length;
  return sameWindow(tokenizer, text, linkedText, context)
    ? `The model reads the same ${n} tokens from the link.`
    : 'The model would read different tokens from the link than it reads here.';
}
