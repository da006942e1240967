// The page side (runtime.ts) against the real engine, joined by a fake Worker that clones messages the way
// postMessage does (and transfers what the engine transfers). ORT is the Node build; no browser needed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { artifactPath } from '../../../widgets/models/artifacts.ts';
import { STORAGE_KEY, parseStoredChoice } from '../../../widgets/runtime/ort/backend-choice.ts';
import { InferenceEngine, type Ort } from '../../../widgets/runtime/ort/engine.ts';
import { ORT_BUILDS } from '../../../widgets/runtime/ort/ort-builds.ts';
import type { FromWorker, ToWorker } from '../../../widgets/runtime/ort/protocol.ts';
import { ModelRuntimeError, PageRuntime, type RunResult } from '../../../widgets/runtime/ort/runtime.ts';
import { sampleFeeds } from '../../../widgets/runtime/ort/sample-feeds.ts';

// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });

const ORIGIN = 'https://dezoom.test';

class FakeWorker extends EventTarget {
  engine: InferenceEngine;
  terminated = false;
  constructor(fetched: string[], adapter: unknown) {
    super();
    this.engine = new InferenceEngine({
      post: (message: FromWorker, transfer: Transferable[] = []) => {
        if (this.terminated) return;
        const data = structuredClone(message, { transfer });
        setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data })));
      },
      fetch: async (url) => {
        fetched.push(url);
        const path = url === 'wasm-binary' ? `node_modules/onnxruntime-web/dist/${ORT_BUILDS.wasm.wasmFile}` : url === `${ORIGIN}/models/transformer.onnx` ? artifactPath('transformer.onnx') : null;
        return path ? new Response(readFileSync(path)) : new Response('', { status: 404, statusText: 'Not Found' });
      },
      requestAdapter: async () => adapter,
      importOrt: async () => (await import('onnxruntime-web')) as unknown as Ort,
      wasmUrl: () => 'wasm-binary',
      now: () => performance.now(),
      crossOriginIsolated: false,
      hardwareConcurrency: 2,
    });
  }
  postMessage(message: ToWorker) {
    const data = structuredClone(message);
    setTimeout(() => this.engine.handle(data));
  }
  terminate() {
    this.terminated = true;
  }
}

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

function makeRuntime(options: { adapter?: unknown; storage?: ReturnType<typeof memoryStorage>; whenIdle?: (task: () => void) => void } = {}) {
  const fetched: string[] = [];
  const workers: FakeWorker[] = [];
  const storage = options.storage ?? memoryStorage();
  const rt = new PageRuntime({
    ...(options.whenIdle ? { whenIdle: options.whenIdle } : {}),
    createWorker: () => {
      const worker = new FakeWorker(fetched, options.adapter ?? null);
      workers.push(worker);
      return worker as unknown as Worker;
    },
    storage: () => storage,
  });
  return { rt, fetched, workers, storage };
}

beforeAll(() => {
  vi.stubGlobal('window', {});
  vi.stubGlobal('document', { baseURI: `${ORIGIN}/articles/attention/` });
});
afterAll(() => vi.unstubAllGlobals());

