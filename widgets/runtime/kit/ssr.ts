import { parseHTML } from 'linkedom';

/**
 * Build-time serialisation of a chart drawn on a linkedom document. linkedom escapes `"` in attribute
 * values but not `&`, so "Vig & Belinkov" in an aria-label, or a class name such as "R&amp;D" read
 * from a data file, would reach the HTML parser as a (possibly valid) character reference and come
 * out changed. Escaping `&` in every attribute first makes the static HTML say exactly what the live
 * chart says.
 */
export function staticMarkup(node: Element): string {
  for (const el of [node, ...Array.from(node.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      if (attr.value.includes('&')) el.setAttribute(attr.name, attr.value.replace(/&/g, '&amp;'));
    }
  }
  return node.outerHTML;
}

/** An empty linkedom document to draw a chart on at build time (server entries) or in a Node test. */
export function serverDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/** A chart drawn on a fresh server document, as static HTML (the server entries' default-state paint). */
export function staticChart<T extends Element>(draw: (document: Document) => T): string {
  return staticMarkup(draw(serverDocument()));
}
