/**
 * Everything the inference worker does, with the worker's globals passed in (post, fetch, WebGPU
 * detection, the ORT import), so that it also runs in Node tests against onnxruntime-web's Node build.
 *
 * One ORT runtime per page, in this worker: the .wasm is fetched here with progress and handed to ORT,
 * model files are fetched here and kept (a session for the other backend can then be created without a
 * second download), one session per model and backend. ORT calls are serialized: the wasm runtime is
 * single-threaded, and interleaving session creation with a run on the asyncify (WebGPU) build is not
 * supported.
 */
import type * as OrtTypes from 'onnxruntime-web';
import {
  buildFor,
  cannotBeat,
  chooseBackend,
  fasterBackend,
  median,
  type Backend,
  type Build,
  type Measurements,
  type Preference,
  type StoredChoice,
} from './backend-choice.ts';
import { fetchWithProgress } from './fetch-progress.ts';
import { WEBGPU_FALLBACK_NOTICE, modelFailure, runFailure, runtimeFailure } from './messages.ts';
import { ORT_BUILDS, threadCount } from './ort-builds.ts';
import {
  isTensorType,
  transferablesOf,
  type Feeds,
  type FromWorker,
  type InputInfo,
  type ModelInfo,
  type Outputs,
  type Tensor,
  type ToWorker,
  type WireError,
} from './protocol.ts';
import { sampleFeeds } from './sample-feeds.ts';

export type Ort = typeof OrtTypes;
type Session = OrtTypes.InferenceSession;

export interface EngineDeps {
  post(message: FromWorker, transfer?: Transferable[]): void;
  fetch(url: string): Promise<Response>;
  /** The adapter from navigator.gpu.requestAdapter(), or null (no WebGPU, or the request failed). */
  requestAdapter(): Promise<unknown>;
  importOrt(build: Build): Promise<Ort>;
  wasmUrl(build: Build): string;
  now(): number;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number | undefined;
}

/** Timing: warm-up runs (the first WebGPU run compiles shaders), then the median of the timed ones. */
const WARMUP_RUNS = 2;
const TIMED_RUNS = 5;

interface ModelEntry {
  info: ModelInfo;
  bytes: Uint8Array;
  sample: Feeds | null;
  sessions: Map<Backend, Promise<Session>>;
}

/** The runtime could not start: every load fails with this, as a runtime (not a model) problem. */
class RuntimeUnavailable extends Error {
  readonly wire: WireError;
  constructor(wire: WireError) {
    super(wire.message);
    this.wire = wire;
  }
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

export class InferenceEngine {
  private runtime: Promise<Ort> | null = null;
  private hasWebGPU = false;
  private webgpuBroken = false;
  private preference: Preference = 'auto';
  private stored: StoredChoice['measured'] = null;
  private measurements: Measurements | null = null;
  /** null until decided, and while the backends are timed (runs then use wasm). */
  private backend: Backend | null = null;
  private readonly models = new Map<string, ModelEntry>();
  private chain: Promise<unknown> = Promise.resolve();
  private measuring: Promise<void> | null = null;
  private watchingDevice = false;
  private readonly deps: EngineDeps;

  constructor(deps: EngineDeps) {
    this.deps = deps;
  }

  /** Never throws, never leaves a rejection unhandled: every failure becomes a message to the page. */
  handle(message: ToWorker): void {
    const done = (() => {
      switch (message.type) {
        case 'init':
          return this.init(message.preference, message.stored);
        case 'prefer':
          return this.prefer(message.preference);
        case 'load':
          return this.load(message.model, message.url, message.expectedBytes, message.sample);
        case 'run':
          return this.run(message.id, message.model, message.feeds, message.fetches);
      }
    })();
    done?.catch((error: unknown) => this.deps.post({ type: 'notice', message: runtimeFailure(error).message }));
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.chain.then(task);
    this.chain = result.catch(() => undefined);
    return result;
  }

  // ---- runtime ----

  private async init(preference: Preference, stored: StoredChoice['measured']): Promise<void> {
    if (this.runtime) return;
    this.preference = preference;
    this.stored = stored;
    this.runtime = this.start();
    try {
      await this.runtime;
    } catch (error) {
      this.deps.post({ type: 'runtime-failed', error: (error as RuntimeUnavailable).wire });
    }
  }

