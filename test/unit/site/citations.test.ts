import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { remarkCitations, citedKeys } from '../../../src/lib/remark-citations.ts';

const dir = mkdtempSync(join(tmpdir(), 'bib-'));
const bibliography = join(dir, 'refs.bib');
writeFileSync(
  bibliography,
  `@article{alpha2019, author={Alpha, Ann}, title={A}, year={2019}}
   @article{beta2020, author={Beta, Bob and Gamma, Gil and Delta, Dan}, title={B}, year={2020}}`,
);

async function render(markdown: string) {
  const file = new VFile({ path: 'content/articles/example.mdx', value: markdown });
  const out = await unified().use(remarkParse).use(remarkCitations, { bibliography }).use(remarkRehype).use(rehypeStringify).process(file);
  return { html: String(out), keys: citedKeys(file) };
}

describe('remarkCitations', () => {
  it('numbers citations by first appearance and links them to the bibliography', async () => {
    const { html, keys } = await render('See [@beta2020] and [@alpha2019; @beta2020].');
    expect(keys).toEqual(['beta2020', 'alpha2019']);
    expect(html).toContain('<a href="#ref-beta2020" class="citation" data-cite="beta2020" aria-label="Reference 1: Beta et al., 2020">1</a>');
    expect(html).toMatch(/\[<a href="#ref-alpha2019"[^>]*>2<\/a>, <a href="#ref-beta2020"[^>]*>1<\/a>\]/);
  });

  it('leaves ordinary brackets and e-mail-like text alone', async () => {
    const { html, keys } = await render('An array [1, 2] and user@example.com and [@ not a key].');
    expect(keys).toEqual([]);
    expect(html).not.toContain('citation');
  });

  it('fails on an unknown key, naming the key and the file', async () => {
    await expect(render('Text [@nosuch2020].')).rejects.toThrow(/Unknown citation key "@nosuch2020"/);
    await expect(render('Text [@nosuch2020].')).rejects.toSatisfy((e: Error & { file?: string }) => String(e.file ?? e.message).includes('example.mdx'));
  });
});
