// Shared pieces of the dezoom charts (widgets/runtime/kit/): number formatting, the published numbers'
// module (widgets/models/transformer/literature.ts: every citation key exists in the bibliography), and
// the palette.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capitalize, listText, num, pct, pts } from '../../../widgets/runtime/kit/format.ts';
import { TENNEY_2019, VIG_BELINKOV_2019 } from '../../../widgets/models/transformer/literature.ts';
import { SCALE_COLORS, SCALE_SYMBOLS, scaleColor, scaleSymbol } from '../../../widgets/runtime/kit/palette.ts';

describe('format', () => {
  it('formats shares, differences and lists', () => {
    expect(pct(0.7337)).toBe('73.4 %');
    expect(pct(-0.05, 0)).toBe('−5 %');
    expect(pts(0.2506)).toBe('+25.1 pts');
    expect(pts(-0.0311)).toBe('−3.1 pts');
    expect(num(-1.234)).toBe('−1.23');
    expect(num(2)).toBe('2.00');
    expect(listText([])).toBe('');
    expect(listText(['a'])).toBe('a');
    expect(listText(['a', 'b'])).toBe('a and b');
    expect(listText(['a', 'b', 'c'], 'or')).toBe('a, b or c');
    expect(capitalize('genre')).toBe('Genre');
  });
});

describe('literature', () => {
  const bib = readFileSync('content/references.bib', 'utf8');

  it('cites keys that exist in content/references.bib', () => {
    for (const key of [TENNEY_2019.citation, VIG_BELINKOV_2019.citation]) expect(bib).toMatch(new RegExp(`@\\w+\\{${key},`));
  });

  it('keeps published values within their models', () => {
    for (const t of TENNEY_2019.tasks) {
      expect(t.expectedLayer).toBeGreaterThan(0);
      expect(t.expectedLayer).toBeLessThanOrEqual(TENNEY_2019.layers);
    }
    expect(new Set(TENNEY_2019.tasks.map((t) => t.id)).size).toBe(TENNEY_2019.tasks.length);
    expect(VIG_BELINKOV_2019.maxHead.layer).toBeLessThan(VIG_BELINKOV_2019.layers);
  });
});

describe('palette', () => {
  it('gives each scale its own colour (a CSS variable with a fallback) and symbol, clamping out-of-range indices', () => {
    expect(new Set(SCALE_COLORS).size).toBe(SCALE_COLORS.length);
    expect(new Set(SCALE_SYMBOLS).size).toBe(SCALE_SYMBOLS.length);
    for (const c of SCALE_COLORS) expect(c).toMatch(/^var\(--[a-z0-9-]+, #[0-9a-f]{6}\)$/);
    expect(scaleColor(-3)).toBe(SCALE_COLORS[0]);
    expect(scaleColor(99)).toBe(SCALE_COLORS.at(-1));
    expect(scaleSymbol(99)).toBe(SCALE_SYMBOLS.at(-1));
  });

  it('defines every scale colour for both themes in theme.css', () => {
    const css = readFileSync('widgets/runtime/kit/theme.css', 'utf8');
    for (let i = 0; i < 5; i++) expect(css.match(new RegExp(`--dz-scale-${i}:`, 'g'))).toHaveLength(3);
  });
});
