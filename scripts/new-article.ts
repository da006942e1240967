// `npm run new:article -- "Title"`: writes content/articles/<slug>.mdx, a draft that builds as it is (drafts show
// in `npm run dev` only), with the essay template: frontmatter, a citation, a footnote, math, a live figure and
// the "reproducing" section every essay has. CONTRIBUTING.md explains each part.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function slugOf(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The next free `series` number among the essays in `dir`. */
export function nextSeries(dir: string): number {
  let max = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.mdx'))) {
    const m = /^series:\s*(\d+)\s*$/m.exec(readFileSync(join(dir, name), 'utf8'));
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

const yamlString = (s: string) => JSON.stringify(s);

export function articleTemplate(title: string, series: number, date: string): string {
  return `---
title: ${yamlString(title)}
description: "One or two sentences for the home page, search results and link previews: what this essay tests, and what it finds."
date: ${date}
authors:
  - name: "Your Name"
tags: ["transformers"]
series: ${series}
draft: true
---

import ReceptiveField from '../../widgets/receptive-field/ReceptiveField.astro';

Start with the question the essay answers, in a sentence a reader can hold on to. Cite the work you build on
as [@vaswani2017attention]; the key must be in content/references.bib.

## The idea

Math is KaTeX: inline like $r_L = 1 + \\sum_{l=1}^{L} (k_l - 1)$, or on its own line:

$$
r_L = 1 + \\sum_{l=1}^{L} (k_l - 1) \\prod_{i<l} s_i
$$

A footnote goes right after the word it annotates.<Footnote>Footnotes can hold $math$ and citations [@vaswani2017attention] too.</Footnote>
A literal brace in prose is written \\{ like this \\}, and a less-than sign as &lt;.

## A live figure

<Figure id="stack" widget="receptive-field" width="wide" caption="Say what the reader sees and what to try: here, the receptive field of a stack of 3-wide convolutions.">
  <ReceptiveField figureId="stack" />
</Figure>

## Reproducing the numbers

Every number this essay states is computed by the project. Say here which script, widget or benchmark
computes each one, and import numbers from content/numbers/ instead of typing them.
`;
}

function main() {
  const title = process.argv.slice(2).join(' ').trim();
  if (!title) {
    console.error('usage: npm run new:article -- "The essay’s title"');
    process.exit(2);
  }
  const dir = process.env.ARTICLES_DIR || 'content/articles';
  const slug = slugOf(title);
  if (!slug) {
    console.error(`new:article: "${title}" gives no file name; use some Latin letters or digits in the title`);
    process.exit(2);
  }
  const file = join(dir, `${slug}.mdx`);
  if (existsSync(file)) {
    console.error(`new:article: ${file} already exists`);
    process.exit(1);
  }
  writeFileSync(file, articleTemplate(title, nextSeries(dir), new Date().toISOString().slice(0, 10)));
  console.log(`wrote ${file} (a draft: \`npm run dev\` shows it at /articles/${slug}/; set draft: false to publish)`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