describe('PageRuntime', () => {
  it('is lazy: no worker and no download until a model is loaded', () => {
    const { rt, workers, fetched } = makeRuntime();
    expect(rt.status.phase).toBe('idle');
    rt.setPreference('wasm');
    expect(workers).toHaveLength(0);
    expect(fetched).toHaveLength(0);
  });

  it('loads once per page, runs, and reports the backend in its status', async () => {
    const { rt, fetched } = makeRuntime();
    const statuses: string[] = [];
    rt.subscribe((s) => statuses.push(s.phase));
    const [a, b] = await Promise.all([rt.load('transformer', '/models/transformer.onnx'), rt.load('transformer', '/models/transformer.onnx')]);
    expect(a).toEqual(b);
    expect(fetched.filter((u) => u.endsWith('transformer.onnx'))).toHaveLength(1);
    expect(statuses).toContain('ready');
    expect(rt.status.backend).toBe('wasm');
    expect(rt.status.downloads.find((d) => d.id === 'runtime')).toMatchObject({ done: true, loaded: ORT_BUILDS.wasm.wasmBytes });

    const res = await rt.run('transformer', sampleFeeds(a.inputs, 6)!, { key: 'fig' });
    expect(res.stale).toBe(false);
    if (res.stale) return;
    for (const name of a.outputs) expect(res.outputs[name]!.data.length).toBeGreaterThan(0);
    expect(rt.status.lastRunMs).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('newest input wins: a queued request is dropped, a superseded result is stale, other keys are untouched', async () => {
    const { rt } = makeRuntime();
    const info = await rt.load('transformer', '/models/transformer.onnx');
    const feeds = (t: number) => sampleFeeds(info.inputs, t)!;
    const r1 = rt.run('transformer', feeds(4), { key: 'fig' });
    const other = rt.run('transformer', feeds(4), { key: 'other-fig' });
    const r2 = rt.run('transformer', feeds(5), { key: 'fig' });
    const r3 = rt.run('transformer', feeds(6), { key: 'fig' });
    const [s1, so, s2, s3] = (await Promise.all([r1, other, r2, r3])) as RunResult[];
    expect(s1!.stale).toBe(true); // ran, but r2 and r3 were typed meanwhile
    expect(s2!.stale).toBe(true); // dropped while queued
    expect(so!.stale).toBe(false);
    expect(s3!.stale).toBe(false);
    if (!s3!.stale) expect(Object.values(s3!.outputs).some((t) => t.dims.includes(6))).toBe(true);
  }, 60_000);

  it('a 404 model rejects with a readable message; other models keep working; a retry fetches again', async () => {
    const { rt, fetched } = makeRuntime();
    const missing = rt.load('missing', '/models/missing.onnx');
    await expect(missing).rejects.toBeInstanceOf(ModelRuntimeError);
    await expect(missing).rejects.toThrow('The model "missing" was not found on the server (HTTP 404).');
    expect(rt.status.errors.missing).toMatch(/HTTP 404/);
    await rt.load('transformer', '/models/transformer.onnx');
    await expect(rt.load('missing', '/models/missing.onnx')).rejects.toThrow(/HTTP 404/);
    expect(fetched.filter((u) => u.endsWith('missing.onnx'))).toHaveLength(2);
  }, 60_000);

  it('rejects bad calls with messages, before anything reaches the worker', async () => {
    const { rt } = makeRuntime();
    await expect(rt.run('never-loaded', { x: { type: 'float32', data: new Float32Array(1), dims: [1] } })).rejects.toThrow(/was not loaded/);
    await expect(rt.run('m', { x: { type: 'float32', data: new Float32Array(2), dims: [1] } })).rejects.toThrow(/has 2 values/);
    await expect(rt.load('a', '/models/transformer.onnx').then(() => rt.load('a', '/models/other.onnx'))).rejects.toThrow(/already used/);
  }, 60_000);

  it('remembers the measured backend and the reader override, and survives junk in storage', async () => {
    const storage = memoryStorage({ [STORAGE_KEY]: '{"not":"ours"' });
    const { rt } = makeRuntime({ adapter: {}, storage });
    expect(rt.status.preference).toBe('auto');
    await rt.load('transformer', '/models/transformer.onnx');
    // Timing happens after the load resolves, in the background; runs are answered meanwhile.
    const info = await rt.load('transformer', '/models/transformer.onnx');
    const during = await rt.run('transformer', sampleFeeds(info.inputs, 4)!);
    expect(during.stale ? null : during.backend).toBe('wasm');
    for (let i = 0; i < 500 && !rt.status.measurements; i++) await new Promise((r) => setTimeout(r, 10));
    const saved = parseStoredChoice(storage.map.get(STORAGE_KEY));
    expect(saved.measured?.backend).toBe('wasm'); // Node's "WebGPU" cannot run
    expect(rt.status.measurements?.wasm).toBeGreaterThan(0);
    rt.setPreference('webgpu');
    expect(parseStoredChoice(storage.map.get(STORAGE_KEY)).preference).toBe('webgpu');
    // A new page reads both back.
    const next = makeRuntime({ storage });
    expect(next.rt.status.preference).toBe('webgpu');
  }, 60_000);

  it('WASM first: the WebGPU build is offered to the worker once, after its first answer, when the page is idle', async () => {
    const idle: (() => void)[] = [];
    const { rt, workers } = makeRuntime({ adapter: {}, whenIdle: (task) => idle.push(task) });
    const info = await rt.load('transformer', '/models/transformer.onnx');
    expect(idle).toHaveLength(0); // loaded, but no answer yet
    const posted: string[] = [];
    const send = workers[0]!.postMessage.bind(workers[0]!);
    workers[0]!.postMessage = (m: ToWorker) => (posted.push(m.type), send(m));
    await rt.run('transformer', sampleFeeds(info.inputs, 4)!, { key: 'a' });
    await rt.run('transformer', sampleFeeds(info.inputs, 5)!, { key: 'a' });
    expect(idle).toHaveLength(1);
    expect(posted).not.toContain('upgrade');
    expect(rt.status.backend).toBe('wasm'); // WebGPU wanted (nothing measured), wasm answers meanwhile
    idle[0]!();
    expect(posted.filter((t) => t === 'upgrade')).toHaveLength(1);
    for (let i = 0; i < 500 && !rt.status.measurements; i++) await new Promise((r) => setTimeout(r, 10));
    expect(rt.status.measurements?.wasm).toBeGreaterThan(0);
  }, 60_000);

  it('a dead worker rejects what was waiting, and the next load starts a fresh one', async () => {
    const { rt, workers } = makeRuntime();
    const pending = rt.load('transformer', '/models/transformer.onnx');
    workers[0]!.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message: 'boom' }));
    await expect(pending).rejects.toThrow(/could not start or stopped working/);
    expect(rt.status.phase).toBe('failed');
    expect(workers[0]!.terminated).toBe(true);
    await rt.load('transformer', '/models/transformer.onnx');
    expect(workers).toHaveLength(2);
    expect(rt.status.errors).toEqual({});
  }, 60_000);
});
