import { sitePath } from '../../widgets/runtime/site-paths.ts';
import { tagSlug } from './article-schema.ts';

export const SITE = {
  name: 'Dezoom',
  tagline: 'Interactive essays on how transformers build meaning, and why stacking layers works.',
  license: 'CC BY 4.0',
} as const;

/** Every internal link goes through sitePath (the base path); absolute URLs through absoluteUrl (SITE_URL). */
export { absoluteUrl, sitePath } from '../../widgets/runtime/site-paths.ts';

export function articlePath(id: string): string {
  return sitePath(`/articles/${id}/`);
}

/** The page of one tag; `tag` as written in the frontmatter ("logit lens" -> /tags/logit-lens/). */
export function tagPath(tag: string): string {
  return sitePath(`/tags/${tagSlug(tag)}/`);
}

export function formatDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
