// The worker's engine under Node, with onnxruntime-web's Node build standing in for the browser builds and
// a fetch that serves files from disk. Model-agnostic: inputs are built from what the model declares.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { readArtifactBytes } from '../../../widgets/models/artifacts.ts';
import type { Build } from '../../../widgets/runtime/ort/backend-choice.ts';
import { InferenceEngine, type EngineDeps, type Ort } from '../../../widgets/runtime/ort/engine.ts';
import { ORT_BUILDS } from '../../../widgets/runtime/ort/ort-builds.ts';
import type { FromWorker, ModelInfo, ToWorker } from '../../../widgets/runtime/ort/protocol.ts';
import { sampleFeeds } from '../../../widgets/runtime/ort/sample-feeds.ts';

// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });

// Node's ORT build runs the plain wasm binary; the engine's build choice is tested by what it asks for.
const WASM = `node_modules/onnxruntime-web/dist/${ORT_BUILDS.wasm.wasmFile}`;

type Sent = { message: FromWorker; transfer: Transferable[] };

function serveFiles(files: Record<string, () => Uint8Array<ArrayBuffer>>) {
  return async (url: string): Promise<Response> => {
    const file = files[url];
    if (!file) return new Response('not found', { status: 404, statusText: 'Not Found' });
    const bytes = file();
    return new Response(bytes, { headers: { 'content-length': String(bytes.length), 'content-type': 'application/octet-stream' } });
  };
}

