// The splat hierarchy widget (widgets/splats/): the static picture, a real renderer drawing the scene (WebGL2 in
// `plain`, WebGPU on SwiftShader in `webgpu`), τ and colouring changing the image, WebGPU and WebGL2 agreeing,
// links restoring the view, keyboard input, hostile URL state, a lost GPU context, and a browser with no GPU API.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { formatViolations, runAxe } from './site.ts';

const ARTICLE = '/articles/do-splats-dezoom/';
const EMBED = '/embed/splats/';
const FIG = 'splats';
// The smallest scene keeps software rendering (SwiftShader) quick; the default is 200,000 splats.
const SMALL = 'leaves=20000';

/**
 * Mean absolute difference per channel (0–255) between two screenshots allowed between WebGPU and WebGL2. They
 * run the same math (render/contract.ts) but sort differently: WebGPU by exact float depth on the GPU, WebGL2
 * by a 16-bit quantised depth in the Worker, so nearly coincident splats can composite in another order.
 * Measured on SwiftShader (20,000 leaves, 2026-11-28): 0.001; the test records it as an annotation.
 */
const MAX_BACKEND_DIFF = 1;

const widgetIn = (page: Page, where: 'article' | 'embed') => (where === 'article' ? page.locator(`figure#${FIG}`) : page.locator('main'));
const viewportOf = (w: Locator) => w.locator('.viewport');

/** Waits until the widget has drawn a frame of its scene, and returns the number of splats drawn. */
async function drawn(w: Locator): Promise<number> {
  const v = viewportOf(w);
  await v.scrollIntoViewIfNeeded();
  await expect(v).toHaveAttribute('data-phase', 'ready', { timeout: 45_000 });
  await expect(v).toHaveAttribute('data-drawn', /^\d+$/, { timeout: 45_000 });
  await expect(v.locator('canvas')).toHaveCount(1);
  await expect(v.locator('img.static')).toHaveCount(0);
  return Number(await v.getAttribute('data-drawn'));
}

/** Waits for the next frame after an input, i.e. until the drawn count or the phase settles on a new value. */
async function settled(page: Page) {
  await page.evaluate(() => new Promise((r) => setTimeout(r, 400)));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

interface ImageStats {
  width: number;
  height: number;
  colours: number;
  /** Share of pixels that differ from the corner pixel (the background) by more than 8 in some channel. */
  covered: number;
}

/** Decodes PNG screenshots in the page (no PNG library in the tests) and measures them, or two of them together. */
async function imageStats(page: Page, png: Buffer): Promise<ImageStats> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const { data } = g.getImageData(0, 0, img.width, img.height);
    const colours = new Set<number>();
    let covered = 0;
    for (let i = 0; i < data.length; i += 4) {
      colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      if (Math.abs(data[i]! - data[0]!) > 8 || Math.abs(data[i + 1]! - data[1]!) > 8 || Math.abs(data[i + 2]! - data[2]!) > 8) covered++;
    }
    return { width: img.width, height: img.height, colours: colours.size, covered: covered / (data.length / 4) };
  }, png.toString('base64'));
}

async function meanAbsDiff(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([a64, b64]) => {
      const pixels = async (b: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b}`;
        await img.decode();
        const c = new OffscreenCanvas(img.width, img.height);
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, img.width, img.height);
      };
      const [x, y] = [await pixels(a64!), await pixels(b64!)];
      if (x.width !== y.width || x.height !== y.height) return Infinity;
      let sum = 0;
      let n = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        for (let ch = 0; ch < 3; ch++) sum += Math.abs(x.data[i + ch]! - y.data[i + ch]!);
        n += 3;
      }
      return sum / n;
    },
    [a.toString('base64'), b.toString('base64')],
  );
}

test('the static HTML shows a picture of the opening view, with a text alternative', async ({ request }) => {
  const html = await (await request.get(ARTICLE)).text();
  const start = html.indexOf(`<figure id="${FIG}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  const figure = html.slice(start, html.indexOf('</figure>', start));
  const img = /<img[^>]*class="static[\s"][^>]*>/.exec(figure)?.[0] ?? '';
  expect(img).toMatch(/src="\/splats\/car\.png"/);
  expect(img).toMatch(/alt="[^"]*\d[\d,]* [^"]*splats[^"]*"/);
  const png = await request.get('/splats/car.png');
  expect(png.status()).toBe(200);
  expect(png.headers()['content-type']).toContain('image/png');
  expect((await png.body()).length).toBeGreaterThan(10_000);
});

