import type { Root, Element, ElementContent, Parent } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Wide tables scroll sideways on phones instead of widening the page: every table of an essay, written in
 * Markdown or as JSX in MDX, is wrapped in a scroll container. A scrollable region must be reachable by
 * keyboard, so the wrapper is focusable and named after the table's caption.
 */

interface JsxAttribute {
  type: 'mdxJsxAttribute';
  name: string;
  value: string;
}
interface JsxElement {
  type: 'mdxJsxFlowElement';
  name: string | null;
  attributes: JsxAttribute[];
  children: unknown[];
}

const LABEL_LENGTH = 80;

/** The caption's literal text (JSX expressions inside it are left out), shortened for an aria-label. */
function captionText(table: Element | JsxElement): string {
  const caption = (table.children as { type: string; tagName?: string; name?: string | null }[]).find(
    (c) => (c.type === 'element' && c.tagName === 'caption') || (c.type === 'mdxJsxFlowElement' && c.name === 'caption'),
  );
  if (!caption) return '';
  let text = '';
  visit(caption as unknown as Root, 'text', (t: { value: string }) => {
    text += t.value;
  });
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1).trimEnd()}…` : text;
}

function label(table: Element | JsxElement): string {
  const caption = captionText(table);
  return caption ? `Table: ${caption}` : 'Table';
}

export function rehypeScrollableTables() {
  return (tree: Root) => {
    visit(tree, (node, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const isTable =
        (node.type === 'element' && (node as Element).tagName === 'table') ||
        ((node.type as string) === 'mdxJsxFlowElement' && (node as unknown as JsxElement).name === 'table');
      if (!isTable) return;
      const table = node as unknown as Element | JsxElement;
      const wrapper =
        node.type === 'element'
          ? ({
              type: 'element',
              tagName: 'div',
              properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: label(table), dataOverflowOk: '' },
              children: [node as ElementContent],
            } satisfies Element)
          : ({
              type: 'mdxJsxFlowElement',
              name: 'div',
              attributes: [
                { type: 'mdxJsxAttribute', name: 'class', value: 'table-scroll' },
                { type: 'mdxJsxAttribute', name: 'tabindex', value: '0' },
                { type: 'mdxJsxAttribute', name: 'role', value: 'region' },
                { type: 'mdxJsxAttribute', name: 'aria-label', value: label(table) },
                { type: 'mdxJsxAttribute', name: 'data-overflow-ok', value: '' },
              ],
              children: [node],
            } satisfies JsxElement);
      parent.children[index] = wrapper as unknown as (typeof parent.children)[number];
      return [SKIP, index + 1];
    });
  };
}
