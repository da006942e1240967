// The convnet explorer (widgets/convnet/): the prediction in the static HTML; a sketch drawn with the mouse
// changes the prediction and the feature maps; keyboard drawing; a copied link restores the drawing and the
// selection; blank and all-black canvases; hostile URL state; axe on the embed page.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { axeBothSchemes } from './site.ts';

const ARTICLE = '/articles/edges-corners-cars/';
const EMBED = '/embed/convnet/';
const FIG = 'convnet';

const widgetIn = (page: Page, where: 'article' | 'embed') => (where === 'article' ? page.locator(`figure#${FIG}`) : page.locator('main'));
const pad = (w: Locator) => w.getByRole('application', { name: /^Drawing/ });
const summary = (w: Locator) => w.locator('.summary[aria-live]');

/** Hydrated, model loaded, and a prediction from the browser's model shown (the maps exist only then). */
async function live(w: Locator) {
  await w.scrollIntoViewIfNeeded();
  await expect(w.getByRole('group', { name: /Channels of block/ })).toBeVisible({ timeout: 60_000 });
  await settled(w);
}

/** The shown prediction and maps are those of the drawing on screen (no newer drawing is still being run). */
async function settled(w: Locator) {
  await expect(w.locator('[data-fresh]')).toHaveAttribute('data-fresh', 'true', { timeout: 30_000 });
}

/** A fingerprint of the first channel tiles' pixels, to tell feature maps apart. */
async function mapsPrint(w: Locator): Promise<string> {
  return w.locator('.tiles canvas').evaluateAll((cs) => (cs as HTMLCanvasElement[]).slice(0, 4).map((c) => c.toDataURL()).join('|'));
}

async function drawCar(page: Page, w: Locator) {
  const box = (await pad(w).boundingBox())!;
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  const stroke = async (points: (readonly [number, number])[]) => {
    await page.mouse.move(...at(...points[0]!));
    await page.mouse.down();
    for (const p of points.slice(1)) await page.mouse.move(...at(...p), { steps: 4 });
    await page.mouse.up();
  };
  // Body: a long box with a cabin on top, then two wheels.
  await stroke([[0.1, 0.6], [0.1, 0.45], [0.3, 0.45], [0.38, 0.3], [0.65, 0.3], [0.75, 0.45], [0.9, 0.45], [0.9, 0.6], [0.1, 0.6]]);
  const wheel = (cx: number) => Array.from({ length: 13 }, (_, i) => [cx + 0.08 * Math.cos((i / 12) * 2 * Math.PI), 0.65 + 0.08 * Math.sin((i / 12) * 2 * Math.PI)] as const);
  await stroke(wheel(0.28));
  await stroke(wheel(0.72));
}

test('the static HTML shows the default drawing\'s prediction', async ({ request }) => {
  const html = await (await request.get(ARTICLE)).text();
  const start = html.indexOf(`<figure id="${FIG}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  const figure = html.slice(start, html.indexOf('</figure>', start));
  expect(figure).toMatch(/The model says \w+ \(\d+%\)/);
  expect(figure).toMatch(/<ol[^>]*aria-label="Class probabilities/);
});

test('a car sketched with the mouse changes the prediction and the feature maps', { tag: '@smoke' }, async ({ page }) => {
  await page.goto(EMBED);
  const w = widgetIn(page, 'embed');
  await live(w);
  await w.getByRole('button', { name: 'Clear' }).click();
  await expect(w.getByText(/The canvas is blank/)).toBeVisible();
  const blank = await summary(w).innerText();
  const blankMaps = await mapsPrint(w);
  await drawCar(page, w);
  await expect(summary(w)).not.toHaveText(blank);
  await expect.poll(() => mapsPrint(w)).not.toBe(blankMaps);
  await expect(w.getByText(/The canvas is blank/)).toHaveCount(0);
  await expect.poll(() => (new URL(page.url()).searchParams.get('sketch') ?? '').split('.').length).toBe(3);
});

test('the keyboard pen draws, and a copied link restores the drawing and the selection', async ({ page, browser, guard, baseURL }) => {
  // Every pen step re-runs the convnet, and the copied link opens a second context: on a loaded 2-core
  // machine this took 35 s, past the default 60 s budget when the machine was busier.
  test.slow();
  await page.goto(ARTICLE);
  const w = widgetIn(page, 'article');
  await live(w);
  await w.getByRole('button', { name: 'Clear' }).click();
  await pad(w).focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Space');
  await expect.poll(() => new URL(page.url()).searchParams.get(`${FIG}.sketch`)).toMatch(/^[A-Za-z0-9_-]{6,}$/);

  await settled(w);
  await w.getByRole('radio', { name: /^3/ }).check();
  await w.getByRole('button', { name: /^Channel 5:/ }).click();
  const unit = w.getByRole('slider', { name: /Unit of channel 5/ });
  await unit.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const said = await summary(w).innerText();
  const valueText = await unit.getAttribute('aria-valuetext');

  await w.getByRole('button', { name: 'Copy link' }).click();
  const link = await w.locator('[data-share-output]').inputValue();
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  await guard.attach(context);
  const again = await context.newPage();
  await again.goto(link);
  const w2 = widgetIn(again, 'article');
  await live(w2);
  await expect(summary(w2)).toHaveText(said);
  await expect(w2.getByRole('radio', { name: /^3/ })).toBeChecked();
  await expect(w2.getByRole('button', { name: /^Channel 5:/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(w2.getByRole('slider', { name: /Unit of channel 5/ })).toHaveAttribute('aria-valuetext', valueText!);
  await context.close();
});

test('an all-black canvas gives a prediction and a note, no error', async ({ page }) => {
  // Horizontal zigzag lines 1/32 apart with the 1.6 px pen: the whole canvas inked.
  const rows = Array.from({ length: 33 }, (_, i) => [i % 2 ? 63 : 0, Math.min(63, i * 2)] as const);
  const code = (v: number) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[v]!;
  const sketch = rows.flatMap(([x, y]) => [code(x) + code(y), code(63 - x) + code(y)]).join('');
  await page.goto(`${EMBED}?example=none&sketch=${sketch}`);
  const w = widgetIn(page, 'embed');
  await live(w);
  await expect(w.getByText(/Most of the canvas is ink/)).toBeVisible();
  await expect(summary(w)).toHaveText(/The model says \w+ \(\d+%\)/);
});

test('hostile URL state falls back to the defaults with no error', async ({ page }) => {
  await page.goto(`${EMBED}?example=%3Cscript%3E&sketch=!!!&block=0&channel=-1&unit=99.99&depth=7`);
  const w = widgetIn(page, 'embed');
  await live(w);
  await expect(pad(w)).toHaveAttribute('aria-label', /a dataset car, seed 1/);
});

test('the embed page passes axe in both colour schemes', async ({ page }, testInfo) => {
  await page.goto(`${EMBED}?block=1&channel=3&unit=5.5`);
  await live(widgetIn(page, 'embed'));
  await axeBothSchemes(page, testInfo, 'convnet-embed');
});
