// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { remarkCitations } from './src/lib/remark-citations.ts';

// The hosted site's origin: canonical links, the sitemap, RSS and Open Graph need an absolute URL.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  integrations: [mdx(), svelte(), sitemap({ filter: (page) => !page.includes('/embed/') })],
  markdown: {
    // Astro 7's default (Sätteri) ignores remark/rehype plugins; citations and KaTeX need unified.
    processor: unified({
      remarkPlugins: [remarkMath, [remarkCitations, { bibliography: 'content/references.bib' }]],
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', strict: 'error' }]],
    }),
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
      defaultColor: false,
    },
  },
  devToolbar: { enabled: false },
});
