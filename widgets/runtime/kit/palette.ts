/**
 * Colours and marks shared by the dezoom charts. Colours are CSS custom properties (defined in
 * theme.css on `.dz-theme`, light and dark), so a chart drawn once follows the site's theme without
 * being redrawn; the fallbacks are the light theme's values. Each colour is at least 4.5:1 against
 * the page background in its theme. Colour is never the only cue: every label scale also has its own
 * dot symbol, and the legends name them.
 */

/** One colour per label scale, sub-word (0) … document (4); index 5 is for labels of no known scale. */
export const SCALE_COLORS = [
  'var(--dz-scale-0, #1f5f8b)',
  'var(--dz-scale-1, #b5472b)',
  'var(--dz-scale-2, #2e7d32)',
  'var(--dz-scale-3, #7b1fa2)',
  'var(--dz-scale-4, #8c6a00)',
  'var(--muted, #595959)',
] as const;

/** Plot symbol names, one per label scale (same indices as SCALE_COLORS). */
export const SCALE_SYMBOLS = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross'] as const;

export const INK = 'currentColor';
export const MUTED = 'var(--muted, #595959)';
export const ACCENT = 'var(--accent, #1f5f8b)';
export const ACCENT_2 = 'var(--accent-2, #b5472b)';

/** Dash patterns, shared with the HTML legends so that legend and chart always agree. */
export const DASH = {
  solid: 'none',
  baseline: '6 4',
  control: '1.5 3',
  reference: '4 3',
} as const;

export function scaleColor(index: number): string {
  return SCALE_COLORS[Math.min(Math.max(0, index), SCALE_COLORS.length - 1)]!;
}

export function scaleSymbol(index: number): string {
  return SCALE_SYMBOLS[Math.min(Math.max(0, index), SCALE_SYMBOLS.length - 1)]!;
}

/** Style every dezoom chart shares: transparent, inheriting the text colour (so the theme's --fg). */
export const PLOT_STYLE = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;

/** Charts narrower than this use short names and fewer ticks. */
export const NARROW = 440;
