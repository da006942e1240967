// "Try this" (src/components/TryThis.astro, widgets/runtime/try-state.ts) and opening states. For the essays
// whose figures the prose drives: every try-this control on the page, clicked, sets its figure's state (read
// back from the figure's own DOM) and the page URL (which decodes to that state); and each figure opens on
// the state the prose around it describes, read from the prose itself, not from a copy in the test.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { remember, stateParams } from './site.ts';

const CONVNETS = '/articles/transformers-are-convnets/';
const ATTENTION = '/articles/attention-hands-on/';
const STACK = '/articles/why-stack-layers/';
const EDGES = '/articles/edges-corners-cars/';
const SPLATS = '/articles/do-splats-dezoom/';
const WAIT = 60_000;

test.beforeEach(async ({ context }) => remember(context));

/** The figure's state as its DOM shows it, in the URL's own field names and encodings. */
async function figureState(figure: Locator, widget: string): Promise<Record<string, string>> {
  if (widget === 'receptive-field') {
    const s = figure.locator('.summary[data-layers]');
    await expect(s).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    return {
      layers: (await s.getAttribute('data-layers'))!,
      n: (await s.getAttribute('data-n'))!,
      out: (await s.getAttribute('data-out'))!,
      causal: (await s.getAttribute('data-causal')) === 'true' ? '1' : '0',
    };
  }
  if (widget === 'tokenizer') return { text: await figure.getByRole('textbox').inputValue() };
  if (widget === 'attention') {
    const root = figure.locator('[data-status]');
    const state: Record<string, string> = {
      layer: (await root.getAttribute('data-layer'))!,
      head: (await root.getAttribute('data-head'))!,
      token: (await root.getAttribute('data-query'))!,
      view: (await root.getAttribute('data-view'))!,
    };
    const box = figure.getByRole('textbox', { name: 'Text the model reads' });
    if (await box.count()) state.text = await box.inputValue();
    return state;
  }
  if (widget === 'live-probes') {
    return {
      text: await figure.getByRole('textbox').first().inputValue(),
      label: (await figure.locator('[data-probe-grid]').getAttribute('data-label'))!,
    };
  }
  if (widget === 'probe-accuracy' || widget === 'dezoom-map' || widget === 'convnet') {
    // Radio groups (the kit's Choices and Segmented): each named `<uid>-<field>`, valued as the URL writes it.
    const state: Record<string, string> = {};
    for (const input of await figure.locator('input[type="radio"]:checked').all()) {
      const name = (await input.getAttribute('name'))!;
      state[name.slice(name.lastIndexOf('-') + 1)] = (await input.getAttribute('value'))!;
    }
    return state;
  }
  if (widget === 'splats') {
    return {
      scene: await figure.locator('select[id$="-scene"]').inputValue(),
      leaves: await figure.locator('select[id$="-leaves"]').inputValue(),
      mode: (await figure.locator('input[name$="-mode"]:checked').getAttribute('value'))!,
      level: await figure.locator('input[id$="-level"]').inputValue(),
      color: (await figure.getByRole('checkbox', { name: /Colour each splat by its level/ }).isChecked()) ? 'level' : 'scene',
    };
  }
  if (widget === 'ladder-live') {
    const root = figure.locator('[data-seed]');
    return { seed: (await root.getAttribute('data-seed'))!, edited: (await root.getAttribute('data-edited'))! };
  }
  throw new Error(`no state reader for ${widget}`);
}

/** A field's expected DOM value: attention's token 0 means "the last token", shown as its 1-based position. */
async function expectedFor(figure: Locator, widget: string, key: string, value: string): Promise<string> {
  if (widget === 'attention' && key === 'token' && value === '0') {
    const root = figure.locator('[data-status]');
    await expect.poll(async () => Number(await root.getAttribute('data-painted-tokens')), { timeout: WAIT }).toBeGreaterThan(0);
    return (await root.getAttribute('data-painted-tokens'))!;
  }
  return value;
}

async function hydrate(page: Page, figure: Locator) {
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.locator('astro-island[ssr]'), `${await figure.getAttribute('id')} hydrates`).toHaveCount(0, { timeout: 30_000 });
}

