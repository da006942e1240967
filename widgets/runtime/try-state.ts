/**
 * "Try this": a control in the prose (src/components/TryThis.astro) or anywhere on the page that puts a
 * figure into a given state. It writes the fields into the page URL under the figure's namespace, exactly as
 * the figure itself would, and tells the figure to read them: a hydrated figure takes the new state at once
 * (kit/url-state.svelte.ts listens), one not hydrated yet reads it from the URL when it mounts. So a try-this
 * control and a shared link are one mechanism, and whatever a control sets, the URL shows.
 *
 * Values are the URL's own strings (what the figure's schema decodes), so an invalid value falls back to the
 * field's default like any link would. Safe to import during SSR: only `applyTryState` touches the DOM.
 */
import { flushStateWrites } from './url-sync.ts';

/** The window event a figure's URL state listens for; `detail.figure` is the figure id (its namespace). */
export const TRY_STATE_EVENT = 'dz:try-state';

export interface TryStateDetail {
  figure: string;
}

/** The fields of one figure, as URL strings: { text: 'The cat…', layer: '2' }. */
export type TryFields = Readonly<Record<string, string>>;

/** The link a try-this control carries: the figure's state alone, anchored at the figure (works without JS). */
export function tryStateHref(figureId: string, fields: TryFields): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) params.set(`${figureId}.${key}`, value);
  const query = params.toString();
  return `${query ? `?${query}` : ''}#${figureId}`;
}

/** `search` with the figure's fields set (other figures' keys and this figure's other fields kept). */
export function searchWith(search: string, figureId: string, fields: TryFields): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(fields)) params.set(`${figureId}.${key}`, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Sets the figure's state from a try-this control: the URL first, then the figure, if it is listening. */
export function applyTryState(figureId: string, fields: TryFields): void {
  if (typeof window === 'undefined') return;
  // Pending debounced writes first, so the figure's other fields in the URL are what the reader sees now.
  flushStateWrites();
  const { pathname, search, hash } = window.location;
  try {
    history.replaceState(history.state, '', `${pathname}${searchWith(search, figureId, fields)}${hash}`);
  } catch {
    // rate-limited (Safari): the figure still gets the event below and writes the URL itself
  }
  window.dispatchEvent(new CustomEvent<TryStateDetail & { fields: TryFields }>(TRY_STATE_EVENT, { detail: { figure: figureId, fields } }));
}

/** Parses a control's data-try-state attribute: a JSON object of strings; anything else is no state. */
export function parseTryFields(raw: string | undefined | null): TryFields | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.every(([, v]) => typeof v === 'string')) return null;
    return Object.fromEntries(entries) as TryFields;
  } catch {
    return null;
  }
}
