import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';

/** Wide display formulas scroll sideways on phones; a scrollable region must be reachable by keyboard. */
export function rehypeScrollableMath() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const cls = node.properties.className;
      if (Array.isArray(cls) && cls.includes('katex-display')) {
        node.properties.tabIndex = 0;
      }
    });
  };
}
