/**
 * How a token's bytes are shown to a reader. A token is a byte string, not always text: it can be
 * half of a multi-byte character, a control byte, or a space that would be invisible. So:
 * - complete, printable characters are shown as themselves;
 * - a space is shown as "␣" (the reader must see that " jumps" starts with one);
 * - control characters (\n, \t, NUL, DEL, C1), format characters, lone-surrogate sequences and
 *   bytes that do not form a whole character are shown as <0xNN>, one per byte.
 * This is for display only: decode() is what turns tokens back into text.
 */

import { readSequence } from './bytes.ts';

// Code points with no visible glyph of their own (controls, format chars such as ZWJ or RTL marks,
// separators other than the plain space): showing them raw would hide or reorder the text.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[^\S ]/u;

function hexByte(b: number): string {
  return `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;
}

export function displayBytes(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; ) {
    const r = readSequence(bytes, i, bytes.length, false);
    const len = r < 0 ? -r : r & 7;
    const ch = r < 0 ? '' : String.fromCodePoint(Math.floor(r / 8));
    if (ch === ' ') s += '␣';
    else if (ch !== '' && !INVISIBLE.test(ch)) s += ch;
    else for (let k = i; k < i + len; k++) s += hexByte(bytes[k]);
    i += len;
  }
  return s;
}
