import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { hasArtifact, readTokenizer } from '../../../widgets/models/artifacts.ts';
import { BpeTokenizer } from '../../../widgets/runtime/tokenizer/bpe.ts';
import { pretokenize } from '../../../widgets/runtime/tokenizer/pretokenize.ts';
import { trainTokenizer } from '../../../models/tokenizer/learn-bpe.ts';

// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });

// Tested: a tiny tokenizer trained here (no models/build needed) and, when present, the shipped one.

// English with some repetition (so merges form words), plus other scripts, so that the tiny
// tokenizer also has merges inside multi-byte characters: tokens then split characters' bytes.
const TRAIN_TEXT = `
The cat jumps over the wall. The cat jumped over the wall again, and then it jumps back.
A dog was jumping in the garden; the dogs were running and the cats were watching them.
It's what they'd done before: they've always jumped, they'll jump again, and we're watching.
In 1961 the jury said 42 people had voted; "no evidence" was found of any irregularities.
Numbers like 3.14159 and 2,048 appear too, as do symbols such as $5, 10% and e-mail@example.
東京は日本の首都です。東京の人口は多いです。 北京是中国的首都。
مرحبا بالعالم. مرحبا مرة أخرى. שלום עולם, שלום לכולם.
Ça va? Élève, café, naïve, résumé — déjà vu. Привет, мир! Привет ещё раз.
👩‍👩‍👧‍👦 family, 👍🏽 thumbs, 🇫🇷 flag, 👍🏽 again.
`.repeat(3);

const tiny = trainTokenizer([TRAIN_TEXT], 600);

const shipped = hasArtifact('tokenizer.json')
  ? readTokenizer()
  : undefined;

const tokenizers: [string, BpeTokenizer][] = [['tiny', tiny]];
if (shipped) tokenizers.push(['shipped', shipped]);

const HARD_CASES: string[] = [
  '',
  ' ',
  'a',
  'The cat jumps.',
  '  leading and   inner   spaces  ',
  'tabs\tand\nnewlines\r\n\n\nend',
  '👩‍👩‍👧‍👦👨🏿‍🦱🧑🏽‍💻 👍🏻👍🏼👍🏽👍🏾👍🏿 🏳️‍🌈 🇯🇵🇫🇷',
  '東京は日本の首都です。漢字かなカナ한국어',
  'مرحبا بالعالم שלום עולם \u200f\u200e mixed RTL עם English',
  'e\u0301 a\u0308 n\u0303 \u0915\u093f \u0301\u0301 combining',
  '\u0000\u0001\u001f\u007f\u0080\u009f NUL and controls \u0000',
  '<|endoftext|>',
  'before<|endoftext|>after <|endoftext|><|endoftext|>',
  '\uD800',
  '\uDFFF',
  'a\uD800b\uDC00c',
  '\uDC00\uD800', // reversed pair: two lone surrogates
  '😀'.slice(0, 1) + 'x' + '😀'.slice(1),
  '\uD83D\uDE00\uD83D', // pair then a lone high surrogate at the end
  '\uFEFF BOM \uFFFD replacement \uFFFF nonchar \u{10FFFF}',
  "don't won't it's I'm we'll they've you'd",
  '123456789 3.14 1,000,000 ٣٤٥ ⅫⅣ',
];

/** Long inputs: one giant chunk (a 100k-letter "word"), and 100k mixed characters. */
function longCases(): string[] {
  let mixed = '';
  const pool = ['the ', 'cat', '👍🏽', '東京', '\uD800', 'é', '\n', '  ', '<|endoftext|>', 'مرحبا '];
  for (let i = 0; mixed.length < 100_000; i++) mixed += pool[(i * 7919) % pool.length];
  return ['a'.repeat(100_000), 'ab'.repeat(50_000), '!'.repeat(100_000), mixed, '👍🏽'.repeat(25_000)];
}

// Strings mixing lone surrogates into ordinary (and astral) text.
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const withSurrogates = fc
  .array(fc.oneof(loneSurrogate, fc.string({ unit: 'grapheme' }), fc.string()), { maxLength: 20 })
  .map((parts) => parts.join(''));

const arbitraries: [string, fc.Arbitrary<string>][] = [
  ['fc.string()', fc.string()],
  ['binary (any code point, surrogate halves included)', fc.string({ unit: 'binary' })],
  ['grapheme (full Unicode)', fc.string({ unit: 'grapheme' })],
  ['text with lone surrogates', withSurrogates],
];

