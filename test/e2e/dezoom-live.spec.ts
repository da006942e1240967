// The live probes and the logit lens (widgets/live-probes/, widgets/logit-lens/): the static HTML
// before JS, the model running on the reader's text in the browser, mouse and keyboard, URL state through
// "Copy link", hostile text, a model that 404s, the embed pages, a phone-sized viewport, and axe.
// The model files are retrained and replaced: nothing here depends on a particular prediction.
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { test, expect, type Guard } from './fixtures.ts';
import { axeBothSchemes, freshPage, remember } from './site.ts';
import { live, painted, READY_TIMEOUT, rootOf } from './live-figure.ts';
import { DEFAULT_PROBES_TEXT } from '../../widgets/live-probes/state.ts';
import { DEFAULT_LENS_TEXT } from '../../widgets/logit-lens/state.ts';

const ARTICLE = '/articles/why-stack-layers/';
const PROBES = 'probes-live';
const LENS = 'lens';
test.describe.configure({ timeout: 180_000 });

const figure = (page: Page, id: string) => page.locator(`figure#${id}`);
const gridOf = (w: Locator) => w.locator('table[data-probe-grid]');
const lensTableOf = (w: Locator) => w.locator('table[data-lens-table]');
const lensCaptionOf = (w: Locator) => w.locator('[data-lens-caption]');
const textOf = (w: Locator) => w.getByRole('textbox', { name: 'Your text' });


/** Replaces the text and waits for the fresh result to be painted. */
async function typeText(w: Locator, text: string) {
  const before = await painted(w);
  await textOf(w).fill(text);
  if (text !== '') await expect.poll(() => painted(w), { timeout: READY_TIMEOUT }).toBeGreaterThan(before);
}

async function words(w: Locator): Promise<string[]> {
  return gridOf(w).locator('th[data-word]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-word') ?? ''));
}

async function cellClasses(w: Locator): Promise<string[]> {
  return gridOf(w).locator('button[data-col] .cls').allInnerTexts();
}

const open = (browser: Browser, guard: Guard, baseURL: string, opts = {}) =>
  freshPage(browser, guard, baseURL, { viewport: { width: 1280, height: 900 }, ...opts }, remember);

// A returning reader (site.ts): the backend timing on first visit is attention.spec.ts's to test.
test.beforeEach(async ({ context }) => remember(context));

function figureHtml(html: string, id: string): string {
  const start = html.indexOf(`<figure id="${id}"`);
  expect(start, `figure ${id} is in the static HTML`).toBeGreaterThanOrEqual(0);
  const end = html.indexOf('data-figure-actions', start);
  expect(end).toBeGreaterThan(start);
  return html.slice(start, end);
}

