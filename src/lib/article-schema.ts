import { z } from 'astro/zod';

// Kept apart from content.config.ts so vitest can check the schema without Astro's virtual modules.
//
// Every field carries its own message. Astro prints a frontmatter error as "<field>: <message>"; zod's default
// messages (through Astro's error map) carry the field again, and the two printed as "authors**: **authors:
// Required". Our messages name what the field must be and what the file has instead, never the field itself.

type Issue = { input?: unknown; code?: string };
const shown = (v: unknown) => {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'a date that does not exist' : v.toISOString().slice(0, 10);
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
/** "missing: <what>" when absent, else "<what>, not <value>". */
const must = (what: string) => (iss: Issue) => (iss.input === undefined ? `missing: ${what}` : `must be ${what}, not ${shown(iss.input)}`);

const author = z.strictObject(
  {
    name: z.string({ error: must('a non-empty string (the author as credited)') }).min(1, { error: 'must not be empty' }),
    url: z.url({ error: must('an absolute URL such as "https://example.org"') }).optional(),
    affiliation: z.string({ error: must('a string') }).optional(),
  },
  { error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown author field(s) ${(iss as { keys?: string[] }).keys?.join(', ')}: authors have name, url, affiliation` : must('an author { name, url?, affiliation? }')(iss)) },
);

const slugLike = /^[a-z0-9]+(?:[ -][a-z0-9]+)*$/;

const fields = {
  title: z.string({ error: must('a string') }).min(1, { error: 'must not be empty' }),
  description: z
    .string({ error: must('a string of 20 to 300 characters') })
    .min(20, { error: (iss) => `must be at least 20 characters (it is ${String(iss.input).length}): one or two sentences for the home page and link previews` })
    .max(300, { error: (iss) => `must be at most 300 characters (it is ${String(iss.input).length})` }),
  date: z.coerce.date({ error: must('a date such as 2026-12-01') }),
  updated: z.coerce.date({ error: must('a date such as 2026-12-05') }).optional(),
  authors: z.array(author, { error: must('a list of authors such as [{ name: "Ada Lovelace" }]') }).min(1, { error: 'must list at least one author' }),
  tags: z
    .array(z.string({ error: must('a string') }).regex(slugLike, { error: (iss) => `must be lower-case words, e.g. "receptive fields", not ${shown(iss.input)}` }), {
      error: must('a list such as ["attention", "probing"]'),
    })
    .default([]),
  series: z
    .number({ error: must('a whole number ≥ 1 (the essay’s place in the series)') })
    .int({ error: must('a whole number ≥ 1') })
    .positive({ error: must('a whole number ≥ 1') }),
  /** The essay's finding in one line, for the home page's card (no numbers: those live in the essay). */
  result: z
    .string({ error: must('a string of 20 to 220 characters') })
    .min(20, { error: 'must be at least 20 characters: the finding in one line' })
    .max(220, { error: (iss) => `must be at most 220 characters (it is ${String(iss.input).length})` })
    .optional(),
  draft: z.boolean({ error: must('true or false') }).default(false),
};
const FIELDS = Object.keys(fields).join(', ');

// Unknown fields are reported at their own key (not at the object, which Astro prints as "****" on line 0),
// so the message names the misspelt field and Astro finds its line.
export const articleSchema = z
  .looseObject(fields, { error: must('frontmatter (a YAML block between --- lines)') })
  .superRefine((data, ctx) => {
    for (const key of Object.keys(data)) {
      if (!(key in fields)) ctx.addIssue({ code: 'custom', path: [key], message: `unknown field; the frontmatter fields are ${FIELDS}` });
    }
    if (data.updated && data.updated < data.date) ctx.addIssue({ code: 'custom', path: ['updated'], message: 'must not be before `date`' });
  })
  .transform(({ title, description, date, updated, authors, tags, series, result, draft }) => ({ title, description, date, updated, authors, tags, series, result, draft }));

export function tagSlug(tag: string): string {
  return tag.replace(/ /g, '-');
}
