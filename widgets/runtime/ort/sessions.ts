/**
 * What any caller needs to run a model in the worker: the one ORT runtime, the models' bytes, a session per
 * model and backend, and runs. Which backend to use is not decided here (active-backend.ts is).
 *
 * The wasm build of ORT starts first, always (14.2 MB; the WebGPU build is 26.8 MB and would hold back the
 * figure's first answer). The WebGPU build starts only when asked (`startWebGPU`: after the page's figures
 * are live, or when the reader picks WebGPU), beside it: wasm sessions stay on the wasm build, WebGPU sessions
 * open on the WebGPU build. The .wasm files are fetched here with progress and handed to ORT, model files are
 * fetched here and kept (a session for the other backend can then be created without a second download),
 * one session per model and backend. ORT calls are serialized (`serial`): the wasm runtime is
 * single-threaded, and interleaving session creation with a run on the asyncify (WebGPU) build is not supported.
 */
import { gunzipIfNeeded } from './gzip.ts';
import type * as OrtTypes from 'onnxruntime-web';
import type { Backend, Build } from './backend-choice.ts';
import { fetchWithProgress } from './fetch-progress.ts';
import { runtimeFailure } from './messages.ts';
import { ORT_BUILDS, threadCount } from './ort-builds.ts';
import type { Download } from './progress.ts';
import { isTensorType, type Feeds, type InputInfo, type ModelInfo, type Outputs, type Tensor, type WireError } from './protocol.ts';

export type Ort = typeof OrtTypes;
export type Session = OrtTypes.InferenceSession;

/** The worker's globals that starting ORT and fetching files need (passed in, so that Node tests can stand in). */
export interface SessionsDeps {
  fetch(url: string): Promise<Response>;
  /** The adapter from navigator.gpu.requestAdapter(), or null (no WebGPU, or the request failed). */
  requestAdapter(): Promise<unknown>;
  importOrt(build: Build): Promise<Ort>;
  wasmUrl(build: Build): string;
  now(): number;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number | undefined;
}

/** What the sessions tell their owner. */
export interface SessionsEvents {
  progress(download: Download): void;
  /**
   * The runtime is configured; called before `start()` resolves, so that the backend is decided (and
   * announced) before anything waiting for the runtime goes on.
   */
  ready(hasWebGPU: boolean): void;
  /** The GPU device was lost; called as a serialized task. */
  deviceLost(): void;
}

/** A model's bytes and its sessions by backend; `info` is read from its first session. */
export interface ModelEntry {
  info: ModelInfo;
  bytes: Uint8Array;
  sessions: Map<Backend, Promise<Session>>;
}

/** The runtime could not start: every load fails with this, as a runtime (not a model) problem. */
export class RuntimeUnavailable extends Error {
  readonly wire: WireError;
  constructor(wire: WireError) {
    super(wire.message);
    this.wire = wire;
  }
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

export class Sessions {
  private started: Promise<Ort> | null = null;
  /** The WebGPU build, once asked for (`startWebGPU`). */
  private webgpuStarted: Promise<Ort> | null = null;
  /** The adapter found at the start, handed to the WebGPU build. */
  private adapter: unknown = null;
  /** Only models whose first session opened. */
  private readonly models = new Map<string, ModelEntry>();
  private chain: Promise<unknown> = Promise.resolve();
  private watchingDevice = false;
  private readonly deps: SessionsDeps;
  private readonly events: SessionsEvents;

  constructor(deps: SessionsDeps, events: SessionsEvents) {
    this.deps = deps;
    this.events = events;
  }

  /** Runs `task` after every task queued before it: all ORT calls (session creation, runs) go through here. */
  serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.chain.then(task);
    this.chain = result.catch(() => undefined);
    return result;
  }

  // ---- runtime ----

  /** The runtime's start, or null before `start()`. */
  get runtime(): Promise<Ort> | null {
    return this.started;
  }

  /** Starts the runtime (once); rejects with a RuntimeUnavailable. */
  start(): Promise<Ort> {
    this.started ??= this.boot();
    return this.started;
  }

  private async boot(): Promise<Ort> {
    try {
      try {
        this.adapter = (await this.deps.requestAdapter()) ?? null;
      } catch {
        this.adapter = null; // a throwing requestAdapter() is "no WebGPU", silently
      }
      const hasWebGPU = this.adapter !== null;
      const ort = await this.bootBuild('wasm', 'runtime', 'runtime');
      this.events.ready(hasWebGPU);
      return ort;
    } catch (error) {
      throw new RuntimeUnavailable(runtimeFailure(error));
    }
  }

