// "Remembering the cat" (content/articles/remembering-the-cat.mdx): the memory-curves figures paint statically on
// the state the prose discusses, answer their controls (keyboard) and the essay's "try this" chips, write their
// state into the URL, and a copied link restores it in a fresh browser; a link carrying every figure's state opens
// them so; malformed state falls back to the defaults; the embed page takes plain keys; axe in both schemes.
// The guard fixture fails any test with a console error, a page error or a request to another origin.
// Plain project only: no model runs in these figures (they draw the shipped measurements, read at build time).
import { test, expect } from './fixtures.ts';
import { axeBothSchemes, copyLinkAndReopen, hydratedFigure as hydrated, stateParams } from './site.ts';

const ARTICLE = '/articles/remembering-the-cat/';

test('the figures open on the state the prose discusses, before any script runs', async ({ request }) => {
  const html = await (await request.get(ARTICLE)).text();
  // the static chart of each figure (the first svg image in it), by its text alternative
  const chartLabel = (id: string) => {
    const from = html.indexOf(`id="${id}"`);
    const figure = html.slice(from, html.indexOf('</figure>', from));
    const svg = /<svg[^>]*role="img"[^>]*>/.exec(figure)?.[0] ?? '';
    return /aria-label="([^"]*)"/.exec(svg)?.[1] ?? '';
  };
  expect(chartLabel('context-use')).toMatch(/^Loss increase in nats per token against distance d when the context beyond d is dropped/);
  expect(chartLabel('forgetting')).toMatch(/^Probe accuracy reading the token d back/);
  expect(chartLabel('antecedent')).toMatch(/^Attention on the fact against distance, name → pronoun task/);
  expect(chartLabel('task-recall')).toMatch(/^Paired accuracy \(right on the passage and its twin\) against distance, name → pronoun task/);
  // the first essay promises this one by name, as a live link
  const first = await (await request.get('/articles/transformers-are-convnets/')).text();
  expect(first).toMatch(/<a href="[^"]*\/articles\/remembering-the-cat\/"[^>]*>Remembering the cat<\/a>/);
});

test('the context figure answers its controls and the essay’s chips, and a copied link restores it', async ({ page, context, browser, guard, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(ARTICLE);
  const root = await hydrated(page, 'context-use');
  const verdict = root.locator('[aria-live]');
  await expect(verdict).toContainText('With the context beyond d dropped');
  const chart = root.locator('svg[role="img"]');

  // keyboard: focus the perturbation group and move with the arrow keys
  await root.getByRole('radio', { name: /^dropped/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(root.getByRole('radio', { name: /^shuffled/ })).toBeChecked();
  await expect(verdict).toContainText('shuffled');
  await expect(chart).toHaveAttribute('aria-label', /context beyond d is shuffled/);
  await expect.poll(() => stateParams(page.url(), 'context-use')).toEqual({ perturbation: 'shuffle' });

  // the essay's chip sets the figure's state
  await page.locator('a.try-this', { hasText: 'Replacing the far context' }).click();
  await expect(verdict).toContainText('replaced');
  await expect.poll(() => stateParams(page.url(), 'context-use')).toEqual({ perturbation: 'replace' });

  // another view: the forgetting probe
  await root.getByRole('radio', { name: 'Forgetting probe' }).check();
  await expect(verdict).toContainText('A linear probe reads the token d back');
  await expect(root.getByRole('table')).toContainText('untrained LSTM');
  const changed = await verdict.innerText();
  const table = await root.getByRole('table').innerText();

  const fresh = await copyLinkAndReopen(page, root, 'context-use', browser, guard, baseURL!);
  const reopened = await hydrated(fresh.page, 'context-use');
  await expect(reopened.locator('[aria-live]')).toHaveText(changed);
  expect(await reopened.getByRole('table').innerText()).toBe(table);
  await expect(reopened.getByRole('radio', { name: 'Forgetting probe' })).toBeChecked();
  await fresh.context.close();
});

test('a link opens every figure in its state; malformed state falls back; the embed takes plain keys; axe is clean in both schemes', async ({ page }, testInfo) => {
  test.slow(); // axe in two schemes over three figures with their tables, on a loaded machine
  await page.goto(`${ARTICLE}?antecedent.task=import&forgetting.view=attention&forgetting.task=recall&context-use.view=%3Cscript%3Ealert(1)%3C%2Fscript%3E&context-use.perturbation=%F0%9F%90%88`);
  const antecedent = await hydrated(page, 'antecedent');
  await expect(antecedent.locator('[aria-live]')).toContainText('import → use');
  await expect(antecedent.locator('[aria-live]')).toContainText('no layer’s chosen head');
  const forgetting = await hydrated(page, 'forgetting');
  await expect(forgetting.locator('[aria-live]')).toContainText('key → value');
  const taskRecall = await hydrated(page, 'task-recall');
  await taskRecall.getByRole('radio', { name: 'import → use' }).check();
  await expect(taskRecall.locator('[aria-live]')).toContainText('Trained where recall pays, on the import → use task');
  await expect.poll(() => stateParams(page.url(), 'task-recall')).toEqual({ task: 'import' });
  const contextUse = await hydrated(page, 'context-use');
  await expect(contextUse.locator('[aria-live]')).toContainText('With the context beyond d dropped');
  await expect(contextUse.getByRole('radio', { name: 'Context use' })).toBeChecked();
  await axeBothSchemes(page, testInfo, 'remembering-the-cat figures, changed', ['figure#context-use', 'figure#forgetting', 'figure#antecedent', 'figure#task-recall']);

  await page.goto('/embed/memory-curves/?view=attention&task=recall');
  const verdict = page.locator('[aria-live]').first();
  await expect(verdict).toContainText('key → value');
  await page.getByRole('radio', { name: 'import → use' }).check();
  await expect.poll(() => stateParams(page.url(), '')).toEqual({ view: 'attention', task: 'import' });
});
