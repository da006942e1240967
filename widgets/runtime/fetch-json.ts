/**
 * A JSON file from public/models/, fetched once per page and URL (every figure that asks shares the
 * download), with its failures as sentences for the reader: "The <what> could not be downloaded (…)",
 * "The <what> file is damaged and could not be read." A failed load is forgotten, so that a later call
 * (a figure's "Try again") fetches again.
 */
const loads = new Map<string, Promise<unknown>>();

/** `parse` checks and shapes the JSON; whatever it throws reads as a damaged file. */
export function loadJsonOnce<T>(url: string, what: string, parse: (json: unknown) => T): Promise<T> {
  let load = loads.get(url) as Promise<T> | undefined;
  if (!load) {
    load = (async () => {
      let response: Response;
      try {
        response = await fetch(url);
      } catch {
        throw new Error(`The ${what} could not be downloaded (network error).`);
      }
      if (!response.ok) throw new Error(`The ${what} could not be downloaded (HTTP ${response.status}).`);
      try {
        return parse(await response.json());
      } catch {
        throw new Error(`The ${what} file is damaged and could not be read.`);
      }
    })();
    loads.set(url, load);
    load.catch(() => loads.delete(url));
  }
  return load;
}
