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