for (const path of [CONVNETS, ATTENTION, STACK, EDGES, SPLATS]) {
  test(`${path}: every try-this control sets its figure's state and the URL`, async ({ page }) => {
    test.slow(); // one click per control, the attention model runs on each
    // The splats controls rebuild the car's hierarchy with a million leaves (in a worker): minutes on a loaded machine.
    if (path === SPLATS) test.setTimeout(420_000);
    await page.goto(path);
    const controls = page.locator('a.try-this');
    const count = await controls.count();
    expect(count, 'the essay has try-this controls').toBeGreaterThan(1);
    for (let i = 0; i < count; i++) {
      const control = controls.nth(i);
      const label = `${(await control.innerText()).trim()} (control ${i + 1})`;
      const figureId = (await control.getAttribute('data-try-figure'))!;
      const fields = JSON.parse((await control.getAttribute('data-try-state'))!) as Record<string, string>;
      const figure = page.locator(`figure#${figureId}`);
      const widget = (await figure.getAttribute('data-widget'))!;
      // Without JavaScript the same control is a plain link to that state.
      const href = new URL((await control.getAttribute('href'))!, page.url());
      expect(stateParams(href.toString(), figureId), `${label}: its href carries the state`).toEqual(fields);
      expect(href.hash).toBe(`#${figureId}`);

      await hydrate(page, figure); // a figure not yet hydrated reads the URL when it mounts; test the live path
      await control.scrollIntoViewIfNeeded();
      await control.click();
      for (const [key, value] of Object.entries(fields)) {
        const want = await expectedFor(figure, widget, key, value);
        await expect.poll(async () => (await figureState(figure, widget))[key], { message: `${label}: ${figureId}.${key}`, timeout: widget === 'splats' ? 3 * WAIT : WAIT }).toBe(want);
      }
      // The URL says the same: each field is in it with that value, or absent because it is the figure's default,
      // and then reloading the URL in the figure's namespace gives the same state (checked below for one control).
      await page.waitForTimeout(400); // the figure's own debounced URL write (150 ms) has happened
      const url = stateParams(page.url(), figureId);
      for (const [key, value] of Object.entries(fields)) {
        if (key in url) expect(url[key], `${label}: URL ${figureId}.${key}`).toBe(value);
      }
      if (i === count - 1) {
        // The URL restores what the control set: reload and read the figure again.
        const before = await figureState(figure, widget);
        await page.reload();
        await hydrate(page, figure);
        if (widget === 'attention') await expect(figure.locator('[data-status]')).toHaveAttribute('data-status', 'ready', { timeout: WAIT });
        await expect.poll(async () => figureState(figure, widget), { timeout: WAIT }).toEqual(before);
      }
    }
  });
}

/** The text between two quotes that follows `lead` in the prose. */
async function proseQuote(page: Page, pattern: RegExp): Promise<RegExpExecArray> {
  const prose = await page.locator('.prose').innerText();
  const match = pattern.exec(prose);
  expect(match, `the prose says ${pattern}`).not.toBeNull();
  return match!;
}

test('attention essay: the hero and the explorer open on the running example, the head and the query the prose names', async ({ page }) => {
  await page.goto(ATTENTION);
  // “The figure opens on the running example, "The cat jumps over the fence.", in head 2.4, with "ps", the last piece…"
  const [, text, layer, head, piece] = await proseQuote(page, /The figure opens on the running example, [“"]([^”"]+)[”"], in head (\d+)\.(\d+), with [“"]([^”"]+)[”"]/);
  const tokensBox = page.locator('figure#tokens').getByRole('textbox');
  await expect(tokensBox).toHaveValue(text!); // the tokenizer figure opens on it too
  for (const id of ['hero', 'attention']) {
    const figure = page.locator(`figure#${id}`);
    await hydrate(page, figure);
    const root = figure.locator('[data-status]');
    await expect(root).toHaveAttribute('data-layer', layer!);
    await expect(root).toHaveAttribute('data-head', head!);
    const query = Number(await root.getAttribute('data-query'));
    await expect(figure.getByRole('toolbar', { name: /Tokens the model reads/ }).getByRole('button').nth(query - 1)).toHaveAccessibleName(
      new RegExp(`^token ${query}: ${piece}\\b`),
    );
    if (id === 'attention') await expect(figure.getByRole('textbox', { name: 'Text the model reads' })).toHaveValue(text!);
    // the strip shows the running example's pieces, in order
    const strip = await figure.getByRole('toolbar', { name: /Tokens the model reads/ }).getByRole('button').allInnerTexts();
    expect(strip.join('').replace(/␣/g, ' ')).toBe(text);
  }
  await expect(page.locator('figure#hero [data-status]')).toHaveAttribute('data-view', 'arcs');
});

test('convnets essay: the hero and both explorers open on the stacks the prose names', async ({ page }) => {
  await page.goto(CONVNETS);
  await proseQuote(page, /The figure opens on six 3-wide, stride-1 convolutions/);
  await proseQuote(page, /This figure opens on the Transformer preset: four layers of causal global attention/);
  const expected: Record<string, string> = {
    'receptive-field': Array(6).fill('c3.1.1').join('_'),
    'rf-attention': 'g_g_g_g',
    hero: 'g_g_g_g',
  };
  for (const [id, layers] of Object.entries(expected)) {
    const figure = page.locator(`figure#${id}`);
    await hydrate(page, figure);
    expect((await figureState(figure, 'receptive-field')).layers, id).toBe(layers);
  }
  // The hero is the result alone: no controls.
  await expect(page.locator('figure#hero').getByRole('button', { name: /preset|Add layer|Change the layers/i })).toHaveCount(0);
});
