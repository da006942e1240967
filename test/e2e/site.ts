// Shared helpers for the e2e specs: the list of pages (from the built sitemap), page scrolling/hydration,
// network quiet, and axe with readable output (axeBothSchemes asserts that axe found nothing).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { Guard } from './fixtures.ts';
import AxeBuilder from '@axe-core/playwright';

export const ARTICLE = '/articles/transformers-are-convnets/';
export const EMBED = '/embed/receptive-field/';
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const DIST = join(process.cwd(), 'dist');

/** <loc> values of a sitemap document (index or urlset). */
export function sitemapLocs(xml: string): string[] {
  return [...xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/g)].map((m) => decodeXml(m[1]));
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Path + query of an absolute URL (sitemap URLs carry the configured SITE_URL origin). */
export const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

/**
 * The pages listed in the built sitemap (dist/sitemap-index.xml → its urlsets), as paths, read from disk so
 * that tests can be generated per page at collection time (before the preview server starts). A spec in
 * links.spec.ts checks that the served sitemap says the same.
 */
export function builtSitemap(): { origin: string; paths: string[] } {
  const index = join(DIST, 'sitemap-index.xml');
  if (!existsSync(index)) {
    throw new Error(
      'dist/sitemap-index.xml is missing: the e2e tests need a build with a SITE_URL (a sitemap needs absolute URLs): ' +
        'run `SITE_URL=https://dezoom.example npm run build` first (`npm test` does both).',
    );
  }
  const sets = sitemapLocs(readFileSync(index, 'utf8'));
  const locs = sets.flatMap((set) => sitemapLocs(readFileSync(join(DIST, new URL(set).pathname), 'utf8')));
  if (locs.length === 0) throw new Error('the built sitemap lists no pages');
  return { origin: new URL(locs[0]).origin, paths: [...new Set(locs.map(pathOf))].sort() };
}

/** Every page the page-level specs visit: the sitemap, plus pages the sitemap leaves out on purpose. */
export function allPages(): string[] {
  const { paths } = builtSitemap();
  return [...new Set([...paths, EMBED, '/404.html', '/search/'])];
}

export const isArticle = (path: string) => /^\/articles\/[^/]+\/?$/.test(path);

/**
 * What makes two pages "the same template" for checks that look at layout and markup (axe, the 360 px check):
 * every tag page is the same list of essays; every other page differs in content or widgets and is its own.
 */
const templateOf = (path: string) => (/^\/tags\/[^/]+\/$/.test(path) ? '/tags/<tag>/' : path);

/** One page per template, from allPages(): the pages axe and the narrow-screen check visit. */
export function templatePages(): string[] {
  const seen = new Map<string, string>();
  for (const path of allPages()) if (!seen.has(templateOf(path))) seen.set(templateOf(path), path);
  return [...seen.values()];
}

export { trackNetwork, scrollThrough, waitForHydration } from '../../tools/browser/page-helpers.ts';