  private async start(): Promise<Ort> {
    try {
      let adapter: unknown = null;
      try {
        adapter = await this.deps.requestAdapter();
      } catch {
        adapter = null; // a throwing requestAdapter() is "no WebGPU", silently
      }
      this.hasWebGPU = adapter !== null && adapter !== undefined;
      const build = buildFor(this.hasWebGPU);
      const [ort, binary] = await Promise.all([
        this.deps.importOrt(build),
        fetchWithProgress(this.deps.wasmUrl(build), {
          fetch: this.deps.fetch,
          expectedBytes: ORT_BUILDS[build].wasmBytes,
          now: this.deps.now,
          onProgress: (loaded, total, done) =>
            this.deps.post({ type: 'progress', download: { id: 'runtime', label: 'runtime', loaded, total, done } }),
        }),
      ]);
      if (!WASM_MAGIC.every((byte, i) => binary[i] === byte)) throw new Error('the runtime file is not WebAssembly');
      ort.env.wasm.wasmBinary = binary;
      ort.env.wasm.numThreads = threadCount(this.deps.crossOriginIsolated, this.deps.hardwareConcurrency);
      // Already off the main thread: ORT's own proxy worker would be a second hop.
      ort.env.wasm.proxy = false;
      ort.env.logLevel = 'error';
      // Reuses the adapter found above instead of ORT requesting a second one. Deprecated in ORT's typings
      // (in favour of handing it a GPUDevice) but honoured by 1.30; a device we create ourselves could
      // lack the limits and features ORT's WebGPU EP requests for itself.
      if (this.hasWebGPU) ort.env.webgpu.adapter = adapter as Ort['env']['webgpu']['adapter'];
      this.decide();
      return ort;
    } catch (error) {
      throw new RuntimeUnavailable(runtimeFailure(error));
    }
  }

  private async ort(): Promise<Ort> {
    if (!this.runtime) throw new RuntimeUnavailable(runtimeFailure(new Error('the runtime was not initialized')));
    return this.runtime;
  }

  private webgpuUsable(): boolean {
    return this.hasWebGPU && !this.webgpuBroken;
  }

  /** Picks the backend and tells the page; releases sessions of the backend no longer in use. */
  private decide(why: 'fallback' | null = null): void {
    const decision = chooseBackend({
      hasWebGPU: this.webgpuUsable(),
      preference: this.preference,
      stored: this.stored,
      measurements: this.measurements,
    });
    const previous = this.backend;
    this.backend = decision.kind === 'use' ? decision.backend : null;
    this.deps.post({
      type: 'backend',
      hasWebGPU: this.webgpuUsable(),
      backend: this.backend,
      why: why ?? (decision.kind === 'use' ? decision.why : null),
      measurements: this.measurements ?? this.stored?.ms ?? null,
    });
    if (previous && this.backend && previous !== this.backend) this.releaseSessions(previous);
  }

  private releaseSessions(backend: Backend): void {
    for (const entry of this.models.values()) {
      const session = entry.sessions.get(backend);
      entry.sessions.delete(backend);
      session?.then((s) => s.release()).catch(() => undefined);
    }
  }

  private async prefer(preference: Preference): Promise<void> {
    this.preference = preference;
    if (!this.runtime) return; // init will decide with it
    try {
      await this.runtime;
    } catch {
      return; // already reported as runtime-failed
    }
    await this.serial(async () => {
      this.decide();
      const first = this.models.values().next().value;
      if (this.backend === null && first) this.startMeasuring(first);
    });
  }

  // ---- models ----

  private async load(model: string, url: string, expectedBytes: number | null, sample: Feeds | null): Promise<void> {
    const existing = this.models.get(model);
    if (existing) {
      this.deps.post({ type: 'loaded', info: existing.info });
      return;
    }
    // The model downloads while the runtime does.
    const bytes = fetchWithProgress(url, {
      fetch: this.deps.fetch,
      expectedBytes,
      now: this.deps.now,
      onProgress: (loaded, total, done) =>
        this.deps.post({ type: 'progress', download: { id: model, label: model, loaded, total, done } }),
    });
    bytes.catch(() => undefined); // handled below, after the runtime is awaited
    try {
      await this.ort();
    } catch (error) {
      this.deps.post({ type: 'load-failed', model, error: (error as RuntimeUnavailable).wire });
      return;
    }
    let data: Uint8Array;
    try {
      data = await bytes;
    } catch (error) {
      this.deps.post({ type: 'load-failed', model, error: modelFailure(model, error) });
      return;
    }
    await this.serial(async () => {
      const entry: ModelEntry = { info: { name: model, inputs: [], outputs: [] }, bytes: data, sample, sessions: new Map() };
      let session: Session;
      try {
        session = await this.sessionWithFallback(entry, this.backend ?? 'wasm');
      } catch (error) {
        this.deps.post({ type: 'load-failed', model, error: modelFailure(model, error) });
        return;
      }
      entry.info = describeSession(model, session);
      this.models.set(model, entry);
      this.deps.post({ type: 'loaded', info: entry.info });
      if (this.backend === null) this.startMeasuring(entry);
    });
  }

