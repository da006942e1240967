// The memory race (widgets/memory-race/): the static first paint, both models answering live as the distance
// slider moves (mouse and keyboard), a link that restores task, passage and distance, hostile URL state, a model
// that fails to load (a message in its own lane; the other lane still races), the essay's figure, axe in both
// themes, a phone-sized page. The models are retrained and replaced: nothing here depends on a prediction.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { axeBothSchemes, remember } from './site.ts';

const EMBED = '/embed/memory-race/';
const ARTICLE = '/articles/remembering-the-cat/';
const FIGURE = 'race';
// The models, the ORT runtime (14–27 MB of wasm) and the LSTM reading up to 1,536 tokens twice, on a shared
// 2-core machine.
const READY_TIMEOUT = 120_000;

test.describe.configure({ timeout: 240_000 });
test.beforeEach(async ({ context }) => remember(context));

const rootOf = (page: Page | Locator) => page.locator('.memory-race');
const lane = (page: Page | Locator, id: string) => page.locator(`section[data-lane="${id}"]`);
const scores = (l: Locator) => l.locator('table[data-candidates]').getAttribute('data-scores');
const slider = (page: Page | Locator) => page.getByRole('slider', { name: /Distance from the fact to the blank/ });

async function painted(l: Locator): Promise<number> {
  return Number(await l.getAttribute('data-painted'));
}

/** Waits until the figure has hydrated and both lanes have painted a live answer, and nothing is in flight. */
async function live(scope: Page | Locator): Promise<void> {
  const root = rootOf(scope);
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
  for (const id of ['lstm', 'transformer']) await expect.poll(() => painted(lane(scope, id)), { timeout: READY_TIMEOUT }).toBeGreaterThan(0);
  await settled(scope);
}

async function settled(scope: Page | Locator): Promise<void> {
  for (const id of ['lstm', 'transformer']) await expect(lane(scope, id)).toHaveAttribute('aria-busy', 'false', { timeout: READY_TIMEOUT });
}

