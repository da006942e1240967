// Glossary terms in the prose (src/components/Term.astro): the definition shows on hover and on keyboard
// focus, is the term's accessible description, and Escape hides it without moving focus or pointer.
import { test, expect } from './fixtures.ts';

test('a glossary term shows its definition on focus and hover, and Escape hides it', async ({ page }) => {
  await page.goto('/articles/attention-hands-on/');
  const word = page.locator('.term-word[data-term="nats"]').first();
  const def = page.locator('.term', { has: word }).locator('.term-def');
  await expect(def).toBeHidden();
  await word.focus();
  await expect(def).toBeVisible();
  await expect(def).toContainText('natural logarithms');
  await expect(word).toHaveAccessibleDescription(/natural logarithms/);
  await page.keyboard.press('Escape');
  await expect(def).toBeHidden();
  await expect(word).toBeFocused();
  await word.blur();
  const other = page.locator('.term-word[data-term="softmax"]').first();
  await other.hover();
  await expect(page.locator('.term', { has: other }).locator('.term-def')).toBeVisible();
});
