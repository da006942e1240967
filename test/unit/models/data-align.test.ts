// Token → word alignment and the encoded streams of the data step (models/data/align.ts, encode.ts).
import { describe, expect, it } from 'vitest';
import { probeRows, separatorRow, wordLabels } from '../../../models/data/align.ts';
import { buildDocument } from '../../../models/data/brown.ts';
import { codePoints, encodeSplit } from '../../../models/data/encode.ts';
import { LABELS, wordTypeIds } from '../../../models/data/labels.ts';
import { parseBrownFile } from '../../../models/data/parse.ts';
import type { CorpusDocument } from '../../../models/data/types.ts';
import { BpeTokenizer } from '../../../widgets/runtime/tokenizer/bpe.ts';
import { PRETOKENIZER } from '../../../widgets/runtime/tokenizer/pretokenize.ts';

const U = (l: string) => LABELS.upos.indexOf(l as never);
const C = (l: string) => LABELS.chunk.indexOf(l as never);

const SAMPLE = "\n\n\tThe/at jury/nn said/vbd ``/`` no/at ''/'' ./.\nIt's/pps+bez over/rb ./.\n\n\n\tYes/rb ./.\n";
function sampleDoc(): CorpusDocument {
  return { ...buildDocument('cx01', 'news', parseBrownFile(SAMPLE)), split: 'val' };
}

describe('probeRows', () => {
  it('labels each token by the word its first non-space character falls in', () => {
    const doc = sampleDoc();
    expect(doc.text).toBe('The jury said "no". It\'s over.\n\nYes.');
    const types = wordTypeIds(doc.words.map((w) => w.text));
    const words = wordLabels(doc.words, types);
    // Hand-made tokens: "The", " ju", "ry", " said", ' "', "no", '".', " It", "'s", " over", ".", "\n\n", "Yes", "."
    const cuts = [0, 3, 6, 8, 13, 15, 17, 19, 22, 24, 29, 30, 32, 35, 36];
    const spans = cuts.slice(0, -1).map((s, i) => ({ start: s, end: cuts[i + 1]! }));
    const out: number[] = [];
    probeRows(doc.text, spans, words, 2, out);
    const rows = Array.from({ length: spans.length }, (_, i) => out.slice(i * 6, i * 6 + 6));
    const col = (c: number) => rows.map((r) => r[c]);
    expect(col(0)).toEqual([1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, -1, 1, 1]);
    expect(col(1)).toEqual([U('DET'), U('NOUN'), U('NOUN'), U('VERB'), U('.'), U('DET'), U('.'), U('PRON'), U('PRON'), U('ADV'), U('.'), -1, U('ADV'), U('.')]);
    expect(col(2)).toEqual([C('B-NP'), C('I-NP'), C('I-NP'), C('O'), C('O'), C('O'), C('O'), C('B-NP'), C('B-NP'), C('O'), C('O'), -1, C('O'), C('O')]);
    expect(col(3)).toEqual([0, 1, 1, 1, 2, 2, 2, 0, 0, 1, 1, -1, 0, 1]);
    expect(col(4)).toEqual(Array(14).fill(2));
    expect(col(5)[1]).toBe(types.get('jury'));
    expect(col(5)[2]).toBe(types.get('jury'));
    expect(col(5)[7]).toBe(types.get("it's"));
  });
  it('gives a separator −1 in every column', () => {
    const out: number[] = [];
    separatorRow(out);
    expect(out).toEqual([-1, -1, -1, -1, -1, -1]);
  });
});

describe('encodeSplit', () => {
  // A byte-level tokenizer with two merges ("t"+"h", "th"+"e"), enough to exercise multi-character tokens.
  const tok = BpeTokenizer.fromJSON({ type: 'byte-bpe', vocab_size: 259, eot_id: 258, pretokenizer: PRETOKENIZER, merges: [[116, 104], [256, 101]] });
  it('writes <|endoftext|> before each document, aligned rows, and code-point chars + separators', () => {
    const doc = sampleDoc();
    const docs = [doc, { ...doc, id: 'cx02' }];
    const types = wordTypeIds(doc.words.map((w) => w.text));
    const e = encodeSplit(tok, docs, types);
    const n = tok.encode(doc.text).length;
    expect(e.ids.length).toBe(2 * (n + 1));
    expect(e.ids[0]).toBe(258);
    expect(e.ids[n + 1]).toBe(258);
    expect(tok.decode(Array.from(e.ids.slice(1, n + 1)))).toBe(doc.text);
    expect(e.probes.length).toBe(e.ids.length * 6);
    expect(Array.from(e.probes.slice(0, 6))).toEqual([-1, -1, -1, -1, -1, -1]);
    expect(e.chars).toBe(2 * (codePoints(doc.text) + 1));
    expect(e.words).toBe(2 * doc.words.length);
    // With no merges across characters of different words, every word begins exactly one token.
    let starts = 0;
    for (let t = 0; t < e.ids.length; t++) if (e.probes[t * 6] === 1) starts++;
    expect(starts).toBe(e.words);
    expect(codePoints('a\u{1F600}b')).toBe(3);
  });
});
