/**
 * The attention explorer's URL state, one typed schema:
 *   text   the reader's text: a link keeps all of it up to 7,500 URL bytes (url-state.ts textField), far
 *          more than the 128 tokens the model reads can take; past that the link is shortened, and the
 *          figure says so next to "Copy link" and whether the model reads the same tokens from it
 *   layer  block 1…L, as the essays and the head labels number them
 *   head   head 1…H within the block ("Head 2.1" is layer 2, head 1)
 *   token  the query token of the step-by-step panel, 1…context (the first token is 1, as the
 *          token strip shows it); 0 means "the last token", which follows the text as the reader
 *          types; a value past the end of the text also selects the last token
 *   view   heatmap | arcs
 * e.g. `?attention.text=The+dog+barked&attention.layer=3&attention.head=2&attention.token=3&attention.view=arcs`.
 *
 * The bounds come from the model card (L, H, context), read at build time and passed to the view,
 * so a retrained model with other numbers needs no change here. Invalid values fall back to the
 * figure's defaults (url-state.ts), silently.
 */
import { enumField, intField, MAX_RAW_LENGTH, textField, type StateOf } from '../runtime/url-state.ts';

export const DEFAULT_TEXT = 'The cat sat on the mat because it was tired.';

export const VIEWS = ['heatmap', 'arcs'] as const;
export type View = (typeof VIEWS)[number];

function isView(value: unknown): value is View {
  return typeof value === 'string' && (VIEWS as readonly string[]).includes(value);
}

/** The model's shape, from its card. */
export interface Bounds {
  layers: number;
  heads: number;
  context: number;
}

/** The figure's opening state (what an unmodified URL shows). */
export interface AttentionDefaults {
  text: string;
  layer: number;
  head: number;
  /** Token 1…context, or 0 for the last token of whatever text is shown. */
  token: number;
  view: View;
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(Math.max(Math.trunc(value), min), max);
}

/**
 * Defaults an essay asked for (props of any type, from MDX) made valid for these bounds: a layer or
 * head out of range is clamped, an unknown view becomes the fallback's. `token` 0 (or less) means
 * "the last token".
 */
export function resolveDefaults(bounds: Bounds, wanted: Partial<Record<keyof AttentionDefaults, unknown>>, fallback: AttentionDefaults): AttentionDefaults {
  return {
    text: typeof wanted.text === 'string' ? wanted.text.slice(0, MAX_RAW_LENGTH) : fallback.text,
    layer: clampInt(wanted.layer, 1, bounds.layers, fallback.layer),
    head: clampInt(wanted.head, 1, bounds.heads, fallback.head),
    token: clampInt(wanted.token, 0, bounds.context, fallback.token),
    view: isView(wanted.view) ? wanted.view : fallback.view,
  };
}

export function attentionSchema(bounds: Bounds, defaults: AttentionDefaults) {
  return {
    text: textField({ default: defaults.text }),
    layer: intField({ min: 1, max: bounds.layers, default: defaults.layer }),
    head: intField({ min: 1, max: bounds.heads, default: defaults.head }),
    token: intField({ min: 0, max: bounds.context, default: defaults.token }),
    view: enumField(VIEWS, defaults.view),
  };
}

export type AttentionSchema = ReturnType<typeof attentionSchema>;
export type AttentionState = StateOf<AttentionSchema>;

/**
 * The 0-based query position for `token` (1-based; 0 = the last token) in a text of `count` tokens:
 * clamped, so a link or a shortened text never points past the end. −1 when there are no tokens.
 */
export function queryIndex(token: number, count: number): number {
  if (!(count > 0)) return -1;
  if (!(token >= 1)) return count - 1;
  return clampInt(token, 1, count, count) - 1;
}