test('a real renderer draws the scene, and τ and colouring change the image', { tag: '@webgpu' }, async ({ page }, testInfo) => {
  await page.goto(`${EMBED}?${SMALL}`);
  const w = widgetIn(page, 'embed');
  const first = await drawn(w);
  expect(first).toBeGreaterThan(100);
  const backend = await viewportOf(w).getAttribute('data-backend');
  expect(backend).toBe(testInfo.project.name === 'webgpu' ? 'webgpu' : 'webgl2');
  await expect(w.getByTestId('backend')).toHaveText(backend === 'webgpu' ? 'WebGPU' : 'WebGL2');

  const canvas = viewportOf(w).locator('canvas');
  const before = await canvas.screenshot();
  const stats = await imageStats(page, before);
  expect(stats.colours, 'not blank').toBeGreaterThan(200);
  expect(stats.covered, 'the car covers part of the view').toBeGreaterThan(0.05);
  expect(stats.covered, 'and not all of it').toBeLessThan(0.9);

  // Dezoom: the largest τ draws far fewer, coarser splats, and the picture changes.
  const tau = w.getByRole('slider', { name: /pixel threshold/i });
  await tau.focus();
  await page.keyboard.press('End');
  await expect.poll(async () => Number(await viewportOf(w).getAttribute('data-drawn'))).toBeLessThan(first / 4);
  await settled(page);
  const coarse = await canvas.screenshot();
  expect(await meanAbsDiff(page, before, coarse)).toBeGreaterThan(1);

  // Colour by level changes the picture but not the count.
  const count = await viewportOf(w).getAttribute('data-drawn');
  await w.getByRole('checkbox', { name: /colour each splat by its level/i }).check();
  await settled(page);
  expect(await viewportOf(w).getAttribute('data-drawn')).toBe(count);
  expect(await meanAbsDiff(page, coarse, await canvas.screenshot())).toBeGreaterThan(2);
  expect(new URL(page.url()).searchParams.get('color')).toBe('level');
});

test('WebGPU and WebGL2 draw the same picture', { tag: '@webgpu-only' }, async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'webgpu', 'needs a WebGPU adapter');
  const view = `${SMALL}&tau=1.5&yaw=30&pitch=20&dist=8`;
  const shots: Buffer[] = [];
  for (const backend of ['webgpu', 'webgl2']) {
    await page.goto(`${EMBED}?${view}&backend=${backend}`);
    const w = widgetIn(page, 'embed');
    await drawn(w);
    await expect(viewportOf(w)).toHaveAttribute('data-backend', backend);
    await settled(page);
    shots.push(await viewportOf(w).locator('canvas').screenshot());
  }
  const diff = await meanAbsDiff(page, shots[0]!, shots[1]!);
  testInfo.annotations.push({ type: 'mean abs diff WebGPU vs WebGL2 (0–255)', description: diff.toFixed(3) });
  expect(diff).toBeLessThan(MAX_BACKEND_DIFF);
  // And the same picture is not trivially equal: a different τ gives a larger difference than the two backends.
  const stats = await imageStats(page, shots[0]!);
  expect(stats.colours).toBeGreaterThan(200);
});

