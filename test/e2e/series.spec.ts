// Series navigation: every essay says "Part n of 7" and links to its neighbours at the top and at the end;
// following "Next" from part 1 walks every written essay in order and every link resolves; parts not written
// yet are named "coming" and never linked; the home page has a card per part, its thumbnail a real image.
// Static HTML only (the request fixture): no figure needs to load for this.
import { test, expect } from './fixtures.ts';
import { builtSitemap, isArticle } from './site.ts';

const essays = builtSitemap().paths.filter(isArticle);
const hrefs = (html: string, rel: 'prev' | 'next') => [...html.matchAll(new RegExp(`<a href="([^"]+)" rel="${rel}"`, 'g'))].map((m) => m[1]!);
const partOf = (html: string) => Number(/Part (\d+) of 7/.exec(html)?.[1]);

test('following "Next" from part 1 visits every essay in order, and every series link resolves', async ({ request }) => {
  const visited: string[] = [];
  let path: string | undefined = essays.find((p) => p.includes('transformers-are-convnets'));
  let part = 0;
  while (path) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const html = await res.text();
    expect(partOf(html), `${path} says which part it is`).toBe(part + 1);
    part += 1;
    visited.push(path);
    const next = hrefs(html, 'next');
    const prev = hrefs(html, 'prev');
    // the top line and the end cards point at the same neighbours
    expect(new Set(next).size, `${path}: one next essay`).toBeLessThanOrEqual(1);
    expect(new Set(prev).size, `${path}: one previous essay`).toBeLessThanOrEqual(1);
    if (visited.length > 1) expect(prev[0], `${path} links back`).toBe(visited.at(-2));
    for (const href of [...next, ...prev]) expect((await request.get(href)).status(), href).toBe(200);
    if (next.length === 0 && part < 7) {
      // the last written essay, before the series is complete, names the next part as coming, without a link
      expect(html).toMatch(/\(coming\)/);
    }
    path = next[0];
    if (visited.length > 10) throw new Error('the Next chain loops');
  }
  expect([...visited].sort()).toEqual([...essays].sort());
});

test('the home page has a card per part: written parts linked with their image, coming parts unlinked', async ({ page, request }) => {
  await page.goto('/');
  const cards = page.locator('.essay-card');
  await expect(cards).toHaveCount(7);
  for (let i = 0; i < 7; i++) {
    const card = cards.nth(i);
    await expect(card.locator('.essay-card-part')).toContainText(`Part ${i + 1} of 7`);
    if (i < essays.length) {
      const href = await card.locator('a').getAttribute('href');
      expect(essays, `card ${i + 1} links to an essay`).toContain(href);
      const src = (await card.locator('img').getAttribute('src'))!;
      const img = await request.get(src);
      expect(img.status(), src).toBe(200);
      expect(img.headers()['content-type']).toContain('image/png');
      await expect(card.locator('.essay-card-line')).not.toBeEmpty();
    } else {
      await expect(card).toContainText('coming');
      await expect(card.locator('a')).toHaveCount(0);
    }
  }
});