test('the static HTML already shows real probe predictions and a real lens table', async ({ request }) => {
  const res = await request.get(ARTICLE);
  expect(res.status()).toBe(200);
  const html = await res.text();

  const probes = figureHtml(html, PROBES);
  expect(/<astro-island[^>]*\sssr[\s>=]/.test(probes), 'server-rendered island').toBe(true);
  expect(/<table[^>]*data-probe-grid/.test(probes)).toBe(true);
  const expectedWords = DEFAULT_PROBES_TEXT.split(/\s+/).filter(Boolean);
  expect(probes.match(/<th[^>]*data-word=/g) ?? []).toHaveLength(expectedWords.length);
  expect(/Layer 0(<!--[^>]*-->)*<span[^>]*> \(embedding\)/.test(probes), 'row labels').toBe(true);
  expect(probes.match(/<button[^>]*data-col=/g)?.length, 'one cell per word and layer').toBeGreaterThanOrEqual(expectedWords.length * 2);
  expect(/class="cls[^"]*">[^<]+<\/span>\s*<span class="pct[^"]*">\d+%/.test(probes), 'a predicted class with its probability').toBe(true);
  expect(/<table[^>]*data-genre/.test(probes)).toBe(true);
  expect(/<li class="[^"]*\btop\b/.test(probes), 'the bar list of the selected cell').toBe(true);

  const lens = figureHtml(html, LENS);
  expect(/<table[^>]*data-lens-table/.test(lens)).toBe(true);
  expect(/Layer 0(<!--[^>]*-->)*<span[^>]*>embedding</.test(lens), 'row labels').toBe(true);
  expect(/data-lens-caption[^>]*>\s*Next-token guesses after token \d+/.test(lens), 'the table caption').toBe(true);
  expect(/<svg(?=[^>]*\srole="img")(?=[^>]*\saria-label="Line chart\.)/.test(lens), 'the KL chart').toBe(true);
  expect(/<path[^>]*\sd="M/.test(lens)).toBe(true);
  expect(/data-token-strip/.test(lens)).toBe(true);
});

test('without JavaScript both figures show their build-time predictions', async ({ browser, guard, baseURL }) => {
  const { context, page } = await open(browser, guard, baseURL!, { javaScriptEnabled: false });
  await page.goto(ARTICLE);
  const probes = figure(page, PROBES);
  await probes.scrollIntoViewIfNeeded();
  await expect(gridOf(probes)).toBeVisible();
  expect(await words(probes)).toEqual(DEFAULT_PROBES_TEXT.split(/\s+/).filter(Boolean));
  await expect(probes.locator('table[data-genre]')).toBeVisible();
  const lens = figure(page, LENS);
  await expect(lensTableOf(lens)).toBeVisible();
  expect(await lensTableOf(lens).locator('tbody tr').count(), 'one row per layer, the embedding included').toBeGreaterThanOrEqual(2);
  await expect(lens.locator('[data-token-strip] button')).not.toHaveCount(0);
  await expect(lens.locator('svg[role="img"]')).toBeVisible();
  await context.close();
});

test('the figures hydrate into the predictions the static HTML showed', async ({ page }) => {
  await page.goto(ARTICLE);
  const probes = figure(page, PROBES);
  const staticWords = await words(probes);
  const staticClasses = await cellClasses(probes);
  await live(probes);
  expect(await words(probes)).toEqual(staticWords);
  const liveClasses = await cellClasses(probes);
  expect(liveClasses).toHaveLength(staticClasses.length);
  // Same model, same text; the browser's backend may round differently, so allow a near-tie to flip.
  const same = liveClasses.filter((c, i) => c === staticClasses[i]).length;
  expect(same / staticClasses.length).toBeGreaterThan(0.9);
});

test('typing changes the probe predictions and the lens table', { tag: '@smoke' }, async ({ page }) => {
  await page.goto(ARTICLE);
  const probes = await live(figure(page, PROBES));
  const before = { words: await words(probes), classes: await cellClasses(probes) };
  await typeText(probes, 'Dogs bark loudly at night.');
  expect(await words(probes)).toEqual(['Dogs', 'bark', 'loudly', 'at', 'night.']);
  expect(await cellClasses(probes)).not.toEqual(before.classes);
  await expect(probes.getByText(/Every column has fewer than \d+ tokens before it/)).toBeVisible();
  // Low context is said once, in the caption: no column is marked or hatched.
  await expect(gridOf(probes).locator('th[data-word]', { hasText: '†' })).toHaveCount(0);

  // A word is read at its own last piece, not at the full stop after it: "mat." is a noun.
  await typeText(probes, 'The cat sat on the mat.');
  expect(await words(probes)).toEqual(['The', 'cat', 'sat', 'on', 'the', 'mat.']);
  const top = (await gridOf(probes).locator('tbody tr').count()) - 1;
  await expect(gridOf(probes).locator(`button[data-col="5"][data-layer="${top}"] .cls`)).toHaveText('NOUN');

  const lens = await live(figure(page, LENS));
  const caption = await lensCaptionOf(lens).innerText();
  const rows = await lensTableOf(lens).locator('tbody').innerText();
  await typeText(lens, 'Once upon a time there was a');
  await expect(lensCaptionOf(lens)).not.toHaveText(caption);
  expect(await lensTableOf(lens).locator('tbody').innerText()).not.toBe(rows);
  const last = (await lens.locator('[data-token-strip] button').count()) - 1;
  await expect(lens.locator(`[data-token-strip] button[data-index="${last}"]`)).toHaveAttribute('aria-pressed', 'true');
});

test('mouse and keyboard: the probe picker, a grid cell, and the lens position', async ({ page }) => {
  await page.goto(ARTICLE);
  const probes = await live(figure(page, PROBES));

  // Label with the mouse.
  await probes.getByRole('radio', { name: /Noun-phrase chunk/ }).check();
  await expect(gridOf(probes)).toHaveAttribute('data-label', 'chunk');
  for (const c of new Set(await cellClasses(probes))) expect(['O', 'B-NP', 'I-NP']).toContain(c);
  // Label with the keyboard: arrow keys move through a radio group.
  await probes.getByRole('radio', { name: /Noun-phrase chunk/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(gridOf(probes)).toHaveAttribute('data-label', 'sentpos');
  await expect(probes.getByRole('radio', { name: /Position in sentence/ })).toBeChecked();

  // A cell with the mouse: it becomes the selection, and its distribution is listed.
  const cell = gridOf(probes).locator('button[data-col="2"][data-layer="1"]');
  await cell.click();
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  await expect(cell).toHaveAttribute('tabindex', '0');
  const word2 = (await gridOf(probes).locator('th[data-word]').nth(2).getAttribute('data-word'))!;
  await expect(probes.locator('.bars .caption')).toContainText(`“${word2}” after layer 1`);
  await expect(probes.locator('.bars li')).toHaveCount(5); // sentpos has five classes
  // …and with the keyboard: arrows move the selection and the focus.
  await page.keyboard.press('ArrowRight');
  const right = gridOf(probes).locator('button[data-col="3"][data-layer="1"]');
  await expect(right).toBeFocused();
  await expect(right).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(gridOf(probes).locator('button[data-col="3"][data-layer="2"]')).toBeFocused();
  await expect(probes.locator('.bars .caption')).toContainText('after layer 2');
  await page.keyboard.press('Home');
  await expect(gridOf(probes).locator('button[data-col="0"][data-layer="2"]')).toBeFocused();
  // One tab stop for the whole grid.
  await expect(gridOf(probes).locator('button[tabindex="0"]')).toHaveCount(1);
  await expect.poll(() => new URL(page.url()).searchParams.get(`${PROBES}.layer`)).toBe('2');
  expect(new URL(page.url()).searchParams.get(`${PROBES}.label`)).toBe('sentpos');

  // The lens position: a click, then the keyboard (arrows move the focus, Enter chooses).
  const lens = await live(figure(page, LENS));
  const strip = lens.locator('[data-token-strip]');
  const n = await strip.locator('button').count();
  expect(n).toBeGreaterThan(4);
  let before = await painted(lens);
  await strip.locator('button[data-index="2"]').click();
  await expect(strip.locator('button[data-index="2"]')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => painted(lens)).toBeGreaterThan(before);
  await expect(lensTableOf(lens)).toHaveAttribute('data-position', '2');
  await expect(lensCaptionOf(lens)).toContainText('after token 3');
  await expect(strip.locator('button[data-index="2"]')).toBeFocused();
  before = await painted(lens);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(strip.locator('button[data-index="4"]')).toBeFocused();
  await expect(strip.locator('button[data-index="2"]'), 'arrows only move the focus').toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await expect(strip.locator('button[data-index="4"]')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => painted(lens)).toBeGreaterThan(before);
  await expect(lensTableOf(lens)).toHaveAttribute('data-position', '4');
  await expect.poll(() => new URL(page.url()).searchParams.get(`${LENS}.pos`)).toBe('4');
});

test('"Copy link" restores the text, the probe and the selected cell; and the lens position', async ({ page, browser, guard, baseURL }) => {
  await page.goto(ARTICLE);
  const probes = await live(figure(page, PROBES));
  await typeText(probes, 'The quick brown fox jumps over the lazy dog. 🦊 Ça va?');
  await probes.getByRole('radio', { name: /Word start/ }).check();
  await gridOf(probes).locator('button[data-col="3"][data-layer="0"]').click();
  const lens = await live(figure(page, LENS));
  await typeText(lens, 'She opened the door and saw the');
  await lens.locator('[data-token-strip] button[data-index="3"]').click();
  await expect(lensTableOf(lens)).toHaveAttribute('data-position', '3');
  const probesWords = await words(probes);
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  const probesSummary = norm(await probes.locator('.bars .caption').textContent());
  const lensCaption = norm(await lensCaptionOf(lens).textContent());

  // Each figure's "Copy link" carries that figure's state only.
  const copy = async (id: string) => {
    await figure(page, id).getByRole('button', { name: 'Copy link' }).click();
    return figure(page, id).locator('[data-share-output]').inputValue();
  };
  const probesLink = new URL(await copy(PROBES));
  expect(probesLink.hash).toBe(`#${PROBES}`);
  expect(probesLink.searchParams.get(`${PROBES}.label`)).toBe('word_start');
  expect(probesLink.searchParams.get(`${PROBES}.word`)).toBe('3');
  expect(probesLink.searchParams.get(`${PROBES}.layer`)).toBe('0');
  const lensLink = new URL(await copy(LENS));
  expect(lensLink.searchParams.get(`${LENS}.pos`)).toBe('3');
  expect(lensLink.searchParams.get(`${LENS}.text`)).toBe('She opened the door and saw the');

  const { context, page: other } = await open(browser, guard, baseURL!);
  await other.goto(probesLink.href);
  const p2 = await live(figure(other, PROBES));
  await expect(textOf(p2)).toHaveValue('The quick brown fox jumps over the lazy dog. 🦊 Ça va?');
  await expect(p2.getByRole('radio', { name: /Word start/ })).toBeChecked();
  await expect(gridOf(p2)).toHaveAttribute('data-label', 'word_start');
  await expect(gridOf(p2).locator('button[data-col="3"][data-layer="0"]')).toHaveAttribute('aria-pressed', 'true');
  expect(await words(p2)).toEqual(probesWords);
  await expect(p2.locator('.bars .caption')).toHaveText(probesSummary);

  await other.goto(lensLink.href);
  const l2 = await live(figure(other, LENS));
  await expect(textOf(l2)).toHaveValue('She opened the door and saw the');
  await expect(lensTableOf(l2)).toHaveAttribute('data-position', '3');
  await expect(lensCaptionOf(l2)).toHaveText(lensCaption);
  await expect(l2.locator('[data-token-strip] button[data-index="3"]')).toHaveAttribute('aria-pressed', 'true');
  await context.close();
});

test('hostile text: empty, a 100 KB paste, and emoji, CJK, RTL, zero-width and combining marks', async ({ page }) => {
  await page.goto(ARTICLE);
  const probes = await live(figure(page, PROBES));
  const lens = await live(figure(page, LENS));

  for (const w of [probes, lens]) {
    await typeText(w, '');
    await expect(w.getByText(/No text yet: type or paste something/).first()).toBeVisible();
    await expect(w.locator('table[data-probe-grid], table[data-lens-table]')).toHaveCount(0);
    await expect(rootOf(w)).toHaveAttribute('data-status', 'ready');
  }

  await typeText(probes, '  \n\t  \n');
  await expect(probes.getByText(/only spaces and line breaks/)).toBeVisible();
  await typeText(lens, '  \n\t  \n');
  await expect(lensTableOf(lens)).toBeVisible();

  const huge = 'The old man walked slowly to the river, where his daughter was waiting. '.repeat(1400); // ~100 KB
  expect(huge.length).toBeGreaterThan(100_000);
  for (const w of [probes, lens]) {
    await typeText(w, huge);
    await expect(w.locator('[data-over-length]')).toContainText("it reads only the first 128 tokens");
    await expect(rootOf(w)).toHaveAttribute('data-status', 'ready');
  }
  await expect(gridOf(probes)).toBeVisible();
  expect((await words(probes)).length).toBeGreaterThan(50);
  await expect(lens.locator('[data-token-strip] button')).toHaveCount(128);
  await expect(lensTableOf(lens)).toHaveAttribute('data-position', '127');

  const hostile = [
    '🐈‍⬛ jumps 👩🏽‍🚀 over 🇫🇷',
    '猫が跳ぶ。東京は大きい。',
    'القطة تقفز فوق السياج',
    'zero\u200bwidth\u200d joiner\u2060 text\ufeff',
    'e\u0301\u0301\u0301 combining a\u0308\u0308 marks',
    '🙂'.repeat(300),
  ];
  for (const text of hostile) {
    for (const w of [probes, lens]) {
      await typeText(w, text);
      await expect(rootOf(w)).toHaveAttribute('data-status', 'ready');
      await expect(w.locator('table[data-probe-grid], table[data-lens-table]')).toBeVisible();
    }
    if ([...text].length >= 300) await expect(probes.locator('[data-over-length]')).toBeVisible();
  }
});

test('a 404 on the lens graph shows an error in the lens figure only; the probes still run', async ({ page, guard }) => {
  guard.allowConsole(/Failed to load resource: the server responded with a status of 404/);
  await page.context().route('**/models/transformer-lens.onnx', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(ARTICLE);
  const lens = figure(page, LENS);
  await lens.scrollIntoViewIfNeeded();
  await expect(rootOf(lens)).toHaveAttribute('data-status', 'error', { timeout: READY_TIMEOUT });
  await expect(lens.getByRole('alert')).toContainText(/transformer-lens.*404|404.*transformer-lens/i);
  // The controls and the build-time view stay.
  await expect(textOf(lens)).toBeEditable();
  await expect(lensTableOf(lens)).toBeVisible();
  await expect(lens.getByRole('button', { name: 'Try again' })).toBeVisible();

  const probes = await live(figure(page, PROBES));
  await expect(probes.getByRole('alert')).toHaveCount(0);
  await typeText(probes, 'Dogs bark loudly at night.');
  expect(await words(probes)).toEqual(['Dogs', 'bark', 'loudly', 'at', 'night.']);
});

test('a 404 on the model shows an error inside each model figure, and the page keeps working', async ({ page, guard }) => {
  guard.allowConsole(/Failed to load resource: the server responded with a status of 404/);
  await page.context().route('**/models/transformer.onnx', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(ARTICLE);
  for (const id of [PROBES, LENS]) {
    const w = figure(page, id);
    await w.scrollIntoViewIfNeeded();
    await expect(rootOf(w)).toHaveAttribute('data-status', 'error', { timeout: READY_TIMEOUT });
    await expect(w.getByRole('alert')).toContainText(/404/);
    await expect(textOf(w)).toBeEditable();
    // Typing still works: the text is tokenized and the over-length message still appears.
    await textOf(w).fill('word '.repeat(300));
    await expect(w.locator('[data-over-length]')).toBeVisible();
  }
  // The build-time grid stays for the default text, and the picker still answers.
  const probes = figure(page, PROBES);
  await textOf(probes).fill(DEFAULT_PROBES_TEXT);
  await expect(gridOf(probes)).toBeVisible();
  // The rest of the page is untouched: the table of contents and the other figures' actions respond.
  await page.getByRole('link', { name: 'How far each layer is from the answer', exact: true }).first().click();
  await expect(page).toHaveURL(/#how-far-each-layer-is-from-the-answer$/);
});

for (const [name, text] of [
  ['live-probes', DEFAULT_PROBES_TEXT],
  ['logit-lens', DEFAULT_LENS_TEXT],
] as const) {
  test(`the embed page /embed/${name}/ runs, keeps plain URL keys, and passes axe in both schemes`, async ({ page }, testInfo) => {
    await page.goto(`/embed/${name}/?text=${encodeURIComponent('A tiny test sentence.')}`);
    const w = await live(page.locator('main'));
    await expect(textOf(w)).toHaveValue('A tiny test sentence.');
    await typeText(w, text.slice(0, 40));
    await expect.poll(() => new URL(page.url()).searchParams.get('text')).toBe(text.slice(0, 40));
    await axeBothSchemes(page, testInfo, name);
  });
}

test('at 360 px the grid and the tables scroll inside their boxes; the page does not overflow', async ({ browser, guard, baseURL }) => {
  const { context, page } = await open(browser, guard, baseURL!, { viewport: { width: 360, height: 740 } });
  await page.goto(ARTICLE);
  await live(figure(page, PROBES));
  await live(figure(page, LENS));
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const scroll = figure(page, PROBES).locator('.scroll').first();
  expect(await scroll.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await context.close();
});