test('the static HTML already shows both models’ answers, the passage and the LSTM’s trace', async ({ request }) => {
  const html = await (await request.get(EMBED)).text();
  // Booleans, not toMatch on the page: a failure should name the check, not print the whole page.
  expect(/<astro-island[^>]*\sssr[\s>=]/.test(html), 'server-rendered island').toBe(true);
  for (const id of ['lstm', 'transformer']) expect(html.includes(`data-lane="${id}"`), id).toBe(true);
  expect(html.match(/<table[^>]*data-candidates/g)?.length, 'one candidate table per lane').toBe(2);
  const verdicts = html.match(/data-verdict[^>]*>The (LSTM|Transformer) picks “[^”]+” \(\d+ % among the candidates\): (right|wrong)\./g) ?? [];
  expect(verdicts.length, 'a verdict per lane').toBe(2);
  expect(/<mark[^>]*data-fact/.test(html), 'the fact marked').toBe(true);
  expect(/<svg(?=[^>]*\srole="img")(?=[^>]*\saria-label="Line chart on log scales\.)/.test(html), 'the LSTM trace chart').toBe(true);
  expect(/<table[^>]*data-attention=/.test(html), 'the attention table').toBe(true);
});

test('the distance slider changes both answers, by keyboard and by pointer', { tag: '@smoke' }, async ({ page }) => {
  await page.goto(EMBED);
  await live(page);
  const before = { lstm: await scores(lane(page, 'lstm')), transformer: await scores(lane(page, 'transformer')) };
  const counts = { lstm: await painted(lane(page, 'lstm')), transformer: await painted(lane(page, 'transformer')) };
  await slider(page).focus();
  await page.keyboard.press('End');
  await expect(page.locator('output[data-distance]')).toHaveText('1,536 tokens');
  for (const id of ['lstm', 'transformer'] as const) await expect.poll(() => painted(lane(page, id)), { timeout: READY_TIMEOUT }).toBeGreaterThan(counts[id]);
  await settled(page);
  for (const id of ['lstm', 'transformer'] as const) expect(await scores(lane(page, id)), id).not.toBe(before[id]);
  // Past its window the transformer cannot see the fact; the LSTM still reads everything.
  await expect(lane(page, 'transformer').locator('[data-attention-line]')).toContainText('outside the 128-token window');
  await expect(lane(page, 'lstm').locator('[data-where]')).toContainText(/reads all [\d,]+ tokens/);
  await expect.poll(() => new URL(page.url()).searchParams.get('distance')).toBe('1536');
  // One stop back with the arrow key.
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('output[data-distance]')).toHaveText('1,280 tokens');
  await settled(page);
});

test('a link restores the task, the passage, the flip and the distance', async ({ page, browser, baseURL }) => {
  await page.goto(`${ARTICLE}#${FIGURE}`);
  const fig = page.locator(`figure#${FIGURE}`);
  await live(fig);
  await fig.getByRole('radio', { name: /Key → value/ }).check();
  await fig.getByRole('button', { name: 'Another passage' }).click();
  await fig.getByRole('button', { name: 'Flip the fact' }).click();
  await slider(fig).fill('10'); // the slider's index: 256 tokens
  await expect(fig.locator('output[data-distance]')).toHaveText('256 tokens');
  await settled(fig);
  const passage = await fig.locator('[data-passage]').innerText();
  const fact = await fig.locator('mark[data-fact]').innerText();
  await expect.poll(() => Object.fromEntries([...new URL(page.url()).searchParams].filter(([k]) => k.startsWith(`${FIGURE}.`)))).toEqual({
    [`${FIGURE}.task`]: 'recall',
    [`${FIGURE}.seed`]: '1',
    [`${FIGURE}.flip`]: '1',
    [`${FIGURE}.distance`]: '256',
  });
  const link = page.url();

  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  await remember(context);
  const again = await context.newPage();
  await again.goto(link);
  const fig2 = again.locator(`figure#${FIGURE}`);
  await live(fig2);
  await expect(fig2.getByRole('radio', { name: /Key → value/ })).toBeChecked();
  await expect(fig2.getByRole('button', { name: 'Flip the fact' })).toHaveAttribute('aria-pressed', 'true');
  await expect(fig2.locator('output[data-distance]')).toHaveText('256 tokens');
  await expect(fig2.locator('mark[data-fact]')).toHaveText(fact);
  expect(await fig2.locator('[data-passage]').innerText()).toBe(passage);
  await context.close();
});

test('hostile URL state falls back to the defaults, and a distance between stops is kept', async ({ page }) => {
  await page.goto(`${EMBED}?task=%3Cscript%3Ealert(1)%3C%2Fscript%3E&distance=1e309&seed=-1&flip=%00&x=%F0%9F%A6%8A`);
  await live(page);
  await expect(page.locator('output[data-distance]')).toHaveText('64 tokens');
  await expect(page.getByRole('radio', { name: /Name → pronoun/ })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Flip the fact' })).toHaveAttribute('aria-pressed', 'false');
  await page.goto(`${EMBED}?task=import&distance=1000`);
  await live(page);
  await expect(page.locator('output[data-distance]')).toHaveText('1,000 tokens');
  await expect(page.locator('[data-passage]')).toContainText('import java.util.');
});

test('a model that fails to load is a message in its own lane; the other lane still races', async ({ page, guard }) => {
  guard.allowConsole(/Failed to load resource: the server responded with a status of 404/);
  await page.context().route('**/models/lstm.onnx', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(EMBED);
  await rootOf(page).scrollIntoViewIfNeeded();
  const lstm = lane(page, 'lstm');
  await expect(lstm.getByRole('alert')).toContainText(/404/, { timeout: READY_TIMEOUT });
  await expect(lstm.getByRole('button', { name: 'Try again' })).toBeVisible();
  const transformer = lane(page, 'transformer');
  await expect.poll(() => painted(transformer), { timeout: READY_TIMEOUT }).toBeGreaterThan(0);
  await expect(transformer.getByRole('alert')).toHaveCount(0);
  const before = await scores(transformer);
  await slider(page).focus();
  await page.keyboard.press('Home');
  await expect.poll(() => scores(transformer), { timeout: READY_TIMEOUT }).not.toBe(before);
});

test('the essay’s figure and the embed page are axe-clean in both themes, and fit a phone', async ({ page }, testInfo) => {
  await page.goto(EMBED);
  await live(page);
  await axeBothSchemes(page, testInfo, 'memory-race-embed');
  await page.setViewportSize({ width: 375, height: 800 });
  await settled(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.goto(`${ARTICLE}#${FIGURE}`);
  await live(page.locator(`figure#${FIGURE}`));
  await axeBothSchemes(page, testInfo, 'memory-race-essay', [`figure#${FIGURE}`]);
});
