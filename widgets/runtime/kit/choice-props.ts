import type { Snippet } from 'svelte';

/**
 * The props that Choices.svelte (a list of radios) and Segmented.svelte (joined buttons) share: both are one
 * choice among a few `options`, a native radio group under a legend, so a view can swap one for the other.
 */
export interface ChoiceProps<T extends string | number> {
  legend: string;
  /** The radios' shared name: unique on the page (prefix it with the view's $props.id()). */
  name: string;
  options: readonly T[];
  value: T;
  onchange: (value: T) => void;
  class?: string;
  /** The visible text of an option (default: String). */
  text?: (option: T) => string;
  /** Draws an option's label instead of `text` (a swatch and a name, say). */
  label?: Snippet<[T]>;
}