function harness(options: { adapter?: unknown; files?: Record<string, () => Uint8Array<ArrayBuffer>>; runtimeMissing?: boolean } = {}) {
  const sent: Sent[] = [];
  const builds: Build[] = [];
  let webgpuMissing = false;
  const deps: EngineDeps = {
    post: (message, transfer = []) => sent.push({ message, transfer }),
    fetch: serveFiles({
      ...(options.runtimeMissing ? {} : { 'wasm-binary': () => readFileSync(WASM) }),
      '/models/transformer.onnx': () => readArtifactBytes('transformer.onnx'),
      '/models/corrupt.onnx': () => new Uint8Array(4096).fill(7),
      ...options.files,
    }),
    requestAdapter: async () => options.adapter ?? null,
    importOrt: async (build) => {
      builds.push(build);
      return (await import('onnxruntime-web')) as unknown as Ort;
    },
    wasmUrl: (build) => (build === 'webgpu' && webgpuMissing ? 'missing-webgpu-binary' : 'wasm-binary'),
    now: () => performance.now(),
    crossOriginIsolated: false,
    hardwareConcurrency: 2,
  };
  const engine = new InferenceEngine(deps);
  const send = (m: ToWorker) => engine.handle(m);
  async function until<T extends FromWorker['type']>(type: T, where: (m: Extract<FromWorker, { type: T }>) => boolean = () => true) {
    for (let i = 0; i < 3000; i++) {
      const hit = sent.find((s) => s.message.type === type && where(s.message as Extract<FromWorker, { type: T }>));
      if (hit) return hit as { message: Extract<FromWorker, { type: T }>; transfer: Transferable[] };
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${type} message; got ${sent.map((s) => s.message.type).join(', ')}`);
  }
  return { sent, builds, send, until, webgpuMissing: () => (webgpuMissing = true) };
}

const load = (model: string, url: string): ToWorker => ({ type: 'load', model, url, expectedBytes: null, sample: null });

describe('InferenceEngine (Node, wasm)', () => {
  it('without WebGPU: the wasm build, runtime progress, load, run with transferred outputs', async () => {
    const h = harness();
    h.send({ type: 'init', preference: 'webgpu', stored: { backend: 'webgpu', ms: { wasm: 9, webgpu: 1 } } });
    h.send(load('transformer', '/models/transformer.onnx'));
    const backend = await h.until('backend');
    // A remembered and chosen "webgpu" on a device without WebGPU: wasm, silently.
    expect(backend.message).toMatchObject({ hasWebGPU: false, backend: 'wasm', why: 'no-webgpu' });
    expect(h.builds).toEqual(['wasm']);
    const runtimeDone = await h.until('progress', (m) => m.download.id === 'runtime' && m.download.done);
    expect(runtimeDone.message.download.loaded).toBe(ORT_BUILDS.wasm.wasmBytes);
    const loaded = await h.until('loaded');
    const info: ModelInfo = loaded.message.info;
    expect(info.name).toBe('transformer');
    expect(info.inputs.length).toBeGreaterThan(0);
    expect(info.outputs.length).toBeGreaterThan(0);
    await h.until('progress', (m) => m.download.id === 'transformer' && m.download.done);

    const feeds = sampleFeeds(info.inputs, 8)!;
    h.send({ type: 'run', id: 1, model: 'transformer', feeds, fetches: null });
    const result = await h.until('result', (m) => m.id === 1);
    expect(result.message.backend).toBe('wasm');
    expect(Object.keys(result.message.outputs).sort()).toEqual([...info.outputs].sort());
    for (const t of Object.values(result.message.outputs)) {
      expect(t.data.length).toBe(t.dims.reduce((a, b) => a * b, 1));
    }
    expect(result.transfer.length).toBe(Object.keys(result.message.outputs).length);

    // Only the requested outputs come back.
    const first = info.outputs[0]!;
    h.send({ type: 'run', id: 2, model: 'transformer', feeds, fetches: [first] });
    expect(Object.keys((await h.until('result', (m) => m.id === 2)).message.outputs)).toEqual([first]);

    // A wrong input is a run error with a message, and the engine keeps working afterwards.
    h.send({ type: 'run', id: 3, model: 'transformer', feeds: { nope: feeds[info.inputs[0]!.name]! }, fetches: null });
    expect((await h.until('run-failed', (m) => m.id === 3)).message.error).toMatchObject({
      kind: 'run',
      message: 'The model "transformer" could not run on this input.',
    });
    h.send({ type: 'run', id: 4, model: 'transformer', feeds, fetches: null });
    await h.until('result', (m) => m.id === 4);
  }, 60_000);

  it('a missing or corrupt model is a clear load failure; other models still load', async () => {
    const h = harness();
    h.send({ type: 'init', preference: 'auto', stored: null });
    h.send(load('missing', '/models/missing.onnx'));
    h.send(load('corrupt', '/models/corrupt.onnx'));
    h.send(load('transformer', '/models/transformer.onnx'));
    expect((await h.until('load-failed', (m) => m.model === 'missing')).message.error).toMatchObject({
      kind: 'model',
      message: 'The model "missing" was not found on the server (HTTP 404).',
    });
    expect((await h.until('load-failed', (m) => m.model === 'corrupt')).message.error.message).toMatch(/damaged or is not an ONNX model/);
    await h.until('loaded', (m) => m.info.name === 'transformer');
  }, 60_000);

  it('a missing runtime fails every load as a runtime problem', async () => {
    const h = harness({ runtimeMissing: true });
    h.send({ type: 'init', preference: 'auto', stored: null });
    h.send(load('transformer', '/models/transformer.onnx'));
    expect((await h.until('runtime-failed')).message.error).toMatchObject({
      kind: 'runtime',
      message: 'The in-browser model runtime was not found on the server (HTTP 404).',
    });
    expect((await h.until('load-failed')).message.error.kind).toBe('runtime');
  }, 30_000);

  it('with an adapter: the wasm build first; the webgpu build only after upgrade, then both backends timed, the faster kept', async () => {
    // Node has no WebGPU EP, so WebGPU "fails" its timing: the measurement must still choose (wasm).
    const h = harness({ adapter: {} });
    h.send({ type: 'init', preference: 'auto', stored: null });
    expect((await h.until('backend')).message).toMatchObject({ hasWebGPU: true, backend: 'wasm', why: 'first' });
    h.send(load('transformer', '/models/transformer.onnx'));
    const info = (await h.until('loaded')).message.info;
    h.send({ type: 'run', id: 1, model: 'transformer', feeds: sampleFeeds(info.inputs, 8)!, fetches: null });
    expect((await h.until('result', (m) => m.id === 1)).message.backend).toBe('wasm');
    // The first answer never waited on the WebGPU build: it is not even asked for until the page says so.
    expect(h.builds).toEqual(['wasm']);
    expect(h.sent.some((s) => s.message.type === 'measured')).toBe(false);
    h.send({ type: 'upgrade' });
    const measured = await h.until('measured');
    expect(h.builds).toEqual(['wasm', 'webgpu']);
    await h.until('progress', (m) => m.download.id === 'runtime-webgpu' && m.download.done);
    expect(measured.message.backend).toBe('wasm');
    expect(measured.message.measurements.wasm).toBeGreaterThan(0);
    expect(measured.message.measurements.webgpu).toBeNull();
    await h.until('backend', (m) => m.backend === 'wasm' && m.why === 'measured');
  }, 60_000);

  it('where wasm won before, or the reader chose wasm, the webgpu build is never fetched', async () => {
    for (const [preference, stored] of [
      ['auto', { backend: 'wasm', ms: { wasm: 1, webgpu: 9 } }],
      ['wasm', null],
    ] as const) {
      const h = harness({ adapter: {} });
      h.send({ type: 'init', preference, stored });
      h.send(load('transformer', '/models/transformer.onnx'));
      await h.until('loaded');
      h.send({ type: 'upgrade' });
      await h.until('backend', (m) => m.backend === 'wasm' && m.why !== 'first');
      await new Promise((r) => setTimeout(r, 200));
      expect(h.builds, preference).toEqual(['wasm']);
    }
  }, 60_000);

  it('a chosen WebGPU that cannot open the model falls back to wasm and says so', async () => {
    const h = harness({ adapter: {} });
    h.send({ type: 'init', preference: 'webgpu', stored: null });
    h.send(load('transformer', '/models/transformer.onnx'));
    await h.until('loaded');
    // Until the page's figures are live, the chosen WebGPU waits and wasm answers.
    await h.until('backend', (m) => m.backend === 'wasm' && m.why === 'first');
    expect(h.builds).toEqual(['wasm']);
    h.send({ type: 'upgrade' });
    expect((await h.until('notice')).message.message).toMatch(/WebGPU stopped working.*WASM/);
    await h.until('backend', (m) => m.backend === 'wasm' && m.why === 'fallback' && !m.hasWebGPU);
  }, 60_000);

  it('a WebGPU build that cannot be fetched: wasm stays, silently when the reader did not ask for WebGPU', async () => {
    const h = harness({ adapter: {}, files: {} });
    h.send({ type: 'init', preference: 'auto', stored: null });
    h.send(load('transformer', '/models/transformer.onnx'));
    await h.until('loaded');
    h.webgpuMissing();
    h.send({ type: 'upgrade' });
    await h.until('backend', (m) => m.backend === 'wasm' && m.why === 'fallback' && !m.hasWebGPU);
    expect(h.sent.some((s) => s.message.type === 'notice')).toBe(false);
  }, 60_000);
});
