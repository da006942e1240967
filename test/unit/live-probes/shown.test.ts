import { describe, expect, it } from 'vitest';
import { lowContextNote, storedWord, wordAfterLabelChange } from '../../../widgets/live-probes/shown.ts';
import type { ProbeGrid } from '../../../widgets/live-probes/grid.ts';

const cols = (n: number, starts: number[] = []) =>
  ({ columns: Array.from({ length: n }, (_, i) => ({ text: `w${i}`, full: `w${i}`, start: starts[i] ?? i * 3, end: (starts[i] ?? i * 3) + 2, token: i, low: false })) }) as unknown as ProbeGrid;

describe('live probes: what is shown', () => {
  it('the last column is stored as -1 (it follows the end of the text)', () => {
    const grid = cols(4);
    expect(storedWord(grid, 3)).toBe(-1);
    expect(storedWord(grid, 1)).toBe(1);
    expect(storedWord(grid, -1)).toBe(-1);
  });

  it('a label change keeps -1 when nothing is chosen or no grid is there to map to', () => {
    expect(wordAfterLabelChange(cols(4), 1, -1, cols(4))).toBe(-1);
    expect(wordAfterLabelChange(null, 1, 1, cols(4))).toBe(-1);
    expect(wordAfterLabelChange(cols(4), 1, 1, null)).toBe(-1);
  });

  it('says how many columns have little context', () => {
    expect(lowContextNote({ lowColumns: 1, columns: cols(3).columns, minContext: 64 })).toBe('The first column has fewer than 64 tokens before it');
    expect(lowContextNote({ lowColumns: 2, columns: cols(3).columns, minContext: 64 })).toBe('The first 2 columns have fewer than 64 tokens before them');
    expect(lowContextNote({ lowColumns: 3, columns: cols(3).columns, minContext: 64 })).toBe('Every column has fewer than 64 tokens before it');
    expect(lowContextNote({ lowColumns: 1, columns: cols(1).columns, minContext: 64 })).toBe('The column has fewer than 64 tokens before it');
  });
});
