// The receptive-field explorer (widgets/receptive-field/): server-rendered figure, mouse and keyboard input,
// URL state (deep links, "Copy link", "Copy embed code", the embed page), and hostile URL state.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { test, expect, type Guard } from './fixtures.ts';
import { ARTICLE, EMBED, freshPage, stateParams as siteStateParams } from './site.ts';

const FIG = 'receptive-field';

/** The widget root: the article's figure, or the embed page's main. */
const widgetIn = (page: Page, where: 'article' | 'embed' = 'article') =>
  where === 'article' ? page.locator(`figure#${FIG}`) : page.locator('main');

const summaryOf = (w: Locator) => w.locator('[aria-live]');
const tableOf = (w: Locator) => w.getByRole('table');
const outputSlider = (w: Locator) => w.getByRole('slider', { name: /output position/i });
const plotOf = (w: Locator) => w.locator('svg[class^="plot-"]');
const stripOf = (w: Locator) => w.getByRole('img', { name: /strip diagram/i });

/** Scrolls the widget into view (client:visible) and waits until it has hydrated. */
async function hydrated(page: Page, where: 'article' | 'embed' = 'article') {
  const w = widgetIn(page, where);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('astro-island')).toHaveCount(1);
  await expect(w.locator('astro-island[ssr]'), 'the widget hydrates once visible').toHaveCount(0, { timeout: 20_000 });
  // Svelte applies the URL state and redraws in effects (microtasks): let them settle.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(summaryOf(w)).toHaveCount(1);
  await expect(summaryOf(w)).toHaveText(/\S/);
  return w;
}

/** Everything the reader sees of the state, as text: equal fingerprints = same figure. */
async function fingerprint(w: Locator) {
  const pressed = await w.getByRole('group', { name: 'Preset' }).getByRole('button', { pressed: true }).allInnerTexts();
  return {
    summary: (await summaryOf(w).innerText()).trim(),
    table: (await tableOf(w).innerText()).replace(/\s+/g, ' ').trim(),
    plot: (await plotOf(w).first().getAttribute('aria-label')) ?? '',
    output: await outputSlider(w).inputValue(),
    preset: [...new Set(pressed.map((t) => t.trim()))].join(','),
  };
}

const stateParams = (url: string, namespace = FIG) => siteStateParams(url, namespace);

let defaults: Awaited<ReturnType<typeof fingerprint>>;

test.beforeEach(async ({ page }) => {
  if (defaults) return;
  await page.goto(ARTICLE);
  defaults = await fingerprint(await hydrated(page));
});

