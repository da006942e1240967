/**
 * Essays link to each other the way a reader sees the site, from its root: [the first essay](/articles/x/).
 * Served under a sub-path (BASE_PATH=/dezoom/), such links must carry it: this remark plugin prefixes every
 * root-relative link and image in an essay with the base path (astro.config.mjs passes Astro's `base`).
 * Links to other sites, to anchors and relative links are left alone, as is a link that already has the base.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { joinBase } from '../../widgets/runtime/site-paths.ts';

export function withBase(url: string, base: string): string {
  if (!url.startsWith('/') || url.startsWith('//')) return url;
  const prefix = joinBase(base, '');
  if (prefix === '/' || url === prefix.slice(0, -1) || url.startsWith(prefix)) return url;
  return joinBase(base, url);
}

export function remarkBaseLinks(options: { base: string }) {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') node.url = withBase(node.url, options.base);
      const jsx = node as unknown as { type: string; attributes?: { type: string; name?: string; value?: unknown }[] };
      if (jsx.type === 'mdxJsxFlowElement' || jsx.type === 'mdxJsxTextElement') {
        for (const a of jsx.attributes ?? []) {
          if (a.type === 'mdxJsxAttribute' && (a.name === 'href' || a.name === 'src') && typeof a.value === 'string') a.value = withBase(a.value, options.base);
        }
      }
    });
  };
}
