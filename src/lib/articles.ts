import { getCollection, type CollectionEntry } from 'astro:content';

export type Article = CollectionEntry<'articles'>;

/** Published essays in series order; drafts show only in the dev server. */
export async function publishedArticles(): Promise<Article[]> {
  const all = await getCollection('articles', (a) => import.meta.env.DEV || !a.data.draft);
  return all.sort((a, b) => a.data.series - b.data.series || a.data.title.localeCompare(b.data.title));
}
