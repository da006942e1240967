import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { publishedArticles } from '../lib/articles.ts';
import { articlePath, SITE } from '../lib/site.ts';

// /rss.xml. A feed's links must be absolute, so the feed exists only when the build knows the site's origin
// (SITE_URL); the head and the navigation link to it under the same condition (layouts/Base.astro).
export function getStaticPaths() {
  return import.meta.env.SITE ? [{ params: { feed: 'rss' } }] : [];
}

export async function GET(context: APIContext) {
  const articles = await publishedArticles();
  return rss({
    title: `${SITE.name} essays`,
    description: SITE.tagline,
    site: context.site!,
    items: articles.map((a) => ({
      title: a.data.title,
      description: a.data.description,
      pubDate: a.data.date,
      link: articlePath(a.id), // carries the base path; rss() resolves it against the site's origin
      categories: a.data.tags,
      author: a.data.authors.map((x) => x.name).join(', '),
    })),
  });
}
