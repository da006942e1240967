// The site's feeds and special answers: the served sitemap, the RSS feed, the Open Graph images, the 404 answer and
// the embed page's link back. (Every page's own links are checked by the site crawl, pages.spec.ts.)
import { test, expect } from './fixtures.ts';
import { ARTICLE, EMBED, builtSitemap, isArticle, pathOf, sitemapLocs } from './site.ts';

const { origin: siteOrigin, paths } = builtSitemap();

test('the served sitemap lists the same pages as the built one, all on one origin', async ({ request }) => {
  const index = await request.get('/sitemap-index.xml');
  expect(index.status()).toBe(200);
  const sets = sitemapLocs(await index.text());
  expect(sets.length).toBeGreaterThan(0);
  const locs: string[] = [];
  for (const set of sets) {
    const res = await request.get(pathOf(set));
    expect(res.status(), set).toBe(200);
    locs.push(...sitemapLocs(await res.text()));
  }
  expect(new Set(locs.map((l) => new URL(l).origin))).toEqual(new Set([siteOrigin]));
  expect([...new Set(locs.map(pathOf))].sort()).toEqual(paths);
  expect(paths).toContain('/');
  expect(paths).toContain(ARTICLE);
  expect(paths.some((p) => p.startsWith('/embed/')), 'embed pages are not for the sitemap').toBe(false);
});

test('rss.xml is a feed whose items link to site pages', async ({ request }) => {
  const res = await request.get('/rss.xml');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^(application\/(rss\+)?xml|text\/xml)\b/);
  const xml = await res.text();
  expect(xml).toMatch(/<rss[\s>]/);
  const items = [...xml.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>[\s\S]*?<\/item>/g)].map((m) => m[1].trim());
  expect(items.length, 'feed items').toBeGreaterThan(0);
  expect(items.map(pathOf)).toContain(ARTICLE);
  for (const link of items) {
    expect(new URL(link).origin, `${link} uses the site origin`).toBe(siteOrigin);
    const page = await request.get(pathOf(link));
    expect(page.status(), link).toBe(200);
  }
});

/** Width and height from a PNG's IHDR chunk; null if not a PNG. */
function pngSize(buf: Buffer): { width: number; height: number } | null {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 24 || !buf.subarray(0, 8).equals(sig) || buf.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

test('every article has an Open Graph image /og/<slug>.png that is a real PNG', async ({ request }) => {
  const articles = paths.filter(isArticle);
  expect(articles.length).toBeGreaterThan(0);
  for (const path of articles) {
    // The tags are in the static HTML (link previews read no script): no browser needed.
    const html = await (await request.get(path)).text();
    const meta = (prop: string) => new RegExp(`<meta [^>]*property="${prop}"[^>]*content="([^"]*)"`).exec(html)?.[1] ?? null;
    const image = meta('og:image');
    expect(image, `${path} has og:image`).toBeTruthy();
    const slug = path.split('/').filter(Boolean).pop();
    expect(new URL(image!).pathname, `og:image of ${path}`).toBe(`/og/${slug}.png`);
    const res = await request.get(new URL(image!).pathname);
    expect(res.status(), image!).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^image\/png\b/);
    const size = pngSize(await res.body());
    expect(size, `${image} is a PNG`).not.toBeNull();
    const w = meta('og:image:width');
    const h = meta('og:image:height');
    if (w && h) expect(size).toEqual({ width: Number(w), height: Number(h) });
    else expect(size!.width).toBeGreaterThanOrEqual(200);
  }
});

test('an unknown path answers 404 with the site 404 page', async ({ request }) => {
  const notFound = await request.get('/404.html');
  expect(notFound.status()).toBe(200);
  const title = (await notFound.text()).match(/<title>([^<]*)<\/title>/)?.[1];
  expect(title, '404.html has a title').toBeTruthy();
  const res = await request.get('/no-such-page-' + Date.now() + '/');
  expect(res.status()).toBe(404);
  expect(await res.text()).toContain(`<title>${title}</title>`);
});

test('the embed page (left out of the sitemap) links back to its article', async ({ page }) => {
  const res = await page.goto(EMBED);
  expect(res?.status()).toBe(200);
  const back = page.locator(`a[href*="${ARTICLE}"]`);
  await expect(back.first()).toBeVisible();
  const href = await back.first().getAttribute('href');
  const status = (await page.request.get(pathOf(new URL(href!, page.url()).href))).status();
  expect(status).toBe(200);
});
