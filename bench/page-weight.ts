// (b) Page weight of every article: bytes of HTML, CSS, JS (and other files) the page loads before any widget
// hydrates — loaded at the top in a 1280×800 viewport, no scrolling, until network idle, so client:visible
// islands below the fold stay unloaded — and after scrolling through to the bottom (every island hydrated).
// Only same-origin responses count. Sizes are response bodies: raw (astro preview does not compress) and
// gzip (zlib level 6, computed here). Budget: the page shell's JS + CSS gzip ≤ 60 kB (60 000 bytes), where the
// shell is what the page loads with every island held back (their component and renderer scripts refused):
// what every essay costs before its figures. An island in the first viewport hydrates at once and counts in
// "before", which is then that figure's own cost, reported beside the shell rather than judged by its budget.
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page, Response } from '@playwright/test';
import { DIST, kB, requireDist, table, type Benchmark } from './lib/context.ts';
import { islandCounts, launchChromium, scrollThrough, trackNetwork } from './lib/browser.ts';
import { filesUnder, MAX_FILE_BYTES } from '../scripts/postbuild.ts';

/** What a host stores: dist/'s total size, file count and largest file (scripts/postbuild.ts refuses > 25 MiB). */
export function distSize(dir: string = DIST) {
  const files = filesUnder(dir).map((f) => ({ path: relative(dir, f), bytes: statSync(f).size }));
  files.sort((a, b) => b.bytes - a.bytes);
  return { files: files.length, bytes: files.reduce((s, f) => s + f.bytes, 0), largest: files[0]!, overLimit: files.filter((f) => f.bytes > MAX_FILE_BYTES) };
}

export const BUDGET_BYTES = 60_000;

type Kind = 'html' | 'css' | 'js' | 'other';
type Rec = { phase: 'shell' | 'before' | 'after'; kind: Kind; raw: number; gz: number; url: string };
type Sums = Record<Kind, { raw: number; gz: number; n: number }>;

const locs = (xml: string) => [...xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));

/** Article pages from the built sitemap. */
export function articlePaths(): string[] {
  const sets = locs(readFileSync(join(DIST, 'sitemap-index.xml'), 'utf8'));
  const pages = sets.flatMap((s) => locs(readFileSync(join(DIST, new URL(s).pathname), 'utf8')));
  return [...new Set(pages.map((u) => new URL(u).pathname))].filter((p) => /^\/articles\/[^/]+\/?$/.test(p)).sort();
}

function classify(res: Response): Kind {
  const type = res.headers()['content-type'] ?? '';
  const path = new URL(res.url()).pathname;
  if (/html/.test(type)) return 'html';
  if (/css/.test(type) || /\.css$/.test(path)) return 'css';
  if (/(java|ecma)script/.test(type) || /\.m?js$/.test(path)) return 'js';
  return 'other';
}

function sum(recs: Rec[]): Sums {
  const s: Sums = { html: { raw: 0, gz: 0, n: 0 }, css: { raw: 0, gz: 0, n: 0 }, js: { raw: 0, gz: 0, n: 0 }, other: { raw: 0, gz: 0, n: 0 } };
  for (const r of recs) {
    s[r.kind].raw += r.raw;
    s[r.kind].gz += r.gz;
    s[r.kind].n++;
  }
  return s;
}

const cell = (x: { raw: number; gz: number; n: number }) => `${kB(x.raw)} / ${kB(x.gz)} (${x.n})`;