test('the static HTML already contains the chart, the strip, the table and the summary', async ({ request }) => {
  const res = await request.get(ARTICLE);
  expect(res.status()).toBe(200);
  const html = await res.text();
  const start = html.indexOf(`<figure id="${FIG}"`);
  expect(start, 'the figure is in the static HTML').toBeGreaterThanOrEqual(0);
  const end = html.indexOf('data-figure-actions', start);
  expect(end).toBeGreaterThan(start);
  const figure = html.slice(start, end);
  expect(figure).toMatch(/data-widget="receptive-field"/);
  expect(figure, 'server-rendered island').toMatch(/<astro-island[^>]*\sssr[\s>=]/);
  expect(figure, 'Observable Plot svg').toMatch(/<svg[^>]*class="plot-[^"]*"/);
  expect(figure, 'the plot has marks').toMatch(/<path[^>]*\sd="M/);
  expect(figure, 'strip diagram').toMatch(/<svg[^>]*aria-label="Strip diagram/);
  expect(figure, 'data table').toMatch(/<table[\s>][\s\S]*<tbody[\s>][\s\S]*<tr[\s>][\s\S]*<\/table>/);
  expect(figure, 'summary line').toMatch(/aria-live="polite"[^>]*>[^<]*\S[^<]*</);
});

test('without JavaScript the figure shows the chart and the table', async ({ browser, guard, baseURL }) => {
  const { context, page } = await freshPage(browser, guard, baseURL!, { javaScriptEnabled: false });
  await page.goto(ARTICLE);
  const w = widgetIn(page);
  await w.scrollIntoViewIfNeeded();
  await expect(plotOf(w)).toBeVisible();
  await expect(stripOf(w)).toBeVisible();
  await expect(tableOf(w)).toBeVisible();
  expect((await summaryOf(w).innerText()).trim()).toBe(defaults.summary);
  expect((await tableOf(w).innerText()).replace(/\s+/g, ' ').trim()).toBe(defaults.table);
  await context.close();
});

test('the figure hydrates into the same state the static HTML showed', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = widgetIn(page);
  const staticSummary = (await summaryOf(w).innerText()).trim();
  const staticTable = (await tableOf(w).innerText()).replace(/\s+/g, ' ').trim();
  await hydrated(page);
  expect((await summaryOf(w).innerText()).trim()).toBe(staticSummary);
  expect((await tableOf(w).innerText()).replace(/\s+/g, ' ').trim()).toBe(staticTable);
});

test('mouse: a preset, "Add layer" and a strip cell change the figure', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const start = await fingerprint(w);
  expect(start).toEqual(defaults);

  // A preset.
  const strided = w.getByRole('button', { name: 'Strided' });
  await expect(strided).toHaveAttribute('aria-pressed', 'false');
  await strided.click();
  await expect(strided).toHaveAttribute('aria-pressed', 'true');
  await expect(summaryOf(w)).not.toHaveText(start.summary);
  const afterPreset = await fingerprint(w);
  expect(afterPreset.table).not.toBe(start.table);
  expect(afterPreset.plot).not.toBe(start.plot);

  // Add a layer: one more table row and one more layer fieldset; the preset no longer matches.
  const rows = await tableOf(w).locator('tbody tr').count();
  const layerCount = await w.getByRole('group', { name: /^Layer \d+$/ }).count();
  await w.getByRole('button', { name: 'Add layer' }).click();
  await expect(tableOf(w).locator('tbody tr')).toHaveCount(rows + 1);
  await expect(w.getByRole('group', { name: /^Layer \d+$/ })).toHaveCount(layerCount + 1);
  await expect(strided).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await fingerprint(w)).plot).not.toBe(afterPreset.plot);

  // Click a top-row cell of the strip: that output becomes the selected one.
  const slider = outputSlider(w);
  const current = Number(await slider.inputValue());
  const cells = stripOf(w).locator('rect[data-output]');
  const n = await cells.count();
  expect(n).toBeGreaterThan(1);
  const target = current === 0 ? n - 1 : 0;
  const before = await summaryOf(w).innerText();
  await stripOf(w).locator(`rect[data-output="${target}"]`).click();
  await expect(slider).toHaveValue(String(target));
  await expect(summaryOf(w)).not.toHaveText(before);
  await expect(tableOf(w).locator('caption')).toContainText(`output ${target} `);
});

test('keyboard: the output slider responds to ArrowRight, End and Home', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const slider = outputSlider(w);
  await slider.focus();
  await expect(slider).toBeFocused();
  const v0 = Number(await slider.inputValue());
  const max = Number(await slider.getAttribute('max'));
  expect(max).toBeGreaterThan(v0);
  const s0 = await summaryOf(w).innerText();
  const t0 = await tableOf(w).innerText();

  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue(String(v0 + 1));
  await expect(summaryOf(w)).not.toHaveText(s0);
  expect(await tableOf(w).innerText()).not.toBe(t0);
  const s1 = await summaryOf(w).innerText();

  await page.keyboard.press('End');
  await expect(slider).toHaveValue(String(max));
  await expect(summaryOf(w)).not.toHaveText(s1);
  await expect(tableOf(w).locator('caption')).toContainText(`output ${max} `);

  await page.keyboard.press('Home');
  await expect(slider).toHaveValue('0');
  await expect(tableOf(w).locator('caption')).toContainText('output 0 ');
});

