// The hardware point of essay 6 ("Remembering the cat"): forward latency of the LSTM (public/models/lstm.onnx,
// a Loop over tokens: sequential) and the transformer (public/models/transformer.onnx, every position at once:
// parallel) at equal parameters, in Chromium, onnxruntime-web wasm, one thread. Medians after warm-up.
// The transformer reads at most 128 tokens (its context): at 1,024 tokens its figure is the cost of reading them
// the way its card scores a text, windows of 128 every 64 tokens (15 forwards, one after another).
import { existsSync } from 'node:fs';
import { artifactPath } from '../widgets/models/artifacts.ts';
import type { Benchmark } from './lib/context.ts';
import { launchChromium } from './lib/browser.ts';
import { serveHarness } from './model-latency.ts';

const LENGTHS = [128, 1024];
const RUNS = 15;

const HARNESS = `<!doctype html><meta charset="utf-8"><title>memory latency</title><script type="module">
window.measure = async (lengths, runs) => {
  const ort = await import('/ort/ort.wasm.bundle.min.mjs');
  ort.env.wasm.numThreads = 1;
  const lstm = await ort.InferenceSession.create('/models/lstm.onnx', { executionProviders: ['wasm'] });
  const tf = await ort.InferenceSession.create('/models/transformer.onnx', { executionProviders: ['wasm'] });
  const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const ids = (T) => new ort.Tensor('int64', BigInt64Array.from({ length: T }, (_, i) => BigInt((i * 37) % 2000)), [1, T]);
  const zeros = () => new ort.Tensor('float32', new Float32Array(2 * 96), [2, 1, 96]);
  const time = async (f) => { for (let i = 0; i < 3; i++) await f(); const t = []; for (let i = 0; i < runs; i++) { const t0 = performance.now(); await f(); t.push(performance.now() - t0); } return med(t); };
  const out = { lstm: {}, transformer: {} };
  for (const T of lengths) {
    const x = ids(T);
    out.lstm[T] = await time(() => lstm.run({ input_ids: x, h0: zeros(), c0: zeros() }));
    const windows = [];
    for (let s = 0; s === 0 || s + 64 < T; s += 64) windows.push(ids(Math.min(128, T - s)));
    out.transformer[T] = await time(async () => { for (const w of windows) await tf.run({ input_ids: w }); });
    out.transformer[T + ':windows'] = windows.length;
  }
  await lstm.release();
  await tf.release();
  return out;
};
window.ready = true;
</script>`;

export const memoryLatency: Benchmark = {
  name: 'memory-latency',
  description: 'LSTM (sequential) against transformer (parallel) forward latency at 128 and 1,024 tokens, Chromium wasm',
  async run(ctx) {
    for (const f of ['lstm.onnx', 'transformer.onnx']) if (!existsSync(artifactPath(f))) throw new Error(`public/models/${f} is missing: run \`npm run models\``);
    const harness = await serveHarness(HARNESS);
    const b = await launchChromium('plain');
    try {
      const page = await b.newPage({ serviceWorkers: 'block' });
      page.setDefaultTimeout(600_000);
      await page.goto(harness.origin);
      await page.waitForFunction('window.ready === true');
      const r = (await page.evaluate(([l, n]) => (window as any).measure(l, n), [LENGTHS, RUNS] as const)) as Record<'lstm' | 'transformer', Record<string, number>>;
      ctx.log('memory latency', r);
      const version = await b.version();
      return {
        ok: true,
        markdown: [
          `### LSTM against transformer, forward latency (median ms of ${RUNS} runs after 3 warm-up runs; Chromium ${version}, wasm, 1 thread)`,
          '',
          `| model | ${LENGTHS.map((T) => `T=${T}`).join(' | ')} |`,
          `| --- | ${LENGTHS.map(() => '---:').join(' | ')} |`,
          `| LSTM (one graph, a Loop over the tokens, every state out) | ${LENGTHS.map((T) => r.lstm[T]!.toFixed(1)).join(' | ')} |`,
          `| transformer (windows of ≤ 128 every 64 tokens: ${LENGTHS.map((T) => r.transformer[`${T}:windows`]).join(', ')}) | ${LENGTHS.map((T) => r.transformer[T]!.toFixed(1)).join(' | ')} |`,
        ].join('\n'),
      };
    } finally {
      await b.close();
      harness.close();
    }
  },
};
