/**
 * The page's model runtime: what widgets import. One per page (`modelRuntime()`), shared by every figure,
 * and lazy: importing this module loads nothing; the inference worker, ORT and its .wasm are fetched on
 * the first `load()` (widgets hydrate with client:visible, so when a model figure nears the viewport).
 *
 * Page side of the worker protocol: it remembers the backend choice (localStorage), keeps one load per
 * model, queues runs newest-wins per key, and turns every failure into a ModelRuntimeError whose message
 * is written for the reader. Nothing here throws past a widget's own promise.
 */
import {
  EMPTY_CHOICE,
  STORAGE_KEY,
  parseStoredChoice,
  serializeStoredChoice,
  type Backend,
  type Preference,
  type StoredChoice,
} from './backend-choice.ts';
import { LatestWinsQueue, type Ticket } from './latest-wins.ts';
import {
  ModelRuntimeError,
  feedsProblem,
  isFromWorker,
  type Feeds,
  type FromWorker,
  type ModelInfo,
  type Outputs,
  type ToWorker,
  type WireError,
} from './protocol.ts';
import { initialStatus, reduceStatus, type RuntimeStatus, type StatusEvent } from './status.ts';

export { modelUrl } from './model-url.ts';
export { ModelRuntimeError, float32, type Feeds, type ModelInfo, type Outputs, type Tensor } from './protocol.ts';
export type { Backend, Preference } from './backend-choice.ts';
export type { RuntimeStatus } from './status.ts';

export interface LoadOptions {
  /** The file's size in bytes (the model card's `bytes`): a progress total when the server compresses. */
  expectedBytes?: number;
  /**
   * Typical inputs, used to time the backends on this model if it is the first one loaded and no choice
   * is remembered. Without it, zeros shaped like the model's inputs are used (free dims: 1, then 48).
   */
  sample?: Feeds;
}

export interface RunOptions {
  /** Requests under one key are newest-wins (use the figure id). Without a key, a request is never dropped. */
  key?: string;
  /** Only these outputs are computed and sent back (default: all of them). */
  outputs?: string[];
}

export type RunResult =
  | { stale: false; outputs: Outputs; backend: Backend; ms: number }
  /** A newer request under the same key was made: do not paint; the newer one's result is coming. */
  | { stale: true };

export interface ModelRuntime {
  /** Fetches the model (once per page) and opens it; resolves with its input and output names. */
  load(model: string, url: string, options?: LoadOptions): Promise<ModelInfo>;
  /** Runs a loaded (or loading) model. Inputs are copied to the worker; output buffers are transferred. */
  run(model: string, feeds: Feeds, options?: RunOptions): Promise<RunResult>;
  /** The reader's menu choice; remembered across visits. */
  setPreference(preference: Preference): void;
  /**
   * A figure ran a model on the page's own thread instead (main-thread.ts, on the wasm backend this runtime
   * chose): its time becomes the status's last run, as the worker's runs do.
   */
  recordRun(ms: number): void;
  readonly status: RuntimeStatus;
  /** Called on every status change; returns the unsubscribe function. */
  subscribe(listener: (status: RuntimeStatus) => void): () => void;
}

interface RunJob {
  model: string;
  feeds: Feeds;
  fetches: string[] | null;
  ticket: Ticket;
  resolve(result: RunResult): void;
  reject(error: ModelRuntimeError): void;
}

interface LoadEntry {
  url: string;
  promise: Promise<ModelInfo>;
  resolve(info: ModelInfo): void;
  reject(error: ModelRuntimeError): void;
}

function browserOnly(): ModelRuntimeError {
  return new ModelRuntimeError({ kind: 'runtime', message: 'The models run in the browser, with JavaScript on.' });
}

/** The two things the runtime takes from the page, replaceable in tests. */
export interface RuntimeHost {
  createWorker(): Worker;
  /** localStorage, or null where it is unavailable. */
  storage(): Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Calls `task` when the page is idle (default: requestIdleCallback, at most 10 s late). */
  whenIdle?(task: () => void): void;
}

function whenIdle(task: () => void): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number }).requestIdleCallback;
  if (typeof idle === 'function') idle(task, { timeout: 10_000 });
  else setTimeout(task, 1_000);
}

const browserHost: RuntimeHost = {
  // This exact form lets Vite find the worker, bundle it (with its ORT imports) and emit it under _astro/.
  createWorker: () =>
    new Worker(new URL('./inference.worker.ts', import.meta.url), { type: 'module', name: 'dezoom-inference' }),
  storage: () => globalThis.localStorage ?? null,
};

