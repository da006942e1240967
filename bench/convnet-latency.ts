// The convnet explorer as a reader meets it, in Chromium on the built site (issue "Edges, corners, cars"):
// - stroke → updated prediction: from a pointermove that extends the reader's stroke to the frame that shows
//   the fresh prediction and feature maps ("painted": the first task after the next animation frame) and, for
//   reference, to the widget's commit of the result ("DOM": its data-runs attribute changes), median and p95,
//   in the plain and the WebGPU Chromium configurations (the convnet runs on onnxruntime-web's WASM build on
//   the page's own thread either way: widgets/runtime/ort/main-thread.ts);
// - the forward pass alone (the widget's data-ms), median.
// Goals: stroke → painted median ≤ 16 ms; forward pass median ≤ 5 ms in ORT wasm.
import type { Page } from '@playwright/test';
import { launchChromium } from './lib/browser.ts';
import type { Benchmark } from './lib/context.ts';
import { quantile } from './lib/stats.ts';

const MOVES = 60;
const WARMUP = 8;
const GOAL = { strokeMedian: 16, forwardMedian: 5 };

async function openFigure(page: Page, origin: string) {
  await page.goto(`${origin}/embed/convnet/?example=none`);
  await page.waitForFunction(() => document.querySelector('[data-runs]')?.getAttribute('data-status') === 'ready', null, { timeout: 180_000 });
}

interface Latency {
  median: number;
  p95: number;
  domMedian: number;
  domP95: number;
  forwardMedian: number;
  backend: string;
}

async function strokeLatency(page: Page): Promise<Latency> {
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __dom: number[]; __ms: number[]; __t0?: number };
    w.__lat = [];
    w.__dom = [];
    w.__ms = [];
    const root = document.querySelector('[data-runs]')!;
    const pad = document.querySelector('[aria-roledescription="drawing canvas"]')!;
    pad.addEventListener('pointermove', () => (w.__t0 ??= performance.now()), true);
    new MutationObserver(() => {
      const t0 = w.__t0;
      if (t0 === undefined) return;
      w.__t0 = undefined;
      w.__dom.push(performance.now() - t0);
      w.__ms.push(Number(root.getAttribute('data-ms')));
      requestAnimationFrame(() => setTimeout(() => w.__lat.push(performance.now() - t0), 0));
    }).observe(root, { attributes: true, attributeFilter: ['data-runs'] });
  });
  const box = (await page.locator('[aria-roledescription="drawing canvas"]').boundingBox())!;
  // One long stroke: a spiral, so that every move adds ink somewhere new and the prediction really changes.
  const at = (i: number) => {
    const a = i * 0.35;
    const r = 0.1 + (0.35 * i) / (WARMUP + MOVES);
    return [box.x + box.width * (0.5 + r * Math.cos(a)), box.y + box.height * (0.5 + r * Math.sin(a))] as const;
  };
  await page.mouse.move(...at(0));
  await page.mouse.down();
  for (let i = 1; i <= WARMUP + MOVES; i++) {
    const before = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat.length);
    await page.mouse.move(...at(i));
    await page.waitForFunction((n) => (window as unknown as { __lat: number[] }).__lat.length > n, before, { timeout: 60_000 });
  }
  await page.mouse.up();
  const { lat, dom, ms } = await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __dom: number[]; __ms: number[] };
    return { lat: w.__lat, dom: w.__dom, ms: w.__ms };
  });
  const backend = (await page.locator('.runtime').first().textContent().catch(() => null))?.replace(/ ·.*$/s, '') ?? '?';
  return {
    median: quantile(lat.slice(WARMUP), 0.5),
    p95: quantile(lat.slice(WARMUP), 0.95),
    domMedian: quantile(dom.slice(WARMUP), 0.5),
    domP95: quantile(dom.slice(WARMUP), 0.95),
    forwardMedian: quantile(ms.slice(WARMUP), 0.5),
    backend: backend.trim(),
  };
}

export const convnetLatency: Benchmark = {
  name: 'convnet-latency',
  description: 'convnet explorer in Chromium: stroke → updated prediction (painted, DOM) and forward pass (WASM, main thread)',
  async run(ctx) {
    const origin = await ctx.server();
    const rows: string[] = [];
    let ok = true;
    for (const config of ['plain', 'webgpu'] as const) {
      const browser = await launchChromium(config);
      try {
        const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
        await openFigure(page, origin);
        const r = await strokeLatency(page);
        ctx.log(`stroke latency, ${config} Chromium`, r);
        const meets = r.median <= GOAL.strokeMedian && r.forwardMedian <= GOAL.forwardMedian;
        ok &&= meets;
        rows.push(
          `| ${config} (${r.backend.trim()}) | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.domMedian.toFixed(1)} | ${r.domP95.toFixed(1)} | ${r.forwardMedian.toFixed(2)} | ${meets ? 'yes' : 'no'} |`,
        );
      } finally {
        await browser.close();
      }
    }
    return {
      ok,
      markdown: [
        '### convnet-latency',
        '',
        `Stroke → updated prediction on /embed/convnet/: one mouse stroke of ${MOVES} moves after ${WARMUP} warm-up moves, each`,
        'measured from the pointermove to the frame that shows the fresh prediction and feature maps ("painted": the',
        'first task after the next animation frame) and to the widget\'s commit of the result ("DOM"). "forward" is the',
        'forward pass alone. The model runs on the page\'s own thread (WASM build, one thread), so a result can paint',
        'in the frame of the stroke that caused it. Goals: painted median ≤ 16 ms, forward median ≤ 5 ms.',
        '',
        '| Chromium config (runtime) | painted median ms | painted p95 ms | DOM median ms | DOM p95 ms | forward median ms | meets goals |',
        '|---|---|---|---|---|---|---|',
        ...rows,
      ].join('\n'),
    };
  },
};
