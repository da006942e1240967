// The attention explorer (widgets/attention/) in the built site, in the essay and on the embed page: the
// server-rendered attention map, the live model answering typing, head / token / view choice with mouse and
// keyboard, URL state and "Copy link", hostile text and URL state, a model file that 404s, axe.
// No timed assertions: the machine is shared, so waits are generous and only on states.
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { test, expect, type Guard } from './fixtures.ts';
import { AXE_TAGS, axeBothSchemes, freshPage, remember, STORAGE_KEY, stateParams as siteStateParams } from './site.ts';

const ARTICLE = '/articles/attention-hands-on/';
const EMBED = '/embed/attention/';
const FIG = 'attention';
const MODEL_WAIT = 60_000;

type Where = 'article' | 'embed';
const figureIn = (page: Page, where: Where = 'article') => (where === 'article' ? page.locator(`figure#${FIG}`) : page.locator('main'));
const rootOf = (w: Locator) => w.locator('[data-status]');
const textareaOf = (w: Locator) => w.getByRole('textbox', { name: 'Text the model reads' });
const heatmapOf = (w: Locator) => w.locator('svg[role="img"][aria-label^="Heatmap of attention"]');
/** The live figure's heatmap cells: a canvas under the axes. */
const cellsOf = (w: Locator) => w.locator('canvas.cells');
const arcsOf = (w: Locator) => w.locator('svg.arcs[role="img"]');
const stripOf = (w: Locator) => w.getByRole('toolbar', { name: /Tokens the model reads/ });
const tokensOf = (w: Locator) => stripOf(w).getByRole('button');
const headButton = (w: Locator, layer: number, head: number) => w.locator(`button[data-layer="${layer}"][data-head="${head}"]`);
const summaryOf = (w: Locator) => w.locator('.summary[aria-live]');
const stepsOf = (w: Locator) => w.getByRole('region', { name: 'Step by step for one query' });

const painted = async (w: Locator) => Number((await rootOf(w).getAttribute('data-painted')) ?? '0');

/** Scrolls the figure into view (client:visible), waits for hydration and, unless told not to, the first model result. */
async function hydrated(page: Page, where: Where = 'article', waitForModel = true) {
  const w = figureIn(page, where);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('astro-island[ssr]'), 'the widget hydrates once visible').toHaveCount(0, { timeout: 30_000 });
  if (waitForModel) {
    await expect(rootOf(w)).toHaveAttribute('data-status', 'ready', { timeout: MODEL_WAIT });
    await expect.poll(() => painted(w), { timeout: MODEL_WAIT }).toBeGreaterThan(0);
  }
  return w;
}

/** Types into the textarea and waits for a fresh paint. */
async function typeText(w: Locator, text: string) {
  const before = await painted(w);
  await textareaOf(w).fill(text);
  await expect.poll(() => painted(w), { timeout: MODEL_WAIT }).toBeGreaterThan(before);
}

/** What the reader sees of the state: equal fingerprints = the same figure. */
async function fingerprint(w: Locator) {
  const root = rootOf(w);
  return {
    text: await textareaOf(w).inputValue(),
    layer: await root.getAttribute('data-layer'),
    head: await root.getAttribute('data-head'),
    query: await root.getAttribute('data-query'),
    view: await root.getAttribute('data-view'),
    summary: (await summaryOf(w).innerText()).trim(),
    pressedHead: await w.locator('button[data-layer][aria-pressed="true"]').getAttribute('data-index'),
    steps: (await stepsOf(w).locator('caption').innerText()).trim(),
  };
}

test.beforeEach(async ({ context }) => remember(context));

const open = (browser: Browser, guard: Guard, baseURL: string, opts = {}, returning = true) =>
  freshPage(browser, guard, baseURL, { viewport: { width: 1280, height: 900 }, ...opts }, returning ? (context) => remember(context) : undefined);

const stateParams = (url: string, namespace = FIG) => siteStateParams(url, namespace);

// ---------------------------------------------------------------------------------------------
// Before JavaScript