export class PageRuntime implements ModelRuntime {
  private worker: Worker | null = null;
  private readonly loads = new Map<string, LoadEntry>();
  private readonly queue = new LatestWinsQueue<RunJob>();
  private inFlight: { id: number; job: RunJob } | null = null;
  private nextId = 1;
  private anonymous = 0;
  /** The WebGPU build was offered to this worker (after its first answer, in idle time). */
  private upgradeOffered = false;
  private stored: StoredChoice;
  private current: RuntimeStatus;
  private readonly listeners = new Set<(status: RuntimeStatus) => void>();
  private readonly host: RuntimeHost;

  constructor(host: RuntimeHost) {
    this.host = host;
    this.stored = this.readStoredChoice();
    this.current = initialStatus(this.stored.preference);
  }

  private readStoredChoice(): StoredChoice {
    try {
      return parseStoredChoice(this.host.storage()?.getItem(STORAGE_KEY) ?? null);
    } catch {
      return EMPTY_CHOICE; // storage disabled (privacy settings, sandboxed iframe): nothing remembered
    }
  }

  private writeStoredChoice(): void {
    try {
      this.host.storage()?.setItem(STORAGE_KEY, serializeStoredChoice(this.stored));
    } catch {
      // Full or disabled storage: the choice lasts for this page only.
    }
  }

  get status(): RuntimeStatus {
    return this.current;
  }

