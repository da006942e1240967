// Page helpers shared by the e2e tests and the benchmarks: waiting for the network and for islands.
import type { Page } from '@playwright/test';

/**
 * Tracks in-flight requests of a page so that "the network is quiet" can be awaited at any time (Playwright's
 * `networkidle` load state only covers the initial load, not what scrolling triggers).
 */
export function trackNetwork(page: Page) {
  const inflight = new Set<unknown>();
  let lastChange = Date.now();
  const add = (r: unknown) => {
    inflight.add(r);
    lastChange = Date.now();
  };
  const done = (r: unknown) => {
    inflight.delete(r);
    lastChange = Date.now();
  };
  page.on('request', add);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    /** Resolves once no request has been in flight for `quietMs`; throws after `timeoutMs`. */
    async quiet(quietMs = 500, timeoutMs = 30_000) {
      const start = Date.now();
      for (;;) {
        if (inflight.size === 0 && Date.now() - lastChange >= quietMs) return;
        if (Date.now() - start > timeoutMs) {
          throw new Error(`network not quiet after ${timeoutMs} ms; ${inflight.size} request(s) in flight`);
        }
        await page.waitForTimeout(100);
      }
    },
  };
}

/**
 * Scrolls through the page a viewport at a time, so every client:visible island crosses the viewport and
 * hydrates, then waits until no island is still server-rendered-only (Astro removes `ssr` on hydration).
 */
export async function scrollThrough(page: Page) {
  for (let i = 0; i < 500; i++) {
    // One step and one frame per call: IntersectionObserver sees every position the page passes through.
    const atBottom = await page.evaluate(async () => {
      window.scrollBy(0, Math.max(200, window.innerHeight * 0.9));
      // A frame, or 250 ms if the renderer skips frames (a busy machine once stalled this wait for 3 minutes).
      await new Promise((r) => {
        requestAnimationFrame(r);
        setTimeout(r, 250);
      });
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    if (atBottom) break;
  }
  // On a busy machine the renderer can skip the frame of a step, and an island that crossed the viewport
  // between two rendering updates is never seen by its IntersectionObserver: bring each one left into view
  // and give it time to hydrate (one that never does is named by waitForHydration below).
  await page.evaluate(async () => {
    for (;;) {
      const island = document.querySelector('astro-island[ssr]');
      if (!island) return;
      // astro-island is display: contents (no box to scroll to); its visible directive watches its children.
      (island.firstElementChild ?? island.parentElement ?? island).scrollIntoView({ block: 'center' });
      const start = performance.now();
      while (island.isConnected && island.hasAttribute('ssr') && performance.now() - start < 20_000) {
        await new Promise((r) => setTimeout(r, 100));
      }
      if (island.isConnected && island.hasAttribute('ssr')) return;
    }
  });
  await waitForHydration(page);
}

/** Waits until every Astro island on the page has hydrated. */
export async function waitForHydration(page: Page, timeout = 20_000) {
  await page
    .waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, null, { timeout })
    .catch(async () => {
      const left = await page.$$eval('astro-island[ssr]', (els) =>
        els.map((e) => e.getAttribute('component-url') ?? e.outerHTML.slice(0, 120)),
      );
      throw new Error(`islands not hydrated after ${timeout} ms: ${left.join(', ')}`);
    });
}

/** Islands on the page, and how many have hydrated (Astro removes `ssr` when an island hydrates). */
export function islandCounts(page: Page) {
  return page.evaluate(() => ({
    total: document.querySelectorAll('astro-island').length,
    hydrated: document.querySelectorAll('astro-island:not([ssr])').length,
  }));
}