for (const [where, path] of [
  ['article', ARTICLE],
  ['embed', EMBED],
] as const) {
  test(`the static HTML (${where}) already shows an attention map, the token strip, the step table and the text alternative`, async ({ request }) => {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    const html = await res.text();
    let figure = html;
    if (where === 'article') {
      const start = html.indexOf(`<figure id="${FIG}"`);
      expect(start, 'the figure is in the static HTML').toBeGreaterThanOrEqual(0);
      figure = html.slice(start, html.indexOf('data-figure-actions', start));
    }
    expect(figure, 'server-rendered island').toMatch(/<astro-island[^>]*\sssr[\s>=]/);
    expect(figure).toMatch(/data-status="loading"/);
    const heatmap = figure.match(/<svg[^>]*aria-label="Heatmap of attention over (\d+) tokens[^"]*"[^>]*>[\s\S]*?<\/svg>/);
    expect(heatmap, 'a Plot heatmap with its text alternative').not.toBeNull();
    const T = Number(heatmap![1]);
    expect(T).toBeGreaterThan(3);
    expect(heatmap![0], 'role img').toMatch(/role="img"/);
    const cells = heatmap![0].match(/<rect[^>]*fill-opacity="[\d.]+"/g) ?? [];
    expect(cells.length, 'one cell per query–key pair on or below the diagonal').toBe((T * (T + 1)) / 2);
    expect(figure, 'the summary names a head and its numbers').toMatch(/Head \d\.\d, [a-z -]+: on this text, [^<]*Mean distance [\d.]+ tokens against [\d.]+ for uniform attention/);
    expect((figure.match(/data-token="\d+"/g) ?? []).length, 'one strip button per token').toBe(T);
    expect(figure, 'step table').toMatch(/Step by step[\s\S]*<table[\s\S]*<tbody[\s\S]*<tr[\s\S]*<\/table>/);
    expect(figure, 'the weights match the model').toMatch(/match its own attention to within/);
    expect(figure, 'the top-3 table').toMatch(/three most-attended tokens[\s\S]*<table/);
    expect(figure, 'the head grid').toMatch(/Layer and head[\s\S]*aria-pressed="true"/);
  });
}

test('without JavaScript the figure shows the heatmap, the step table and the summary', async ({ browser, guard, baseURL }) => {
  const { context, page } = await open(browser, guard, baseURL!, { javaScriptEnabled: false });
  await page.goto(ARTICLE);
  const w = figureIn(page);
  await w.scrollIntoViewIfNeeded();
  await expect(heatmapOf(w)).toBeVisible();
  await expect(stepsOf(w).getByRole('table')).toBeVisible();
  await expect(summaryOf(w)).toHaveText(/^Head \d\.\d/);
  await expect(tokensOf(w).first()).toBeVisible();
  await context.close();
});

test('the live figure starts from the same attention the static HTML showed', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = figureIn(page);
  const staticSummary = (await summaryOf(w).innerText()).trim();
  const staticCaption = (await stepsOf(w).locator('caption').innerText()).trim();
  await hydrated(page);
  expect((await summaryOf(w).innerText()).trim()).toBe(staticSummary);
  expect((await stepsOf(w).locator('caption').innerText()).trim()).toBe(staticCaption);
  await expect(rootOf(w)).toHaveAttribute('data-painted-tokens', String(await tokensOf(w).count()));
});

// ---------------------------------------------------------------------------------------------
// Input

test('typing runs the model: a new paint, new tokens and a new map', { tag: '@smoke' }, async ({ page }) => {
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const before = await fingerprint(w);
  const label0 = await heatmapOf(w).getAttribute('aria-label');

  await typeText(w, 'The dog barked at the mailman, and then it ran away.');
  const tokens = Number(await rootOf(w).getAttribute('data-painted-tokens'));
  await expect(tokensOf(w)).toHaveCount(tokens);
  expect(tokens).not.toBe(14);
  await expect(heatmapOf(w)).not.toHaveAttribute('aria-label', label0!);
  await expect(heatmapOf(w)).toHaveAttribute('aria-label', new RegExp(`over ${tokens} tokens`));
  await expect(summaryOf(w)).not.toHaveText(before.summary);

  // Key by key, like a reader: each keystroke fires a run; the newest one is painted last.
  const n = await painted(w);
  await textareaOf(w).press('End');
  await textareaOf(w).pressSequentially(' Good dog.');
  await expect.poll(() => painted(w), { timeout: MODEL_WAIT }).toBeGreaterThan(n);
  await expect(tokensOf(w).last()).toHaveAccessibleName(/token \d+: \./);
  await expect(heatmapOf(w)).toHaveAttribute('aria-label', new RegExp(`over ${await tokensOf(w).count()} tokens`));
});

