import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { publishedArticles } from '../lib/articles.ts';
import { articlePath, SITE } from '../lib/site.ts';

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
      link: articlePath(a.id),
      categories: a.data.tags,
      author: a.data.authors.map((x) => x.name).join(', '),
    })),
  });
}
