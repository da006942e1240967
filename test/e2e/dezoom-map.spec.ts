// The dezoom map (widgets/dezoom-map/) in "Why stack layers": real charts and tables in the static HTML
// before JS; picking a depth and a span probe changes the charts, the summary and the URL; "Copy link"
// restores that state in a fresh page; hostile URL state falls back to the defaults; the embed page keeps
// plain keys; axe in both schemes on the changed figure. The guard fixture fails any test with a console
// error, a page error or a request to another origin.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { axeBothSchemes, freshPage, stateParams } from './site.ts';

import { readArtifactJson } from '../../widgets/models/artifacts.ts';

const ARTICLE = '/articles/why-stack-layers/';
const FIG = 'dezoom-map';
// The ladder is retrained and replaced: the depths come from the shipped file (the default is the deepest).
const depths = [...new Set((readArtifactJson('hier-ladder-measurements.json') as { runs: { depth: number }[] }).runs.map((r) => r.depth))].sort((a, b) => a - b);
const DEEPEST = depths.at(-1)!;
const SHALLOWEST = depths[0]!;
const layersName = (d: number) => new RegExp(`^${d} layers?\\b`);

// axe twice and two page loads on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

const summaryOf = (root: Locator) => root.locator('[data-map-summary]');
const chartsOf = (root: Locator) => root.locator('svg[class^="plot-"]');

async function hydrated(page: Page, root: Locator) {
  await root.scrollIntoViewIfNeeded();
  await expect(root.locator('astro-island[ssr]'), 'the widget hydrates once visible').toHaveCount(0, { timeout: 20_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(chartsOf(root)).toHaveCount(2);
  return root;
}

test('the static HTML already shows the map, the context chart and their tables', async ({ request }) => {
  const html = await (await request.get(ARTICLE)).text();
  const start = html.indexOf(`<figure id="${FIG}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  const fig = html.slice(start, html.indexOf('</figure>', start));
  expect(fig.match(/<svg[^>]*role="img"/g) ?? []).toHaveLength(2);
  expect(fig).toMatch(/aria-label="Heatmap of span-probe gain/);
  expect(fig).toMatch(/data-map-summary[^>]*>Depth \d/);
  expect(fig.match(/<table/g)?.length).toBe(3);
});

test('depth and probe change the map and the URL, and "Copy link" restores them; axe in both schemes', async ({ page, context, browser, guard, baseURL }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(ARTICLE);
  const root = await hydrated(page, page.locator(`figure#${FIG}`));
  const before = { summary: await summaryOf(root).innerText(), chart: await chartsOf(root).first().getAttribute('aria-label') };
  await root.getByRole('radio', { name: layersName(SHALLOWEST) }).check();
  await root.getByRole('radio', { name: /which constituent/ }).press('Space');
  await expect(summaryOf(root)).toHaveText(new RegExp(`^Depth ${SHALLOWEST}, probing which constituent`));
  expect(await chartsOf(root).first().getAttribute('aria-label')).not.toBe(before.chart);
  expect(before.summary).not.toBe(await summaryOf(root).innerText());
  await expect.poll(() => stateParams(page.url(), FIG)).toEqual({ depth: String(SHALLOWEST), task: 'constituent' });
  await axeBothSchemes(page, testInfo, 'dezoom-map-changed', [`figure#${FIG}`]);

  await root.getByRole('button', { name: 'Copy link' }).click();
  await expect(root.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
  const shown = await root.locator('[data-share-output]').inputValue();
  expect(new URL(shown).hash).toBe(`#${FIG}`);
  const fresh = await freshPage(browser, guard, baseURL!);
  await fresh.page.goto(shown);
  const again = await hydrated(fresh.page, fresh.page.locator(`figure#${FIG}`));
  await expect(summaryOf(again)).toHaveText(await summaryOf(root).innerText());
  await expect(again.getByRole('radio', { name: layersName(SHALLOWEST) })).toBeChecked();
  await fresh.context.close();
});

test('hostile URL state falls back to the defaults; the embed page keeps plain keys', async ({ page }) => {
  await page.goto(`${ARTICLE}?${FIG}.depth=99&${FIG}.task=%3Cscript%3E#${FIG}`);
  const root = await hydrated(page, page.locator(`figure#${FIG}`));
  await expect(summaryOf(root)).toHaveText(new RegExp(`^Depth ${DEEPEST}, probing a noun phrase’s head’s number`));
  await page.goto(`/embed/dezoom-map/?depth=${SHALLOWEST}`);
  const embed = await hydrated(page, page.locator('main'));
  await expect(summaryOf(embed)).toHaveText(new RegExp(`^Depth ${SHALLOWEST},`));
  await embed.getByRole('radio', { name: /which constituent/ }).check();
  await expect.poll(() => stateParams(page.url(), '')).toEqual({ depth: String(SHALLOWEST), task: 'constituent' });
});
