// Every essay at a phone's width (360 px), after every figure has hydrated and drawn: nothing is wider than
// the viewport unless it sits in a box that scrolls, and every table, formula and code block that is wider
// than its box scrolls inside it, with a visible edge cue (the scroll shadows of global.css) and a way in by
// keyboard. (The site crawl, pages.spec.ts, checks the document width once per template; this is the
// element-by-element check, on every essay.)
import { test, expect } from './fixtures.ts';
import { builtSitemap, isArticle, remember, scrollThrough } from './site.ts';

const essays = builtSitemap().paths.filter(isArticle);

test.use({ viewport: { width: 360, height: 740 } });
test.beforeEach(async ({ context }) => remember(context));

for (const path of essays) {
  test(`${path} at 360 px: nothing sticks out, wide tables and formulas scroll with an edge cue`, async ({ page }) => {
    test.slow(); // every figure of the essay hydrates and draws
    await page.goto(path);
    await scrollThrough(page);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
    const report = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).slice(0, 3).join('.') : ''}`;
      const clips = (el: Element) => getComputedStyle(el).overflowX !== 'visible';
      /** The nearest ancestor that clips or scrolls sideways. */
      const boxOf = (el: Element): Element | null => {
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (clips(a)) return a;
        return null;
      };
      const inViewport = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.left >= -1 && r.right <= width + 1;
      };
      // 1. Anything past the viewport's edges must be inside a box (itself inside the viewport) that clips it.
      const sticking = [...document.querySelectorAll('body *')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || (r.left >= -1 && r.right <= width + 1)) return false;
          if (el.closest('.skip-link, .visually-hidden, [data-overflow-ok]')) return false;
          for (let a = boxOf(el); a; a = boxOf(a)) if (inViewport(a)) return false;
          return true;
        })
        .map(describe);
      // 2. Tables, formulas and code wider than their box: the box scrolls, shows a cue, and is reachable by keyboard.
      const focusable = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';
      const clipped: string[] = [];
      for (const el of document.querySelectorAll('table, .katex-display > .katex, pre > code')) {
        if (el.closest('[hidden], details:not([open])')) continue;
        const box = boxOf(el);
        if (!box) continue; // nothing clips it: then check 1 has it if it sticks out
        if (el.getBoundingClientRect().width <= box.clientWidth + 1) continue;
        const style = getComputedStyle(box);
        const problems = [
          /auto|scroll/.test(style.overflowX) ? '' : `its box ${describe(box)} hides the rest (overflow-x: ${style.overflowX})`,
          /gradient/.test(style.backgroundImage) ? '' : `its box ${describe(box)} has no edge cue`,
          (box as HTMLElement).tabIndex >= 0 || box.querySelector(focusable) ? '' : `its box ${describe(box)} cannot be reached by keyboard`,
        ].filter(Boolean);
        if (problems.length) clipped.push(`${describe(el)}: ${problems.join('; ')}`);
      }
      return { scroll: document.documentElement.scrollWidth - width, sticking: [...new Set(sticking)].slice(0, 10), clipped: [...new Set(clipped)].slice(0, 10) };
    });
    expect(report.sticking, 'elements wider than the viewport, outside any scroller').toEqual([]);
    expect(report.clipped, 'tables, formulas and code cut off without a scroller').toEqual([]);
    expect(report.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(0);
  });
}
