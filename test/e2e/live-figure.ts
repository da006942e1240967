// Waiting for a live model figure (live probes, logit lens, ladder-live): its view root carries data-status and
// data-painted (the number of paints), the contract these figures share.
import type { Locator } from '@playwright/test';
import { expect } from './fixtures.ts';

// The model, the ORT runtime (14–27 MB of wasm) and a first run, on a shared 2-core machine.
export const READY_TIMEOUT = 90_000;

export const rootOf = (w: Locator) => w.locator('[data-painted]');

export async function painted(w: Locator): Promise<number> {
  return Number(await rootOf(w).getAttribute('data-painted'));
}

/** Scrolls the figure into view (client:visible), and waits until its model has run once. */
export async function live(w: Locator): Promise<Locator> {
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('astro-island[ssr]'), 'the widget hydrates once visible').toHaveCount(0, { timeout: 30_000 });
  await expect(rootOf(w)).toHaveAttribute('data-status', 'ready', { timeout: READY_TIMEOUT });
  await expect.poll(() => painted(w), { timeout: READY_TIMEOUT }).toBeGreaterThan(0);
  return w;
}
