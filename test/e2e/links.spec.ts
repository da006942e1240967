// No broken links: every <a href> on every page (sitemap + embed, 404, search) resolves. Same-site links (including absolute ones
// that carry the configured SITE_URL origin, mapped to the test server by path) must answer 200, and their
// #fragment must name an element of the target page; links to other sites are not fetched, but must be
// well-formed https. Also: the served sitemap, the RSS feed, the Open Graph images and the 404 answer.
import { test, expect } from './fixtures.ts';
import type { APIRequestContext } from '@playwright/test';
import { ARTICLE, EMBED, allPages, builtSitemap, isArticle, pathOf, scrollThrough, sitemapLocs } from './site.ts';

const { origin: siteOrigin, paths } = builtSitemap();

type Fetched = { status: number; contentType: string; ids: Set<string>; body: Buffer };
// One cache per worker: each same-site URL is fetched once however many pages link to it.
const cache = new Map<string, Promise<Fetched>>();

function fetchOnce(request: APIRequestContext, path: string): Promise<Fetched> {
  let p = cache.get(path);
  if (!p) {
    p = request.get(path, { maxRedirects: 5 }).then(async (res) => {
      const body = await res.body();
      const contentType = res.headers()['content-type'] ?? '';
      return { status: res.status(), contentType, body, ids: /html/.test(contentType) ? idsIn(body.toString('utf8')) : new Set() };
    });
    cache.set(path, p);
  }
  return p;
}

/** Fragment targets in static HTML: id attributes, and name attributes of <a>. */
function idsIn(html: string): Set<string> {
  const ids = new Set<string>();
  const attr = /<[a-zA-Z][^>]*?\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
  for (const m of html.matchAll(attr)) {
    const isName = m[1].toLowerCase() === 'name';
    if (isName && !/^<a\s/i.test(m[0])) continue;
    ids.add(decodeEntities(m[2] ?? m[3] ?? m[4]));
  }
  return ids;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function decodeFragment(hash: string): string {
  const raw = hash.replace(/^#/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Problems with a link to another site ('' when fine). */
function externalProblem(href: string, url: URL): string {
  if (url.protocol === 'mailto:') return /^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$/.test(href) ? '' : 'malformed mailto:';
  if (url.protocol !== 'https:') return `not https (${url.protocol})`;
  if (/\s/.test(href)) return 'contains whitespace';
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname)) return `bad host "${url.hostname}"`;
  if (url.username || url.password) return 'carries credentials';
  return '';
}

// The sitemap's pages plus those it leaves out on purpose (embed, 404, search).
for (const path of allPages()) {
  test(`links on ${path} resolve`, async ({ page, request, guard }) => {
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    await scrollThrough(page);

    const links = await page.$$eval('a[href]', (as) =>
      as.map((a) => ({ raw: a.getAttribute('href') ?? '', abs: (a as HTMLAnchorElement).href, text: (a.textContent ?? '').trim().slice(0, 60) })),
    );
    expect(links.length, `${path} has no links at all`).toBeGreaterThan(0);

    const here = new URL(page.url());
    // Fragment targets of this page in the live DOM (includes ids that hydrated widgets create).
    const liveIds = new Set(
      await page.evaluate(() => [
        ...[...document.querySelectorAll('[id]')].map((e) => e.id),
        ...[...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')!),
      ]),
    );
    const problems: string[] = [];
    for (const { raw, abs, text } of links) {
      const label = `"${raw}" (${text || 'no text'})`;
      if (raw.trim() === '') {
        problems.push(`${label}: empty href`);
        continue;
      }
      let url: URL;
      try {
        url = new URL(raw, here);
      } catch {
        problems.push(`${label}: not a URL`);
        continue;
      }
      if (url.protocol === 'javascript:') {
        problems.push(`${label}: javascript: link`);
        continue;
      }
      const sameSite = url.origin === guard.origin || url.origin === siteOrigin;
      if (!sameSite) {
        const why = externalProblem(raw, new URL(abs));
        if (why) problems.push(`${label}: ${why}`);
        continue;
      }
      const target = url.pathname + url.search;
      const fragment = decodeFragment(url.hash);
      const samePage = url.pathname === here.pathname && url.search === here.search;
      if (samePage && url.origin === guard.origin) {
        if (fragment && fragment !== 'top' && !liveIds.has(fragment)) {
          problems.push(`${label}: no element with id "${fragment}" on this page`);
        }
        continue;
      }
      const fetched = await fetchOnce(request, target);
      if (fetched.status !== 200) {
        problems.push(`${label}: ${target} answered ${fetched.status}`);
        continue;
      }
      if (fragment && fragment !== 'top' && !fetched.ids.has(fragment)) {
        problems.push(`${label}: ${target} has no element with id "${fragment}"`);
      }
    }
    expect(problems, `broken links on ${path}`).toEqual([]);
  });
}

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

test('every article has an Open Graph image /og/<slug>.png that is a real PNG', async ({ page, request }) => {
  const articles = paths.filter(isArticle);
  expect(articles.length).toBeGreaterThan(0);
  for (const path of articles) {
    await page.goto(path);
    const meta = (prop: string) =>
      page.locator(`meta[property="${prop}"]`).first().getAttribute('content', { timeout: 2_000 }).catch(() => null);
    const image = await meta('og:image');
    expect(image, `${path} has og:image`).toBeTruthy();
    const slug = path.split('/').filter(Boolean).pop();
    expect(new URL(image!).pathname, `og:image of ${path}`).toBe(`/og/${slug}.png`);
    const res = await request.get(new URL(image!).pathname);
    expect(res.status(), image!).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^image\/png\b/);
    const size = pngSize(await res.body());
    expect(size, `${image} is a PNG`).not.toBeNull();
    const w = await meta('og:image:width');
    const h = await meta('og:image:height');
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
