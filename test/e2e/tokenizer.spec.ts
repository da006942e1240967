// The tokenizer view (widgets/tokenizer/) in "Attention, hands-on": build-time pieces, live tokenization as the
// reader types, the over-length notice, links that restore the text, hostile text, and a tokenizer that fails
// to load.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const ARTICLE = '/articles/attention-hands-on/';
const EMBED = '/embed/tokenizer/';
const FIG = 'tokens';

const figure = (page: Page) => page.locator(`figure#${FIG}`);
const pieces = (w: Locator) => w.getByRole('list', { name: /tokens the model reads/i }).getByRole('listitem');
const counts = (w: Locator) => w.locator('.counts');

async function hydrated(page: Page, w: Locator) {
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('astro-island[ssr]'), 'the widget hydrates once visible').toHaveCount(0, { timeout: 20_000 });
  // the tokenizer file has arrived when typing updates the counts; wait for the live line
  await expect(counts(w)).toHaveText(/characters? →/);
}

test('the static page lists the default text\'s pieces before any script runs', async ({ request }) => {
  const html = await (await request.get(ARTICLE)).text();
  const fig = html.slice(html.indexOf(`id="${FIG}"`));
  expect(fig).toContain('29 characters → 11 tokens');
  for (const piece of ['␣j', 'um', 'ps']) expect(fig).toContain(`>${piece}<`);
});

test('typing re-tokenizes: pieces, ids, word starts and counts follow the text', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = figure(page);
  await hydrated(page, w);
  await expect(pieces(w)).toHaveCount(11);
  const box = w.getByRole('textbox', { name: 'Text to tokenize' });
  await box.fill('The quick brown fox');
  await expect(counts(w)).toHaveText(/^19 characters → \d+ tokens/);
  const labels = await pieces(w).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(labels[0]).toMatch(/^token 1: The, id \d+, starts a word$/);
  expect(labels.filter((l) => l?.includes('starts a word'))).toHaveLength(4);
  await box.press('End');
  await box.pressSequentially(' jumps');
  await expect(counts(w)).toHaveText(/^25 characters/);
});

test('an example over the context says what is cut, and shows the cut text struck through', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = figure(page);
  await hydrated(page, w);
  await w.getByRole('button', { name: 'Too long' }).click();
  await expect(w.locator('.notice')).toContainText(/reads only the first 128 tokens/);
  await expect(pieces(w)).toHaveCount(128);
  await expect(w.locator('.dropped')).toBeVisible();
});

test('a link restores the text, in the article and on the embed page', async ({ page, browser, guard, baseURL }) => {
  await page.goto(ARTICLE);
  const w = figure(page);
  await hydrated(page, w);
  await w.getByRole('textbox').fill('Le chat saute 🐈');
  await expect.poll(() => new URL(page.url()).searchParams.get(`${FIG}.text`)).toBe('Le chat saute 🐈');
  const fingerprint = await counts(w).innerText();

  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  await guard.attach(context);
  const fresh = await context.newPage();
  await fresh.goto(page.url());
  const again = figure(fresh);
  await hydrated(fresh, again);
  await expect(again.getByRole('textbox')).toHaveValue('Le chat saute 🐈');
  await expect(counts(again)).toHaveText(fingerprint);

  await fresh.goto(`${EMBED}?text=${encodeURIComponent('Le chat saute 🐈')}`);
  const embed = fresh.locator('main');
  await hydrated(fresh, embed);
  await expect(counts(embed)).toHaveText(fingerprint);
  await context.close();
});

test('hostile text never breaks the figure: empty; emoji, CJK, RTL, zero-width and combining marks; a 100 KB paste', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = figure(page);
  await hydrated(page, w);
  for (const [name, text] of [
    ['empty', ''],
    ['emoji, CJK, RTL, zero-width and combining marks', '👩🏽‍🚀 東京 مرحبا بالعالم a\u200bb\u200d e\u0301\u0302 \u202eabc'],
    ['a 100 KB paste', 'Sentence after sentence, the text goes on. '.repeat(2400)],
  ] as const) {
    await test.step(name, async () => {
      await w.getByRole('textbox').fill(text);
      if (text === '') await expect(counts(w)).toHaveText(/No text yet/);
      else await expect(counts(w)).toHaveText(/characters? →/);
      if (text.length > 10_000) {
        await expect(w.locator('.notice')).toContainText(/reads only the first 128 tokens/);
        // the link keeps what fits in 7,500 URL bytes, not 100 KB, and says so beside "Copy link"
        await expect.poll(() => new URL(page.url()).searchParams.get(`${FIG}.cut`)).toBe('text');
        const kept = new URL(page.url()).searchParams.get(`${FIG}.text`) ?? '';
        expect(kept.length).toBeGreaterThan(5000);
        expect(new URLSearchParams([['', kept]]).toString().length - 1).toBeLessThanOrEqual(7500);
        await expect(w.locator('[data-link-note]')).toHaveText(/^The link to this figure is shortened .*The model reads the same 128 tokens/);
      }
    });
  }
});

test('a tokenizer that fails to load gives a message in this figure only', async ({ page, guard }) => {
  // the browser itself logs the failed request; the page must log nothing else
  guard.allowConsole(/Failed to load resource: the server responded with a status of 404/);
  await page.route('**/models/tokenizer.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(ARTICLE);
  const w = figure(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.getByRole('alert')).toContainText(/tokenizer could not be downloaded \(HTTP 404\)/);
  await expect(w.getByRole('textbox')).toBeEditable();
  // the rest of the article is still there and working
  await expect(page.locator('figure#attention')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Attention, hands-on');
});
