import { describe, expect, it } from 'vitest';
import { shownLens, type LensResult } from '../../../widgets/logit-lens/lens.ts';
import type { InitialLens, LensView } from '../../../widgets/logit-lens/rows.ts';

const view = (position: number) => ({ position }) as unknown as LensView;
const initial = { text: 'abc', pieces: ['a', 'b', 'c'], view: view(2) } as InitialLens;
const result = (text: string, position: number): LensResult => ({ text, position, view: view(position) });

describe('logit lens: what is shown', () => {
  it('the browser result for this text and position first, then the build-time view, then the last result', () => {
    expect(shownLens(result('abc', 2), initial, 'abc', 2)).not.toBe(initial.view);
    expect(shownLens(null, initial, 'abc', 2)).toBe(initial.view);
    expect(shownLens(result('abc', 1), initial, 'abc', 2)).toBe(initial.view);
    const last = result('xy', 1);
    expect(shownLens(last, initial, 'xyz', 2)).toBe(last.view);
    expect(shownLens(null, initial, 'xyz', 2)).toBe(null);
  });
});
