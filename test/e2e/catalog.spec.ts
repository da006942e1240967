// The widget catalog (/widgets/) lists every registered widget (widgets/registry.ts), and each entry shows the
// URL-state fields its state schema defines (names, values, defaults as written in a link), an import line
// for a file that exists, and embed code whose page answers. One page load.
import { existsSync, readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';
import { remember, scrollThrough } from './site.ts';
import { schemaRows } from '../../widgets/catalog.ts';

/** The registry's keys, in order, read from its source (the registry imports .astro files, which Node cannot). */
function registryKeys(): string[] {
  const source = readFileSync('widgets/registry.ts', 'utf8');
  const body = source.slice(source.indexOf('export const widgets = {'));
  return [...body.matchAll(/^ {2}'?([a-z0-9-]+)'?: \{$/gm)].map((m) => m[1]!);
}

test('the catalog lists every registered widget, live, with its schema’s fields and working embed code', async ({ page, context, request }) => {
  test.setTimeout(180_000);
  await remember(context);
  const keys = registryKeys();
  expect(keys.length).toBeGreaterThanOrEqual(9);
  await page.goto('/widgets/');
  const listed = await page.locator('[data-catalog-entry]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.catalogEntry));
  expect(listed).toEqual(keys);

  for (const key of keys) {
    const entry = page.locator(`[data-catalog-entry="${key}"]`);
    const rows = await entry.locator('[data-catalog-fields] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('[data-name]')!.textContent,
        type: tr.querySelector('[data-type]')!.textContent,
        default: tr.querySelector('[data-default]')!.textContent,
      })),
    );
    expect(rows, `${key}: fields`).toEqual(schemaRows(key));
    const code = await entry.locator('pre code').first().textContent();
    const file = /from '\.\.\/\.\.\/(widgets\/[^']+\.astro)'/.exec(code!)?.[1];
    expect(file && existsSync(file), `${key}: the import line names a file that exists`).toBe(true);
    await expect(entry.locator(`figure#${key}`)).toBeVisible();
  }

  // Every figure hydrates in its default state; then each embed code (written from the page's address) answers.
  await scrollThrough(page);
  for (const key of keys) {
    const embed = await page.locator(`[data-embed-code][data-key="${key}"]`).textContent();
    const src = /<iframe src="([^"]+)"/.exec(embed!)?.[1]?.replace(/&amp;/g, '&');
    expect(new URL(src!).pathname, `${key}: embed code`).toBe(`/embed/${key}/`);
    expect((await request.get(src!)).status(), src).toBe(200);
  }
});
