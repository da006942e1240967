import { z } from 'astro/zod';

// Kept apart from content.config.ts so vitest can check the schema without Astro's virtual modules.
const author = z.strictObject({
  name: z.string().min(1),
  url: z.url().optional(),
  affiliation: z.string().optional(),
});

const slugLike = /^[a-z0-9]+(?:[ -][a-z0-9]+)*$/;

export const articleSchema = z
  .strictObject({
    title: z.string().min(1),
    description: z.string().min(20).max(300),
    date: z.coerce.date(),
    updated: z.coerce.date().optional(),
    authors: z.array(author).min(1),
    tags: z.array(z.string().regex(slugLike, 'tags are lower-case words, e.g. "receptive fields"')).default([]),
    series: z.number().int().positive(),
    /** The essay's finding in one line, for the home page's card (no numbers: those live in the essay). */
    result: z.string().min(20).max(220).optional(),
    draft: z.boolean().default(false),
  })
  .refine((a) => !a.updated || a.updated >= a.date, {
    message: '`updated` must not be before `date`',
    path: ['updated'],
  });

export function tagSlug(tag: string): string {
  return tag.replace(/ /g, '-');
}