/** Alpha (0–255) at the centre of each cell of the live heatmap's canvas, row-major T × T. */
async function cellAlphaGrid(w: Locator): Promise<{ T: number; alpha: number[] }> {
  return cellsOf(w).evaluate((canvas: HTMLCanvasElement) => {
    const T = Number(canvas.dataset.tokens);
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const side = canvas.width / T;
    const alpha: number[] = [];
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < T; j++) {
        const x = Math.floor((j + 0.5) * side);
        const y = Math.floor((i + 0.5) * side);
        alpha.push(data[(y * canvas.width + x) * 4 + 3]!);
      }
    }
    return { T, alpha };
  });
}

test('the live heatmap paints the head: token 1 on itself in full, nothing above the diagonal, another head differs', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const first = await cellAlphaGrid(w);
  expect(first.T).toBe(Number(await rootOf(w).getAttribute('data-painted-tokens')));
  // The first token can attend only to itself: weight 1, full shade.
  expect(first.alpha[0]).toBe(255);
  for (let i = 0; i < first.T; i++) for (let j = i + 1; j < first.T; j++) expect(first.alpha[i * first.T + j]).toBe(0);
  // Every row holds weight somewhere (a softmax row sums to 1).
  for (let i = 0; i < first.T; i++) expect(Math.max(...first.alpha.slice(i * first.T, i * first.T + i + 1))).toBeGreaterThan(0);

  const start = await fingerprint(w);
  const other = start.layer === '1' && start.head === '1' ? [4, 4] : [1, 1];
  await headButton(w, other[0]!, other[1]!).click();
  await expect(rootOf(w)).toHaveAttribute('data-head', String(other[1]));
  await expect.poll(async () => (await cellAlphaGrid(w)).alpha.join()).not.toBe(first.alpha.join());
});

test('empty text says so and does not run the model', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const n = await painted(w);
  await textareaOf(w).fill('');
  await expect(w.getByText('No text yet: type or paste something.')).toBeVisible();
  await expect(w.getByText(/Type some text above to see how Head/)).toBeVisible();
  await expect(heatmapOf(w)).toHaveCount(0);
  await expect(stepsOf(w)).toHaveCount(0);
  expect(await painted(w)).toBe(n);
  // …and comes back with text.
  await typeText(w, 'Back again.');
  await expect(heatmapOf(w)).toBeVisible();
});

