/**
 * JS string <-> bytes, lossless for ANY string.
 *
 * Well-formed text is plain UTF-8. A JS string may also hold lone surrogates (half of a UTF-16 pair,
 * e.g. from slicing an emoji in two); TextEncoder would silently turn those into U+FFFD, so the string
 * would not survive a round trip. We encode each lone surrogate as its 3-byte "generalized UTF-8"
 * (WTF-8) sequence ED A0 80 … ED BF BF, and the decoder accepts those sequences back.
 *
 * Decoding never throws: a byte that cannot start or continue a sequence becomes U+FFFD, one per
 * maximal invalid subpart (the WHATWG/Unicode recommendation), so a prefix of a token stream that ends
 * in the middle of a character still decodes to readable text plus one replacement mark.
 */

const REPLACEMENT = 0xfffd;

/** Bytes one code point takes (a lone surrogate counts as a code point of 3 bytes). */
export function byteLength(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** WTF-8 bytes of `text`: UTF-8, plus lone surrogates as their 3-byte sequences. */
export function textToBytes(text: string): Uint8Array {
  // Each UTF-16 unit takes at most 3 bytes (a pair: 2 units -> 4 bytes), so this bound is safe.
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    n = writeCodePoint(out, n, c);
  }
  return out.subarray(0, n);
}

function writeCodePoint(out: Uint8Array, n: number, c: number): number {
  if (c < 0x800) {
    out[n++] = 0xc0 | (c >> 6);
  } else if (c < 0x10000) {
    out[n++] = 0xe0 | (c >> 12);
    out[n++] = 0x80 | ((c >> 6) & 0x3f);
  } else {
    out[n++] = 0xf0 | (c >> 18);
    out[n++] = 0x80 | ((c >> 12) & 0x3f);
    out[n++] = 0x80 | ((c >> 6) & 0x3f);
  }
  out[n++] = 0x80 | (c & 0x3f);
  return n;
}

/**
 * Reads one sequence at `i`. Returns `codePoint * 8 + length` for a valid one, or `-length` for an
 * invalid maximal subpart (length >= 1) that stands for one U+FFFD. Packing into a number keeps the
 * hot decode loop allocation-free. With `surrogates` false (strict UTF-8, used for display) the
 * WTF-8 surrogate sequences count as invalid.
 */
export function readSequence(bytes: Uint8Array, i: number, end: number, surrogates: boolean): number {
  const b = bytes[i];
  if (b < 0x80) return b * 8 + 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) lo = 0xa0; // no overlong forms
    if (b === 0xed && !surrogates) hi = 0x9f; // ED A0..BF are surrogates
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) lo = 0x90; // no overlong forms
    if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
  } else return -1;
  let cp = b & (0x3f >> need);
  let j = i + 1;
  for (let k = 0; k < need; k++, j++) {
    if (j >= end) return -(j - i);
    const c = bytes[j];
    if (c < lo || c > hi) return -(j - i);
    lo = 0x80;
    hi = 0xbf;
    cp = (cp << 6) | (c & 0x3f);
  }
  return cp * 8 + (j - i);
}

/** Best-effort decode of any bytes; exact inverse of `textToBytes`. Never throws. */
export function bytesToText(bytes: Uint8Array, start = 0, end = bytes.length): string {
  // Output has at most one UTF-16 unit per input byte (4 bytes -> 2 units, 1 byte -> <= 1 unit).
  const units = new Uint16Array(Math.max(0, end - start));
  let n = 0;
  for (let i = start; i < end; ) {
    const r = readSequence(bytes, i, end, true);
    if (r < 0) {
      units[n++] = REPLACEMENT;
      i -= r;
      continue;
    }
    const cp = Math.floor(r / 8);
    i += r & 7;
    if (cp < 0x10000) units[n++] = cp;
    else {
      units[n++] = 0xd800 + ((cp - 0x10000) >> 10);
      units[n++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    }
  }
  return unitsToString(units, n);
}

function unitsToString(units: Uint16Array, n: number): string {
  // fromCharCode.apply has an argument-count limit, so convert in slices.
  let s = '';
  for (let i = 0; i < n; i += 8192) {
    s += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  }
  return s;
}
