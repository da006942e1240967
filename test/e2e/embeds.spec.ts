// Embeds that fit their frame: the code "Copy embed code" gives, pasted into another page, makes an iframe
// whose height follows the embedded figure (the embed page posts its height: src/lib/embed-resize.ts); and
// ?controls=0 shows the figure without its controls.
import { test, expect } from './fixtures.ts';

const ARTICLE = '/articles/transformers-are-convnets/';

test('the copied embed code sizes its iframe to the figure, and follows it when the figure grows', async ({ page, context }) => {
  await page.goto(`${ARTICLE}?receptive-field.layers=c3.1.1_c3.1.1#receptive-field`);
  const figure = page.locator('figure#receptive-field');
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.locator('astro-island[ssr]')).toHaveCount(0, { timeout: 30_000 });
  await figure.getByRole('button', { name: 'Copy embed code' }).click();
  const code = await figure.locator('[data-share-output]').inputValue();
  expect(code).toMatch(/^<iframe id="[\w-]+" src="[^"]+\/embed\/receptive-field\/\?layers=c3\.1\.1_c3\.1\.1"/);

  // Another page (served here on the same origin, since the test browser may reach no other) pastes the code as is.
  await context.route('**/host-page.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><body style="margin:0"><h1>Someone's blog</h1>${code}</body></html>` }),
  );
  await page.goto('/host-page.html');
  const iframe = page.locator('iframe');
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('.summary[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
  const innerHeight = async () => (await iframe.contentFrame()).locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  await expect.poll(async () => Math.abs((await iframe.boundingBox())!.height - (await innerHeight())), { timeout: 10_000 }).toBeLessThanOrEqual(2);
  const before = (await iframe.boundingBox())!.height;
  expect(before).not.toBe(720); // not the code's fixed fallback

  // The figure grows (four more layers): the iframe follows.
  for (let i = 0; i < 4; i++) await frame.getByRole('button', { name: 'Add layer' }).click();
  await expect.poll(async () => (await iframe.boundingBox())!.height, { timeout: 10_000 }).toBeGreaterThan(before + 50);
  await expect.poll(async () => Math.abs((await iframe.boundingBox())!.height - (await innerHeight())), { timeout: 10_000 }).toBeLessThanOrEqual(2);
});

test('?controls=0 embeds the figure without its controls', async ({ page }) => {
  await page.goto('/embed/receptive-field/?layers=g_g&controls=0');
  const summary = page.locator('.summary[data-ready="true"]');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await expect(summary).toHaveAttribute('data-layers', 'g_g'); // the state still applies
  await expect(page.getByRole('button', { name: /Add layer|Change the layers|Transformer/ })).toHaveCount(0);
  await page.goto('/embed/receptive-field/?layers=g_g');
  await expect(page.getByRole('button', { name: 'Add layer' })).toHaveCount(1, { timeout: 30_000 });
});