  subscribe(listener: (status: RuntimeStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(event: StatusEvent): void {
    this.current = reduceStatus(this.current, event);
    for (const listener of this.listeners) {
      try {
        listener(this.current);
      } catch (error) {
        console.warn('model runtime status listener', error);
      }
    }
  }

  setPreference(preference: Preference): void {
    this.stored = { ...this.stored, preference };
    this.writeStoredChoice();
    this.update({ type: 'prefer', preference });
    this.post({ type: 'prefer', preference });
  }

  recordRun(ms: number): void {
    this.update({ type: 'ran-here', ms });
  }

  load(model: string, url: string, options: LoadOptions = {}): Promise<ModelInfo> {
    if (typeof window === 'undefined' || typeof document === 'undefined') return Promise.reject(browserOnly());
    let absolute: string;
    try {
      absolute = new URL(url, document.baseURI).href;
    } catch {
      return Promise.reject(new ModelRuntimeError({ kind: 'model', message: `The model "${model}" has an invalid address.` }));
    }
    const existing = this.loads.get(model);
    if (existing) {
      if (existing.url === absolute) return existing.promise;
      return Promise.reject(
        new ModelRuntimeError({ kind: 'model', message: `The model name "${model}" is already used for another file.` }),
      );
    }
    const sampleProblem = options.sample ? feedsProblem(options.sample) : null;
    if (sampleProblem) return Promise.reject(new ModelRuntimeError({ kind: 'run', message: sampleProblem }));

    let resolve!: (info: ModelInfo) => void;
    let reject!: (error: ModelRuntimeError) => void;
    const promise = new Promise<ModelInfo>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Marked handled: every caller still sees the rejection, but a figure that dropped its promise (it
    // unmounted) does not turn a 404 into an "unhandled rejection" on the reader's console.
    promise.catch(() => undefined);
    this.loads.set(model, { url: absolute, promise, resolve, reject });
    this.update({ type: 'load-started', model });
    if (!this.ensureWorker()) return promise; // already rejected by fail()
    this.post({
      type: 'load',
      model,
      url: absolute,
      expectedBytes: options.expectedBytes ?? null,
      sample: options.sample ?? null,
    });
    return promise;
  }

  async run(model: string, feeds: Feeds, options: RunOptions = {}): Promise<RunResult> {
    // Claimed before any await: the order of requests is the order of the reader's input.
    const ticket = this.queue.claim(options.key ?? `\u0000anonymous-${++this.anonymous}`);
    const problem = feedsProblem(feeds);
    if (problem) throw new ModelRuntimeError({ kind: 'run', message: problem });
    const load = this.loads.get(model);
    if (!load) {
      throw new ModelRuntimeError({ kind: 'run', message: `The model "${model}" was not loaded (call load() first).` });
    }
    await load.promise;
    return new Promise<RunResult>((resolve, reject) => {
      const job: RunJob = { model, feeds, fetches: options.outputs ?? null, ticket, resolve, reject };
      for (const dropped of this.queue.enqueue(ticket, job)) dropped.resolve({ stale: true });
      this.pump();
    });
  }

  // ---- the worker ----

  private post(message: ToWorker): void {
    try {
      this.worker?.postMessage(message);
    } catch (error) {
      // A feed that cannot be cloned, or a dead worker: the caller's promise reports it.
      this.fail({ kind: 'runtime', message: 'The model runtime stopped working. Reload the page to try again.', detail: String(error) });
    }
  }

  private ensureWorker(): boolean {
    if (this.worker) return true;
    try {
      this.worker = this.host.createWorker();
    } catch (error) {
      this.fail({ kind: 'runtime', message: 'This browser cannot start the model runtime (module workers are needed).', detail: String(error) });
      return false;
    }
    this.worker.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
    this.worker.addEventListener('error', (event) => {
      // Not preventDefault'ed, the browser would report it as an uncaught page error.
      event.preventDefault();
      this.fail({
        kind: 'runtime',
        message: 'The model runtime could not start or stopped working. Reload the page to try again.',
        detail: event.message,
      });
    });
    this.worker.addEventListener('messageerror', () => {
      this.fail({ kind: 'runtime', message: 'The model runtime sent a result this page could not read.' });
    });
    this.update({ type: 'starting' });
    this.post({ type: 'init', preference: this.stored.preference, stored: this.stored.measured });
    return true;
  }

  private receive(data: unknown): void {
    if (!isFromWorker(data)) return;
    const message: FromWorker = data;
    this.update(message);
    switch (message.type) {
      case 'measured':
        this.stored = { ...this.stored, measured: { backend: message.backend, ms: message.measurements } };
        this.writeStoredChoice();
        break;
      case 'loaded':
        this.loads.get(message.info.name)?.resolve(message.info);
        break;
      case 'load-failed': {
        const entry = this.loads.get(message.model);
        // Forgotten, so that a later load() (a retry button, the next figure) tries again.
        this.loads.delete(message.model);
        entry?.reject(new ModelRuntimeError(message.error));
        break;
      }
      case 'runtime-failed':
        this.fail(message.error);
        break;
      case 'result':
        this.settle(message);
        this.offerUpgrade();
        break;
      case 'run-failed':
        this.settle(message);
        break;
    }
  }

  /**
   * WASM first: the worker starts on the wasm build, and the larger WebGPU build (if this device has WebGPU
   * and it is wanted: active-backend.ts) is fetched only once a figure has answered, when the page is idle,
   * so it never delays the first interaction.
   */
  private offerUpgrade(): void {
    if (this.upgradeOffered) return;
    this.upgradeOffered = true;
    const worker = this.worker;
    (this.host.whenIdle ?? whenIdle)(() => {
      if (worker && this.worker === worker) this.post({ type: 'upgrade' });
    });
  }

  private settle(message: Extract<FromWorker, { type: 'result' | 'run-failed' }>): void {
    if (!this.inFlight || this.inFlight.id !== message.id) return;
    const { job } = this.inFlight;
    this.inFlight = null;
    if (!this.queue.isCurrent(job.ticket)) job.resolve({ stale: true });
    else if (message.type === 'result') {
      job.resolve({ stale: false, outputs: message.outputs, backend: message.backend, ms: message.ms });
    } else job.reject(new ModelRuntimeError(message.error));
    this.pump();
  }

  private pump(): void {
    if (this.inFlight || !this.worker) return;
    for (let next = this.queue.take(); next; next = this.queue.take()) {
      // A newer request may have been claimed since this one was queued (it is still waiting for its model).
      if (!this.queue.isCurrent(next.ticket)) {
        next.job.resolve({ stale: true });
        continue;
      }
      const id = this.nextId++;
      this.inFlight = { id, job: next.job };
      const { model, feeds, fetches } = next.job;
      this.post({ type: 'run', id, model, feeds, fetches });
      return;
    }
  }

  /**
   * The runtime is gone: every waiting promise rejects with the reader's message, and the next load()
   * starts a fresh worker (a retry after a network hiccup works without reloading the page).
   */
  private fail(error: WireError): void {
    const worker = this.worker;
    this.worker = null;
    this.upgradeOffered = false;
    worker?.terminate();
    this.update({ type: 'worker-died', message: error.message });
    const failure = new ModelRuntimeError(error);
    const loads = [...this.loads.values()];
    this.loads.clear();
    for (const load of loads) load.reject(failure);
    const inFlight = this.inFlight;
    this.inFlight = null;
    inFlight?.job.reject(failure);
    for (const job of this.queue.drain()) job.reject(failure);
  }
}

let instance: PageRuntime | null = null;

/** The page's runtime (created on first call; nothing is downloaded until a model is loaded). */
export function modelRuntime(): ModelRuntime {
  instance ??= new PageRuntime(browserHost);
  return instance;
}
