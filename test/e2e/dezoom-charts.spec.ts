// The dezoom charts of "Why stack layers" (widgets/probe-accuracy/, widgets/attention-reach/): server-rendered
// charts before JS, toggles that change the charts and the URL, "Copy link" and deep links, the embed pages,
// keyboard operation, hostile URL state, 360 px layout, and axe (as pages.spec does it) on the figures in
// non-default states and on the embed pages, which the sitemap leaves out. The guard fixture fails any test
// with a console error, a page error or a request to another origin.
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { test, expect, type Guard } from './fixtures.ts';
import { axeBothSchemes, freshPage, scrollThrough, stateParams } from './site.ts';

const ARTICLE = '/articles/why-stack-layers/';

interface Widget {
  fig: string;
  widget: string;
  embed: string;
  /** Number of charts the figure draws. */
  charts: number;
}
const PROBES: Widget = { fig: 'probes', widget: 'probe-accuracy', embed: '/embed/probe-accuracy/', charts: 2 };
const REACH: Widget = { fig: 'reach', widget: 'attention-reach', embed: '/embed/attention-reach/', charts: 3 };

const widgetIn = (page: Page, w: Widget, where: 'article' | 'embed' = 'article') =>
  where === 'article' ? page.locator(`figure#${w.fig}`) : page.locator('main');
const summaryOf = (root: Locator) => root.locator('[aria-live]');
const chartsOf = (root: Locator) => root.locator('svg[class^="plot-"]');
const tablesOf = (root: Locator) => root.getByRole('table');

