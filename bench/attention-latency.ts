// The attention explorer as a reader meets it, in Chromium on the built site:
// - keystroke → updated attention map at 128 tokens: from the keydown of an edit inside the model's window to the
//   browser's paint of the fresh result, median and p95, per backend. Two instants are recorded: "DOM" when the
//   widget commits the result (its data-painted attribute changes; style, layout and paint still to come) and
//   "painted", the first task after the next animation frame, by when the frame with the new map has been drawn;
//   the goal is judged on "painted", what the reader sees;
// - a cold load of the figure's embed page: time from navigation to the first painted attention map, and the
//   bytes transferred for the ORT runtime (script + .wasm) and for the model.
// Goals (issue "Attention and dezoom, live"): p95 ≤ 50 ms and median ≤ 16 ms per keystroke.
import type { Page, Request } from '@playwright/test';
import { launchChromium } from './lib/browser.ts';
import type { Benchmark } from './lib/context.ts';
import { keystrokeLatency, LONG_TEXT, waitReady, type Latency } from './lib/keystroke.ts';

const KEYSTROKES = 40;
const WARMUP = 5;
const GOAL = { median: 16, p95: 50 };

type Backend = 'wasm' | 'webgpu';

async function openFigure(page: Page, origin: string, preference: Backend | 'auto') {
  await page.addInitScript((p) => {
    // the runtime's remembered choice (widgets/runtime/ort/README.md); 'auto' lets it measure
    localStorage.setItem('dezoom:ort-backend', JSON.stringify({ v: 1, preference: p }));
  }, preference);
  await page.goto(`${origin}/embed/attention/`);
  await waitReady(page);
}

interface AttentionLatency extends Latency {
  tokens: number;
  backend: string;
}

/** Median and p95 of keydown → fresh result on screen, editing inside a full 128-token window. */
async function attentionKeystrokes(page: Page): Promise<AttentionLatency> {
  await page.getByRole('textbox').first().fill(LONG_TEXT);
  await page.waitForFunction(() => Number(document.querySelector('[data-painted-tokens]')?.getAttribute('data-painted-tokens')) >= 128, null, {
    timeout: 120_000,
  });
  const latency = await keystrokeLatency(page, KEYSTROKES, WARMUP);
  const tokens = Number(await page.locator('[data-painted-tokens]').first().getAttribute('data-painted-tokens'));
  const backend = (await page.getByText(/Runs in your browser, on the (CPU|GPU)/i).first().textContent().catch(() => null)) ?? '?';
  return { ...latency, tokens, backend: backend.trim() };
}

async function coldLoad(origin: string) {
  const browser = await launchChromium('plain');
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on('requestfinished', (r) => requests.push(r));
    const t0 = Date.now();
    await openFigure(page, origin, 'auto');
    const ms = Date.now() - t0;
    let runtime = 0;
    let model = 0;
    for (const r of requests) {
      const url = r.url();
      const { responseBodySize, responseHeadersSize } = await r.sizes();
      const bytes = responseBodySize + responseHeadersSize;
      if (/\.wasm(\?|$)/.test(url) || /ort[^/]*\.m?js(\?|$)/.test(url)) runtime += bytes;
      else if (/\.onnx(\?|$)/.test(url)) model += bytes;
    }
    await context.close();
    return { ms, runtime, model };
  } finally {
    await browser.close();
  }
}

export const attentionLatency: Benchmark = {
  name: 'attention-latency',
  description: 'attention explorer in Chromium: keystroke → updated map at 128 tokens (wasm, WebGPU), cold load, bytes',
  async run(ctx) {
    const origin = await ctx.server();
    const rows: string[] = [];
    let ok = true;
    for (const backend of ['wasm', 'webgpu'] as const) {
      const browser = await launchChromium(backend === 'webgpu' ? 'webgpu' : 'plain');
      try {
        const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
        await openFigure(page, origin, backend);
        const r = await attentionKeystrokes(page);
        ctx.log(`keystroke latency, ${backend}`, r);
        const meets = r.median <= GOAL.median && r.p95 <= GOAL.p95;
        if (backend === 'wasm') ok &&= meets;
        rows.push(
          `| ${backend} (${r.backend}) | ${r.tokens} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.domMedian.toFixed(1)} | ${r.domP95.toFixed(1)} | ${meets ? 'yes' : 'no'} |`,
        );
      } finally {
        await browser.close();
      }
    }
    const cold = await coldLoad(origin);
    ctx.log('cold load', cold);
    const mb = (b: number) => (b / 1e6).toFixed(2);
    return {
      ok,
      markdown: [
        '### attention-latency',
        '',
        `Keystroke → updated attention map on the embed page, ${KEYSTROKES} edits inside a full 128-token window after ${WARMUP} warm-up edits,`,
        'each measured from keydown to the frame that shows the fresh result ("painted": the first task after the next',
        'animation frame) and, for reference, to the widget\'s commit of it to the DOM ("DOM", before style, layout and',
        'paint). The backend is the reader\'s override stored before load. Goal: median ≤ 16 ms, p95 ≤ 50 ms, painted',
        '(checked for WASM, the backend every reader has).',
        '',
        '| backend | tokens | painted median ms | painted p95 ms | DOM median ms | DOM p95 ms | meets goal |',
        '|---|---|---|---|---|---|---|',
        ...rows,
        '',
        `Cold load of /embed/attention/ (fresh browser, no cache, plain Chromium → WASM): ${(cold.ms / 1000).toFixed(2)} s from`,
        `navigation to the first painted attention map; transferred: runtime ${mb(cold.runtime)} MB (ORT script + .wasm),`,
        `model ${mb(cold.model)} MB (as served by \`astro preview\`, which compresses responses).`,
      ].join('\n'),
    };
  },
};
