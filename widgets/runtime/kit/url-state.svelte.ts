/**
 * A figure's state, kept in the page URL under the figure's id (its namespace): read once the figure is
 * mounted, written back (debounced, see url-sync.ts) on every change after that, and flushed when the
 * reader copies a link (Figure.astro) or leaves the page. Create it while the view's component initialises:
 *
 *   const url = urlState(schema, figureId);
 *   url.current.text          // reactive
 *   url.update({ layer: 2 })  // a new state object; the URL follows
 *
 * Until the figure is mounted `current` holds the schema's defaults, so the server-rendered HTML and the
 * first client render agree; `ready` turns true once the URL has been read. Writing starts only then:
 * writing earlier would overwrite a shared link with the defaults. A "try this" control in the prose
 * (../try-state.ts) sets fields in the URL and announces it; the figure then re-reads its state from the URL.
 */
import { onMount } from 'svelte';
import { defaultState, type Schema, type StateOf } from '../url-state.ts';
import { readInitialState, writeState } from '../url-sync.ts';
import { TRY_STATE_EVENT, type TryStateDetail } from '../try-state.ts';

export interface UrlStateOptions<S extends Schema> {
  /**
   * Applied to the state read from the URL: for rules across fields that a field's own decoder cannot
   * see (a head index that must exist in the chosen layer, a selection inside the drawing…).
   */
  normalize?: (state: StateOf<S>) => StateOf<S>;
}

export class UrlState<S extends Schema> {
  current: StateOf<S> = $state.raw() as StateOf<S>;
  ready = $state(false);

  constructor(schema: S, namespace: string, options: UrlStateOptions<S> = {}) {
    const normalize = options.normalize ?? ((state: StateOf<S>) => state);
    this.current = defaultState(schema);
    onMount(() => {
      this.current = normalize(readInitialState(schema, namespace));
      this.ready = true;
      // A "try this" control (try-state.ts) has written new fields for this figure into the URL: take them.
      // Embed pages (namespace '') have no prose to drive them.
      if (!namespace) return;
      const take = (event: Event) => {
        if ((event as CustomEvent<TryStateDetail>).detail?.figure !== namespace) return;
        this.current = normalize(readInitialState(schema, namespace));
      };
      window.addEventListener(TRY_STATE_EVENT, take);
      return () => window.removeEventListener(TRY_STATE_EVENT, take);
    });
    $effect(() => {
      if (this.ready) writeState(schema, this.current, namespace);
    });
  }

  /** Replaces the fields in `patch`; the others keep their values. */
  update(patch: Partial<StateOf<S>>): void {
    this.current = { ...this.current, ...patch };
  }

  /** Replaces the whole state (after a rule across fields has been applied to it, say). */
  set(state: StateOf<S>): void {
    this.current = state;
  }
}

/** `figureId` is the URL namespace: '' on an embed page, where the parameters have plain names. */
export function urlState<S extends Schema>(schema: S, figureId: string, options?: UrlStateOptions<S>): UrlState<S> {
  return new UrlState(schema, figureId, options);
}