/** Scrolls the widget into view (client:visible) and waits until it has hydrated and drawn. */
async function hydrated(page: Page, w: Widget, where: 'article' | 'embed' = 'article') {
  const root = widgetIn(page, w, where);
  await root.scrollIntoViewIfNeeded();
  await expect(root.locator('astro-island')).toHaveCount(1);
  await expect(root.locator('astro-island[ssr]'), 'the widget hydrates once visible').toHaveCount(0, { timeout: 20_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(summaryOf(root)).toHaveText(/\S/);
  await expect(chartsOf(root)).toHaveCount(w.charts);
  return root;
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Everything the reader sees of a figure's state, as text: equal fingerprints = same figure. */
async function fingerprint(root: Locator) {
  const charts = chartsOf(root);
  const n = await charts.count();
  const labels: string[] = [];
  const marks: string[] = [];
  for (let i = 0; i < n; i++) {
    labels.push((await charts.nth(i).getAttribute('aria-label')) ?? '');
    // The drawing itself (e.g. which label is highlighted, the log axis) beyond what the summary says.
    marks.push(await charts.nth(i).evaluate((svg) => svg.querySelectorAll('path, line, circle, text').length + ':' + svg.textContent));
  }
  const checked = await root.locator('input:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value || 'on'));
  const unchecked = await root.locator('input[type="checkbox"]:not(:checked)').count();
  return {
    summary: clean(await summaryOf(root).innerText()),
    charts: labels,
    marks,
    checked: `${checked.join(',')}|${unchecked}`,
    tables: clean((await tablesOf(root).allInnerTexts()).join(' | ')),
  };
}
type Fingerprint = Awaited<ReturnType<typeof fingerprint>>;

/** Selectivity, with genre highlighted, by mouse. */
async function changeProbes(root: Locator) {
  await root.getByRole('radio', { name: /^Selectivity/ }).check();
  await root.getByRole('radio', { name: /^Genre/ }).check();
  await expect(root.getByRole('radio', { name: /^Genre/ })).toBeChecked();
}

/** Without the first position, on a log axis, by mouse. */
async function changeReach(root: Locator) {
  await root.getByRole('checkbox', { name: /first position/ }).uncheck();
  await root.getByRole('checkbox', { name: /Logarithmic/ }).check();
  await expect(root.getByRole('checkbox', { name: /Logarithmic/ })).toBeChecked();
}

const defaults: Record<string, Fingerprint> = {};

test.beforeEach(async ({ page }) => {
  if (defaults.probes && defaults.reach) return;
  await page.goto(ARTICLE);
  defaults.probes = await fingerprint(await hydrated(page, PROBES));
  defaults.reach = await fingerprint(await hydrated(page, REACH));
});

test('the static HTML already contains both figures’ charts, tables and summaries', async ({ request }) => {
  const res = await request.get(ARTICLE);
  expect(res.status()).toBe(200);
  const html = await res.text();
  for (const w of [PROBES, REACH]) {
    const start = html.indexOf(`<figure id="${w.fig}"`);
    expect(start, `figure#${w.fig} is in the static HTML`).toBeGreaterThanOrEqual(0);
    const end = html.indexOf('data-figure-actions', start);
    expect(end).toBeGreaterThan(start);
    const figure = html.slice(start, end);
    expect(figure).toContain(`data-widget="${w.widget}"`);
    expect(figure, 'server-rendered island').toMatch(/<astro-island[^>]*\sssr[\s>=]/);
    const svgs = figure.match(/<svg[^>]*class="plot-[^"]*"[^>]*>/g) ?? [];
    expect(svgs, 'every Observable Plot chart').toHaveLength(w.charts);
    for (const svg of svgs) {
      expect(svg).toMatch(/role="img"/);
      expect(svg).toMatch(/aria-label="[^"]*\S[^"]*"/);
    }
    expect(figure, 'the charts have marks').toMatch(/<path[^>]*\sd="M/);
    expect(figure, 'data tables').toMatch(/<table[\s>][\s\S]*<tbody[\s>][\s\S]*<tr[\s>][\s\S]*<\/table>/);
    expect(figure, 'summary line').toMatch(/aria-live="polite"[^>]*>[^<]*\S[^<]*</);
    expect(figure).not.toMatch(/NaN|undefined/);
  }
  for (const w of [PROBES, REACH]) {
    const embed = await (await request.get(w.embed)).text();
    const svgs = embed.match(/<svg[^>]*class="plot-[^"]*"[^>]*>/g) ?? [];
    expect(svgs.length, `${w.embed} is server-rendered`).toBe(w.charts);
    for (const svg of svgs) expect(svg).toMatch(/role="img"/);
  }
});

test('without JavaScript both figures show their charts, tables and summaries', async ({ browser, guard, baseURL }) => {
  const { context, page } = await freshPage(browser, guard, baseURL!, { javaScriptEnabled: false });
  await page.goto(ARTICLE);
  for (const w of [PROBES, REACH]) {
    const root = widgetIn(page, w);
    await root.scrollIntoViewIfNeeded();
    await expect(chartsOf(root)).toHaveCount(w.charts);
    for (let i = 0; i < w.charts; i++) await expect(chartsOf(root).nth(i)).toBeVisible();
    await expect(tablesOf(root).first()).toBeVisible();
    const stat = await fingerprint(root);
    expect(stat.summary).toBe(defaults[w.fig]!.summary);
    expect(stat.charts).toEqual(defaults[w.fig]!.charts);
    expect(stat.tables).toBe(defaults[w.fig]!.tables);
  }
  await context.close();
});

test('probe accuracy: the metric and the highlight change the charts and the URL', async ({ page }) => {
  await page.goto(ARTICLE);
  const root = await hydrated(page, PROBES);
  expect(stateParams(page.url(), PROBES.fig)).toEqual({});
  const d = defaults.probes!;

  await root.getByRole('radio', { name: /^Selectivity/ }).check();
  await expect(summaryOf(root)).not.toHaveText(d.summary);
  await expect(summaryOf(root)).toContainText('selectivity');
  await expect.poll(() => stateParams(page.url(), PROBES.fig)).toEqual({ metric: 'selectivity' });
  const sel = await fingerprint(root);
  expect(sel.charts[0]).not.toBe(d.charts[0]);
  expect(sel.charts[0]).toMatch(/^Line chart of selectivity/);
  expect(sel.charts[1]).not.toBe(d.charts[1]);

  await root.getByRole('radio', { name: /^Part of speech/ }).check();
  await expect.poll(() => stateParams(page.url(), PROBES.fig)).toEqual({ metric: 'selectivity', label: 'upos' });
  await expect(chartsOf(root).first()).toHaveAttribute('aria-label', /Highlighted: Part of speech/);
  await expect(root.locator('tr.hl').first()).toContainText('Part of speech');

  await root.getByRole('radio', { name: /^Accuracy/ }).check();
  await root.getByRole('radio', { name: 'All labels' }).check();
  await expect.poll(() => stateParams(page.url(), PROBES.fig)).toEqual({});
  expect(await fingerprint(root)).toEqual(d);
});

test('attention reach: the first-position and log toggles change the charts and the URL', async ({ page }) => {
  await page.goto(ARTICLE);
  const root = await hydrated(page, REACH);
  const d = defaults.reach!;

  await root.getByRole('checkbox', { name: /first position/ }).uncheck();
  await expect(summaryOf(root)).not.toHaveText(d.summary);
  await expect(summaryOf(root)).toContainText('without the window’s first position');
  await expect.poll(() => stateParams(page.url(), REACH.fig)).toEqual({ first: '0' });
  const noFirst = await fingerprint(root);
  expect(noFirst.charts[0]).not.toBe(d.charts[0]);

  await root.getByRole('checkbox', { name: /Logarithmic/ }).check();
  await expect.poll(() => stateParams(page.url(), REACH.fig)).toEqual({ first: '0', log: '1' });
  await expect(chartsOf(root).nth(2)).toContainText('log scale');

  await root.getByRole('checkbox', { name: /first position/ }).check();
  await root.getByRole('checkbox', { name: /Logarithmic/ }).uncheck();
  await expect.poll(() => stateParams(page.url(), REACH.fig)).toEqual({});
  expect(await fingerprint(root)).toEqual(d);
});

test('keyboard: radios move with the arrow keys, checkboxes toggle with Space', async ({ page }) => {
  await page.goto(ARTICLE);
  const probes = await hydrated(page, PROBES);
  const accuracy = probes.getByRole('radio', { name: /^Accuracy/ });
  await accuracy.focus();
  await page.keyboard.press('ArrowDown');
  await expect(probes.getByRole('radio', { name: /^Selectivity/ })).toBeChecked();
  await expect(probes.getByRole('radio', { name: /^Selectivity/ })).toBeFocused();
  await expect(summaryOf(probes)).not.toHaveText(defaults.probes!.summary);
  // Tab leaves the metric group for the highlight group; arrows pick a label.
  await page.keyboard.press('Tab');
  await expect(probes.getByRole('radio', { name: 'All labels' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(probes.getByRole('radio', { name: /^Part of speech/ })).toBeChecked();
  await expect(chartsOf(probes).first()).toHaveAttribute('aria-label', /Highlighted: Part of speech/);

  const reach = await hydrated(page, REACH);
  const first = reach.getByRole('checkbox', { name: /first position/ });
  await first.focus();
  await page.keyboard.press('Space');
  await expect(first).not.toBeChecked();
  await expect(summaryOf(reach)).not.toHaveText(defaults.reach!.summary);
  await page.keyboard.press('Tab');
  const log = reach.getByRole('checkbox', { name: /Logarithmic/ });
  await expect(log).toBeFocused();
  await page.keyboard.press('Space');
  await expect(log).toBeChecked();
  await expect.poll(() => stateParams(page.url(), REACH.fig)).toEqual({ first: '0', log: '1' });
  // The data tables can be scrolled from the keyboard: they are in the tab order.
  const region = reach.getByRole('region').first();
  await region.focus();
  await expect(region).toBeFocused();
});

test('"Copy link" gives links that restore both figures, each in its own state', async ({ page, context, browser, guard, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(ARTICLE);
  const probes = await hydrated(page, PROBES);
  await changeProbes(probes);
  const reach = await hydrated(page, REACH);
  await changeReach(reach);
  const states = { probes: await fingerprint(probes), reach: await fingerprint(reach) };
  expect(states.probes).not.toEqual(defaults.probes);
  expect(states.reach).not.toEqual(defaults.reach);

  for (const w of [PROBES, REACH]) {
    const root = widgetIn(page, w);
    await root.getByRole('button', { name: 'Copy link' }).click();
    await expect(root.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
    const shown = await root.locator('[data-share-output]').inputValue();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    const link = new URL(shown);
    expect(link.pathname).toBe(ARTICLE);
    expect(link.hash).toBe(`#${w.fig}`);
    // Only this figure's state travels with its link.
    expect([...link.searchParams.keys()].every((k) => k.startsWith(`${w.fig}.`))).toBe(true);
    expect(stateParams(shown, w.fig)).toEqual(w === PROBES ? { metric: 'selectivity', label: 'genre' } : { first: '0', log: '1' });

    const fresh = await freshPage(browser, guard, baseURL!);
    await fresh.page.goto(shown);
    await expect(widgetIn(fresh.page, w), 'the link scrolls to the figure').toBeInViewport();
    expect(await fingerprint(await hydrated(fresh.page, w))).toEqual(states[w.fig as 'probes' | 'reach']);
    // The other figure opens in its default state.
    const other = w === PROBES ? REACH : PROBES;
    expect(await fingerprint(await hydrated(fresh.page, other))).toEqual(defaults[other.fig]);
    await fresh.context.close();
  }
});

for (const w of [PROBES, REACH]) {
  test(`the embed page ${w.embed} takes plain keys, links back in the same state, and matches "Copy embed code"`, async ({ page, context, browser, guard, baseURL }) => {
    const query = w === PROBES ? 'metric=selectivity&label=genre' : 'first=0&log=1';
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(ARTICLE);
    const root = await hydrated(page, w);
    await (w === PROBES ? changeProbes(root) : changeReach(root));
    const state = await fingerprint(root);
    await root.getByRole('button', { name: 'Copy embed code' }).click();
    const code = await root.locator('[data-share-output]').inputValue();
    const src = code.match(/\ssrc="([^"]+)"/)![1]!.replace(/&amp;/g, '&');
    expect(new URL(src).pathname).toBe(w.embed);
    expect(new URLSearchParams(new URL(src).search).toString()).toBe(new URLSearchParams(query).toString());

    const fresh = await freshPage(browser, guard, baseURL!);
    await fresh.page.goto(`${w.embed}?${query}`);
    await expect(fresh.page.locator('header.site-header, footer.site-footer')).toHaveCount(0);
    await expect(fresh.page.locator('astro-island')).toHaveCount(1);
    const e = await hydrated(fresh.page, w, 'embed');
    expect(await fingerprint(e)).toEqual(state);
    // Namespaced keys are the article's, not the embed page's.
    await fresh.page.goto(`${w.embed}?${w.fig}.${query.replace('&', `&${w.fig}.`)}`);
    expect((await fingerprint(await hydrated(fresh.page, w, 'embed'))).summary).toBe(defaults[w.fig]!.summary);
    // Back to the article, in the same state.
    await fresh.page.goto(`${w.embed}?${query}`);
    const back = fresh.page.getByRole('link', { name: /why stack layers/i });
    const backUrl = new URL((await back.getAttribute('href'))!, fresh.page.url());
    expect(backUrl.pathname).toBe(ARTICLE);
    expect(backUrl.hash).toBe(`#${w.fig}`);
    await fresh.page.goto(backUrl.href);
    expect(await fingerprint(await hydrated(fresh.page, w))).toEqual(state);
    await fresh.context.close();
  });
}

// Hostile URL state: the figures fall back to their defaults, with no dialog, console error or injected markup.
const enc = encodeURIComponent;
const hostile: Record<string, string> = {
  'script and img tags': `probes.metric=${enc('<script>alert(1)</script>')}&probes.label=${enc('<img src=x onerror=alert(1)>')}&reach.first=${enc('"><svg onload=alert(1)>')}&reach.log=${enc('<script>')}`,
  'raw unencoded markup': 'probes.label=<script>alert(1)</script>&reach.first="><img src=x onerror=alert(1)>',
  'wrong values': 'probes.metric=ACCURACY&probes.label=UPOS&reach.first=yes&reach.log=2',
  'prototype keys': 'probes.label=__proto__&probes.metric=constructor&reach.__proto__=1&__proto__=x&probes.constructor=1',
  'huge values': `probes.label=${'a'.repeat(5000)}&reach.first=${'1'.repeat(5000)}`,
  'broken percent-encoding': 'probes.metric=%E0%A4%A&probes.label=%&reach.first=%ZZ&%=%',
  'lone surrogate and emoji': 'probes.label=%ED%A0%80&reach.log=%F0%9F%90%88',
  'empty values': 'probes.metric=&probes.label=&reach.first=&reach.log=',
};

test(`hostile URL state (${Object.keys(hostile).join(', ')}) leaves both figures in their default state`, async ({ page }) => {
  test.slow(); // one page load per hostile link, on a shared machine
  for (const [name, query] of Object.entries(hostile)) {
    const res = await page.goto(`${ARTICLE}?${query}`);
    expect(res?.status(), name).toBe(200);
    for (const w of [PROBES, REACH]) expect(await fingerprint(await hydrated(page, w)), name).toEqual(defaults[w.fig]);
    const injected = await page.evaluate(() => ({
      img: document.querySelectorAll('img[src="x"], img[onerror]').length,
      svg: document.querySelectorAll('svg[onload]').length,
      script: [...document.scripts].filter((s) => s.textContent?.includes('alert(1)')).length,
    }));
    expect(injected, name).toEqual({ img: 0, svg: 0, script: 0 });
    // Still interactive.
    const probes = widgetIn(page, PROBES);
    await probes.getByRole('radio', { name: /^Selectivity/ }).check();
    await expect(summaryOf(probes), name).not.toHaveText(defaults.probes!.summary);
  }
});

// axe as pages.spec runs it, on what pages.spec does not reach: the figures in changed states, and the embed pages.
// The whole essay in its default state is the site crawl's (pages.spec.ts); here, the two figures in changed states.
test('axe: the figures in changed states and both embed pages, light and dark', async ({ page }, testInfo) => {
  test.slow(); // a page with live figures and several thousand chart elements, on a busy 2-core machine
  await page.goto(`${ARTICLE}?probes.metric=selectivity&probes.label=upos&reach.first=0&reach.log=1`);
  for (const w of [PROBES, REACH]) await hydrated(page, w);
  await axeBothSchemes(page, testInfo, 'article', [`figure#${PROBES.fig}`, `figure#${REACH.fig}`]);
  for (const w of [PROBES, REACH]) {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(w.embed);
    await scrollThrough(page);
    await hydrated(page, w, 'embed');
    await axeBothSchemes(page, testInfo, w.widget);
  }
});

test.describe('360 px wide', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  for (const path of [ARTICLE, PROBES.embed, REACH.embed]) {
    test(`${path} does not scroll sideways once the charts are drawn`, async ({ page }) => {
      await page.goto(path);
      await scrollThrough(page);
      const mine = path === ARTICLE ? 'figure#probes *, figure#reach *' : 'main *';
      const overflow = await page.evaluate((selector) => {
        const width = document.documentElement.clientWidth;
        return {
          scroll: document.documentElement.scrollWidth - width,
          // Wide tables scroll inside their own focusable region; nothing else of the figures may stick out.
          culprits: [...document.querySelectorAll(selector)]
            .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('[role="region"], [data-overflow-ok]'))
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '')}`),
        };
      }, mine);
      expect(overflow.culprits).toEqual([]);
      expect(overflow.scroll).toBeLessThanOrEqual(0);
      // Charts are redrawn at the narrow width, not just scaled.
      const widths = await page.locator('svg[class^="plot-"]').evaluateAll((svgs) => svgs.map((s) => Number(s.getAttribute('width'))));
      expect(widths.length).toBeGreaterThan(0);
      for (const wd of widths) expect(wd).toBeLessThanOrEqual(360);
    });
  }
});
