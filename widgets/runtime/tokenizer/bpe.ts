/**
 * Byte-level BPE tokenizer, shared by the browser widgets and the model factory (models/README.md,
 * "Tokenizer"): ids 0–255 are bytes, 256 … V−2 are merges in the order learned, V−1 is <|endoftext|>.
 *
 * encode: text → chunks (pretokenize.ts) → WTF-8 bytes per chunk (bytes.ts) → merges (merge.ts).
 * Ordinary text can never produce the <|endoftext|> id (no merge creates it; the literal string is
 * just bytes); documents get it only through encodeDocument().
 */

import { bytesToText, byteLength, textToBytes } from './bytes.ts';
import { displayBytes } from './display.ts';
import { applyMerges, pairKey } from './merge.ts';
import { forEachChunk, parsePretokenizer } from './pretokenize.ts';
import { parseTokenizerJSON, type TokenizerJSON } from './format.ts';

export interface TokenSpan {
  id: number;
  /** UTF-16 offsets into the encoded string; a token holding part of a character spans that character. */
  start: number;
  end: number;
}

// Distinct chunks of English number in the tens of thousands; the cap only bounds memory when a
// page feeds the widget hostile input (every chunk distinct).
const CACHE_LIMIT = 100_000;

export class BpeTokenizer {
  readonly vocabSize: number;
  readonly eotId: number;
  readonly merges: readonly (readonly [number, number])[];
  readonly pretokenizer: string;
  private readonly pattern: RegExp;
  private readonly ranks = new Map<number, number>();
  private readonly bytesOf: Uint8Array[] = [];
  private readonly cache = new Map<string, number[]>();

  constructor(json: TokenizerJSON) {
    this.merges = json.merges;
    this.vocabSize = json.vocab_size;
    this.eotId = json.eot_id;
    this.pretokenizer = json.pretokenizer;
    this.pattern = parsePretokenizer(json.pretokenizer);
    for (let b = 0; b < 256; b++) this.bytesOf.push(Uint8Array.of(b));
    json.merges.forEach(([a, b], r) => {
      this.ranks.set(pairKey(a, b), r);
      const bytes = new Uint8Array(this.bytesOf[a].length + this.bytesOf[b].length);
      bytes.set(this.bytesOf[a]);
      bytes.set(this.bytesOf[b], this.bytesOf[a].length);
      this.bytesOf.push(bytes);
    });
    this.bytesOf.push(textToBytes('<|endoftext|>')); // for display only; never produced by encode
  }

  /** Validates and loads public/models/tokenizer.json (throws a clear error on a malformed file). */
  static fromJSON(json: unknown): BpeTokenizer {
    return new BpeTokenizer(parseTokenizerJSON(json));
  }

  toJSON(): TokenizerJSON {
    return {
      type: 'byte-bpe',
      vocab_size: this.vocabSize,
      eot_id: this.eotId,
      pretokenizer: this.pretokenizer,
      merges: this.merges.map(([a, b]) => [a, b] as [number, number]),
    };
  }

  private encodeChunk(chunk: string): number[] {
    let ids = this.cache.get(chunk);
    if (ids === undefined) {
      ids = applyMerges(textToBytes(chunk), this.ranks);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(chunk, ids);
    }
    return ids;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    forEachChunk(text, this.pattern, (chunk) => {
      for (const id of this.encodeChunk(chunk)) out.push(id);
    });
    return out;
  }

  /** One document of a training stream: <|endoftext|> then the text (models/README.md). */
  encodeDocument(text: string): number[] {
    const ids = this.encode(text);
    ids.unshift(this.eotId);
    return ids;
  }

  encodeWithSpans(text: string): TokenSpan[] {
    const out: TokenSpan[] = [];
    forEachChunk(text, this.pattern, (chunk, chunkStart) => {
      // Walk characters and tokens together, both measured in bytes from the chunk start.
      let charStart = chunkStart; // UTF-16 offset of the current character
      let charByteEnd = 0; // byte offset just after the current character
      let unit = chunkStart;
      let tokenByte = 0;
      for (const id of this.encodeChunk(chunk)) {
        let start = -1;
        const tokenEnd = tokenByte + this.bytesOf[id].length;
        for (;;) {
          if (charByteEnd > tokenByte && start < 0) start = charStart;
          if (charByteEnd >= tokenEnd) break;
          const cp = text.codePointAt(unit) as number;
          charStart = unit;
          unit += cp > 0xffff ? 2 : 1;
          charByteEnd += byteLength(cp);
        }
        out.push({ id, start, end: unit });
        tokenByte = tokenEnd;
      }
    });
    return out;
  }

  /** Best-effort text of any id sequence: a cut character decodes to U+FFFD, an unknown id too. */
  decode(ids: readonly number[]): string {
    let total = 0;
    for (const id of ids) total += this.bytesOf[id]?.length ?? 3;
    const bytes = new Uint8Array(total);
    let n = 0;
    let text = '';
    for (const id of ids) {
      if (id === this.eotId || this.bytesOf[id] === undefined) {
        // Flush first, so bytes cut by the separator become U+FFFD instead of joining across it.
        text += bytesToText(bytes, 0, n) + (id === this.eotId ? '<|endoftext|>' : '\uFFFD');
        n = 0;
      } else {
        bytes.set(this.bytesOf[id], n);
        n += this.bytesOf[id].length;
      }
    }
    return text + bytesToText(bytes, 0, n);
  }

  /** The raw bytes of one token (a copy). */
  tokenBytes(id: number): Uint8Array {
    return (this.bytesOf[id] ?? new Uint8Array(0)).slice();
  }

  /** Readable form of one token for display, e.g. "␣jum", "ps", "<0x0A>" (display.ts). */
  tokenText(id: number): string {
    if (id === this.eotId) return '<|endoftext|>';
    const bytes = this.bytesOf[id];
    return bytes === undefined ? '\uFFFD' : displayBytes(bytes);
  }

  /**
   * Whether token `id` begins a word, given the token before it (null: nothing before it). True
   * when it starts with a space, follows nothing or <|endoftext|>, or follows a token that ends in
   * whitespace (the first word of a line has no leading space).
   */
  isWordStart(id: number, prevId: number | null): boolean {
    if (id === this.eotId) return false;
    if (prevId === null || prevId === this.eotId) return true;
    const first = this.bytesOf[id]?.[0];
    if (first === 0x20) return true;
    const p = this.bytesOf[prevId];
    const last = p?.[p.length - 1];
    return last !== undefined && isSpace(last) && first !== undefined && !isSpace(first);
  }
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x09 || b === 0x0d;
}
