// The two backends a reader can get, WASM and WebGPU (SwiftShader here), run the shipped transformer on the same
// text and must agree: every output, attention included, within 1e-4. Runs only in the `webgpu` project (the file
// name ends in webgpu.spec.ts). The page is a bare harness served next to the site, loading the same ORT build the
// site loads where WebGPU exists (onnxruntime-web/webgpu, which also runs the wasm EP) and the site's model file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures.ts';
import { readTokenizer, readTransformerCard } from '../../widgets/models/artifacts.ts';

const ORT_DIST = join(process.cwd(), 'node_modules', 'onnxruntime-web', 'dist');
const HARNESS_PATH = '/__backend-check/';
const TOLERANCE = 1e-4;

const HARNESS = `<!doctype html><meta charset="utf-8"><title>backend check</title><script type="module">
window.runBoth = async (ids) => {
  const ort = await import('/__ort/ort.webgpu.bundle.min.mjs');
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error'; // ORT logs a placement notice (shape ops on the CPU) through console.error
  const bytes = new Uint8Array(await (await fetch('/models/transformer.onnx')).arrayBuffer());
  const results = {};
  for (const ep of ['wasm', 'webgpu']) {
    const session = await ort.InferenceSession.create(bytes, { executionProviders: [ep], logSeverityLevel: 3 });
    const out = await session.run({ input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]) });
    results[ep] = Object.fromEntries(Object.entries(out).map(([name, t]) => [name, { dims: [...t.dims], data: Array.from(t.data) }]));
    await session.release();
  }
  return results;
};
window.ready = true;
</script>`;

const tokenizer = readTokenizer();
const context = readTransformerCard().architecture.context;

test.beforeEach(async ({ page }) => {
  await page.route(`**${HARNESS_PATH}`, (route) => route.fulfill({ contentType: 'text/html', body: HARNESS }));
  await page.route('**/__ort/**', (route) => {
    const name = new URL(route.request().url()).pathname.replace('/__ort/', '');
    if (!/^[\w.-]+$/.test(name)) return route.fulfill({ status: 404 });
    const type = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    return route.fulfill({ contentType: type, body: readFileSync(join(ORT_DIST, name)) });
  });
});

// Both texts in one page: the runtime and the WebGPU device start once (SwiftShader compiles shaders on the CPU).
test('WASM and WebGPU agree on every output: an English sentence, and a full context of mixed scripts', { tag: '@webgpu-only' }, async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(HARNESS_PATH);
  await page.waitForFunction('window.ready === true');
  const hasAdapter = await page.evaluate(async () => !!(await (navigator as any).gpu?.requestAdapter()));
  expect(hasAdapter, 'the webgpu project must provide a WebGPU adapter').toBe(true);
  for (const [name, text] of [
    ['an English sentence', 'The cat jumps over the fence, and the old man watches it from the river.'],
    ['a full context of mixed scripts', 'Le chat 猫 🐈 القطة jumps over the fence again and again. '.repeat(12)],
  ] as const) {
    const ids = tokenizer.encode(text).slice(0, context);
    type Out = Record<string, { dims: number[]; data: number[] }>;
    const r = (await page.evaluate((i) => (window as any).runBoth(i), ids)) as { wasm: Out; webgpu: Out };
    expect(Object.keys(r.webgpu).sort(), name).toEqual(Object.keys(r.wasm).sort());
    expect(r.wasm.attn!.dims, name).toEqual([expect.any(Number), 1, expect.any(Number), ids.length, ids.length]);
    for (const output of Object.keys(r.wasm)) {
      const a = r.wasm[output]!;
      const b = r.webgpu[output]!;
      expect(b.dims, `${name}: ${output}`).toEqual(a.dims);
      let worst = 0;
      for (let i = 0; i < a.data.length; i++) {
        const d = Math.abs(a.data[i]! - b.data[i]!);
        if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
      }
      test.info().annotations.push({ type: `max |wasm − webgpu|, ${name}`, description: `${output}: ${worst.toExponential(2)}` });
      expect(worst, `${name}: ${output}: max |wasm − webgpu|`).toBeLessThanOrEqual(TOLERANCE);
    }
  }
});
