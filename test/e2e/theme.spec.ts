// The theme toggle: present, keyboard operable, names the theme it switches to, flips data-theme on <html>
// (and the colours), and the reader's choice survives a reload. (Every page template at 360 px wide is the site crawl's: pages.spec.ts.)
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { ARTICLE } from './site.ts';

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const luminance = (rgb: string) => {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

for (const key of ['Enter', 'Space'] as const) {
  test(`the theme toggle works from the keyboard (${key}) and persists across reload`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(ARTICLE);
    const html = page.locator('html');
    const toggle = page.getByRole('button', { name: /theme/i });
    await expect(toggle).toHaveCount(1);
    await expect(toggle).toBeVisible();
    await expect(html).not.toHaveAttribute('data-theme', 'dark');
    await expect(toggle, 'the toggle names the theme it switches to').toHaveAccessibleName('Dark theme');
    const lightBg = await background(page);

    // Reach it with Tab, like a keyboard user: it must be in the tab order.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await toggle.evaluate((el) => el === document.activeElement);
    }
    expect(reached, 'the toggle is reachable with Tab').toBe(true);
    await page.keyboard.press(key);

    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(toggle).toHaveAccessibleName('Light theme');
    await expect.poll(() => background(page)).not.toBe(lightBg);
    expect(luminance(await background(page))).toBeLessThan(luminance(lightBg));

    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(toggle).toHaveAccessibleName('Light theme');
    expect(luminance(await background(page))).toBeLessThan(luminance(lightBg));

    // And back.
    await toggle.focus();
    await page.keyboard.press(key);
    await expect(html).toHaveAttribute('data-theme', 'light');
    await expect(toggle).toHaveAccessibleName('Dark theme');
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await expect.poll(() => background(page)).toBe(lightBg);
  });
}

test('with no stored choice the page follows the system colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(ARTICLE);
  const light = await background(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => background(page)).not.toBe(light);
  expect(luminance(await background(page))).toBeLessThan(luminance(light));
  await expect(page.getByRole('button', { name: /theme/i })).toHaveAccessibleName('Light theme');
});
