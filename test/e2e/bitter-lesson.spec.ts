// "The bitter lesson at toy scale" (content/articles/bitter-lesson.mdx): the budget figure answers its sliders
// (keyboard), writes its state into the URL, and "Copy link" restores it in a fresh browser; a link carrying all
// three figures' state opens them so; the embed page takes plain keys; axe in both schemes on the changed
// figures. The guard fixture fails any test with a console error, a page error or a request to another origin.
// No model runs in these figures (they draw the sweep's logs, read at build time): the WebGPU project runs only
// the budget test (@smoke), the figure the reader drives.
import { test, expect } from './fixtures.ts';
import { axeBothSchemes, copyLinkAndReopen, hydratedFigure as hydrated, stateParams } from './site.ts';

const ARTICLE = '/articles/bitter-lesson/';

test('the budget figure answers its sliders, and a copied link restores it', { tag: '@smoke' }, async ({ page, context, browser, guard, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(ARTICLE);
  const budget = page.locator('figure#budget');
  // Static first paint: the charts are in the HTML before any script runs.
  await expect(budget.locator('svg[role="img"]')).toHaveCount(2);
  const root = await hydrated(page, 'budget');
  const verdict = root.locator('[data-verdict]');
  await expect(verdict).toHaveText(/all of Brown .* wins with \d\.\d{3} bits per character/);

  await root.getByLabel(/Training data/).focus();
  await page.keyboard.press('Home');
  await expect(verdict).toContainText('With 1/8 of Brown');
  await expect(verdict).toContainText(/wins with \d\.\d{3}/);
  await root.getByLabel(/Training compute/).focus();
  await page.keyboard.press('Home');
  await expect(verdict).toContainText('10⁵ FLOPs, no model of the sweep is both affordable and known');
  await expect.poll(() => stateParams(page.url(), 'budget')).toEqual({ data: '-12', compute: '50' });
  const changed = await verdict.innerText();
  const table = await root.getByRole('table').innerText();

  const fresh = await copyLinkAndReopen(page, root, 'budget', browser, guard, baseURL!);
  const reopened = await hydrated(fresh.page, 'budget');
  await expect(reopened.locator('[data-verdict]')).toHaveText(changed);
  expect(await reopened.getByRole('table').innerText()).toBe(table);
  await expect(reopened.getByLabel(/Training data/)).toHaveValue('-12');
  await fresh.context.close();
});

test('a link opens all three figures in its state; the embed takes plain keys; axe is clean in both schemes', async ({ page }, testInfo) => {
  // axe in two schemes over three figures with their tables: an essay's budget on this loaded machine.
  test.slow();
  await page.goto(`${ARTICLE}?scaling.view=compute&budget.data=8&budget.compute=110&confusion.set=then-than`);
  const scaling = await hydrated(page, 'scaling');
  await expect(scaling.getByRole('radio', { name: 'Against compute' })).toBeChecked();
  await expect(scaling.locator('svg[role="img"]')).toHaveAttribute('aria-label', /against training compute/);
  await scaling.getByRole('radio', { name: 'Against transformer size' }).check();
  await expect.poll(() => stateParams(page.url(), 'scaling')).toEqual({ view: 'params' });

  const budget = await hydrated(page, 'budget');
  await expect(budget.locator('[data-verdict]')).toContainText('With 4 × Brown');
  await expect(budget.getByLabel(/Training compute/)).toHaveValue('110');

  const confusion = await hydrated(page, 'confusion');
  await expect(confusion.locator('[aria-live]')).toContainText('On then/than');
  await axeBothSchemes(page, testInfo, 'bitter-lesson figures, changed', ['figure#scaling', 'figure#budget', 'figure#confusion']);

  await page.goto('/embed/budget/?data=8&compute=120');
  const verdict = page.locator('[data-verdict]');
  await expect(verdict).toContainText('4 × Brown');
  await expect(verdict).toContainText('10¹² FLOPs');
});
