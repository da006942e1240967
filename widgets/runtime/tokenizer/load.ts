/**
 * The browser's copy of the tokenizer: fetched once per page (every widget on the page shares it) from
 * public/models/, the same file and the same TS code the model factory used.
 */
import { BpeTokenizer } from './bpe.ts';

const loads = new Map<string, Promise<BpeTokenizer>>();

/** Rejects with a message meant for the reader; a failed load is forgotten so a later call retries. */
export function loadTokenizer(url: string): Promise<BpeTokenizer> {
  let load = loads.get(url);
  if (!load) {
    load = (async () => {
      let response: Response;
      try {
        response = await fetch(url);
      } catch {
        throw new Error('The tokenizer could not be downloaded (network error).');
      }
      if (!response.ok) throw new Error(`The tokenizer could not be downloaded (HTTP ${response.status}).`);
      try {
        return BpeTokenizer.fromJSON(await response.json());
      } catch {
        throw new Error('The tokenizer file is damaged and could not be read.');
      }
    })();
    loads.set(url, load);
    load.catch(() => loads.delete(url));
  }
  return load;
}
