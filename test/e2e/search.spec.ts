// Search (/search/, Pagefind's self-hosted index): typing finds the essays, ?q= deep-links a query, and a
// hostile query is shown as text, never run.
import { test, expect } from './fixtures.ts';
import { ARTICLE } from './site.ts';

const input = (page: import('@playwright/test').Page) => page.getByRole('searchbox');
const results = (page: import('@playwright/test').Page) => page.locator('main ol li');
const status = (page: import('@playwright/test').Page) => page.locator('main').getByRole('status');

test('typing a word lists the essays that contain it, with the hit marked', async ({ page }) => {
  await page.goto('/search/');
  await input(page).fill('receptive');
  await expect(status(page)).toHaveText(/^\d+ results?\.$/);
  await expect(results(page).first()).toBeVisible();
  const hrefs = await results(page).locator('a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(hrefs).toContain(ARTICLE);
  await expect(results(page).locator('mark').first()).toBeVisible();
  expect(new URL(page.url()).searchParams.get('q')).toBe('receptive');
});

test('?q= opens the page on that query', async ({ page }) => {
  await page.goto('/search/?q=convolution');
  await expect(input(page)).toHaveValue('convolution');
  await expect(status(page)).toHaveText(/^\d+ results?\.$/);
  await expect(results(page).first()).toBeVisible();
});

test('a word no essay contains says so', async ({ page }) => {
  await page.goto('/search/');
  await input(page).fill('zqxjvwkpq');
  await expect(status(page)).toContainText('zqxjvwkpq');
  await expect(status(page)).not.toHaveText(/^\d+ results?\.$/);
  await expect(results(page)).toHaveCount(0);
});

test('a hostile query is text, not markup', async ({ page }) => {
  const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  await page.goto(`/search/?q=${encodeURIComponent(evil)}`);
  await expect(input(page)).toHaveValue(evil);
  await expect(status(page)).not.toHaveText(/^Type a word/);
  await input(page).fill(`${evil} receptive`);
  await expect(status(page)).not.toHaveText(/^Type a word/);
  await page.waitForLoadState('networkidle');
  const injected = await page.evaluate(() => document.querySelectorAll('img[src="x"], img[onerror], main script').length);
  expect(injected).toBe(0);
});
