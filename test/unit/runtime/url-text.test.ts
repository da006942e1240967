// Links are exact or say why not (issue 15): the text field's link form, property-tested. Every string a
// text box can hold — any Unicode, markup such as "<script>", long tokens, lone surrogates — either comes
// back from a link exactly (and the tokenizer reads the same bytes and tokens), or the field says what the
// link leaves out. The budget is in bytes of the URL, not in characters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTokenizer } from '../../../widgets/models/artifacts.ts';
import { sameWindow } from '../../../widgets/models/transformer/link-tokens.ts';
import { textToBytes } from '../../../widgets/runtime/tokenizer/bytes.ts';
import {
  decodeCut,
  decodeState,
  encodedBytes,
  FIELD_LINK_BYTES,
  LINK_BYTES,
  mergeIntoSearch,
  prefixWithinBytes,
  textField,
  wellFormed,
} from '../../../widgets/runtime/url-state.ts';
import { linkNote } from '../../../widgets/runtime/link-note.ts';

const schema = { text: textField({ default: 'The cat sat on the mat.' }) };
const NS = 'fig';

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const markup = fc.constantFrom('<script>', '</script>', '<script src=x>', '<img onerror=alert(1)>', '&amp;', '%3Cscript%3E', '+', '&', '=', '#');
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  markup,
  loneSurrogate,
  fc.constantFrom(' development', '🐈', 'é', '中文', '\n', ' '),
);
/** Texts a text box can hold, short and long (past the link budget: up to ~20 KB of URL). */
const text = fc.oneof(
  fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
  fc.tuple(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 500 })).map(([p, n]) => p.join('').repeat(n)),
);

/** The text as a link reopens it: written into a query string and read back, as the browser does. */
function viaLink(value: string): { text: string; cut: string[]; search: string } {
  const search = mergeIntoSearch('?other=1', schema, { text: value }, NS);
  return { text: decodeState(schema, search, NS).text, cut: decodeCut(schema, search, NS), search };
}

const isLone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('the text field in a link', () => {
  it('measures its budget in URL bytes, exactly as URLSearchParams writes them', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(encodedBytes(t)).toBe(new URLSearchParams([['', wellFormed(t)]]).toString().length - 1);
      }),
      { numRuns: 300 },
    );
    // 7,000 letters fit; 7,000 "é" take 42,000 bytes: a character budget would have let them through.
    expect(textField({ default: '' }).shortened!('a'.repeat(7000))).toBe('');
    expect(textField({ default: '' }).shortened!('é'.repeat(7000))).toMatch(/keeps the first 1,250 of the 7,000 characters/);
    expect(prefixWithinBytes('🐈'.repeat(10), 25)).toBe(4); // two cats (24 bytes), never half of the third
  });

  it('round-trips every text a text box can hold, or says what the link leaves out', () => {
    const f = schema.text;
    fc.assert(
      fc.property(text, (t) => {
        const back = viaLink(t);
        const note = f.shortened!(t);
        expect(encodedBytes(back.text)).toBeLessThanOrEqual(FIELD_LINK_BYTES);
        expect(back.search.length).toBeLessThan(LINK_BYTES);
        if (note === '') {
          // Exact: the same string, so the tokenizer reads the same bytes.
          expect(back.text).toBe(t);
          expect(textToBytes(back.text)).toEqual(textToBytes(t));
          expect(back.cut).toEqual([]);
        } else {
          // Said, and the link names the field, so the reopened figure can say so too.
          expect(back.cut).toEqual(['text']);
          expect(wellFormed(t).startsWith(back.text)).toBe(true);
          if (back.text.length === t.length) expect(isLone.test(t)).toBe(true);
          expect(linkNote({ shortened: [{ name: 'text', note }], openedCut: [] })).toMatch(/^The link to this figure is shortened/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps markup: "<script>" is text like any other', () => {
    for (const t of ['Never paste <script> tags into a comment box.', '</script><script>alert(1)</script>', '< script >']) {
      expect(viaLink(t).text).toBe(t);
    }
  });

  it('documents lone surrogates: written as U+FFFD, and the figure says so', () => {
    const back = viaLink('a\uD800b');
    expect(back.text).toBe('a\uFFFDb');
    expect(back.cut).toEqual(['text']);
    expect(schema.text.shortened!('a\uD800b')).toMatch(/lone surrogate/);
  });

  it('a figure opened from a shortened link says so until the reader changes the text', () => {
    expect(linkNote({ shortened: [], openedCut: ['text'] })).toMatch(/^Opened from a shortened link: the text shown here/);
    expect(linkNote({ shortened: [], openedCut: [] })).toBe('');
  });
});

describe('what the model reads from a link', () => {
  const tokenizer = readTokenizer();
  const context = 128;

  it('130 long tokens: the link keeps all 1,560 characters, so the model reads the same 128 tokens', () => {
    const t = ' development'.repeat(130);
    const back = viaLink(t);
    expect(back.text).toBe(t);
    expect(sameWindow(tokenizer, t, back.text, context)).toBe(true);
  });

  it('texts past the budget: the shortened link still gives the model the same tokens', () => {
    const word = fc.oneof(fc.constantFrom(' development', ' the', ' cat', '🐈', ' 中文', 'é', ',', '<script>', '\n'), fc.string({ unit: 'grapheme', maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 50, max: 3000 }), (words, n) => {
        const t = words.join('').repeat(Math.ceil(n / words.length));
        const back = viaLink(t);
        if (isLone.test(t)) return;
        expect(sameWindow(tokenizer, t, back.text, context)).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
