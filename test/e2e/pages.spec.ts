// Every page (the sitemap, plus the embed page, the 404 page and search) loads clean — no console or page
// errors, no request to another origin — and axe finds no WCAG 2.2 AA violation, in light and dark schemes,
// once every client:visible widget on it has hydrated.
import { test, expect } from './fixtures.ts';
import { allPages, formatViolations, runAxe, scrollThrough, trackNetwork } from './site.ts';

const pages = allPages();

for (const path of pages) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`${path} [${colorScheme}] loads clean and passes axe`, async ({ page, guard }, testInfo) => {
      await page.emulateMedia({ colorScheme });
      const net = trackNetwork(page);
      const failed: string[] = [];
      page.on('response', (res) => {
        if (res.status() >= 400 && new URL(res.url()).origin === guard.origin) failed.push(`${res.status()} ${res.url()}`);
      });

      const response = await page.goto(path, { waitUntil: 'load' });
      expect(response, `no response for ${path}`).not.toBeNull();
      expect(response!.status(), `HTTP status of ${path}`).toBe(200);
      await expect(page.locator('main')).toBeVisible();
      await expect(page).toHaveTitle(/\S/);

      await scrollThrough(page);
      await net.quiet();

      expect(failed, 'same-origin responses with an error status').toEqual([]);

      const results = await runAxe(page, testInfo, colorScheme);
      expect(
        results.violations.length,
        `axe violations on ${path} [${colorScheme}]:\n${formatViolations(results.violations)}`,
      ).toBe(0);
    });
  }
}
