// Essays link from the site's root ("/articles/x/"); built under a sub-path those links carry it.
import { describe, expect, it } from 'vitest';
import { compile } from '@mdx-js/mdx';
import { remarkBaseLinks, withBase } from '../../../src/lib/remark-base-links.ts';
import { absoluteUrl, sitePath } from '../../../widgets/runtime/site-paths.ts';

describe('withBase', () => {
  it('prefixes root-relative links with the base path, once', () => {
    expect(withBase('/articles/x/#fig', '/dezoom/')).toBe('/dezoom/articles/x/#fig');
    expect(withBase('/articles/x/', '/dezoom')).toBe('/dezoom/articles/x/');
    expect(withBase('/dezoom/articles/x/', '/dezoom/')).toBe('/dezoom/articles/x/');
    expect(withBase('/articles/x/', '/')).toBe('/articles/x/');
  });

  it('leaves other sites, protocol-relative, relative and anchor links alone', () => {
    for (const url of ['https://arxiv.org/abs/1', '//cdn.example/x', 'x/y', '#ref-a', 'mailto:a@b.example']) expect(withBase(url, '/dezoom/')).toBe(url);
  });
});

describe('remarkBaseLinks in MDX', () => {
  it('rewrites Markdown links, images and JSX href/src', async () => {
    const out = String(
      await compile('[one](/articles/a/) ![pic](/splats/car.png) <a href="/tags/x/">x</a> [ext](https://example.org/)', {
        remarkPlugins: [[remarkBaseLinks, { base: '/dezoom/' }]],
      }),
    );
    expect(out).toContain('"/dezoom/articles/a/"');
    expect(out).toContain('"/dezoom/splats/car.png"');
    expect(out).toContain('"/dezoom/tags/x/"');
    expect(out).toContain('"https://example.org/"');
  });
});

describe('site paths', () => {
  it('builds paths under the base and absolute URLs only with a site', () => {
    expect(sitePath('/tags/', '/dezoom/')).toBe('/dezoom/tags/');
    expect(sitePath('tags/', '/')).toBe('/tags/');
    expect(absoluteUrl('/articles/x/', 'https://user.example', '/dezoom/')).toBe('https://user.example/dezoom/articles/x/');
    expect(absoluteUrl('/articles/x/', undefined, '/dezoom/')).toBeNull();
    expect(absoluteUrl('/articles/x/', '', '/')).toBeNull();
  });
});
