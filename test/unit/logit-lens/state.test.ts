// URL state of the logit lens (widgets/logit-lens/state.ts): round trips, hostile positions falling back to the
// default, the position helpers; plus the keyboard movement of the token strip
// (widgets/models/transformer/live/keys.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeState, encodeState } from '../../../widgets/runtime/url-state.ts';
import { stripMove } from '../../../widgets/models/transformer/live/keys.ts';
import { DEFAULT_LENS_TEXT, lensPosition, logitLensSchema, storedPosition } from '../../../widgets/logit-lens/state.ts';

const context = 128;
const lens = logitLensSchema({ defaultText: DEFAULT_LENS_TEXT, context });
const NAMESPACES = ['', 'probes-live', 'lens'];

describe('logit lens URL state', () => {
  it('defaults to the default text and the last position (−1)', () => {
    expect(decodeState(lens, '', 'lens')).toEqual({ text: DEFAULT_LENS_TEXT, pos: -1 });
  });

  it('round-trips valid states and rejects hostile positions', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), fc.integer({ min: -1, max: context - 1 }), fc.constantFrom(...NAMESPACES), (text, pos, ns) => {
        const search = new URLSearchParams(encodeState(lens, { text, pos }, ns)).toString();
        const back = decodeState(lens, search, ns);
        expect(back.pos).toBe(pos);
      }),
    );
    for (const bad of ['-2', String(context), '1.5', '1e2', 'last', '', '%00', '<script>']) {
      expect(decodeState(lens, `lens.pos=${encodeURIComponent(bad)}`, 'lens').pos, bad).toBe(-1);
    }
  });

  it('reads −1 and positions past the end as the last token, and stores the last token as −1', () => {
    expect(lensPosition(-1, 20)).toBe(19);
    expect(lensPosition(5, 20)).toBe(5);
    expect(lensPosition(25, 20)).toBe(19);
    expect(lensPosition(0, 0)).toBe(-1);
    expect(storedPosition(19, 20)).toBe(-1);
    expect(storedPosition(3, 20)).toBe(3);
    expect(storedPosition(-4, 20)).toBe(0);
  });
});

describe('keyboard movement', () => {
  it('moves along the strip', () => {
    expect(stripMove('ArrowRight', 0, 3)).toBe(1);
    expect(stripMove('ArrowDown', 2, 3)).toBe(2);
    expect(stripMove('ArrowLeft', 0, 3)).toBe(0);
    expect(stripMove('End', 0, 3)).toBe(2);
    expect(stripMove('Home', 2, 3)).toBe(0);
    expect(stripMove('Enter', 1, 3)).toBeNull();
    expect(stripMove('ArrowRight', 0, 0)).toBeNull();
  });
});
