import type { APIContext } from 'astro';
import { publishedArticles, type Article } from '../../lib/articles.ts';
import { renderOgImage } from '../../lib/og-image.ts';

export async function getStaticPaths() {
  return (await publishedArticles()).map((article) => ({ params: { slug: article.id }, props: { article } }));
}

export async function GET({ props }: APIContext) {
  const { article } = props as { article: Article };
  const png = await renderOgImage(article.data.title, article.data.description);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
}