test('keyboard: the controls are reachable with Tab and a preset works with Enter', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const first = w.getByRole('button', { name: 'VGG-style' });
  await first.focus();
  const dilated = w.getByRole('button', { name: /^Dilated/ });
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await dilated.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Tab reaches the "Dilated" preset from "VGG-style"').toBe(true);
  await page.keyboard.press('Enter');
  await expect(dilated).toHaveAttribute('aria-pressed', 'true');
  await expect(summaryOf(w)).not.toHaveText(defaults.summary);
});

/** Puts the widget in a state that differs from the default in layers, output and causal padding. */
async function changeState(page: Page, w: Locator) {
  await w.getByRole('button', { name: /^Dilated/ }).click();
  await w.getByRole('button', { name: 'Add layer' }).click();
  const slider = outputSlider(w);
  await slider.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('2');
  const state = await fingerprint(w);
  expect(state.summary).not.toBe(defaults.summary);
  expect(state.table).not.toBe(defaults.table);
  return state;
}

test('a state change is written to the URL, and the URL restores it in a fresh browser', async ({ page, browser, guard, baseURL }) => {
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  expect(Object.keys(stateParams(page.url()))).toEqual([]);
  const state = await changeState(page, w);
  await expect.poll(() => stateParams(page.url()).out).toBe('2');
  const params = stateParams(page.url());
  expect(params.layers, 'the layers are in the URL').toMatch(/\S/);
  const url = page.url();

  const fresh = await freshPage(browser, guard, baseURL!);
  await fresh.page.goto(url);
  const w2 = await hydrated(fresh.page);
  expect(await fingerprint(w2)).toEqual(state);
  await fresh.context.close();
});