  /** One ORT build: its module and its .wasm (fetched with progress under `id`), configured. */
  private async bootBuild(build: Build, id: string, label: string): Promise<Ort> {
    const [ort, fetched] = await Promise.all([
      this.deps.importOrt(build),
      fetchWithProgress(this.deps.wasmUrl(build), {
        fetch: this.deps.fetch,
        expectedBytes: ORT_BUILDS[build].wasmBytes,
        now: this.deps.now,
        onProgress: (loaded, total, done) => this.events.progress({ id, label, loaded, total, done }),
      }),
    ]);
    const binary = await gunzipIfNeeded(fetched);
    if (!WASM_MAGIC.every((byte, i) => binary[i] === byte)) throw new Error('the runtime file is not WebAssembly');
    ort.env.wasm.wasmBinary = binary;
    ort.env.wasm.numThreads = threadCount(this.deps.crossOriginIsolated, this.deps.hardwareConcurrency);
    // Already off the main thread: ORT's own proxy worker would be a second hop.
    ort.env.wasm.proxy = false;
    ort.env.logLevel = 'error';
    // Reuses the adapter found at the start instead of ORT requesting a second one. Deprecated in ORT's
    // typings (in favour of handing it a GPUDevice) but honoured by 1.30; a device we create ourselves could
    // lack the limits and features ORT's WebGPU EP requests for itself.
    if (build === 'webgpu') ort.env.webgpu.adapter = this.adapter as Ort['env']['webgpu']['adapter'];
    return ort;
  }

  /**
   * Starts the WebGPU build (once; a failed start is forgotten, so asking again retries). Only where the
   * start found an adapter; rejects with a RuntimeUnavailable otherwise or when it cannot start.
   */
  startWebGPU(): Promise<Ort> {
    if (!this.webgpuStarted) {
      const started = (async () => {
        await this.ort();
        if (this.adapter === null) throw new Error('this device has no WebGPU');
        return this.bootBuild('webgpu', 'runtime-webgpu', 'WebGPU runtime');
      })().catch((error: unknown) => {
        this.webgpuStarted = null;
        throw error instanceof RuntimeUnavailable ? error : new RuntimeUnavailable(runtimeFailure(error));
      });
      this.webgpuStarted = started;
    }
    return this.webgpuStarted;
  }

  /** The build that runs `backend`'s sessions: the wasm build, or the WebGPU build (which must be started). */
  async ortFor(backend: Backend): Promise<Ort> {
    if (backend === 'wasm') return this.ort();
    if (!this.webgpuStarted) throw new Error('the WebGPU runtime was not started');
    return this.webgpuStarted;
  }

  /** The started runtime; rejects with a RuntimeUnavailable if it failed or was never started. */
  async ort(): Promise<Ort> {
    if (!this.started) throw new RuntimeUnavailable(runtimeFailure(new Error('the runtime was not initialized')));
    return this.started;
  }

  // ---- models ----

  /** A model file's bytes, with progress under the model's name. */
  download(model: string, url: string, expectedBytes: number | null): Promise<Uint8Array> {
    return fetchWithProgress(url, {
      fetch: this.deps.fetch,
      expectedBytes,
      now: this.deps.now,
      onProgress: (loaded, total, done) => this.events.progress({ id: model, label: model, loaded, total, done }),
    });
  }

  /** A model that opened, by name. */
  model(name: string): ModelEntry | undefined {
    return this.models.get(name);
  }

  /** A model not opened yet: `session()` opens it, then `keep()` makes it known by name. */
  newModel(name: string, bytes: Uint8Array): ModelEntry {
    return { info: { name, inputs: [], outputs: [] }, bytes, sessions: new Map() };
  }

  /** Keeps a model whose first session opened, described from that session. */
  keep(entry: ModelEntry, session: Session): void {
    entry.info = describeSession(entry.info.name, session);
    this.models.set(entry.info.name, entry);
  }

  // ---- sessions ----

  /** The model's session on `backend`, created on first use. Call inside `serial`. */
  session(entry: ModelEntry, backend: Backend): Promise<Session> {
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
    const ort = await this.ortFor(backend);
    const session = await ort.InferenceSession.create(bytes, {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
      // Errors reach the widget as messages; ORT's own log would print them again as console errors.
      logSeverityLevel: 4,
    });
    if (backend === 'webgpu') void this.watchDevice(ort);
    return session;
  }

  /** Releases every model's session on `backend` (recreated if that backend is used again). */
  release(backend: Backend): void {
    for (const entry of this.models.values()) {
      const session = entry.sessions.get(backend);
      entry.sessions.delete(backend);
      session?.then((s) => s.release()).catch(() => undefined);
    }
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
      if (info?.reason !== 'destroyed') this.serial(async () => this.events.deviceLost()).catch(() => undefined);
    } catch {
      // No device to watch: nothing to fall back from.
    }
  }

  // ---- runs ----

  /** One run on `backend`: the outputs (read back to the CPU) and how long it took. Call inside `serial`. */
  async run(entry: ModelEntry, backend: Backend, feeds: Feeds, fetches: string[] | null): Promise<{ outputs: Outputs; ms: number }> {
    const ort = await this.ortFor(backend);
    const session = await this.session(entry, backend);
    const t0 = this.deps.now();
    const results = fetches ? await session.run(toOrtFeeds(ort, feeds), fetches) : await session.run(toOrtFeeds(ort, feeds));
    const ms = this.deps.now() - t0;
    return { outputs: fromOrtResults(results), ms };
  }
}

export function toOrtFeeds(ort: Ort, feeds: Feeds): Record<string, OrtTypes.Tensor> {
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
