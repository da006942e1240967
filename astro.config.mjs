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
import { remarkFigureStates } from './src/lib/remark-figure-states.ts';
import { remarkBaseLinks } from './src/lib/remark-base-links.ts';
import { rehypeScrollableMath } from './src/lib/rehype-scrollable-math.ts';
import { rehypeScrollableTables } from './src/lib/rehype-scrollable-tables.ts';

// Where the site is hosted (docs/DEPLOY.md). BASE_PATH: the sub-path it is served under ('/dezoom/' for a GitHub
// Pages project site; '/' by default). SITE_URL: its origin, for what needs absolute URLs (canonical links,
// og:url and og:image, the sitemap, the RSS feed, the "how to cite" URL); without it those are left out, never
// pointed at a made-up host. Every internal link goes through widgets/runtime/site-paths.ts.
const site = process.env.SITE_URL || undefined;
const base = process.env.BASE_PATH || '/';
if (site && !/^https?:\/\/[^/]+/.test(site)) throw new Error(`SITE_URL must be an origin such as https://dezoom.example, not "${site}"`);
if (!base.startsWith('/')) throw new Error(`BASE_PATH must start with "/" (e.g. /dezoom/), not "${base}"`);
if (!site && process.argv.includes('build')) {
  console.warn(
    '[dezoom] SITE_URL is not set: the build has no canonical links, og:url/og:image, sitemap, RSS feed or citation URL. ' +
      'Set SITE_URL=https://your.host to get them (docs/DEPLOY.md).',
  );
}

export default defineConfig({
  site,
  base,
  // OUT_DIR: a second build beside dist/ (the sub-path e2e test builds into dist-base/).
  outDir: process.env.OUT_DIR || './dist',
  trailingSlash: 'ignore',
  // A strict Content-Security-Policy in every page's <head> (docs/DEPLOY.md gives the same as a header):
  // scripts only from this site or hashed by Astro (its island loader and the theme script), no inline event
  // handlers, WebAssembly compiled ('wasm-unsafe-eval', for onnxruntime and Pagefind), workers from this site,
  // nothing fetched from anywhere else. Style attributes stay allowed: KaTeX, Svelte and Observable Plot set them.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      // Observable Plot writes a <style> element into each chart, at build time and in the browser: its rules cannot be
      // hashed in advance, so style elements and attributes may be inline (styles cannot run code; scripts stay strict).
      styleDirective: { resources: ["'self'", { resource: "'self'", kind: 'element' }, { resource: "'unsafe-inline'", kind: 'element' }, { resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
  },
  integrations: [mdx(), svelte(), ...(site ? [sitemap({ filter: (page) => !page.includes('/embed/') })] : [])],
  markdown: {
    // Astro 7's default (Sätteri) ignores remark/rehype plugins; citations and KaTeX need unified.
    processor: unified({
      remarkPlugins: [remarkMath, [remarkCitations, { bibliography: 'content/references.bib' }], remarkEssayChecks, remarkFigureStates, [remarkBaseLinks, { base }]],
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', strict: 'error' }], rehypeScrollableMath, rehypeScrollableTables],
    }),
    shikiConfig: {
      // The high-contrast variants keep comments and punctuation above 4.5:1 (WCAG AA).
      themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
      defaultColor: false,
    },
  },
  devToolbar: { enabled: false },
  vite: {
    worker: {
      // The inference worker (widgets/runtime/ort/) dynamically imports one of two ORT builds: only an ES
      // module worker can code-split (Vite's default 'iife' worker format cannot).
      format: 'es',
      // The same file names as Astro's page bundle: the worker and the page (the convnet runs ORT on the page's
      // own thread) both emit ORT's 14 MB .wasm; with one naming scheme the two emit one file, not two copies.
      rollupOptions: {
        output: {
          assetFileNames: '_astro/[name].[hash][extname]',
          chunkFileNames: '_astro/[name].[hash].js',
          entryFileNames: '_astro/[name].[hash].js',
        },
      },
    },
  },
});
