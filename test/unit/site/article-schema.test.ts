import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../../src/lib/article-schema.ts';

const valid = {
  title: 'Transformers are convnets?',
  description: 'A twenty-character-plus description of the essay.',
  date: '2026-11-28',
  authors: [{ name: 'Dezoom team' }],
  tags: ['receptive fields'],
  series: 1,
};

const issuesOf = (data: unknown) => {
  const r = articleSchema.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('article frontmatter schema', () => {
  it('accepts a complete article and fills defaults', () => {
    const r = articleSchema.parse(valid);
    expect(r.draft).toBe(false);
    expect(r.date).toEqual(new Date('2026-11-28'));
  });

  it.each([
    ['title', { title: undefined }],
    ['description', { description: undefined }],
    ['date', { date: '2026-13-45' }],
    ['series', { series: 'one' }],
    ['series', { series: 0 }],
    ['authors', { authors: [] }],
    ['authors.0.url', { authors: [{ name: 'A', url: 'not a url' }] }],
    ['tags.0', { tags: ['Upper Case'] }],
    ['draft', { draft: 'yes' }],
    ['updated', { updated: '2020-01-01' }],
  ])('names the field "%s" when it is wrong', (field, patch) => {
    expect(issuesOf({ ...valid, ...patch })).toContain(field);
  });

  it('rejects unknown fields, so a typo does not pass silently', () => {
    expect(issuesOf({ ...valid, tittle: 'x' }).length).toBeGreaterThan(0);
  });
});

// What a contributor reads when the build fails: Astro passes its own error map to the parse and prints each
// issue as "**<path>**: <message>" (InvalidContentEntryDataError). The field must appear once, as the path,
// and the message must say what the field should be.
import { errorMap } from '../../../node_modules/astro/dist/core/errors/zod-error-map.js';

async function astroLines(data: unknown): Promise<string[]> {
  const r = await articleSchema.safeParseAsync(data, { error: (issue) => errorMap(issue as never) });
  return r.success ? [] : r.error.issues.map((i) => `**${i.path.join('.')}**: ${i.message}`);
}

describe('frontmatter errors as Astro prints them', () => {
  it.each([
    [{ authors: undefined }, 'authors', /^missing: a list of authors/],
    [{ series: 'one' }, 'series', /^must be a whole number ≥ 1 .*not "one"$/],
    [{ tittle: 'x' }, 'tittle', /^unknown field; the frontmatter fields are title, description/],
    [{ authors: [{ name: 'A', mail: 'x' }] }, 'authors.0', /^unknown author field\(s\) mail/],
    [{ tags: ['Upper Case'] }, 'tags.0', /lower-case words.*not "Upper Case"$/],
    [{ date: '2026-13-45' }, 'date', /^must be a date such as 2026-12-01, not a date that does not exist$/],
    [{ description: 'short' }, 'description', /at least 20 characters \(it is 5\)/],
  ])('%j names the field once: %s', async (patch, field, message) => {
    const lines = await astroLines({ ...valid, ...patch });
    expect(lines).toHaveLength(1);
    const [, path, text] = /^\*\*([^*]+)\*\*: (.*)$/s.exec(lines[0])!;
    expect(path).toBe(field);
    expect(text).toMatch(message);
    expect(text, 'no second bold path in the message').not.toContain('**');
  });
});
