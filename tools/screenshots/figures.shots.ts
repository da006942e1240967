// Screenshots of every figure of every essay, at a phone's and a desktop's width, in the light and the dark
// scheme, compared with a stored set: `npm run shots -- --update-snapshots` against one build stores them,
// `npm run shots` against another compares (README.md beside this file). Timings shown on screen ("1.2 ms")
// are normalised first, since they differ between any two runs.
import { expect, test, type Page } from '@playwright/test';
import { scrollThrough } from '../browser/page-helpers.ts';
import { articlePaths } from './pages.ts';

const WIDTHS = [375, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;

/** A returning reader on WASM (the runtime's remembered choice), so no run times backends. */
async function rememberWasm(page: Page) {
  const value = JSON.stringify({ v: 1, preference: 'wasm', measured: { backend: 'wasm', ms: { wasm: 0.5, webgpu: 10 } } });
  await page.addInitScript((v) => localStorage.setItem('dezoom:ort-backend', v), value);
}

async function settle(page: Page) {
  await scrollThrough(page);
  // Live figures: wait until each says it is ready (data-status) and has painted, where it says so.
  await page
    .waitForFunction(() => [...document.querySelectorAll('[data-status]')].every((el) => el.getAttribute('data-status') !== 'loading'), null, {
      timeout: 120_000,
    })
    .catch(() => {});
  await page.waitForTimeout(1500);
  await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (/\d ms\b/.test(node.nodeValue ?? '')) node.nodeValue = node.nodeValue!.replace(/\d+(\.\d+)? ms\b/g, '# ms');
    }
  });
}

for (const path of articlePaths()) {
  for (const width of WIDTHS) {
    for (const scheme of SCHEMES) {
      test(`${path} ${width}px ${scheme}`, async ({ page }) => {
        test.setTimeout(300_000);
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await rememberWasm(page);
        await page.goto(path);
        await settle(page);
        const ids = await page.$$eval('figure[id]', (figs) => figs.map((f) => f.id));
        for (const id of ids) {
          const figure = page.locator(`figure[id="${id}"]`);
          await figure.scrollIntoViewIfNeeded();
          await expect(figure, `${path}#${id}`).toHaveScreenshot(`${path.split('/').filter(Boolean).pop()}--${id}--${width}-${scheme}.png`, {
            maxDiffPixelRatio: 0.002,
            animations: 'disabled',
            caret: 'hide',
            timeout: 30_000,
          });
        }
      });
    }
  }
}
