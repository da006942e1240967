// Keystroke → painted result for the three live text figures (attention explorer, live probes, logit lens), on
// WASM in plain Chromium, against the built site's embed pages, in one run so that their ratios are comparable
// on a shared, loaded machine (the absolute numbers move with the load; the run records the load average).
// Goal (issue "Figures that teach"): painted median ≤ 16 ms, p95 ≤ 33 ms, at 128 tokens, WASM.
import os from 'node:os';
import { launchChromium } from './lib/browser.ts';
import type { Benchmark } from './lib/context.ts';
import { fillLong, keystrokeLatency, waitReady, type Latency } from './lib/keystroke.ts';

const KEYSTROKES = 40;
const WARMUP = 5;
const GOAL = { median: 16, p95: 33 };
const FIGURES = [
  { name: 'attention', path: '/embed/attention/' },
  { name: 'live-probes', path: '/embed/live-probes/' },
  { name: 'logit-lens', path: '/embed/logit-lens/' },
] as const;

export const liveLatency: Benchmark = {
  name: 'live-latency',
  description: 'keystroke → painted result at 128 tokens on WASM: attention explorer, live probes, logit lens (one run, for ratios)',
  async run(ctx) {
    const origin = await ctx.server();
    const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
    const results: { name: string; r: Latency; backend: string }[] = [];
    const browser = await launchChromium('plain');
    try {
      for (const f of FIGURES) {
        const context = await browser.newContext({ serviceWorkers: 'block' });
        await context.addInitScript(() => localStorage.setItem('dezoom:ort-backend', JSON.stringify({ v: 1, preference: 'wasm' })));
        const page = await context.newPage();
        await page.goto(`${origin}${f.path}`);
        await waitReady(page);
        await fillLong(page);
        const r = await keystrokeLatency(page, KEYSTROKES, WARMUP);
        const backend = ((await page.getByText(/Runs in your browser, on the (CPU|GPU)/).first().textContent().catch(() => null)) ?? '?').trim();
        ctx.log(`keystroke latency, ${f.name}`, r, backend);
        results.push({ name: f.name, r, backend });
        await context.close();
      }
    } finally {
      await browser.close();
    }
    const loadAfter = os.loadavg().map((l) => l.toFixed(2)).join(', ');
    const base = results[0]!.r.median;
    const ok = results.every(({ r }) => r.median <= GOAL.median && r.p95 <= GOAL.p95);
    return {
      ok,
      markdown: [
        '### live-latency',
        '',
        `Keystroke → painted result on each figure's embed page, plain Chromium (WASM, the reader's override stored before`,
        `load), ${KEYSTROKES} edits inside a full 128-token window after ${WARMUP} warm-up edits; "painted" is the first task after`,
        'the next animation frame, "DOM" the figure\'s commit (data-painted). One run, figures one after another, so the',
        `ratios compare; load average (1, 5, 15 min) at the start: ${load}; at the end: ${loadAfter}.`,
        `Goal: painted median ≤ ${GOAL.median} ms, p95 ≤ ${GOAL.p95} ms.`,
        '',
        '| figure | runtime | painted median ms | painted p95 ms | DOM median ms | DOM p95 ms | median ÷ attention | meets goal |',
        '|---|---|---:|---:|---:|---:|---:|---|',
        ...results.map(
          ({ name, r, backend }) =>
            `| ${name} | ${backend} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.domMedian.toFixed(1)} | ${r.domP95.toFixed(1)} | ${(r.median / base).toFixed(2)} | ${r.median <= GOAL.median && r.p95 <= GOAL.p95 ? 'yes' : 'no'} |`,
        ),
      ].join('\n'),
    };
  },
};