test('"Copy link" gives a link to the figure in its state, which restores it', async ({ page, context, browser, guard, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const state = await changeState(page, w);
  await expect.poll(() => stateParams(page.url()).out).toBe('2');

  await w.getByRole('button', { name: 'Copy link' }).click();
  await expect(w.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
  const shown = await w.locator('[data-share-output]').inputValue();
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(clipboard).toBe(shown);

  const link = new URL(shown);
  expect(link.hash).toBe(`#${FIG}`);
  expect(link.pathname).toBe(ARTICLE);
  expect(link.origin).toBe(new URL(baseURL!).origin);
  const params = stateParams(shown);
  expect(params.out).toBe('2');
  expect(params.layers).toMatch(/\S/);
  expect(params).toEqual(stateParams(page.url()));

  const fresh = await freshPage(browser, guard, baseURL!);
  await fresh.page.goto(shown);
  const w2 = widgetIn(fresh.page);
  await expect(w2, 'the link scrolls to the figure').toBeInViewport();
  await hydrated(fresh.page);
  expect(await fingerprint(w2)).toEqual(state);
  await fresh.context.close();
});

test('"Copy link" and "Copy embed code" right after a change include that change', async ({ page }) => {
  // The URL is written with a debounce; copying must not hand out the state from before the last change.
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const output = w.locator('[data-share-output]');
  await w.getByRole('button', { name: 'Strided' }).click();
  await w.getByRole('button', { name: 'Copy link' }).click();
  await expect(output).toHaveValue(/\S/);
  expect(stateParams(await output.inputValue()).layers, 'the link carries the new layers').toMatch(/\S/);

  await w.getByRole('button', { name: /^Dilated/ }).click();
  await w.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(output).toHaveValue(/^<iframe/);
  const src = (await output.inputValue()).match(/\ssrc="([^"]+)"/)![1].replace(/&amp;/g, '&');
  expect(stateParams(src, '').causal, 'the embed code carries the new (causal) preset').toBe('1');
});

test('"Copy embed code" gives an iframe of the widget alone, in the same state, linking back', async ({ page, context, browser, guard, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const state = await changeState(page, w);
  await expect.poll(() => stateParams(page.url()).out).toBe('2');
  const articleParams = stateParams(page.url());

  await w.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(w.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
  const code = await w.locator('[data-share-output]').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  // The iframe, then the few lines that size it to the figure (src/lib/embed-resize.ts; embeds.spec.ts tests them).
  expect(code).toMatch(/^<iframe\s[^>]*src="[^"]+"[^>]*><\/iframe><script>[^<]*<\/script>$/);
  expect(code, 'the iframe has a title').toMatch(/\stitle="[^"]*\S[^"]*"/);
  const src = code.match(/\ssrc="([^"]+)"/)![1].replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  const embed = new URL(src);
  expect(embed.origin).toBe(new URL(baseURL!).origin);
  expect(embed.pathname).toBe(EMBED);
  expect(stateParams(src, '')).toEqual(articleParams);

  // The src alone: only the widget, in the same state, with a link back to the article.
  const fresh = await freshPage(browser, guard, baseURL!);
  await fresh.page.goto(src);
  await expect(fresh.page.locator('header.site-header, footer.site-footer')).toHaveCount(0);
  await expect(fresh.page.locator('astro-island')).toHaveCount(1);
  const e = await hydrated(fresh.page, 'embed');
  expect(await fingerprint(e)).toEqual(state);
  const back = fresh.page.getByRole('link', { name: /transformers are convnets/i });
  await expect(back).toHaveCount(1);
  const backUrl = new URL((await back.getAttribute('href'))!, fresh.page.url());
  expect(backUrl.pathname).toBe(ARTICLE);
  expect(backUrl.hash).toBe(`#${FIG}`);
  expect(stateParams(backUrl.href)).toEqual(articleParams);
  await fresh.page.goto(backUrl.href);
  expect(await fingerprint(await hydrated(fresh.page))).toEqual(state);

  // The code itself, pasted into another page (served on the same origin, as embeds.spec.ts does: the test browser
  // may reach no other, and a page without the article's Content-Security-Policy runs the host's inline script).
  await fresh.context.route('**/host-page.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><title>host</title><body>${code}</body></html>` }),
  );
  await fresh.page.goto('/host-page.html');
  const frame = fresh.page.frameLocator('iframe');
  await expect(frame.locator('[aria-live]')).toHaveText(state.summary, { timeout: 20_000 });
  await fresh.context.close();
});

// Hostile URL state: each must leave the page working with the default figure, with no dialog, no console
// error (the guard fixture checks both) and nothing injected into the DOM.
const junk = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  svg: '"><svg onload=alert(1)>',
  huge: '9'.repeat(5000),
};
const enc = encodeURIComponent;
const hostile: Record<string, string> = {
  'script tag in layers': `${FIG}.layers=${enc(junk.script)}`,
  'img onerror in every key': ['layers', 'n', 'out', 'causal', 'log'].map((k) => `${FIG}.${k}=${enc(junk.img)}`).join('&'),
  'attribute breakout': `${FIG}.layers=${enc(junk.svg)}&${FIG}.out=${enc(junk.svg)}`,
  'raw unencoded markup': `${FIG}.layers=<script>alert(1)</script>&${FIG}.n="><img src=x onerror=alert(1)>`,
  'huge numbers': `${FIG}.n=${junk.huge}&${FIG}.out=${junk.huge}&${FIG}.layers=c${junk.huge}.1.1`,
  'wrong types': `${FIG}.n=abc&${FIG}.out=-1&${FIG}.causal=maybe&${FIG}.log=2&${FIG}.layers=c3.1.1_x&${FIG}.n=1e3`,
  'number-ish junk': `${FIG}.n=0x40&${FIG}.out=1.5&${FIG}.n=Infinity&${FIG}.out=NaN`,
  'broken percent-encoding': `${FIG}.layers=%E0%A4%A&${FIG}.n=%&${FIG}.out=%ZZ&%=%`,
  'lone surrogate and emoji': `${FIG}.layers=%ED%A0%80&${FIG}.n=%F0%9F%90%88`,
  'empty values': `${FIG}.layers=&${FIG}.n=&${FIG}.out=&${FIG}.causal=`,
  'unknown and prototype keys': `${FIG}.bogus=1&other.thing=2&__proto__=x&${FIG}.__proto__=1&${FIG}.constructor=1&constructor.prototype=1`,
  'too many layers': `${FIG}.layers=${Array(40).fill('c3.1.1').join('_')}`,
};

async function expectDefaultAndWorking(page: Page, w: Locator, expected: typeof defaults) {
  expect(await fingerprint(w)).toEqual(expected);
  const injected = await page.evaluate(() => ({
    img: document.querySelectorAll('img[src="x"], img[onerror]').length,
    svg: document.querySelectorAll('svg[onload]').length,
    script: [...document.scripts].filter((s) => s.textContent?.includes('alert(1)')).length,
  }));
  expect(injected).toEqual({ img: 0, svg: 0, script: 0 });
  // Still interactive.
  const slider = outputSlider(w);
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(summaryOf(w)).not.toHaveText(expected.summary);
}

test(`hostile URL state (${Object.keys(hostile).join(', ')}) falls back to the default figure`, async ({ page }) => {
  test.slow(); // one page load per hostile link, on a shared machine
  for (const [name, query] of Object.entries(hostile)) {
    await test.step(name, async () => {
      const res = await page.goto(`${ARTICLE}?${query}#${FIG}`);
      expect(res?.status()).toBe(200);
      await expectDefaultAndWorking(page, await hydrated(page), defaults);
    });
  }
});

test('hostile URL state: a 100 KB parameter falls back to the default figure', async ({ page, baseURL }) => {
  // No server accepts a 100 KB request line (astro preview answers 431), so the document is served for the
  // plain path and the browser keeps the long URL: the widget reads it from location.search.
  const big = `${FIG}.layers=${'c3.1.1_'.repeat(15_000)}&${FIG}.n=${'7'.repeat(100_000)}`;
  expect(big.length).toBeGreaterThan(100_000);
  await page.route(
    (url) => url.pathname === ARTICLE && url.search.length > 100_000,
    async (route) => route.fulfill({ response: await route.fetch({ url: new URL(ARTICLE, baseURL).href }) }),
  );
  await page.goto(`${ARTICLE}?${big}`);
  expect(new URL(page.url()).search.length).toBeGreaterThan(100_000);
  await expectDefaultAndWorking(page, await hydrated(page), defaults);
});

test('hostile URL state on the embed page falls back to the default figure', async ({ page }) => {
  await page.goto(EMBED);
  const embedDefaults = await fingerprint(await hydrated(page, 'embed'));
  expect(embedDefaults.summary).toBe(defaults.summary);
  for (const query of [
    `layers=${enc(junk.script)}&out=${enc(junk.img)}`,
    `n=${junk.huge}&out=%E0%A4%A&causal=%`,
    `layers=c3.1.1_x&${FIG}.layers=c2.1.1&unknown=1`,
  ]) {
    await page.goto(`${EMBED}?${query}`);
    await expectDefaultAndWorking(page, await hydrated(page, 'embed'), embedDefaults);
  }
});

test('the embed page takes plain keys', async ({ page }) => {
  await page.goto(`${EMBED}?layers=c3.1.1_c3.1.1&out=1`);
  const w = await hydrated(page, 'embed');
  await expect(tableOf(w).locator('tbody tr')).toHaveCount(3); // input + 2 layers
  await expect(outputSlider(w)).toHaveValue('1');
  // …and ignores the article's namespaced ones.
  await page.goto(`${EMBED}?${FIG}.layers=c3.1.1_c3.1.1&${FIG}.out=1`);
  expect((await fingerprint(await hydrated(page, 'embed'))).summary).toBe(defaults.summary);
});
