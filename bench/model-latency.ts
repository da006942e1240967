// Forward-pass latency of the shipped transformer (the Brown model) and, beside it, the live ladder's synthetic
// model (public/models/hier-L3-s1.onnx, widgets/ladder-live/), in onnxruntime-web: in Node (wasm) and in Chromium
// (wasm, and WebGPU on whatever adapter the browser has; SwiftShader here). Medians of repeated runs, one thread,
// after warm-up; compare ratios within one run, the machine is shared (its load average is in the section head).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import * as ort from 'onnxruntime-web';
import { ARTIFACTS_DIR, artifactPath } from '../widgets/models/artifacts.ts';
import { ROOT, type Benchmark } from './lib/context.ts';
import { launchChromium } from './lib/browser.ts';
import { median } from './lib/stats.ts';

const LENGTHS = [16, 64, 128];
const RUNS = 30;
const MODEL = artifactPath('transformer.onnx');
/** The models measured, each row's ids drawn below its vocabulary size. */
const MODELS = [
  { label: 'transformer (Brown)', file: 'transformer.onnx', vocab: 2000 },
  { label: 'ladder L3-s1 (synthetic)', file: 'hier-L3-s1.onnx', vocab: 42 },
] as const;
type Medians = Record<string, Record<number, number>>;


async function nodeWasm(file: string, vocab: number): Promise<Record<number, number>> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(await readFile(artifactPath(file)), { executionProviders: ['wasm'] });
  const out: Record<number, number> = {};
  for (const T of LENGTHS) {
    const ids = new ort.Tensor('int64', BigInt64Array.from({ length: T }, (_, i) => BigInt((i * 37) % vocab)), [1, T]);
    for (let i = 0; i < 5; i++) await session.run({ input_ids: ids });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await session.run({ input_ids: ids });
      times.push(performance.now() - t0);
    }
    out[T] = median(times);
  }
  await session.release();
  return out;
}

const TYPES: Record<string, string> = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.onnx': 'application/octet-stream', '.html': 'text/html' };
const HARNESS = `<!doctype html><meta charset="utf-8"><title>latency</title><script type="module">
// The site imports the wasm-only build where WebGPU is absent, and the WebGPU build otherwise (widgets/runtime/ort/README.md).
window.measure = async (ep, lengths, runs, file = 'transformer.onnx', vocab = 2000) => {
  const ort = await import(ep === 'webgpu' ? '/ort/ort.webgpu.bundle.min.mjs' : '/ort/ort.wasm.bundle.min.mjs');
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create('/models/' + file, { executionProviders: [ep] });
  const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  const out = {};
  for (const T of lengths) {
    const ids = new ort.Tensor('int64', BigInt64Array.from({ length: T }, (_, i) => BigInt((i * 37) % vocab)), [1, T]);
    for (let i = 0; i < 5; i++) await session.run({ input_ids: ids });
    const times = [];
    for (let i = 0; i < runs; i++) { const t0 = performance.now(); await session.run({ input_ids: ids }); times.push(performance.now() - t0); }
    out[T] = med(times);
  }
  await session.release();
  return out;
};
window.adapterInfo = async () => { const a = await navigator.gpu?.requestAdapter(); return a ? (a.info?.description || a.info?.vendor || 'adapter') : null; };
window.ready = true;
</script>`;

/** A local server for a latency harness page: `/` is `html`, `/ort/` onnxruntime-web's dist, `/models/` public/models. */
export function serveHarness(html = HARNESS) {
  const ortDir = join(ROOT, 'node_modules', 'onnxruntime-web', 'dist');
  const modelDir = ARTIFACTS_DIR;
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path === '/' ? null : path.startsWith('/ort/') ? join(ortDir, normalize(path.slice(5))) : path.startsWith('/models/') ? join(modelDir, normalize(path.slice(8))) : undefined;
    if (file === null) return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    if (!file || !existsSync(file) || !(file.startsWith(ortDir) || file.startsWith(modelDir))) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
  });
  return new Promise<{ origin: string; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() })),
  );
}

async function browser(ep: 'wasm' | 'webgpu'): Promise<{ medians: Medians | null; note: string }> {
  const harness = await serveHarness();
  const b = await launchChromium(ep === 'webgpu' ? 'webgpu' : 'plain');
  try {
    const page = await b.newPage({ serviceWorkers: 'block' });
    await page.goto(harness.origin);
    await page.waitForFunction('window.ready === true');
    const adapter = ep === 'webgpu' ? await page.evaluate('window.adapterInfo()') : null;
    if (ep === 'webgpu' && !adapter) return { medians: null, note: 'no WebGPU adapter' };
    const medians: Medians = {};
    for (const m of MODELS) {
      medians[m.file] = (await page.evaluate(([e, l, r, f, v]) => (window as any).measure(e, l, r, f, v), [ep, LENGTHS, RUNS, m.file, m.vocab] as const)) as Record<number, number>;
    }
    return { medians, note: `${await b.version()}${adapter ? `, adapter: ${adapter}` : ''}` };
  } finally {
    await b.close();
    harness.close();
  }
}

export const modelLatency: Benchmark = {
  name: 'model-latency',
  description: 'transformer forward pass in onnxruntime-web: Node wasm, Chromium wasm and WebGPU',
  async run(ctx) {
    if (!existsSync(MODEL)) throw new Error(`${MODEL} is missing: run \`npm run models\``);
    const rows: string[] = [];
    const cells = (m: Record<number, number> | undefined) => (m ? LENGTHS.map((T) => m[T]!.toFixed(2)).join(' | ') : LENGTHS.map(() => 'n/a').join(' | '));
    for (const m of MODELS) {
      if (!existsSync(artifactPath(m.file))) throw new Error(`${m.file} is missing: run \`npm run models\``);
      const node = await nodeWasm(m.file, m.vocab);
      ctx.log(`node wasm ${m.file}`, node);
      rows.push(`| ${m.label} | Node ${process.version}, wasm, 1 thread | ${cells(node)} |`);
    }
    let chromiumWasm: Record<number, number> | null = null;
    for (const ep of ['wasm', 'webgpu'] as const) {
      const r = await browser(ep);
      if (ep === 'wasm') chromiumWasm = r.medians?.['transformer.onnx'] ?? null;
      ctx.log(`chromium ${ep}`, r);
      for (const m of MODELS) rows.push(`| ${m.label} | Chromium ${ep}${ep === 'wasm' ? ', 1 thread' : ''} (${r.note}) | ${cells(r.medians?.[m.file])} |`);
    }
    const browserWasm128 = chromiumWasm?.[128];
    const met = browserWasm128 !== undefined && browserWasm128 <= 10;
    return {
      ok: met,
      markdown: [
        '### Forward latency, the Brown transformer and the synthetic ladder model (median ms of 30 runs after 5 warm-up runs)',
        '',
        `| model | runtime | ${LENGTHS.map((T) => `T=${T}`).join(' | ')} |`,
        `| --- | --- | ${LENGTHS.map(() => '---:').join(' | ')} |`,
        ...rows,
        '',
        `Target (issue 3): one 128-token forward ≤ 10 ms in Chromium, wasm, one thread: ${browserWasm128?.toFixed(2) ?? 'n/a'} ms, **${met ? 'met' : 'not met'}**.`,
      ].join('\n'),
    };
  },
};
