import { getCollection, type CollectionEntry } from 'astro:content';
import { failOn, seriesProblems } from './essay-checks.ts';

export type Article = CollectionEntry<'articles'>;

/** Published essays in series order; drafts show only in the dev server. */
export async function publishedArticles(): Promise<Article[]> {
  const all = await getCollection('articles', (a) => import.meta.env.DEV || !a.data.draft);
  failOn(seriesProblems(all.map((a) => ({ file: a.filePath ?? a.id, series: a.data.series }))), 'Essay frontmatter');
  return all.sort((a, b) => a.data.series - b.data.series || a.data.title.localeCompare(b.data.title));
}
