/**
 * The browser's copy of the tokenizer: fetched once per page (every widget on the page shares it) from
 * public/models/, the same file and the same TS code the model factory used.
 */
import { loadJsonOnce } from '../fetch-json.ts';
import { BpeTokenizer } from './bpe.ts';

/** Rejects with a message meant for the reader; a failed load is forgotten so a later call retries. */
export function loadTokenizer(url: string): Promise<BpeTokenizer> {
  return loadJsonOnce(url, 'tokenizer', (json) => BpeTokenizer.fromJSON(json));
}
