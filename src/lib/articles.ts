import { getCollection, type CollectionEntry } from 'astro:content';
import { failOn, seriesProblems } from './essay-checks.ts';
import { seriesParts as partsOf, type SeriesPart } from './series.ts';
import { articlePath, sitePath } from './site.ts';

export type Article = CollectionEntry<'articles'>;

/** Published essays in series order; drafts show only in the dev server. */
export async function publishedArticles(): Promise<Article[]> {
  const all = await getCollection('articles', (a) => import.meta.env.DEV || !a.data.draft);
  failOn(seriesProblems(all.map((a) => ({ file: a.filePath ?? a.id, series: a.data.series }))), 'Essay frontmatter');
  return all.sort((a, b) => a.data.series - b.data.series || a.data.title.localeCompare(b.data.title));
}

/** The whole series (written and coming parts) for navigation and the home page. */
export async function seriesParts(): Promise<SeriesPart[]> {
  const essays = (await publishedArticles()).map((a) => ({
    id: a.id,
    part: a.data.series,
    title: a.data.title,
    line: a.data.result ?? a.data.description,
  }));
  return partsOf(essays, { essay: articlePath, image: (id) => sitePath(`/og/${id}.png`) });
}
