/**
 * Browser-only helpers for the one thing CSS cannot do for the figure: a canvas (the heatmap's
 * cells) needs real colours, not `var(--accent)`. The view resolves the colour once per theme and
 * redraws when the theme changes: the site's toggle sets `data-theme` on <html>, and without it the
 * system's colour scheme applies.
 */

/** The computed value of a CSS custom property on `el`, or `fallback`. */
export function cssVariable(el: Element, name: string, fallback: string): string {
  try {
    const value = getComputedStyle(el).getPropertyValue(name).trim();
    return value || fallback;
  } catch {
    return fallback;
  }
}

/** Calls `listener` whenever the page's theme may have changed; returns the unsubscribe function. */
export function onThemeChange(listener: () => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
  const media = window.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener('change', listener);
  return () => {
    observer.disconnect();
    media?.removeEventListener('change', listener);
  };
}
