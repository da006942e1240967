// An essay sets the state a figure opens on (<Figure state={{…}}>, widgets/runtime/kit/figure-state.ts): the
// attention essay's explorer opens on the running example's head. The static HTML paints that state, the
// hydrated figure starts from it, a reader's link overrides it field by field, a link leaves out what equals
// it, and the embed code carries it. One page load (plus one request for the static HTML).
import { test, expect } from './fixtures.ts';
import { remember, stateParams } from './site.ts';
import { DEFAULT_SCHEMAS } from '../../widgets/catalog.ts';
import { defaultState } from '../../widgets/runtime/url-state.ts';

const ARTICLE = '/articles/attention-hands-on/';
const FIG = 'attention';

const unescapeAttr = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

test.beforeEach(async ({ context }) => remember(context));

test('a figure opens on the state its essay sets, and a link overrides it field by field', async ({ page, context, request }) => {
  test.slow(); // the explorer hydrates and its model loads, on a shared machine

  // The static HTML: the figure carries the essay's state and paints it.
  const html = await (await request.get(ARTICLE)).text();
  const start = html.indexOf(`<figure id="${FIG}"`);
  expect(start, `figure#${FIG} is in the static HTML`).toBeGreaterThanOrEqual(0);
  const figureHtml = html.slice(start, html.indexOf('</figure>', start));
  const raw = /^<figure [^>]*data-figure-state="([^"]*)"/.exec(figureHtml)?.[1];
  expect(raw, 'the figure carries its opening state').toBeTruthy();
  const opening = new URLSearchParams(unescapeAttr(raw!));
  const [layer, head, text] = [opening.get('layer')!, opening.get('head')!, opening.get('text')!];
  // The essay's state differs from the widget's own opening, or this test could not tell them apart.
  const widget = defaultState(DEFAULT_SCHEMAS.attention!()) as { layer: number; head: number; text: string };
  expect(`${layer}.${head}`).not.toBe(`${widget.layer}.${widget.head}`);
  expect(text).not.toBe(widget.text);
  expect(figureHtml).toMatch(new RegExp(`data-status="[^"]*"[^>]*data-layer="${layer}" data-head="${head}"|data-layer="${layer}" data-head="${head}"[^>]*data-status=`));
  expect(figureHtml).toContain(`(now ${layer}.${head})`);

  // A reader's link names another head: it wins for that field; the essay's layer and text stay.
  const other = head === '1' ? '2' : '1';
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${ARTICLE}?${FIG}.head=${other}#${FIG}`);
  const figure = page.locator(`figure#${FIG}`);
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.locator('astro-island[ssr]'), 'the figure hydrates').toHaveCount(0, { timeout: 30_000 });
  const root = figure.locator('[data-status]');
  await expect(root).toHaveAttribute('data-head', other);
  await expect(root).toHaveAttribute('data-layer', layer);
  await expect(figure.getByRole('textbox', { name: 'Text the model reads' })).toHaveValue(text);
  expect(stateParams(page.url(), FIG)).toEqual({ head: other });

  // The embed page has no essay to supply the state: its code carries the essay's fields, and the link's head.
  await figure.getByRole('button', { name: 'Copy embed code' }).click();
  const code = await figure.locator('[data-share-output]').inputValue();
  const src = new URL(code.match(/\ssrc="([^"]+)"/)![1]!.replace(/&amp;/g, '&'));
  expect(Object.fromEntries(src.searchParams)).toMatchObject({ text, layer, head: other });

  // Back to the essay's head: the link then carries nothing for this figure.
  const fold = figure.getByRole('button', { name: /Change layer and head/ });
  if (await fold.isVisible()) await fold.click();
  await figure.locator(`button[data-layer="${layer}"][data-head="${head}"]`).click();
  await expect(root).toHaveAttribute('data-head', head);
  await expect.poll(() => stateParams(page.url(), FIG)).toEqual({});
});
