/**
 * The tokenizer view's URL state: the reader's text, e.g. `?tokens.text=The+cat+jumps`.
 * A link keeps the first 1,000 UTF-16 units, more than the 128 tokens the model reads (English
 * averages about 3 characters per token here), so a link shows the same pieces.
 */
import { textField, type StateOf } from '../runtime/url-state.ts';

export const DEFAULT_TEXT = 'The cat jumps over the fence.';
export const LINK_TEXT_LIMIT = 1000;

export function tokenizerViewSchema(defaultText: string = DEFAULT_TEXT) {
  return { text: textField({ default: defaultText, maxLength: LINK_TEXT_LIMIT }) };
}

export type TokenizerViewState = StateOf<ReturnType<typeof tokenizerViewSchema>>;
