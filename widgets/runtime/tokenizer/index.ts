/** Public surface of the tokenizer, for widgets and for the model factory. */
export { BpeTokenizer, type TokenSpan } from './bpe.ts';
export { bytesToText, textToBytes } from './bytes.ts';
export { parseTokenizerJSON, type TokenizerJSON } from './format.ts';
export { PRETOKENIZER, forEachChunk, pretokenize } from './pretokenize.ts';
