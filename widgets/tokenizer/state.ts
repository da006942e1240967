/**
 * The tokenizer view's URL state: the reader's text, e.g. `?tokens.text=The+cat+jumps`.
 * A link keeps all of the text up to 7,500 URL bytes (url-state.ts textField), more than the 128
 * tokens the model reads can take; past that the link is shortened and the figure says so.
 */
import { textField, type StateOf } from '../runtime/url-state.ts';

export const DEFAULT_TEXT = 'The cat jumps over the fence.';

export function tokenizerViewSchema(defaultText: string = DEFAULT_TEXT) {
  return { text: textField({ default: defaultText }) };
}

export type TokenizerViewState = StateOf<ReturnType<typeof tokenizerViewSchema>>;
