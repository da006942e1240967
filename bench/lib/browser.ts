// Debian chromium through Playwright, with the same flags as the e2e projects.
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumPath, plainArgs, webgpuArgs } from '../../test/chromium.ts';

export function launchChromium(gpu: 'plain' | 'webgpu' = 'plain'): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: gpu === 'webgpu' ? webgpuArgs : plainArgs });
}

/** Resolves once no request of `page` has been in flight for `quietMs` (install before navigating). */
export function trackNetwork(page: Page) {
  const inflight = new Set<unknown>();
  let last = Date.now();
  page.on('request', (r) => { inflight.add(r); last = Date.now(); });
  const done = (r: unknown) => { inflight.delete(r); last = Date.now(); };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async function quiet(quietMs = 500, timeoutMs = 60_000) {
    const start = Date.now();
    while (inflight.size > 0 || Date.now() - last < quietMs) {
      if (Date.now() - start > timeoutMs) throw new Error(`network not quiet after ${timeoutMs} ms`);
      await page.waitForTimeout(100);
    }
  };
}

/** Scrolls a viewport at a time to the bottom so every client:visible island crosses the viewport. */
export async function scrollThrough(page: Page) {
  for (let i = 0; i < 500; i++) {
    const atBottom = await page.evaluate(async () => {
      window.scrollBy(0, Math.max(200, window.innerHeight * 0.9));
      await new Promise((r) => requestAnimationFrame(r));
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    if (atBottom) break;
  }
}

/** Islands on the page, and how many have hydrated (Astro removes `ssr` when an island hydrates). */
export function islandCounts(page: Page) {
  return page.evaluate(() => ({
    total: document.querySelectorAll('astro-island').length,
    hydrated: document.querySelectorAll('astro-island:not([ssr])').length,
  }));
}