  private session(entry: ModelEntry, backend: Backend): Promise<Session> {
    let session = entry.sessions.get(backend);
    if (!session) {
      session = this.createSession(entry.bytes, backend);
      entry.sessions.set(backend, session);
      // A failed creation is not cached: the next request tries again (or on the other backend).
      session.catch(() => entry.sessions.delete(backend));
    }
    return session;
  }

  private async createSession(bytes: Uint8Array, backend: Backend): Promise<Session> {
    const ort = await this.ort();
    const session = await ort.InferenceSession.create(bytes, {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
      // Errors reach the widget as messages; ORT's own log would print them again as console errors.
      logSeverityLevel: 4,
    });
    if (backend === 'webgpu') void this.watchDevice(ort);
    return session;
  }

  /**
   * A session on the requested backend; if WebGPU fails where wasm works, WebGPU is broken on this page
   * (driver, lost device), so everything moves to wasm and the reader is told. If wasm fails too, the
   * model file is at fault, and WebGPU keeps its good name.
   */
  private async sessionWithFallback(entry: ModelEntry, backend: Backend): Promise<Session> {
    try {
      return await this.session(entry, backend);
    } catch (error) {
      if (backend !== 'webgpu') throw error;
      const session = await this.session(entry, 'wasm');
      this.fallBackToWasm();
      return session;
    }
  }

  private fallBackToWasm(): void {
    if (this.webgpuBroken) return;
    this.webgpuBroken = true;
    this.releaseSessions('webgpu');
    this.decide('fallback');
    this.deps.post({ type: 'notice', message: WEBGPU_FALLBACK_NOTICE });
  }

  /** A lost GPU device (driver reset, tab in the background on some phones) must not strand the page. */
  private async watchDevice(ort: Ort): Promise<void> {
    if (this.watchingDevice) return;
    this.watchingDevice = true;
    try {
      const device = (await ort.env.webgpu.device) as { lost?: Promise<{ reason?: string }> } | undefined;
      if (!device?.lost) return;
      const info = await device.lost;
      // 'destroyed' is a deliberate release, not a failure.
      if (info?.reason !== 'destroyed') this.serial(async () => this.fallBackToWasm()).catch(() => undefined);
    } catch {
      // No device to watch: nothing to fall back from.
    }
  }

  // ---- backend measurement ----

  /**
   * Times the model on both backends in the background and keeps the faster; the page stores the result.
   * Not awaited by the caller, and each step (a session, one run) is its own serialized task, so a reader's
   * runs slip in between steps and are answered on wasm meanwhile: on a slow (software) GPU adapter the
   * first WebGPU run alone can take seconds of shader compilation, and the figure must not wait for it.
   */
  private startMeasuring(entry: ModelEntry): void {
    if (this.measuring) return;
    this.measuring = this.measure(entry)
      .catch(() => undefined)
      .finally(() => (this.measuring = null));
  }

  private async measure(entry: ModelEntry): Promise<void> {
    const feeds = entry.sample ?? sampleFeeds(entry.info.inputs);
    const measurements: Measurements = { wasm: null, webgpu: null };
    if (feeds) {
      measurements.wasm = await this.time(entry, 'wasm', feeds, null);
      measurements.webgpu = this.webgpuUsable() ? await this.time(entry, 'webgpu', feeds, measurements.wasm) : null;
    }
    await this.serial(async () => {
      // The reader may have picked a backend in the menu meanwhile: their choice stands.
      if (this.backend !== null) return;
      const winner = fasterBackend(measurements);
      if (!winner) {
        // Nothing could be timed (no sample, or the sample does not fit the model): wasm, unremembered.
        this.backend = 'wasm';
        this.deps.post({ type: 'backend', hasWebGPU: this.webgpuUsable(), backend: 'wasm', why: null, measurements: null });
        return;
      }
      this.measurements = measurements;
      this.deps.post({ type: 'measured', backend: winner, measurements });
      this.decide();
      // The loser's session (GPU buffers, or a second copy of the weights) is recreated if ever needed.
      if (this.backend) this.releaseSessions(this.backend === 'wasm' ? 'webgpu' : 'wasm');
    });
  }

