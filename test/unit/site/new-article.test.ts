// `npm run new:article -- "Title"` writes a draft that builds as it is: its frontmatter passes the collection's
// schema, and its MDX compiles with the site's remark plugins (KaTeX math, citations against the real
// bibliography, the essay checks) with figures that the registry knows. (Checked once with a real `astro build`
// too: see the commit that added this test.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '@mdx-js/mdx';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { VFile } from 'vfile';
import { articleSchema } from '../../../src/lib/article-schema.ts';
import { remarkCitations } from '../../../src/lib/remark-citations.ts';
import { remarkEssayChecks } from '../../../src/lib/remark-essay-checks.ts';
import { figureProblems, type FigureUse } from '../../../src/lib/essay-checks.ts';
import { articleTemplate, nextSeries, slugOf } from '../../../scripts/new-article.ts';

const registry = readFileSync('widgets/registry.ts', 'utf8');
const registered = (key: string) => new RegExp(`^\\s*'?${key}'?: \\{`, 'm').test(registry);

describe('new:article', () => {
  it('names the file after the title and takes the next free series number', () => {
    expect(slugOf('Héllo, wörld: a test!')).toBe('hello-world-a-test');
    expect(nextSeries('content/articles')).toBeGreaterThan(1);
    const dir = mkdtempSync(join(tmpdir(), 'articles-'));
    writeFileSync(join(dir, 'a.mdx'), '---\nseries: 4\n---\n');
    expect(nextSeries(dir)).toBe(5);
  });

  it('writes a draft whose frontmatter and MDX pass everything the build checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'articles-'));
    const out = execFileSync(process.execPath, ['scripts/new-article.ts', 'Why', 'depth', 'helps'], { env: { ...process.env, ARTICLES_DIR: dir }, encoding: 'utf8' });
    expect(out).toMatch(/wrote .*why-depth-helps\.mdx/);
    expect(readdirSync(dir)).toEqual(['why-depth-helps.mdx']);
    const source = readFileSync(join(dir, 'why-depth-helps.mdx'), 'utf8');
    expect(source).toBe(articleTemplate('Why depth helps', 1, new Date().toISOString().slice(0, 10)));

    const { frontmatter, content } = parseFrontmatter(source, { frontmatter: 'empty-with-spaces' });
    const data = articleSchema.parse(frontmatter);
    expect(data).toMatchObject({ title: 'Why depth helps', series: 1, draft: true });

    const file = new VFile({ path: 'content/articles/why-depth-helps.mdx', value: content });
    await compile(file, { remarkPlugins: [remarkMath, [remarkCitations, { bibliography: 'content/references.bib' }], remarkEssayChecks], rehypePlugins: [[rehypeKatex, { strict: 'error' }]] });
    const figures = (file.data as { astro: { frontmatter: { figures: FigureUse[] } } }).astro.frontmatter.figures;
    expect(figures.map((f) => f.widget)).toEqual(['receptive-field']);
    expect(registered('receptive-field')).toBe(true);
    expect(figureProblems(file.path, figures, ['receptive-field'])).toEqual([]);
  });
});