test('the keyboard orbits and zooms, and a copied link restores the view', async ({ page, browser, guard, baseURL }) => {
  await page.goto(`${ARTICLE}?${FIG}.${SMALL}`);
  const w = widgetIn(page, 'article');
  await drawn(w);
  const v = viewportOf(w);
  await v.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('+');
  await w.getByRole('radio', { name: /one level of the tree/i }).check();
  const level = w.getByRole('slider', { name: /level shown/i });
  await level.fill('5');
  await settled(page);
  const label = await v.getAttribute('aria-label');
  expect(label).toContain('showing level 5');
  const count = await v.getAttribute('data-drawn');

  await w.getByRole('button', { name: 'Copy link' }).click();
  const link = await w.locator('[data-share-output]').inputValue();
  const params = new URL(link).searchParams;
  expect(params.get(`${FIG}.mode`)).toBe('level');
  expect(params.get(`${FIG}.level`)).toBe('5');
  expect(params.get(`${FIG}.dist`)).not.toBeNull();

  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  await guard.attach(context);
  const again = await context.newPage();
  await again.goto(link);
  const w2 = widgetIn(again, 'article');
  await drawn(w2);
  await expect(viewportOf(w2)).toHaveAttribute('aria-label', label!);
  await expect(viewportOf(w2)).toHaveAttribute('data-drawn', count!);
  await context.close();
});

test('hostile URL state falls back to the defaults with no error', async ({ page }) => {
  const junk = ['scene=%3Cscript%3E', 'leaves=1e9', 'tau=NaN', 'dist=-1', 'yaw=Infinity', 'pitch=9'.repeat(500), 'level=%F0%9F%92%A5', 'mode=', 'backend=cuda'];
  await page.goto(`${EMBED}?${junk.join('&')}&${SMALL}`);
  const w = widgetIn(page, 'embed');
  expect(await drawn(w)).toBeGreaterThan(0);
  const label = (await viewportOf(w).getAttribute('aria-label')) ?? '';
  expect(label).toContain('procedural car');
  expect(label).toContain('τ = 8 px');
});

test('a lost WebGL context is rebuilt and the figure draws again', async ({ page, guard }) => {
  guard.allowConsole(/context was lost|CONTEXT_LOST/i);
  await page.goto(`${EMBED}?${SMALL}&backend=webgl2`);
  const w = widgetIn(page, 'embed');
  await drawn(w);
  await viewportOf(w).locator('canvas').evaluate((c: HTMLCanvasElement) => {
    c.dataset.old = 'yes';
    c.getContext('webgl2')!.getExtension('WEBGL_lose_context')!.loseContext();
  });
  await expect(viewportOf(w).locator('canvas[data-old]')).toHaveCount(0, { timeout: 20_000 });
  expect(await drawn(w)).toBeGreaterThan(0);
});

test('a browser with neither WebGPU nor WebGL2 shows the picture and says why', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
      return kind === 'webgl2' || kind === 'webgpu' ? null : (original as (...a: unknown[]) => unknown).call(this, kind, ...rest);
    } as typeof original;
  });
  await page.goto(EMBED);
  const w = widgetIn(page, 'embed');
  await expect(viewportOf(w)).toHaveAttribute('data-phase', 'unsupported', { timeout: 30_000 });
  await expect(w.getByRole('status').filter({ hasText: /neither with WebGPU nor with WebGL2/ })).toBeVisible();
  const img = viewportOf(w).locator('img.static');
  await expect(img).toBeVisible();
  expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
  await expect(w.getByTestId('backend')).toHaveText(/none/);
});

test('the embed page, drawn and in level mode, passes axe in both colour schemes', async ({ page }, testInfo) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(`${EMBED}?${SMALL}&mode=level&color=level`);
    const w = widgetIn(page, 'embed');
    await drawn(w);
    await w.getByText('Splats drawn per level (table)').click();
    await expect(w.getByRole('table')).toBeVisible();
    const results = await runAxe(page, testInfo, `splats-embed-${colorScheme}`);
    expect(results.violations.length, formatViolations(results.violations)).toBe(0);
  }
});
