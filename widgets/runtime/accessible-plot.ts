/**
 * Observable Plot labels its inner groups with `<g aria-label="line">`, `<g aria-label="x-axis tick">`…
 * A `g` without a role is generic, on which aria-label is prohibited (axe: aria-prohibited-attr),
 * and those labels would not help a screen-reader user anyway. Every widget pairs its chart with a
 * text alternative (table or summary), so the chart itself is one image with a one-sentence
 * summary: the root svg gets role="img" and aria-label, and inner ARIA naming is removed (an img's
 * children are presentational, so nothing is lost). Works on browser and linkedom documents.
 */

const INNER_ARIA = ['aria-label', 'aria-description', 'aria-roledescription'] as const;

function stripInnerAria(root: Element): void {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const attr of INNER_ARIA) el.removeAttribute(attr);
  }
}

/** The chart's own svg: Plot returns either the svg or a figure wrapping legends and the svg. */
function mainSvg(node: Element): Element | null {
  if (node.tagName.toLowerCase() === 'svg') return node;
  const direct = Array.from(node.children).filter((child) => child.tagName.toLowerCase() === 'svg');
  return direct.at(-1) ?? node.querySelector('svg');
}

/**
 * Makes a Plot output accessible in place and returns it. `summary` should say what the chart
 * shows in one sentence, with the key numbers.
 */
export function accessiblePlot<T extends Element>(node: T, summary: string): T {
  const main = mainSvg(node);
  for (const svg of node.tagName.toLowerCase() === 'svg' ? [node] : Array.from(node.querySelectorAll('svg'))) {
    stripInnerAria(svg);
    if (svg === main) continue;
    // Legend swatches and the like: decoration beside text that already names them.
    svg.setAttribute('aria-hidden', 'true');
    svg.removeAttribute('aria-label');
  }
  if (main) {
    main.setAttribute('role', 'img');
    main.setAttribute('aria-label', summary);
    main.removeAttribute('aria-hidden');
    main.removeAttribute('aria-description');
  }
  return node;
}
