import { describe, expect, it } from 'vitest';
import { COMING_PARTS, neighbours, partLabel, seriesParts, SERIES_LENGTH } from '../../../src/lib/series.ts';

const paths = { essay: (id: string) => `/articles/${id}/`, image: (id: string) => `/og/${id}.png` };
const essay = (id: string, part: number) => ({ id, part, title: id, line: `${id} in one line` });

describe('series parts', () => {
  const five = [essay('e', 5), essay('a', 1), essay('c', 3), essay('b', 2), essay('d', 4)];
  const parts = seriesParts(five, paths);

  it('lists every part 1…7 in order: written essays linked, coming parts without a link', () => {
    expect(parts.map((p) => p.part)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parts.slice(0, 5).every((p) => p.href && p.image)).toBe(true);
    expect(parts.slice(5).every((p) => p.href === undefined && p.image === undefined)).toBe(true);
    expect(parts.length).toBe(SERIES_LENGTH);
  });

  it('a written essay replaces the coming part with its number', () => {
    const six = seriesParts([...five, essay('f', 6)], paths);
    expect(six.map((p) => p.title)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', COMING_PARTS[1]!.title]);
  });

  it('previous and next follow reading order; the last written essay points at a coming part', () => {
    expect(neighbours(parts, '/articles/a/')).toMatchObject({ index: 0, previous: undefined, next: { title: 'b' } });
    const last = neighbours(parts, '/articles/e/');
    expect(last.previous?.title).toBe('d');
    expect(last.next?.part).toBe(6);
    expect(last.next?.href).toBeUndefined();
    expect(neighbours(parts, '/nowhere/').index).toBe(-1);
  });

  it('keeps two essays that claim one number (a frontmatter mistake shows, it does not hide an essay)', () => {
    expect(seriesParts([essay('x', 2), essay('y', 2)], paths).filter((p) => p.part === 2)).toHaveLength(2);
  });

  it('labels parts "Part n of N"', () => {
    expect(partLabel(2)).toBe('Part 2 of 7');
    expect(partLabel(9)).toBe('Part 9 of 9');
  });
});