  /** Median ms per run, or null if the backend cannot run the model; stops early once it cannot beat `beat`. */
  private async time(entry: ModelEntry, backend: Backend, feeds: Feeds, beat: number | null): Promise<number | null> {
    try {
      const ort = await this.ort();
      const tensors = toOrtFeeds(ort, feeds);
      const times: number[] = [];
      for (let i = 0; i < WARMUP_RUNS + TIMED_RUNS; i++) {
        // A wasm run settles in microtasks only; without yielding to the event loop, a reader's run request
        // (a message event) would not even be read until the whole timing was over.
        await nextTask();
        const ms = await this.serial(async () => {
          // Looked up at every step: a menu change in between may have released it (it is then recreated).
          const session = await this.session(entry, backend);
          const t0 = this.deps.now();
          const results = await session.run(tensors);
          const elapsed = this.deps.now() - t0;
          for (const t of Object.values(results)) t.dispose();
          return elapsed;
        });
        if (i >= WARMUP_RUNS) times.push(ms);
        if (cannotBeat(times, beat, TIMED_RUNS)) break;
      }
      return median(times);
    } catch {
      return null;
    }
  }

  // ---- inference ----

  private async run(id: number, model: string, feeds: Feeds, fetches: string[] | null): Promise<void> {
    try {
      await this.ort();
    } catch (error) {
      this.deps.post({ type: 'run-failed', id, error: (error as RuntimeUnavailable).wire });
      return;
    }
    await this.serial(async () => {
      const entry = this.models.get(model);
      if (!entry) {
        this.deps.post({ type: 'run-failed', id, error: runFailure(model, new Error('the model is not loaded')) });
        return;
      }
      const backend = this.backend ?? 'wasm';
      try {
        await this.runOn(entry, backend, id, feeds, fetches);
      } catch (error) {
        if (backend === 'webgpu') {
          // Either WebGPU broke or the input is bad: wasm tells which.
          try {
            await this.runOn(entry, 'wasm', id, feeds, fetches);
            this.fallBackToWasm();
            return;
          } catch (wasmError) {
            error = wasmError;
          }
        }
        this.deps.post({ type: 'run-failed', id, error: runFailure(model, error) });
      }
    });
  }

  private async runOn(entry: ModelEntry, backend: Backend, id: number, feeds: Feeds, fetches: string[] | null): Promise<void> {
    const ort = await this.ort();
    const session = await this.session(entry, backend);
    const t0 = this.deps.now();
    const results = fetches ? await session.run(toOrtFeeds(ort, feeds), fetches) : await session.run(toOrtFeeds(ort, feeds));
    const ms = this.deps.now() - t0;
    const outputs = fromOrtResults(results);
    this.deps.post({ type: 'result', id, outputs, backend, ms }, transferablesOf(outputs));
  }
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function toOrtFeeds(ort: Ort, feeds: Feeds): Record<string, OrtTypes.Tensor> {
  const tensors: Record<string, OrtTypes.Tensor> = {};
  for (const [name, t] of Object.entries(feeds)) tensors[name] = new ort.Tensor(t.type, t.data, t.dims);
  return tensors;
}

/** ORT's outputs as plain tensors; types the page cannot represent (strings, float16) are left out. */
function fromOrtResults(results: Record<string, OrtTypes.Tensor>): Outputs {
  const outputs: Outputs = {};
  for (const [name, t] of Object.entries(results)) {
    if (t.location === 'cpu' && isTensorType(t.type)) {
      outputs[name] = { type: t.type, data: t.data, dims: [...t.dims] } as Tensor;
    }
  }
  return outputs;
}

function describeSession(name: string, session: Session): ModelInfo {
  const metadata = (session as { inputMetadata?: readonly OrtTypes.InferenceSession.ValueMetadata[] }).inputMetadata;
  const inputs: InputInfo[] = session.inputNames.map((input) => {
    const meta = metadata?.find((m) => m.name === input);
    return meta && meta.isTensor ? { name: input, type: meta.type, shape: [...meta.shape] } : { name: input, type: null, shape: null };
  });
  return { name, inputs, outputs: [...session.outputNames] };
}
