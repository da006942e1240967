import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseBibtex, latexToUnicode, BibtexError } from '../../../src/lib/bibtex.ts';
import { toReference, formatAuthorList } from '../../../src/lib/references.ts';

describe('parseBibtex', () => {
  it('reads braced, quoted, numeric and concatenated values', () => {
    const [e] = parseBibtex(`@string{neurips = "Advances in NeurIPS"}
      @inproceedings{a2017,
        title = {Attention Is {All} You Need},
        author = "Vaswani, Ashish and Shazeer, Noam",
        booktitle = neurips # " 30",
        year = 2017,
      }`);
    expect(e).toEqual({
      key: 'a2017',
      type: 'inproceedings',
      fields: { title: 'Attention Is {All} You Need', author: 'Vaswani, Ashish and Shazeer, Noam', booktitle: 'Advances in NeurIPS 30', year: '2017' },
    });
  });

  it('skips comments and preambles', () => {
    expect(parseBibtex('@comment{ignored {nested}} @preamble{"x"} @misc{k, title={T}}').map((e) => e.key)).toEqual(['k']);
  });

  it('names the line of an error', () => {
    expect(() => parseBibtex('@misc{a, title={x}}\n\n@misc{b, title={unclosed}')).toThrow(/line 3/);
    expect(() => parseBibtex('@misc{a, title={x}}\n@misc{a, title={y}}')).toThrow(/duplicate key "a"/);
    expect(() => parseBibtex('@misc{a, title = undefinedmacro}')).toThrow(BibtexError);
  });
});

describe('latexToUnicode', () => {
  it.each([
    ["G{\\'e}ron", 'Géron'],
    ['Schmidhuber, J{\\"u}rgen', 'Schmidhuber, Jürgen'],
    ['{\\v{S}}imon', 'Šimon'],
    ['Fran\\c{c}ois', 'François'],
    ['Stra{\\ss}e', 'Straße'],
    ['Pages 1--10 --- done', 'Pages 1–10 — done'],
    ['{BERT} \\& co', 'BERT & co'],
  ])('%s → %s', (input, out) => expect(latexToUnicode(input)).toBe(out));
});

describe('references', () => {
  it('formats authors and the short form', () => {
    const r = toReference({ key: 'k', type: 'article', fields: { author: 'Luo, Wenjie and Li, Yujia and Urtasun, Raquel', title: '{U}nderstanding', year: '2016', eprint: '1701.04128' } });
    expect(r.authors).toEqual(['Wenjie Luo', 'Yujia Li', 'Raquel Urtasun']);
    expect(r.short).toBe('Luo et al., 2016');
    expect(r.url).toBe('https://arxiv.org/abs/1701.04128');
    expect(formatAuthorList(r.authors)).toBe('Wenjie Luo, Yujia Li, and Raquel Urtasun');
  });

  it('rejects non-http links', () => {
    expect(toReference({ key: 'k', type: 'misc', fields: { title: 'x', url: 'javascript:alert(1)' } }).url).toBeUndefined();
  });

  it('content/references.bib parses and every entry has an author or organisation, a title and a year', () => {
    const entries = parseBibtex(readFileSync('content/references.bib', 'utf8'));
    expect(entries.length).toBeGreaterThan(10);
    for (const e of entries) {
      expect(e.fields.title, e.key).toBeTruthy();
      expect(e.fields.year, e.key).toMatch(/^\d{4}$/);
      expect(e.fields.author ?? e.fields.organization ?? e.fields.publisher, e.key).toBeTruthy();
    }
  });
});

describe('names and comments', () => {
  it('keeps particles with the family name', () => {
    const r = toReference({ key: 'k', type: 'misc', fields: { author: 'van den Oord, A{\\"a}ron and Dieleman, Sander and Zen, Heiga', title: 'W', year: '2016' } });
    expect(r.short).toBe('van den Oord et al., 2016');
    expect(r.authors[0]).toBe('Aäron van den Oord');
    expect(toReference({ key: 'k', type: 'misc', fields: { author: 'Ludwig van Beethoven', title: 'W', year: '1800' } }).short).toBe('van Beethoven, 1800');
  });

  it('ignores % comment lines that mention @', () => {
    expect(parseBibtex('% see @misc below\n@misc{k, title={T}}').map((e) => e.key)).toEqual(['k']);
  });
});
