// Every registered widget (widgets/registry.ts) is wired into its essay: its embed page exists and links back to
// the essay's figure, and the essay's built HTML has that figure, with the widget's key, its server-rendered
// island (a real first paint, not an empty box) and its "Copy link" and "Copy embed code" actions. Read from
// the built site, so it holds whatever the MDX looks like.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures.ts';

const widgetKeys = readdirSync(join(process.cwd(), 'dist', 'embed'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

test('every registered widget has an embed page', () => {
  expect(widgetKeys.length).toBeGreaterThanOrEqual(9);
});

for (const key of widgetKeys) {
  test(`the ${key} widget stands in its essay as a figure that links and embeds`, async ({ request }) => {
    const embed = await (await request.get(`/embed/${key}/`)).text();
    const back = /<a [^>]*data-back-link[^>]*>/.exec(embed)?.[0] ?? '';
    const article = /data-article="([^"]+)"/.exec(back)?.[1];
    const figureId = /data-figure="([^"]+)"/.exec(back)?.[1];
    expect(article, `the embed page of ${key} links back to an essay`).toMatch(/^\/articles\/[^/]+\/$/);
    expect(figureId, `the embed page of ${key} names its figure`).toBeTruthy();

    const page = await request.get(article!);
    expect(page.status()).toBe(200);
    const html = await page.text();
    const figure = new RegExp(`<figure [^>]*id="${figureId}"[^>]*>([\\s\\S]*?)</figure>`).exec(html);
    expect(figure, `${article} has a figure with id "${figureId}"`).not.toBeNull();
    expect(figure![0]).toContain(`data-widget="${key}"`);
    expect(html.match(new RegExp(`<figure [^>]*id="${figureId}"`, 'g')), 'the figure id is used once').toHaveLength(1);
    expect(figure![1], 'a server-rendered island').toMatch(/<astro-island[^>]*ssr/);
    expect(figure![1]).toMatch(/Copy link/);
    expect(figure![1]).toMatch(/Copy embed code/);
  });
}
