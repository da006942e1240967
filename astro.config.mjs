// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { remarkCitations } from './src/lib/remark-citations.ts';
import { remarkEssayChecks } from './src/lib/remark-essay-checks.ts';
import { rehypeScrollableMath } from './src/lib/rehype-scrollable-math.ts';
import { rehypeScrollableTables } from './src/lib/rehype-scrollable-tables.ts';

// The hosted site's origin: canonical links, the sitemap, RSS and Open Graph need an absolute URL.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  integrations: [mdx(), svelte(), sitemap({ filter: (page) => !page.includes('/embed/') })],
  markdown: {
    // Astro 7's default (Sätteri) ignores remark/rehype plugins; citations and KaTeX need unified.
    processor: unified({
      remarkPlugins: [remarkMath, [remarkCitations, { bibliography: 'content/references.bib' }], remarkEssayChecks],
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', strict: 'error' }], rehypeScrollableMath, rehypeScrollableTables],
    }),
    shikiConfig: {
      // The high-contrast variants keep comments and punctuation above 4.5:1 (WCAG AA).
      themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
      defaultColor: false,
    },
  },
  devToolbar: { enabled: false },
  // The inference worker (widgets/runtime/ort/) dynamically imports one of two ORT builds: only an ES
  // module worker can code-split (Vite's default 'iife' worker format cannot).
  vite: { worker: { format: 'es' } },
});
