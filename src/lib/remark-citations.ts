import type { Root, Text, PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';
import { loadReferences } from './references.ts';

// Pandoc-style citations in running text: [@key] or [@a; @b]. Keys use letters, digits, ':' '-' '.'.
const CITATION = /\[(@[\w:.-]+(?:\s*;\s*@[\w:.-]+)*)\]/g;

export interface CitationOptions {
  bibliography: string;
}

/** Cited keys in order of first appearance; the article layout renders the bibliography from it. */
export function citedKeys(file: VFile): string[] {
  const astro = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro;
  return (astro?.frontmatter?.citations as string[] | undefined) ?? [];
}

export function remarkCitations(options: CitationOptions) {
  return (tree: Root, file: VFile) => {
    const refs = loadReferences(options.bibliography);
    const order: string[] = [];
    const numberOf = (key: string) => {
      let n = order.indexOf(key);
      if (n < 0) n = order.push(key) - 1;
      return n + 1;
    };

    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('[@')) return;
      const pieces: PhrasingContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(CITATION)) {
        const keys = match[1]!.split(/\s*;\s*/).map((k) => k.slice(1));
        for (const key of keys) {
          if (!refs.has(key)) {
            file.fail(`Unknown citation key "@${key}": add it to ${options.bibliography} or fix the spelling.`, node);
          }
        }
        if (match.index! > last) pieces.push({ type: 'text', value: node.value.slice(last, match.index) });
        pieces.push(citationNode(keys.map((key) => ({ key, n: numberOf(key), short: refs.get(key)!.short }))));
        last = match.index! + match[0].length;
      }
      if (pieces.length === 0) return;
      if (last < node.value.length) pieces.push({ type: 'text', value: node.value.slice(last) });
      parent.children.splice(index, 1, ...(pieces as typeof parent.children));
      return [SKIP, index + pieces.length];
    });

    const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
    data.astro ??= {};
    data.astro.frontmatter ??= {};
    data.astro.frontmatter.citations = order;
  };
}

function citationNode(cites: { key: string; n: number; short: string }[]): PhrasingContent {
  const children: PhrasingContent[] = [{ type: 'text', value: '[' }];
  cites.forEach(({ key, n, short }, i) => {
    if (i > 0) children.push({ type: 'text', value: ', ' });
    children.push({
      type: 'link',
      url: `#ref-${key}`,
      children: [{ type: 'text', value: String(n) }],
      data: { hProperties: { className: ['citation'], dataCite: key, ariaLabel: `Reference ${n}: ${short}` } },
    });
  });
  children.push({ type: 'text', value: ']' });
  // An emphasis node renamed to <span> keeps the group together without raw HTML (which MDX forbids).
  return { type: 'emphasis', children, data: { hName: 'span', hProperties: { className: ['citations'] } } };
}