test('a 100 KB paste is cut to the first 128 tokens, with the over-length message', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const text = 'The old man walked slowly to the river, where his daughter was waiting. '.repeat(1400);
  expect(text.length).toBeGreaterThan(100_000);
  await typeText(w, text);
  await expect(rootOf(w)).toHaveAttribute('data-painted-tokens', '128');
  await expect(tokensOf(w)).toHaveCount(128);
  await expect(w.getByRole('status').filter({ hasText: /Longer than the model's context: it reads only the first 128 tokens, up to “…/ })).toBeVisible();
  await expect(heatmapOf(w)).toHaveAttribute('aria-label', /over 128 tokens/);
  // The cells are one canvas under the chart's axes, not thousands of rects.
  await expect(cellsOf(w)).toHaveCount(1);
  await expect(cellsOf(w)).toHaveAttribute('data-tokens', '128');
  expect(await heatmapOf(w).locator('rect').count(), 'the frame only').toBe(1);
  // The URL keeps only what a link can carry.
  // The link keeps what fits in 7,500 URL bytes (not 100 KB) and says so; the model reads the same 128 tokens from it.
  await expect.poll(() => stateParams(page.url()).cut).toBe('text');
  expect((stateParams(page.url()).text ?? '').length).toBeGreaterThan(5000);
  await expect(w.locator('[data-link-note]')).toHaveText(/^The link to this figure is shortened .*The model reads the same 128 tokens/);
});

const hostileTexts: Record<string, string> = {
  emoji: '🐈‍⬛ jumps 🙂👍🏽 over 👨‍👩‍👧 the 🏳️‍🌈 fence',
  CJK: '猫が跳ぶ。私は学生です。中文字符测试',
  RTL: 'القطة تقفز فوق السياج. שלום עולם',
  'zero-width and controls': 'a\u200bb\u200c\u200dc\u2060d\ufeffe\u0000f\u0007g\u202eh',
  'combining marks': 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇ e\u0301\u0302\u0303',
  'script tags': '<script>alert(1)</script><img src=x onerror=alert(1)>',
};

// One page, every text in turn: each replaces the last, as a reader's pastes would.
test('hostile text (emoji, CJK, RTL, zero-width and controls, combining marks, script tags) runs without an error', async ({ page }) => {
  test.slow(); // six texts, each tokenized, run and painted, on a shared machine
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  for (const [name, text] of Object.entries(hostileTexts)) {
    await typeText(w, text);
    const tokens = Number(await rootOf(w).getAttribute('data-painted-tokens'));
    expect(tokens, name).toBeGreaterThan(0);
    await expect(tokensOf(w), name).toHaveCount(tokens);
    await expect(heatmapOf(w), name).toBeVisible();
    await expect(stepsOf(w).getByRole('table'), name).toBeVisible();
    await expect(w.getByRole('alert'), name).toHaveCount(0);
    const injected = await page.evaluate(() => document.querySelectorAll('img[src="x"], img[onerror]').length);
    expect(injected, name).toBe(0);
  }
});

test('over-length hostile text (emoji) is cut with the message, never mid-error', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  await typeText(w, '🐈‍⬛'.repeat(300));
  await expect(rootOf(w)).toHaveAttribute('data-painted-tokens', '128');
  await expect(w.getByRole('status').filter({ hasText: /Longer than the model's context/ })).toBeVisible();
});

// ---------------------------------------------------------------------------------------------
// Choosing layer, head, query and view

test('mouse: a head, the arcs view, a token and a heatmap cell change the figure', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const start = await fingerprint(w);

  // A head.
  const target = start.layer === '3' && start.head === '2' ? [1, 1] : [3, 2];
  await headButton(w, target[0]!, target[1]!).click();
  await expect(headButton(w, target[0]!, target[1]!)).toHaveAttribute('aria-pressed', 'true');
  await expect(w.locator('button[data-layer][aria-pressed="true"]')).toHaveCount(1);
  await expect(summaryOf(w)).toHaveText(new RegExp(`^Head ${target[0]}\\.${target[1]}`));
  await expect(stepsOf(w)).toContainText(`Head ${target[0]}.${target[1]}`);

  // A token: hovering shows its line, clicking makes it the query.
  const third = tokensOf(w).nth(2);
  await third.hover();
  await expect(w.locator('.focus-line')).toHaveText(/\(token 3\) attends most to/);
  await third.click();
  await expect(third).toHaveAttribute('aria-pressed', 'true');
  await expect(rootOf(w)).toHaveAttribute('data-query', '3');
  await expect(stepsOf(w).locator('caption')).toHaveText(/^Keys 1 to 3 for the query/);
  await expect(stepsOf(w).locator('tbody tr')).toHaveCount(3);

  // A heatmap cell: its row becomes the query. The canvas covers the T × T grid exactly.
  const T = Number(await cellsOf(w).getAttribute('data-tokens'));
  expect(T).toBeGreaterThan(5);
  await cellsOf(w).scrollIntoViewIfNeeded(); // mouse coordinates are the viewport's
  const grid = (await cellsOf(w).boundingBox())!;
  const side = grid.width / T;
  // Row 5, column 1 (1-based).
  await page.mouse.click(grid.x + side * 0.5, grid.y + side * 4.5);
  await expect(rootOf(w)).toHaveAttribute('data-query', '5');

  // The arcs view.
  await w.getByRole('radio', { name: 'Arcs' }).check();
  await expect(w.getByRole('radio', { name: 'Arcs' })).toBeChecked();
  await expect(arcsOf(w)).toBeVisible();
  await expect(heatmapOf(w)).toHaveCount(0);
  expect(await arcsOf(w).locator('path').count()).toBeGreaterThan(0);
  await expect(arcsOf(w)).toHaveAttribute('aria-label', /^Arcs over \d+ tokens/);
  // The query's arcs are highlighted.
  expect(await arcsOf(w).locator('path.to').count()).toBeGreaterThan(0);
  await expect(arcsOf(w).locator('path.to').first()).toHaveAttribute('data-query', '4');
  await expect(rootOf(w)).toHaveAttribute('data-view', 'arcs');
});

test('keyboard: arrows move in the head grid and the token strip, Enter picks', async ({ page }) => {
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const root = rootOf(w);
  const layer = Number(await root.getAttribute('data-layer'));
  const head = Number(await root.getAttribute('data-head'));

  // The grid is one Tab stop: the pressed head.
  const pressed = w.locator('button[data-layer][aria-pressed="true"]');
  await expect(pressed).toHaveAttribute('tabindex', '0');
  await expect(w.locator('button[data-layer][tabindex="0"]')).toHaveCount(1);
  await pressed.focus();
  const down = layer < 4 ? 'ArrowDown' : 'ArrowUp';
  const side = head < 4 ? 'ArrowRight' : 'ArrowLeft';
  await page.keyboard.press(down);
  await page.keyboard.press(side);
  const next = [layer + (down === 'ArrowDown' ? 1 : -1), head + (side === 'ArrowRight' ? 1 : -1)];
  await expect(headButton(w, next[0]!, next[1]!)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(headButton(w, next[0]!, next[1]!)).toHaveAttribute('aria-pressed', 'true');
  await expect(root).toHaveAttribute('data-layer', String(next[0]));
  await expect(root).toHaveAttribute('data-head', String(next[1]));

  // Tab leaves the grid (one stop), reaching the view's radio group (one stop); the arrow keys pick a view.
  await page.keyboard.press('Tab');
  await expect(w.getByRole('radio', { name: 'Heatmap' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('data-view', 'arcs');
  await expect(w.getByRole('radio', { name: 'Arcs' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(root).toHaveAttribute('data-view', 'heatmap');

  // The token strip: the query is the Tab stop; focus shows its line; arrows move; Enter selects.
  const count = await tokensOf(w).count();
  const query = stripOf(w).locator('button[aria-pressed="true"]');
  await expect(query).toHaveAttribute('tabindex', '0');
  await query.focus();
  await page.keyboard.press('Home');
  await expect(tokensOf(w).first()).toBeFocused();
  await expect(w.locator('.focus-line')).toHaveText(/\(token 1\) can attend only to itself/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(w.locator('.focus-line')).toHaveText(/\(token 3\) attends most to/);
  await page.keyboard.press('Enter');
  await expect(root).toHaveAttribute('data-query', '3');
  await page.keyboard.press('End');
  await expect(tokensOf(w).nth(count - 1)).toBeFocused();
  await page.keyboard.press(' ');
  await expect(root).toHaveAttribute('data-query', String(count));
  await expect(stepsOf(w).locator('tbody tr')).toHaveCount(count);
});

// ---------------------------------------------------------------------------------------------
// URL state

/** Text, head, token and view all away from the defaults. */
async function changeState(page: Page, w: Locator) {
  await typeText(w, 'A small dog chased the red ball across the garden.');
  await headButton(w, 4, 1).click(); // not the default head (the one with most weight on the previous token)
  await tokensOf(w).nth(4).click();
  await w.getByRole('radio', { name: 'Arcs' }).check();
  await expect(rootOf(w)).toHaveAttribute('data-view', 'arcs');
  await expect(rootOf(w)).toHaveAttribute('data-query', '5');
  return fingerprint(w);
}

test('"Copy link" restores text, layer, head, token and view in a fresh browser', async ({ page, context, browser, guard, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const state = await changeState(page, w);

  await w.getByRole('button', { name: 'Copy link' }).click();
  await expect(w.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
  const shown = await w.locator('[data-share-output]').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  const link = new URL(shown);
  expect(link.pathname).toBe(ARTICLE);
  expect(link.hash).toBe(`#${FIG}`);
  expect(stateParams(shown)).toEqual({
    text: 'A small dog chased the red ball across the garden.',
    layer: '4',
    head: '1',
    token: '5',
    view: 'arcs',
  });

  const fresh = await open(browser, guard, baseURL!);
  await fresh.page.goto(shown);
  const w2 = await hydrated(fresh.page);
  expect(await fingerprint(w2)).toEqual(state);
  await expect(arcsOf(w2)).toBeVisible();
  await fresh.context.close();
});

test('the embed page takes plain keys and restores the same figure', async ({ page }) => {
  await page.goto(`${EMBED}?text=${encodeURIComponent('A small dog chased the red ball.')}&layer=4&head=1&token=2&view=arcs`);
  const w = await hydrated(page, 'embed');
  await expect(textareaOf(w)).toHaveValue('A small dog chased the red ball.');
  await expect(rootOf(w)).toHaveAttribute('data-layer', '4');
  await expect(rootOf(w)).toHaveAttribute('data-head', '1');
  await expect(rootOf(w)).toHaveAttribute('data-query', '2');
  await expect(arcsOf(w)).toBeVisible();
  // Interactive there too, and it writes plain keys.
  await headButton(w, 2, 3).click();
  await expect.poll(() => stateParams(page.url(), '').head).toBe('3');
  await typeText(w, 'Another sentence here.');
  await expect(summaryOf(w)).toHaveText(/^Head 2\.3/);
});

const enc = encodeURIComponent;
const hostileUrls: Record<string, string> = {
  'script and markup in every key': ['text', 'layer', 'head', 'token', 'view'].map((k) => `${FIG}.${k}=${enc('<script>alert(1)</script>')}`).join('&'),
  'out of range numbers': `${FIG}.layer=0&${FIG}.head=99&${FIG}.token=-4&${FIG}.view=pie`,
  'number-ish junk': `${FIG}.layer=1e1&${FIG}.head=0x2&${FIG}.token=NaN&${FIG}.layer=Infinity`,
  'broken percent-encoding': `${FIG}.text=%E0%A4%A&${FIG}.layer=%&${FIG}.head=%ZZ`,
  // Longer than any link may carry (url-state.ts MAX_RAW_LENGTH, 8,192 characters).
  'huge values': `${FIG}.text=${'x'.repeat(9000)}&${FIG}.token=${'9'.repeat(400)}`,
};

test('hostile URL state (markup in every key, out-of-range numbers, number-ish junk, broken percent-encoding, huge values) falls back to the default figure', async ({ page }) => {
  test.slow(); // one page load per hostile link, on a shared machine
  await page.goto(ARTICLE);
  const defaults = await fingerprint(await hydrated(page));
  for (const [name, query] of Object.entries(hostileUrls)) {
    await page.goto(`${ARTICLE}?${query}#${FIG}`);
    const w = await hydrated(page);
    const now = await fingerprint(w);
    if (name === 'script and markup in every key') {
      // Text is data: the markup is the reader's text, shown as text (never as HTML); every other key falls back.
      await expect(textareaOf(w), name).toHaveValue('<script>alert(1)</script>');
      expect([now.layer, now.head, now.view, now.pressedHead], name).toEqual([defaults.layer, defaults.head, defaults.view, defaults.pressedHead]);
    } else if (name === 'broken percent-encoding') {
      // Broken escapes decode to U+FFFD, i.e. some valid text; the numeric fields fall back to their defaults.
      expect([now.layer, now.head, now.view, now.pressedHead], name).toEqual([defaults.layer, defaults.head, defaults.view, defaults.pressedHead]);
    } else {
      expect(now, name).toEqual(defaults);
    }
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"], img[onerror]').length), name).toBe(0);
    await headButton(w, 1, 1).click();
    await expect(summaryOf(w), name).toHaveText(/^Head 1\.1/);
  }
});

// ---------------------------------------------------------------------------------------------
// Backends

test('a first visit: WASM first, the WebGPU build only after the figure is live (never without WebGPU); the backends are timed while the figure answers', { tag: '@webgpu' }, async ({ browser, guard, baseURL }, testInfo) => {
  test.setTimeout(240_000); // on SwiftShader the WebGPU timing compiles shaders on the CPU
  const { context, page } = await open(browser, guard, baseURL!, {}, false);
  // The order of events, as the page saw them: runtime requests, and the figure's first painted map.
  const events: string[] = [];
  page.on('request', (r) => {
    if (/asyncify[^/]*\.wasm/.test(r.url())) events.push('webgpu-build');
    else if (/ort-wasm-simd-threaded[^/]*\.wasm/.test(r.url())) events.push('wasm-build');
  });
  await page.exposeFunction('__painted', () => events.push('painted'));
  await page.addInitScript(() => {
    new MutationObserver((records) => {
      if (records.some((r) => Number((r.target as Element).getAttribute('data-painted')) > 0)) (window as unknown as { __painted(): void }).__painted();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-painted'] });
  });
  await page.goto(ARTICLE);
  expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBeNull();
  const w = figureIn(page);
  await w.scrollIntoViewIfNeeded();
  await expect(rootOf(w)).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  await expect.poll(() => painted(w), { timeout: 180_000 }).toBeGreaterThan(0);
  const before = await painted(w);
  await textareaOf(w).fill('The first visit still answers.');
  await expect.poll(() => painted(w), { timeout: 180_000 }).toBeGreaterThan(before);
  await expect(w.getByText(/Runs in your browser, on the (CPU|GPU)/)).toBeVisible({ timeout: 180_000 });
  expect(events[0], events.join(', ')).toBe('wasm-build');
  if (testInfo.project.name === 'webgpu') {
    // Wanted (nothing measured yet), fetched once the page is idle after the first answer, then both timed.
    await expect.poll(() => events.includes('webgpu-build'), { timeout: 180_000 }).toBe(true);
    expect(events.indexOf('webgpu-build'), events.join(', ')).toBeGreaterThan(events.indexOf('painted'));
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), { timeout: 180_000 }).toContain('measured');
  } else {
    expect(events, 'no WebGPU: its build is never fetched').not.toContain('webgpu-build');
  }
  await context.close();
});

test('the figure runs on WebGPU when the reader chooses it (WASM where there is none)', { tag: '@webgpu' }, async ({ browser, guard, baseURL }, testInfo) => {
  test.setTimeout(240_000);
  const { context, page } = await open(browser, guard, baseURL!, {}, false);
  await remember(context, 'webgpu');
  await page.goto(ARTICLE);
  const w = figureIn(page);
  await w.scrollIntoViewIfNeeded();
  await expect.poll(() => painted(w), { timeout: 180_000 }).toBeGreaterThan(0);
  const before = await painted(w);
  await textareaOf(w).fill('A sentence for the GPU.');
  await expect.poll(() => painted(w), { timeout: 180_000 }).toBeGreaterThan(before);
  const backend = testInfo.project.name === 'webgpu' ? 'WebGPU' : 'WASM';
  // WASM answers first; the chosen WebGPU takes over once its build has arrived and warmed up (after the figure is live).
  await expect(w.getByText(`Runs in your browser, on the ${backend === 'WebGPU' ? 'GPU' : 'CPU'} (${backend})`)).toBeVisible({ timeout: 180_000 });
  await expect(heatmapOf(w)).toHaveAttribute('aria-label', /over \d+ tokens/);
  await context.close();
});

// ---------------------------------------------------------------------------------------------
// Failure

test('a model file that 404s: the error shows in this figure only; the static map stays; the tokenizer figure works', async ({ page }) => {
  await page.route('**/models/transformer.onnx', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
  await page.goto(ARTICLE);
  const w = await hydrated(page, 'article', false);
  await expect(rootOf(w)).toHaveAttribute('data-status', 'error', { timeout: MODEL_WAIT });
  const alert = w.getByRole('alert');
  await expect(alert).toHaveText(/not found on the server \(HTTP 404\)/);
  await expect(alert).toContainText('The rest of the page still works');
  // The build-time figure and the controls stay.
  await expect(heatmapOf(w)).toBeVisible();
  await expect(stepsOf(w).getByRole('table')).toBeVisible();
  await headButton(w, 1, 1).click();
  await expect(summaryOf(w)).toHaveText(/^Head 1\.1/);
  await expect(w.getByText('The model is not available, so this attention cannot be computed.')).toBeVisible();
  await textareaOf(w).fill('Something new.');
  await expect(w.getByText('The model is not available, so this attention cannot be computed.')).toBeVisible();
  expect(await painted(w)).toBe(0);

  // The essay's other figure, the tokenizer view, still works and shows no error.
  const tokens = page.locator('figure#tokens');
  await tokens.scrollIntoViewIfNeeded();
  await expect(tokens.locator('astro-island[ssr]')).toHaveCount(0, { timeout: 30_000 });
  await tokens.getByRole('textbox').fill('A fresh sentence for the tokenizer.');
  await expect(tokens.locator('.counts')).toHaveText(/35 characters → \d+ tokens/);
  await expect(tokens.getByRole('alert')).toHaveCount(0);
  // One message per figure that needs the model (this one and the essay's hero figure), none elsewhere.
  await expect(page.locator('figure#attention').getByRole('alert')).toHaveCount(1);
  await expect(page.locator('figure#hero').getByRole('alert')).toHaveCount(1);
  await expect(page.getByRole('alert')).toHaveCount(2);
});

// ---------------------------------------------------------------------------------------------
// Accessibility and layout

test('axe: the figure in its arcs view and with its tables open passes WCAG 2.2 AA, light and dark', async ({ page }, testInfo) => {
  test.slow(); // four axe runs over a page with a few thousand chart elements, on a shared machine
  await page.goto(`${ARTICLE}?${FIG}.view=arcs&${FIG}.layer=3&${FIG}.head=1`);
  const w = await hydrated(page);
  await expect(arcsOf(w)).toBeVisible();
  await w.locator('details.top summary').click();
  await expect(w.locator('details.top table')).toBeVisible();
  await tokensOf(w).nth(1).hover();
  await axeBothSchemes(page, testInfo, 'arcs', [`figure#${FIG}`]);
  // And the long-text heatmap.
  await typeText(w, 'word '.repeat(200));
  await w.getByRole('radio', { name: 'Heatmap' }).check();
  await expect(cellsOf(w)).toHaveAttribute('data-tokens', '128');
  await axeBothSchemes(page, testInfo, 'long-heatmap', [`figure#${FIG}`]);
  expect(AXE_TAGS).toContain('wcag22aa');
});

// The site crawl (pages.spec.ts) axes the essay in its default state; here, the figure in changed states, and
// its embed page, which the sitemap leaves out.
test('axe: the embed page passes WCAG 2.2 AA once the model has painted, light and dark', async ({ page }, testInfo) => {
  await page.goto(`${EMBED}?view=arcs`);
  const w = await hydrated(page, 'embed');
  await expect(arcsOf(w)).toBeVisible();
  await axeBothSchemes(page, testInfo, 'embed');
});

test('360 px wide: no horizontal page overflow; the long heatmap and arcs scroll inside the figure', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(ARTICLE);
  const w = await hydrated(page);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await typeText(w, 'The old man walked slowly to the river, where his daughter was waiting. '.repeat(20));
  expect(await overflow()).toBeLessThanOrEqual(0);
  await w.getByRole('radio', { name: 'Arcs' }).check();
  await expect(arcsOf(w)).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
});
