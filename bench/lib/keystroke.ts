// Keystroke → painted map, as a reader meets it, for any live text figure on the built site. Two instants per
// keystroke: "DOM" when the figure commits the result (its data-painted attribute changes; style, layout and
// paint still to come) and "painted", the first task after the next animation frame, by when the frame with the
// new result has been drawn. Edits alternate 'x' / Backspace after "The old " (inside the first sentence), so
// each key changes the tokens the model reads; the next key waits for the previous frame.
import type { Page } from '@playwright/test';
import { quantile } from './stats.ts';

// 12 copies of a 20-token sentence: well over the 128-token context, so the model always reads a full window.
export const LONG_TEXT = Array.from({ length: 12 }, () => 'The old man walked slowly to the river, where his daughter was waiting.').join(' ');

export interface Latency {
  median: number;
  p95: number;
  domMedian: number;
  domP95: number;
  /** Keystrokes timed (after the warm-up). */
  n: number;
}

/** The figure's root carries data-status and data-painted (kit LiveModel); waits until it is ready. */
export async function waitReady(page: Page): Promise<void> {
  await page.locator('[data-status]').first().waitFor();
  await page.waitForFunction(() => document.querySelector('[data-status]')?.getAttribute('data-status') === 'ready', null, { timeout: 180_000 });
}

/** Fills the figure's text box with LONG_TEXT and waits until that text's result is painted. */
export async function fillLong(page: Page): Promise<void> {
  const before = await page.evaluate(() => Number(document.querySelector('[data-painted]')?.getAttribute('data-painted')));
  await page.getByRole('textbox').first().fill(LONG_TEXT);
  await page.waitForFunction((n) => Number(document.querySelector('[data-painted]')?.getAttribute('data-painted')) > n, before, { timeout: 120_000 });
}

export async function keystrokeLatency(page: Page, keystrokes: number, warmup: number): Promise<Latency> {
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __dom: number[]; __t0?: number };
    w.__lat = [];
    w.__dom = [];
    const root = document.querySelector('[data-painted]')!;
    document.querySelector('textarea')!.addEventListener('keydown', () => (w.__t0 = performance.now()), true);
    new MutationObserver(() => {
      const t0 = w.__t0;
      if (t0 === undefined) return;
      w.__t0 = undefined;
      w.__dom.push(performance.now() - t0);
      // rAF callbacks run just before the frame's style, layout and paint; a task queued from one runs after them.
      requestAnimationFrame(() => setTimeout(() => w.__lat.push(performance.now() - t0), 0));
    }).observe(root, { attributes: true, attributeFilter: ['data-painted'] });
  });
  const box = page.getByRole('textbox').first();
  await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(8, 8));
  for (let i = 0; i < warmup + keystrokes; i++) {
    const before = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat.length);
    await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
    await page.waitForFunction((n) => (window as unknown as { __lat: number[] }).__lat.length > n, before, { timeout: 60_000 });
  }
  const { lat, dom } = await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __dom: number[] };
    return { lat: w.__lat, dom: w.__dom };
  });
  const painted = lat.slice(warmup);
  const committed = dom.slice(warmup);
  return {
    median: quantile(painted, 0.5),
    p95: quantile(painted, 0.95),
    domMedian: quantile(committed, 0.5),
    domP95: quantile(committed, 0.95),
    n: painted.length,
  };
}
