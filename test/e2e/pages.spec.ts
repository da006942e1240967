// The site crawl: every page (the sitemap, plus the embed page, the 404 page and search) loads with status 200,
// hydrates every client:visible widget, and runs clean (the guard: no console or page errors, no request to
// another origin); no same-origin request fails; every link on it resolves (link-check.ts). One page per
// template (site.ts templatePages) is also checked by axe for WCAG 2.2 AA, in the light and the dark scheme,
// and at a phone's width (360 px): nothing may make the page scroll sideways.
import { test, expect } from './fixtures.ts';
import { brokenLinks } from './link-check.ts';
import { allPages, axeBothSchemes, isArticle, scrollThrough, templatePages, trackNetwork } from './site.ts';

const templates = new Set(templatePages());

test.describe('site crawl', () => {
  for (const path of allPages()) {
    const axe = templates.has(path);
    test(`${path} loads clean, its links resolve${axe ? ', and it passes axe in both schemes' : ''}`, async ({ page, request, guard }, testInfo) => {
      // An essay hydrates every figure on it (models included) and axe reads thousands of chart elements.
      if (isArticle(path)) test.slow();
      // The catalog hydrates every widget, and axe reads all of them: over 3 minutes on a busy 2-core machine
      // (36 s idle).
      if (path === '/widgets/') test.setTimeout(360_000);
      const net = trackNetwork(page);
      const failed: string[] = [];
      page.on('response', (res) => {
        if (res.status() >= 400 && new URL(res.url()).origin === guard.origin) failed.push(`${res.status()} ${res.url()}`);
      });

      const response = await page.goto(path, { waitUntil: 'load' });
      expect(response, `no response for ${path}`).not.toBeNull();
      expect(response!.status(), `HTTP status of ${path}`).toBe(200);
      await expect(page.locator('main')).toBeVisible();
      await expect(page).toHaveTitle(/\S/);

      await scrollThrough(page);
      await net.quiet();
      expect(failed, 'same-origin responses with an error status').toEqual([]);
      expect(await brokenLinks(page, request, guard.origin), `broken links on ${path}`).toEqual([]);

      if (!axe) return;
      await axeBothSchemes(page, testInfo, 'page');

      // A phone's width (every tag page is the same list: one per template). Figures redraw for the new width
      // when their ResizeObserver fires, a frame or two after the resize.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
      await net.quiet();
      const { scrollWidth, clientWidth, culprits } = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        // Past the right edge and not held by a scroll box that itself fits (an absolutely positioned element
        // escapes a scroll box that is not its containing block: visually hidden text is the usual culprit).
        const inFittingScroller = (el: Element) => {
          let box = el.parentElement;
          while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
          return !!box && box !== document.documentElement && box !== document.body && box.getBoundingClientRect().right <= width + 1
            && (getComputedStyle(el).position !== 'absolute' || getComputedStyle(box).position !== 'static');
        };
        const culprits = [...document.querySelectorAll('body *')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.right > width + 1 && !el.closest('[data-overflow-ok]') && !inFittingScroller(el);
          })
          .slice(0, 8)
          .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(el.getBoundingClientRect().right)}px)`);
        return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, culprits };
      });
      expect(clientWidth).toBe(360);
      expect(scrollWidth, `360 px wide: the document is wider; elements past the right edge: ${culprits.join(', ')}`).toBeLessThanOrEqual(360);
    });
  }
});
