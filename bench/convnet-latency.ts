// The convnet explorer as a reader meets it, in Chromium on the built site (issue "Edges, corners, cars"):
// - stroke → updated prediction: from a pointermove that extends the reader's stroke to the frame that shows
//   the fresh prediction and feature maps ("painted": the first task after the next animation frame) and, for
//   reference, to the widget's commit of the result ("DOM": its data-runs attribute changes), median and p95,
//   per backend (the runtime's stored preference);
// - the forward pass alone, as the runtime times it in its worker (the widget's data-ms), median.
// Goals: stroke → painted median ≤ 16 ms; forward pass median ≤ 5 ms in ORT wasm.
import type { Page } from '@playwright/test';
import { launchChromium } from './lib/browser.ts';
import type { Benchmark } from './lib/context.ts';
import { quantile } from './lib/stats.ts';

const MOVES = 60;
const WARMUP = 8;
const GOAL = { strokeMedian: 16, forwardMedian: 5 };

type Backend = 'wasm' | 'webgpu';

async function openFigure(page: Page, origin: string, preference: Backend) {
  await page.addInitScript((p) => {
    localStorage.setItem('dezoom:ort-backend', JSON.stringify({ v: 1, preference: p }));
  }, preference);
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
  const backend = (await page.getByText(/Runs on (WASM|WebGPU)/i).first().textContent().catch(() => null)) ?? '?';
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
  description: 'convnet explorer in Chromium: stroke → updated prediction (painted, DOM) and forward pass, wasm and WebGPU',
  async run(ctx) {
    const origin = await ctx.server();
    const rows: string[] = [];
    let ok = true;
    for (const backend of ['wasm', 'webgpu'] as const) {
      const browser = await launchChromium(backend === 'webgpu' ? 'webgpu' : 'plain');
      try {
        const page = await (await browser.newContext()).newPage();
        await openFigure(page, origin, backend);
        const r = await strokeLatency(page);
        ctx.log(`stroke latency, ${backend}`, r);
        const meets = r.median <= GOAL.strokeMedian && r.forwardMedian <= GOAL.forwardMedian;
        if (backend === 'wasm') ok &&= meets;
        rows.push(
          `| ${backend} (${r.backend}) | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.domMedian.toFixed(1)} | ${r.domP95.toFixed(1)} | ${r.forwardMedian.toFixed(2)} | ${meets ? 'yes' : 'no'} |`,
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
        'forward pass alone as the runtime\'s worker times it. Goals: painted median ≤ 16 ms, forward median ≤ 5 ms',
        '(checked for WASM, the backend every reader has).',
        '',
        '| backend | painted median ms | painted p95 ms | DOM median ms | DOM p95 ms | forward median ms | meets goals |',
        '|---|---|---|---|---|---|---|',
        ...rows,
      ].join('\n'),
    };
  },
};
