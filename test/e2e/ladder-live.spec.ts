// The live ladder (widgets/ladder-live/): the static HTML before JS, the model running on a generated document
// and on edited text in the browser, a new document, keyboard selection, URL state through "Copy link", hostile
// text, the embed page, and axe in both schemes. Nothing here depends on a particular prediction of the model.
import type { Browser, Locator, Page } from '@playwright/test';
import { test, expect, type Guard } from './fixtures.ts';
import { axeBothSchemes, freshPage, remember } from './site.ts';
import { live, painted, READY_TIMEOUT, rootOf } from './live-figure.ts';

const ARTICLE = '/articles/why-stack-layers/';
const ID = 'ladder-live';
test.describe.configure({ timeout: 180_000 });
test.beforeEach(async ({ context }) => remember(context));

const figure = (page: Page) => page.locator(`figure#${ID}`);
const textOf = (w: Locator) => w.getByRole('textbox', { name: /The text the model reads/ });
const points = (w: Locator) => w.locator('button[data-t]');

const open = (browser: Browser, guard: Guard, baseURL: string) => freshPage(browser, guard, baseURL, { viewport: { width: 1280, height: 900 } }, remember);

test('the static HTML already shows the probes reading the essay’s document @smoke', async ({ request }) => {
  const html = await (await request.get(ARTICLE)).text();
  const start = html.indexOf(`<figure id="${ID}"`);
  expect(start).toBeGreaterThan(0);
  const fig = html.slice(start, html.indexOf('</figure>', start));
  expect(fig).toMatch(/data-scale-table/);
  expect(fig).toMatch(/data-point-table/);
  expect(fig.match(/<button[^>]*data-t=/g)?.length ?? 0).toBeGreaterThan(10);
  expect(fig).toMatch(/Generated document 2/);
});

test('runs on the generated document, on a new one, and on edited text; keyboard moves the selection', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = await live(figure(page));
  const first = await textOf(w).inputValue();
  expect(first.startsWith('<doc>')).toBe(true);
  await expect(points(w).first()).toBeVisible();

  let before = await painted(w);
  await w.getByRole('button', { name: 'New document' }).click();
  await expect.poll(() => painted(w), { timeout: READY_TIMEOUT }).toBeGreaterThan(before);
  expect(await textOf(w).inputValue()).not.toBe(first);

  // An edit: the model reads the reader's text, and the figure says it is an edit.
  before = await painted(w);
  await textOf(w).fill('<doc> the biga of bego-s lamasa-ta the bigu ko. ka lemise-ta pu.');
  await expect.poll(() => painted(w), { timeout: READY_TIMEOUT }).toBeGreaterThan(before);
  await expect(w.getByText(/Your edit of document/)).toBeVisible();
  await expect(points(w)).not.toHaveCount(0);
  await expect(w.locator('[data-point-table] caption')).toContainText('“sa”');

  // Keyboard: one Tab stop, arrows move among the points.
  const selected = w.locator('button[data-t][aria-pressed="true"]');
  const t0 = await selected.getAttribute('data-t');
  await selected.focus();
  await page.keyboard.press('ArrowRight');
  await expect(selected).not.toHaveAttribute('data-t', t0!);
  await expect(selected).toBeFocused();
});

test('"Copy link" restores the document, the edit and the selection', async ({ page, browser, guard, baseURL }) => {
  await page.goto(ARTICLE);
  const w = await live(figure(page));
  await points(w).nth(3).click();
  const t = await points(w).nth(3).getAttribute('data-t');
  await expect(points(w).nth(3)).toHaveAttribute('aria-pressed', 'true');
  const caption = await w.locator('[data-point-table] caption').textContent();
  await w.getByRole('button', { name: 'Copy link' }).click();
  const link = new URL(await w.locator('[data-share-output]').inputValue());
  expect(link.searchParams.get(`${ID}.token`)).toBe(t);

  const { context, page: other } = await open(browser, guard, baseURL!);
  await other.goto(link.href);
  const w2 = await live(figure(other));
  await expect(w2.locator(`button[data-t="${t}"]`)).toHaveAttribute('aria-pressed', 'true');
  await expect(w2.locator('[data-point-table] caption')).toHaveText(caption!);

  // An edited text travels too.
  const edit = '<doc> the bego-s of biga lamasa-ne ko. the bigu limesa-ta pu.';
  await textOf(w).fill(edit);
  await expect(w.getByText(/Your edit of document/)).toBeVisible();
  await w.getByRole('button', { name: 'Copy link' }).click();
  const editLink = await w.locator('[data-share-output]').inputValue();
  await other.goto(editLink);
  const w3 = await live(figure(other));
  await expect(textOf(w3)).toHaveValue(edit);
  await context.close();
});

test('hostile text and URL state: markup, a huge paste, any Unicode, malformed fields', async ({ page }) => {
  await page.goto(`${ARTICLE}?${ID}.seed=abc&${ID}.token=99999&${ID}.edited=2#${ID}`);
  const w = await live(figure(page));
  await expect(w.getByText('Generated document 2')).toBeVisible();
  for (const text of ['<img src=x onerror=alert(1)>', '', 'ø🦊 שלום \u200b\u0301 中文', 'the biga '.repeat(20_000)]) {
    await textOf(w).fill(text);
    await expect(rootOf(w)).not.toHaveAttribute('data-status', 'error');
  }
  await expect(w.getByText(/Only the first 1024 pieces are read/)).toBeVisible();
  await textOf(w).fill('<img src=x onerror=alert(1)> the biga');
  await expect(w.getByText(/Not pieces of the language, skipped: “<img”/)).toBeVisible();
  await expect(w.locator('img')).toHaveCount(0);
});

test('the embed page runs, keeps plain URL keys, and passes axe in both schemes; the essay figure too', async ({ page }, testInfo) => {
  await page.goto('/embed/ladder-live/?seed=5');
  const w = await live(page.locator('body'));
  await expect(w.getByText('Generated document 5')).toBeVisible();
  await points(w).nth(1).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('token')).not.toBeNull();
  await axeBothSchemes(page, testInfo, 'ladder-live-embed');
  await page.goto(ARTICLE);
  await live(figure(page));
  await axeBothSchemes(page, testInfo, 'ladder-live-essay', [`figure#${ID}`]);
});