export const pageWeight: Benchmark = {
  name: 'page-weight',
  description: 'bytes loaded by each article before and after its widgets hydrate; JS+CSS gzip budget',
  async run(ctx) {
    requireDist();
    const origin = await ctx.server();
    const paths = articlePaths();
    if (paths.length === 0) throw new Error('no article pages in the sitemap');
    const browser = await launchChromium();
    const version = browser.version();
    const rows: (string | number)[][] = [];
    const details: string[] = [];
    const verdicts: string[] = [];
    let ok = true;
    try {
      for (const path of paths) {
        const shell = sum(await shellOf(browser, origin + path));
        const shellUsed = shell.js.gz + shell.css.gz;
        // The service worker's precache would download the whole site beside the page (scripts/service-worker.js).
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
        const page = await context.newPage();
        const net = trackNetwork(page);
        let phase: Rec['phase'] = 'before';
        const { recs, pending } = recordResponses(page, origin, () => phase);
        await page.goto(origin + path, { waitUntil: 'networkidle' });
        await net.quiet();
        await Promise.all(pending);
        const top = await islandCounts(page);
        phase = 'after';
        await scrollThrough(page).catch((err: Error) => ctx.log(`warning: ${path}: ${err.message}`));
        await net.quiet();
        await Promise.all(pending);
        const end = await islandCounts(page);
        await context.close();

        const before = sum(recs.filter((r) => r.phase === 'before'));
        const after = sum(recs);
        const pass = shellUsed <= BUDGET_BYTES;
        ok &&= pass;
        const inView = top.hydrated > 0 ? `; with the ${top.hydrated} island(s) in the first viewport ${kB(before.js.gz + before.css.gz)} kB` : '';
        const verdict = `${pass ? 'PASS' : 'FAIL'} ${path}: page shell JS+CSS gzip ${kB(shellUsed)} kB (budget ${kB(BUDGET_BYTES)} kB)${inView}`;
        verdicts.push(verdict);
        ctx.log(verdict);
        rows.push(
          [path, `shell (0/${top.total} islands)`, cell(shell.html), cell(shell.css), cell(shell.js), cell(shell.other), `**${kB(shellUsed)}** ${pass ? 'PASS' : 'FAIL'}`],
          [path, `before (${top.hydrated}/${top.total} islands)`, cell(before.html), cell(before.css), cell(before.js), cell(before.other), kB(before.js.gz + before.css.gz)],
          [path, `after (${end.hydrated}/${end.total} islands)`, cell(after.html), cell(after.css), cell(after.js), cell(after.other), kB(after.js.gz + after.css.gz)],
        );
        const late = recs.filter((r) => r.phase === 'after').sort((a, b) => b.gz - a.gz).slice(0, 8);
        if (late.length) {
          details.push(
            `Loaded by hydration on ${path} (largest first, raw / gzip kB): ` +
              late.map((r) => `\`${new URL(r.url).pathname}\` ${kB(r.raw)} / ${kB(r.gz)}`).join(', '),
          );
        }
      }
    } finally {
      await browser.close();
    }
    const dist = distSize();
    const mib = (b: number) => (b / 2 ** 20).toFixed(1);
    ctx.log(`dist/: ${dist.files} files, ${mib(dist.bytes)} MiB; largest ${dist.largest.path} ${mib(dist.largest.bytes)} MiB`);
    ok &&= dist.overLimit.length === 0;
    const markdown = [
      `**dist/**: ${dist.files} files, ${mib(dist.bytes)} MiB (${dist.bytes} bytes); largest file \`${dist.largest.path}\` ` +
        `${mib(dist.largest.bytes)} MiB; files over 25 MiB: ${dist.overLimit.length ? dist.overLimit.map((f) => f.path).join(', ') : 'none'} ` +
        `(${dist.overLimit.length ? 'FAIL' : 'PASS'}).`,
      '',
      '### Page weight of articles (same-origin bodies, kB = 1000 bytes, raw / gzip (files))',
      '',
      `Chromium ${version}, viewport 1280×800. "shell": loaded with every island's component and renderer script`,
      'refused, until network idle (what the page costs before any figure); "before": loaded at the top, no',
      'scrolling, until network idle (islands in the first viewport hydrate);',
      '"after": cumulative, after scrolling to the bottom until every island hydrated and the network was idle.',
      'Inline <script> and <style> count as HTML; "other" is fonts, images, JSON, wasm.',
      '',
      table(['page', 'phase', 'HTML', 'CSS', 'JS', 'other', 'JS+CSS gzip'], rows),
      '',
      ...details.map((d) => `- ${d}`),
      '',
      `Budget (the page shell's JS + CSS gzip ≤ ${kB(BUDGET_BYTES)} kB): **${ok ? 'PASS' : 'FAIL'}**`,
      ...verdicts.map((v) => `- ${v}`),
    ].join('\n');
    return { markdown, ok };
  },
};

/**
 * What a page loads with every island held back: the component and renderer scripts its static HTML names
 * (astro-island's component-url and renderer-url) are refused, so no island hydrates and nothing they import
 * loads. The rest, the page's own HTML, CSS, scripts and fonts, is the shell.
 */
async function shellOf(browser: Awaited<ReturnType<typeof launchChromium>>, url: string): Promise<Rec[]> {
  const origin = new URL(url).origin;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const html = await (await fetch(url)).text();
  const islandScripts = new Set(
    [...html.matchAll(/(?:component|renderer)-url="([^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&'), url).href),
  );
  // By path: the site's island watch retries a failed island script with a query (?astro-retry=…).
  await page.route((u) => islandScripts.has(u.origin + u.pathname), (route) => route.abort());
  const { recs, pending } = recordResponses(page, origin, () => 'shell');
  await page.goto(url, { waitUntil: 'networkidle' });
  await trackNetwork(page).quiet();
  await Promise.all(pending);
  await context.close();
  return recs;
}

/** Records every same-origin response body of `page` (raw and gzip size) under the phase current when it arrives. */
function recordResponses(page: Page, origin: string, phaseNow: () => Rec['phase']) {
  const recs: Rec[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    if (new URL(res.url()).origin !== origin) return;
    const phase = phaseNow();
    pending.push(
      res.body().then(
        (body) => void recs.push({ phase, kind: classify(res), raw: body.length, gz: gzipSync(body, { level: 6 }).length, url: res.url() }),
        () => {}, // redirects and aborted requests have no body
      ),
    );
  });
  return { recs, pending };
}
