// The site built with BASE_PATH=/dezoom/ and no SITE_URL (npm run build:subpath -> dist-base/), served under
// /dezoom/ only (playwright.subpath.config.ts). Every link, asset, search result, embed code and embed back-link
// must stay under /dezoom/ and resolve; loading every page in Chromium and hydrating its figures must make no
// failed request; and nothing in the build names localhost.
import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect } from '../e2e/fixtures.ts';
import { remember, scrollThrough, trackNetwork } from '../e2e/site.ts';
import { filesUnder, writeServiceWorker } from '../../scripts/postbuild.ts';
import { startStaticServer } from '../../tools/static-server.ts';

const BASE = '/dezoom/';
const DIR = 'dist-base';

/** URLs a page's static HTML refers to: links, scripts, styles, images, icons, iframes. */
function refsIn(html: string): string[] {
  const refs: string[] = [];
  for (const m of html.matchAll(/<(a|link|script|img|iframe|source)\b[^>]*?\s(href|src)\s*=\s*"([^"]*)"/g)) refs.push(m[3].replace(/&amp;/g, '&'));
  for (const m of html.matchAll(/\s(component-url|renderer-url|before-hydration-url)="([^"]*)"/g)) refs.push(m[2]);
  return refs;
}

/** Every page reachable from the home page by links, and every problem found on the way. */
async function crawl(request: APIRequestContext, origin: string) {
  const pages = new Set<string>();
  const problems: string[] = [];
  const seen = new Set<string>([BASE]);
  const queue = [BASE];
  while (queue.length) {
    const path = queue.shift()!;
    const res = await request.get(origin + path, { maxRedirects: 0 });
    const type = res.headers()['content-type'] ?? '';
    if (res.status() !== 200) {
      problems.push(`${path}: ${res.status()}`);
      continue;
    }
    if (!/html/.test(type)) continue;
    pages.add(path);
    const html = await res.text();
    for (const raw of refsIn(html)) {
      const url = new URL(raw, origin + path);
      if (url.origin !== origin) {
        if (url.protocol === 'http:' || /localhost/.test(url.host)) problems.push(`${path} links to ${raw}`);
        continue;
      }
      if (!url.pathname.startsWith(BASE)) problems.push(`${path} links outside ${BASE}: ${raw}`);
      const target = url.pathname + url.search;
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return { pages: [...pages].sort(), problems, fetched: seen.size };
}

let pages: string[] = [];

/**
 * One URL per page: the static crawl also fetches the essays' "try this" links (the page with a figure's state
 * in the query, 12 of them), which are the same HTML; loading each in the browser again, hydrating every figure
 * and running the models, tripled the browser crawl and the offline test without checking anything new (the
 * links' own behaviour is try-this.spec.ts's).
 */
const distinct = (paths: readonly string[]) => [...new Set(paths.map((p) => p.split('?')[0]!))];

test('every link and asset in the static HTML resolves under /dezoom/', async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const result = await crawl(request, origin);
  expect(result.problems, result.problems.join('\n')).toEqual([]);
  pages = result.pages;
  expect(pages).toContain(`${BASE}search/`);
  expect(pages.filter((p) => p.startsWith(`${BASE}articles/`)).length).toBeGreaterThanOrEqual(5);
  expect(pages.some((p) => p.startsWith(`${BASE}tags/`))).toBe(true);
  // Nothing answers at the domain's root: a link that forgot the base path cannot pass by luck.
  expect((await request.get(`${origin}/favicon.svg`)).status()).toBe(404);
});

test('built without SITE_URL, no file names localhost, and no page claims a canonical URL', () => {
  const text = new Set(['.html', '.js', '.css', '.json', '.xml', '.txt', '.svg', '.webmanifest']);
  const offenders = filesUnder(DIR).filter((f) => text.has(extname(f)) && /localhost/.test(readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
  const home = readFileSync(`${DIR}/index.html`, 'utf8');
  expect(home).not.toMatch(/rel="canonical"|property="og:url"|property="og:image"/);
});

/** Loads a page as a reader does, scrolls through it so every figure hydrates and loads its model. */
async function visit(page: Page, path: string) {
  const net = trackNetwork(page);
  await page.goto(path);
  expect(await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content'), `${path}: CSP`).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  await scrollThrough(page);
  await net.quiet(800, 60_000);
}

test('every page, its figures hydrated, makes no failed request, none outside /dezoom/, and no CSP violation', async ({ page, context, baseURL, guard }) => {
  const origin = new URL(baseURL!).origin;
  await remember(context);
  // The Content-Security-Policy is in every page's <head> (astro.config.mjs) and enforced: record what it blocks.
  await context.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  const violations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCspViolation(t: string): void }).reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} [${location.pathname}]`),
    );
  });
  const failures: string[] = [];
  const loaded = new Set<string>();
  page.on('requestfinished', (r) => loaded.add(extname(new URL(r.url()).pathname)));
  // net::ERR_ABORTED is the page cancelling a request by navigating on (a model it began opening in idle time),
  // not a request that could not be served under /dezoom/.
  page.on('requestfailed', (r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && failures.push(`${r.url()}: ${r.failure()?.errorText} [on ${page.url()}]`));
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.origin !== origin) return;
    if (!url.pathname.startsWith(BASE)) failures.push(`${r.url()}: outside ${BASE} [on ${page.url()}]`);
    if (r.status() >= 400) failures.push(`${r.url()}: ${r.status()} [on ${page.url()}]`);
  });
  if (pages.length === 0) pages = (await crawl(page.request, origin)).pages;
  // One page per template: every article (each has its own figures) and the catalog (every widget), the rest once:
  // embed pages run the same widgets as the catalog, and every tag page is the same list.
  const tagPages = pages.filter((p) => /\/tags\/[^/]+\/$/.test(p));
  const embedPages = pages.filter((p) => p.includes('/embed/'));
  const toVisit = distinct(pages).filter((p) => (!tagPages.includes(p) || p === tagPages[0]) && (!embedPages.includes(p) || p === embedPages[0]));
  expect(toVisit).toContain(`${BASE}widgets/`);
  for (const path of toVisit) await visit(page, path);
  expect(failures, failures.join('\n')).toEqual([]);
  expect(violations, violations.join('\n')).toEqual([]);
  // The crawl did reach the figures' real work: the runtime and the models under /dezoom/.
  expect([...loaded]).toEqual(expect.arrayContaining(['.wasm', '.onnx', '.json']));
  expect(guard.report()).toBe('');
});

test('search loads its index under /dezoom/ and its results link to pages that exist', async ({ page, request }) => {
  await page.goto('search/?q=attention');
  const results = page.locator('[data-search-results] a');
  await expect(results.first()).toBeVisible();
  const hrefs = await results.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    expect(new URL(href).pathname.startsWith(BASE), href).toBe(true);
    expect((await request.get(href)).status(), href).toBe(200);
  }
});

test('a figure’s embed code points to its embed page under /dezoom/, whose link back reaches the figure', async ({ page, context, request }) => {
  await remember(context);
  await page.goto('articles/transformers-are-convnets/?receptive-field.output=3');
  const figure = page.locator('figure#receptive-field');
  await figure.getByRole('button', { name: 'Copy embed code' }).click();
  const code = await figure.locator('[data-share-output]').inputValue();
  const src = /<iframe [^>]*\bsrc="([^"]+)"/.exec(code)?.[1]?.replace(/&amp;/g, '&');
  expect(src, code).toBeTruthy();
  const embed = new URL(src!);
  expect(embed.pathname).toBe(`${BASE}embed/receptive-field/`);
  expect(embed.searchParams.get('output')).toBe('3');
  expect((await request.get(src!)).status()).toBe(200);

  await page.goto(src!);
  const back = page.locator('[data-back-link]');
  await expect(back).toHaveAttribute('href', /receptive-field\.output=3#receptive-field$/);
  const href = new URL((await back.getAttribute('href'))!, page.url());
  expect(href.pathname).toBe(`${BASE}articles/transformers-are-convnets/`);
  expect((await request.get(href.toString())).status()).toBe(200);
});

test('the Content-Security-Policy is enforced: an injected inline script neither runs nor goes unreported', async ({ page, guard }) => {
  guard.allowConsole(/violates the following Content Security Policy directive/); // the refusal this test provokes
  await page.goto('');
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; reported: string }>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve({ ran: 'injected' in window, reported: e.violatedDirective }), { once: true });
        const s = document.createElement('script');
        s.textContent = 'window.injected = true;';
        document.body.append(s);
      }),
  );
  expect(outcome).toEqual({ ran: false, reported: 'script-src-elem' });
});

// ---- offline: the service worker (scripts/service-worker.js) ----

async function swVersion(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('dezoom-')));
}

/** A first visit: the home page, until the service worker has precached the site and controls the page. */
async function firstVisit(page: Page) {
  const net = trackNetwork(page);
  await page.goto('');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // The home page's lazy thumbnails load after the load event: a reload before they finish aborts them.
  await net.quiet(500, 60_000);
  await page.reload(); // the next load is served by the active worker
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test('after a first visit, offline, every essay loads and its figures run', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ baseURL, serviceWorkers: 'allow' });
  await remember(context);
  const page = await context.newPage();
  const problems: string[] = [];
  // A request the page itself cancels by navigating away (net::ERR_ABORTED: a lazy thumbnail, a model the page
  // started opening in idle time) is not a failure to serve it offline, which reads net::ERR_FAILED or
  // ERR_INTERNET_DISCONNECTED.
  page.on('requestfailed', (r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await firstVisit(page);
  const essays = distinct(pages.length ? pages : (await crawl(page.request, new URL(baseURL!).origin)).pages).filter((p) => p.startsWith(`${BASE}articles/`));
  expect(essays.length).toBeGreaterThanOrEqual(5);

  await context.setOffline(true);
  const net = trackNetwork(page); // each page settles before the next, so no download is cut short by navigation
  const served = new Set<string>();
  page.on('response', (r) => r.ok() && served.add(extname(new URL(r.url()).pathname)));
  for (const path of essays) {
    const res = await page.goto(path);
    expect(res?.ok(), `${path} offline`).toBe(true);
    await scrollThrough(page);
    await net.quiet(800, 60_000);
  }
  // A figure that works offline on new input: the tokenizer reads a text from the link (15 characters, where its
  // default text has 29) with the cached vocabulary.
  await page.goto(`${BASE}articles/attention-hands-on/?tokens.text=offline%20reading`);
  await scrollThrough(page);
  await expect(page.locator('figure#tokens')).toContainText('15 characters →');
  await net.quiet(800, 60_000);
  expect(problems, problems.join('\n')).toEqual([]);
  expect([...served]).toEqual(expect.arrayContaining(['.wasm', '.onnx', '.json', '.js']));
  await context.close();
});

test('a new deploy with a changed model is picked up on the next visit', async ({ browser }) => {
  test.setTimeout(300_000);
  // A deploy of its own: a copy of the build on another port, changed below as a retrained model would change it.
  const dir = mkdtempSync(join(tmpdir(), 'dezoom-deploy-'));
  cpSync(DIR, dir, { recursive: true });
  // On a port the system picks (0): a fixed one could be another developer's test server.
  const server = await startStaticServer(dir, BASE, 0);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const context = await browser.newContext({ baseURL: `${origin}${BASE}`, serviceWorkers: 'allow' });
    const page = await context.newPage();
    await firstVisit(page);
    const [before] = await swVersion(page);
    const model = 'models/transformer-probes.json';
    const oldBytes = (await page.evaluate(async (u) => (await fetch(u)).text(), model)).length;

    appendFileSync(join(dir, model), '\n'); // the new deploy: different bytes, same name
    const next = writeServiceWorker(dir, BASE);
    expect(`dezoom-${next.version}`).not.toBe(before);

    // The next visit finds the new worker; once it has installed, the site is the new deploy's.
    await page.goto('');
    await expect.poll(() => swVersion(page), { timeout: 120_000 }).toEqual([`dezoom-${next.version}`]);
    await page.reload();
    const newBytes = (await page.evaluate(async (u) => (await fetch(u)).text(), model)).length;
    expect(newBytes).toBe(oldBytes + 1);
    await context.close();
  } finally {
    server.close();
  }
});