/** Everything a tokenizer promises about one input. */
function checkAll(tok: BpeTokenizer, text: string): void {
  const ids = tok.encode(text);
  expect(tok.decode(ids)).toBe(text);
  for (const id of ids) expect(Number.isInteger(id) && id >= 0 && id < tok.eotId).toBe(true);
  expect(tok.encode(text)).toEqual(ids); // same text, same ids (cache or not)

  // Spans: in order, together exactly the input; neighbours share a character only when a token
  // boundary cuts that character's bytes.
  const spans = tok.encodeWithSpans(text);
  expect(spans.map((s) => s.id)).toEqual(ids);
  let covered = 0;
  for (const [i, s] of spans.entries()) {
    expect(s.end).toBeGreaterThan(s.start);
    if (s.start < covered) {
      expect(covered - s.start).toBeLessThanOrEqual(2); // one code point at most
      expect(s.start).toBeGreaterThanOrEqual(spans[i - 1].start);
    } else expect(s.start).toBe(covered);
    covered = Math.max(covered, s.end);
    // A token of whole characters is exactly its slice of the input.
    const whole = (i === 0 || spans[i - 1].end <= s.start) && (i + 1 === spans.length || spans[i + 1].start >= s.end);
    if (whole) expect(tok.decode([s.id])).toBe(text.slice(s.start, s.end));
  }
  expect(covered).toBe(text.length);

  // Merges never cross a chunk: encoding chunk by chunk gives the same ids.
  expect(pretokenize(text).flatMap((c) => tok.encode(c))).toEqual(ids);
}

describe.each(tokenizers)('BpeTokenizer (%s)', (_name, tok) => {
  it.each(arbitraries)('round-trips and keeps every promise on %s', (_label, arb) => {
    fc.assert(fc.property(arb, (s) => checkAll(tok, s)), { numRuns: 300 });
  });

  it.each(HARD_CASES.map((s) => [JSON.stringify(s).slice(0, 40), s]))('hard case %s', (_label, s) => {
    checkAll(tok, s);
  });

  it('round-trips 100k-character inputs', () => {
    for (const s of longCases()) {
      expect(tok.decode(tok.encode(s))).toBe(s);
      expect(tok.encodeWithSpans(s).at(-1)?.end).toBe(s.length);
    }
  });

  it('never produces <|endoftext|> from text; encodeDocument prepends it', () => {
    const ids = tok.encode('<|endoftext|>');
    expect(ids).not.toContain(tok.eotId);
    expect(tok.decode(ids)).toBe('<|endoftext|>');
    expect(tok.eotId).toBe(tok.vocabSize - 1);
    const doc = tok.encodeDocument('The cat.');
    expect(doc[0]).toBe(tok.eotId);
    expect(doc.slice(1)).toEqual(tok.encode('The cat.'));
    expect(tok.tokenText(tok.eotId)).toBe('<|endoftext|>');
  });

  it('decodes any id sequence (prefixes, unknown ids) without throwing', () => {
    fc.assert(
      fc.property(withSurrogates, fc.nat(), (s, cut) => {
        const ids = tok.encode(s);
        const prefix = tok.decode(ids.slice(0, ids.length === 0 ? 0 : cut % (ids.length + 1)));
        expect(typeof prefix).toBe('string');
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: tok.vocabSize + 5 }), fc.double())), (ids) => {
        expect(typeof tok.decode(ids)).toBe('string');
        for (const id of ids) expect(typeof tok.tokenText(id)).toBe('string');
      }),
    );
  });

  it('gives a fresh instance from toJSON the same ids', () => {
    const again = BpeTokenizer.fromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
    fc.assert(fc.property(withSurrogates, (s) => {
        expect(again.encode(s)).toEqual(tok.encode(s));
      }), { numRuns: 100 });
  });
});

describe('token display and word starts', () => {
  it('shows spaces, controls and cut characters readably', () => {
    const text = (s: string) => tiny.encode(s).map((id) => tiny.tokenText(id)).join('|');
    expect(text(' the')).toMatch(/^␣/);
    expect(text('\n')).toBe('<0x0A>');
    expect(text('\u0000')).toBe('<0x00>');
    expect(tiny.encode('\uD800').map((id) => tiny.tokenText(id)).join('')).toBe('<0xED><0xA0><0x80>');
    expect(tiny.tokenText(0xe4)).toBe('<0xE4>'); // a lead byte alone is not a character
    expect(tiny.tokenText(0x41)).toBe('A');
  });

  it('marks word starts: a leading space, the first token, a token after whitespace', () => {
    const ids = tiny.encode('Jumps over\nthe wall');
    const starts = ids.map((id, i) => tiny.isWordStart(id, i === 0 ? null : ids[i - 1]));
    const words = ids.map((id) => tiny.decode([id]));
    const startWords = words.filter((_, i) => starts[i]);
    expect(startWords.map((w) => w.trim()[0])).toEqual(['J', 'o', 't', 'w']);
    expect(tiny.isWordStart(ids[0], tiny.eotId)).toBe(true);
  });
});

describe.runIf(shipped !== undefined)('shipped tokenizer', () => {
  it('follows the contract and makes common words single tokens', () => {
    const tok = shipped as BpeTokenizer;
    expect(tok.vocabSize).toBe(2048);
    expect(tok.eotId).toBe(2047);
    for (const w of [' the', ' of', ' and', ' was', ' that', ' The']) expect(tok.encode(w)).toHaveLength(1);
    expect(tok.encode(' Switzerland').length).toBeGreaterThan(1);
  });
});
