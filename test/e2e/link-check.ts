// The link check of the site crawl (pages.spec.ts): every <a href> on a page resolves. Same-site links (including
// absolute ones that carry the configured SITE_URL origin, mapped to the test server by path) must answer 200, and
// their #fragment must name an element of the target page; links to other sites are not fetched, but must be
// well-formed https.
import type { APIRequestContext, Page } from '@playwright/test';
import { builtSitemap } from './site.ts';

const { origin: siteOrigin } = builtSitemap();

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

/** Problems with the links of the page as it is now (hydrated widgets included); [] when every link resolves. */
export async function brokenLinks(page: Page, request: APIRequestContext, origin: string): Promise<string[]> {
  const links = await page.$$eval('a[href]', (as) =>
    as.map((a) => ({ raw: a.getAttribute('href') ?? '', abs: (a as HTMLAnchorElement).href, text: (a.textContent ?? '').trim().slice(0, 60) })),
  );
  if (links.length === 0) return ['the page has no links at all'];

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
    const sameSite = url.origin === origin || url.origin === siteOrigin;
    if (!sameSite) {
      const why = externalProblem(raw, new URL(abs));
      if (why) problems.push(`${label}: ${why}`);
      continue;
    }
    const target = url.pathname + url.search;
    const fragment = decodeFragment(url.hash);
    const samePage = url.pathname === here.pathname && url.search === here.search;
    if (samePage && url.origin === origin) {
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
  return problems;
}
