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
 *
 * A link never shortens what is on screen. When a field's link form keeps less than the state (a text or a
 * drawing past the link's byte budget), `linkNote` says so, next to "Copy link" (runtime/link-note.ts), and
 * the link names the field (`fig.cut=text`), so that the figure it reopens says it came from a shortened link.
 *
 * An essay can set the state a figure opens on (`<Figure … state={{ layer: 3 }}>`, figure-state.ts): it
 * replaces the schema's defaults here, so the server render, the first client render, a link's missing fields
 * and `reset()` all mean that state. `schema` is the schema with those defaults.
 */
import { onMount } from 'svelte';
import { linkNote, publishLinkNote } from '../link-note.ts';
import {
  decodeState,
  defaultState,
  encodeState,
  shortenedFields,
  type Schema,
  type StateOf,
} from '../url-state.ts';
import { readInitialCut, readInitialState, writeState } from '../url-sync.ts';
import { figureSchema } from './figure-state.ts';
import { TRY_STATE_EVENT, type TryStateDetail } from '../try-state.ts';

export interface UrlStateOptions<S extends Schema> {
  /**
   * Applied to the state read from the URL: for rules across fields that a field's own decoder cannot
   * see (a head index that must exist in the chosen layer, a selection inside the drawing…).
   */
  normalize?: (state: StateOf<S>) => StateOf<S>;
  /**
   * When the link is shortened: a sentence about what the reopened figure would compute from the state
   * the link carries (`linked`), e.g. whether its model reads the same tokens. Called only then.
   */
  linkDetail?: (current: StateOf<S>, linked: StateOf<S>) => string;
}

function encodedField<S extends Schema>(schema: S, state: StateOf<S>, name: string): string {
  try {
    return schema[name]!.encode((state as Record<string, unknown>)[name]);
  } catch {
    return '';
  }
}

export class UrlState<S extends Schema> {
  current: StateOf<S> = $state.raw() as StateOf<S>;
  ready = $state(false);
  /** Fields that came shortened from the page's link, as they were then (their link form). */
  #openedCut: Record<string, string> = $state.raw({});
  readonly schema: S;
  readonly #linkDetail: UrlStateOptions<S>['linkDetail'];
  readonly #normalize: (state: StateOf<S>) => StateOf<S>;
  /** What the figure says next to "Copy link" ('' when the link carries the state whole). */
  linkNote: string = $derived.by(() => this.#note());
  /** Fields the link shortens now (for the view). */
  shortened: string[] = $derived.by(() => shortenedFields(this.schema, this.current).map((s) => s.name));

  constructor(widgetSchema: S, namespace: string, options: UrlStateOptions<S> = {}) {
    const normalize = options.normalize ?? ((state: StateOf<S>) => state);
    // The essay's opening state, if it set one, as the defaults (figure-state.ts).
    const schema = figureSchema(widgetSchema, namespace);
    this.schema = schema;
    this.#linkDetail = options.linkDetail;
    this.#normalize = normalize;
    this.current = schema === widgetSchema ? defaultState(schema) : normalize(defaultState(schema));
    onMount(() => {
      const opened = normalize(readInitialState(schema, namespace));
      this.#openedCut = Object.fromEntries(readInitialCut(schema, namespace).map((name) => [name, encodedField(schema, opened, name)]));
      this.current = opened;
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
      if (!this.ready) return;
      writeState(schema, this.current, namespace, this.#stillCut());
      publishLinkNote(namespace, this.linkNote);
    });
  }

  /** The fields that came shortened from the page's link and that the reader has not changed since. */
  #stillCut(): string[] {
    return Object.entries(this.#openedCut)
      .filter(([name, raw]) => encodedField(this.schema, this.current, name) === raw)
      .map(([name]) => name);
  }

  #note(): string {
    if (!this.ready) return '';
    const shortened = shortenedFields(this.schema, this.current);
    let detail = '';
    if (shortened.length > 0 && this.#linkDetail) {
      const linked = decodeState(this.schema, new URLSearchParams(encodeState(this.schema, this.current, '')), '');
      try {
        detail = this.#linkDetail(this.current, linked);
      } catch {
        detail = '';
      }
    }
    return linkNote({ shortened, openedCut: this.#stillCut(), detail });
  }

  /** Replaces the fields in `patch`; the others keep their values. */
  update(patch: Partial<StateOf<S>>): void {
    this.current = { ...this.current, ...patch };
  }

  /** The state the figure opens on: the essay's (figure-state.ts) where it set one, else the widget's defaults. */
  get opening(): StateOf<S> {
    return this.#normalize(defaultState(this.schema));
  }

  /** Back to the opening state. */
  reset(): void {
    this.current = this.opening;
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
