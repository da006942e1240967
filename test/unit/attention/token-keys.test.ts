// The token strip's keys (widgets/attention/token-keys.ts): an edit keeps the buttons of the tokens it only
// moves, and the keys of one list are always unique.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carryKeys, keyCounter, MAX_SHIFT, type KeyedTokens } from '../../../widgets/attention/token-keys.ts';

const words = (s: string) => s.split(' ');

function first(tokens: string[]): KeyedTokens {
  return { tokens, keys: carryKeys(null, tokens, keyCounter()) };
}

describe('token strip keys', () => {
  it('gives a first list fresh keys', () => {
    expect(carryKeys(null, ['a', 'b', 'c'], keyCounter(10))).toEqual([10, 11, 12]);
  });

  it('keeps every key when nothing changed', () => {
    const a = first(words('the old man walked'));
    expect(carryKeys(a, a.tokens, keyCounter(100))).toEqual(a.keys);
  });

  it('an insertion in the middle: the tokens after it keep their keys, one shift along', () => {
    const a = first(words('the old man walked to the river'));
    const b = words('the old x man walked to the river');
    const keys = carryKeys(a, b, keyCounter(100));
    expect(keys).toEqual([a.keys[0], a.keys[1], 100, ...a.keys.slice(2)]);
  });

  it('a deletion, and a changed token, inside a window cut at a fixed length', () => {
    // The window holds 6 tokens: deleting "old" pulls "the" in from beyond the old window's end.
    const a = first(words('the old man walked to the'));
    const b = words('the man walked to the river');
    const keys = carryKeys(a, b, keyCounter(100));
    expect(keys).toEqual([a.keys[0], a.keys[2], a.keys[3], a.keys[4], a.keys[5], 100]);
    // "man" → "men": one new key, the rest kept in place.
    const c = carryKeys(a, words('the old men walked to the'), keyCounter(200));
    expect(c).toEqual([a.keys[0], a.keys[1], 200, a.keys[3], a.keys[4], a.keys[5]]);
  });

  it('shifts larger than MAX_SHIFT are not matched', () => {
    const a = first(Array.from({ length: 30 }, (_, i) => `t${i}`));
    const shifted = [...Array.from({ length: MAX_SHIFT + 1 }, (_, i) => `new${i}`), ...a.tokens];
    const keys = carryKeys(a, shifted, keyCounter(1000));
    expect(keys.every((k) => k >= 1000)).toBe(true);
  });

  it('keys are always unique, whatever the two lists (property)', () => {
    const token = fc.constantFrom('a', 'b', 'c', 'the', '␣');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), fc.array(token, { maxLength: 40 }), (x, y) => {
        const a = first(x);
        const keys = carryKeys(a, y, keyCounter(10_000));
        expect(keys).toHaveLength(y.length);
        expect(new Set(keys).size).toBe(keys.length);
        // A carried key always points at the same token.
        keys.forEach((k, j) => {
          if (k < 10_000) expect(a.tokens[a.keys.indexOf(k)]).toBe(y[j]);
        });
      }),
    );
  });
});
