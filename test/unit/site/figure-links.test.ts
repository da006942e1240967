import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { figureLink, embedUrl, embedCode, articleLink, withOpeningState } from '../../../src/lib/figure-links.ts';

const page = 'https://dezoom.example/articles/x/?rf.layers=c3.1.1&rf.output=5&other.n=2&utm=1#intro';

describe('figure links', () => {
  it('an embed carries the figure’s opening state (<Figure state>) for the fields the URL lacks; the URL wins', () => {
    const href = withOpeningState(page, 'rf', 'n=128&output=7');
    expect(embedUrl(href, 'rf', 'receptive-field')).toBe('https://dezoom.example/embed/receptive-field/?layers=c3.1.1&output=5&n=128');
    expect(withOpeningState(page, 'rf', undefined)).toBe(page);
  });

  it('keeps only the figure’s own state and anchors the figure', () => {
    expect(figureLink(page, 'rf')).toBe('https://dezoom.example/articles/x/?rf.layers=c3.1.1&rf.output=5#rf');
  });

  it('builds an embed URL with the prefix stripped', () => {
    expect(embedUrl(page, 'rf', 'receptive-field')).toBe('https://dezoom.example/embed/receptive-field/?layers=c3.1.1&output=5');
  });

  it('puts the embed page under the site’s base path', () => {
    const sub = 'https://user.example/dezoom/articles/x/?rf.output=5';
    expect(embedUrl(sub, 'rf', 'receptive-field', '/dezoom/')).toBe('https://user.example/dezoom/embed/receptive-field/?output=5');
    expect(embedUrl(sub, 'rf', 'receptive-field', '/dezoom')).toBe('https://user.example/dezoom/embed/receptive-field/?output=5');
    expect(embedCode(sub, 'rf', 'receptive-field', 'T', '/dezoom/')).toContain('src="https://user.example/dezoom/embed/receptive-field/?output=5"');
    expect(articleLink('https://user.example/dezoom/embed/receptive-field/?output=5', '/dezoom/articles/x/', 'rf')).toBe(
      'https://user.example/dezoom/articles/x/?rf.output=5#rf',
    );
  });

  it('escapes the iframe attributes', () => {
    const code = embedCode(page, 'rf', 'receptive-field', 'A "quoted" <caption>');
    expect(code).toContain('title="A &quot;quoted&quot; &lt;caption>"');
    expect(code).toMatch(/^<iframe src="https:\/\/dezoom\.example\/embed\/receptive-field\/\?layers=c3\.1\.1&amp;output=5"/);
  });

  it('round-trips state article → embed → article for any values', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 30 })), (state) => {
        const url = new URL('https://d.example/articles/x/');
        for (const [k, v] of Object.entries(state)) url.searchParams.set(`fig.${k}`, v);
        const back = new URL(articleLink(embedUrl(url.toString(), 'fig', 'w'), '/articles/x/', 'fig'));
        expect(Object.fromEntries(back.searchParams)).toEqual(Object.fromEntries(url.searchParams));
        expect(back.hash).toBe('#fig');
      }),
    );
  });
});