type AxeResult = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** axe violations as readable text (rule, impact, help, and each failing element with its selector). */
export function formatViolations(violations: AxeResult['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map((n) => {
          const summary = (n.failureSummary ?? '').replace(/\s+/g, ' ').trim();
          const html = n.html.replace(/\s+/g, ' ').slice(0, 200);
          return `    - ${n.target.join(' ')}\n      ${html}\n      ${summary}`;
        })
        .join('\n');
      const more = v.nodes.length > 10 ? `\n    … and ${v.nodes.length - 10} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element(s))\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

/**
 * Runs axe with the WCAG 2.2 AA tag set (or only `rules`, when given); attaches the violations to the test
 * report. `include`: CSS selectors of the parts to check (a figure in a changed state; the whole page is the
 * site crawl's job), else the page. Only violations are collected: axe's passes and incomplete lists cost as
 * much again to build on a long essay and nothing here reads them.
 */
export async function runAxe(page: Page, testInfo: TestInfo, label: string, include: string[] = [], rules?: string[]) {
  // Without frames to combine, axe's legacy mode checks the same: it runs in the page itself, where the default
  // mode also opens a helper page to merge per-frame results, which cost 2 to 20 s a call here (3–4 times the
  // rules' own time). A page with an iframe (an embedded figure) keeps the default, cross-frame mode.
  const framed = page.frames().length > 1;
  let builder = new AxeBuilder({ page }).setLegacyMode(!framed).options({ resultTypes: ['violations'] });
  builder = rules ? builder.withRules(rules) : builder.withTags(AXE_TAGS);
  for (const selector of include) builder = builder.include(selector);
  const results = await builder.analyze();
  if (results.violations.length) {
    await testInfo.attach(`axe-${label}.json`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: 'application/json',
    });
  }
  return results;
}

/**
 * The axe rules whose outcome can depend on the colour scheme: the rest (names, roles, structure) read the
 * same markup in both schemes, so the dark run checks only these.
 */
export const SCHEME_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * axe in the light scheme (every WCAG rule), then in the dark one (the scheme-dependent rules), on the page
 * as it is: the page follows the system scheme, so the second run also checks that everything on it (hydrated
 * figures included) follows a change of scheme.
 */
export async function axeBothSchemes(page: Page, testInfo: TestInfo, label: string, include: string[] = []) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const rules = colorScheme === 'dark' ? SCHEME_RULES : undefined;
    const results = await runAxe(page, testInfo, `${label}-${colorScheme}`, include, rules);
    expect(results.violations.length, `axe [${colorScheme}] ${label}:\n${formatViolations(results.violations)}`).toBe(0);
  }
}

/**
 * A fresh browser context and page, as a reader opening a link has, watched by the test's guard. `prepare`
 * runs on the context before its page opens (to remember a backend choice, say).
 */
export async function freshPage(
  browser: Browser,
  guard: Guard,
  baseURL: string,
  opts: Parameters<Browser['newContext']>[0] = {},
  prepare?: (context: BrowserContext) => Promise<void>,
) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', ...opts });
  await guard.attach(context);
  await prepare?.(context);
  return { context, page: await context.newPage() };
}

/** A figure's own query keys in a URL: `<namespace>.<key>` in an essay, plain keys (namespace '') on an embed page. */
export function stateParams(url: string, namespace: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(url).searchParams) {
    if (!namespace) out[k] = v;
    else if (k.startsWith(`${namespace}.`)) out[k.slice(namespace.length + 1)] = v;
  }
  return out;
}

/**
 * A returning reader: the runtime's remembered backend choice (widgets/runtime/ort/README.md), WASM as
 * measured on this machine. Without it every fresh browser context times WASM against WebGPU again, and on
 * the webgpu project's software adapter that compiles shaders for tens of seconds while runs wait. The
 * first visit, and WebGPU itself, have their own tests (attention.spec.ts).
 */
export const STORAGE_KEY = 'dezoom:ort-backend';
export async function remember(context: BrowserContext, preference: 'auto' | 'webgpu' = 'auto') {
  const value = JSON.stringify({ v: 1, preference, measured: { backend: 'wasm', ms: { wasm: 0.5, webgpu: 10 } } });
  await context.addInitScript(
    ([key, v]) => {
      try {
        localStorage.setItem(key!, v!);
      } catch {
        // about:blank and other opaque origins have no storage
      }
    },
    [STORAGE_KEY, value],
  );
}

/**
 * Presses a figure's "Copy link", checks what the clipboard got (said as copied, and pointing at the figure), and
 * opens that link in a fresh browser context: the reader who was sent it. Close `fresh.context` when done.
 */
export async function copyLinkAndReopen(page: Page, root: Locator, figureId: string, browser: Browser, guard: Guard, baseURL: string) {
  await root.getByRole('button', { name: 'Copy link' }).click();
  await expect(root.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).hash).toBe(`#${figureId}`);
  const fresh = await freshPage(browser, guard, baseURL);
  await fresh.page.goto(link);
  return fresh;
}

/** Scrolls an essay's figure into view (client:visible), waits until it has hydrated and drawn a frame. */
export async function hydratedFigure(page: Page, id: string) {
  const root = page.locator(`figure#${id}`);
  await root.scrollIntoViewIfNeeded();
  await expect(root.locator('astro-island[ssr]'), 'the figure hydrates once visible').toHaveCount(0, { timeout: 20_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return root;
}
