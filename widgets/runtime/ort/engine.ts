/**
 * Everything the inference worker does, with the worker's globals passed in (post, fetch, WebGPU
 * detection, the ORT import), so that it also runs in Node tests against onnxruntime-web's Node build.
 *
 * The worker's side of the protocol: each message from the page becomes work on the sessions (runtime,
 * models, runs: sessions.ts) with the backend in use (active-backend.ts), and every outcome becomes a
 * message back. Where WebGPU fails and wasm works, the work is redone on wasm and WebGPU is given up.
 */
import type { Backend, Preference, StoredChoice } from './backend-choice.ts';
import { ActiveBackend } from './active-backend.ts';
import { modelFailure, runFailure, runtimeFailure } from './messages.ts';
import { transferablesOf, type Feeds, type FromWorker, type ToWorker } from './protocol.ts';
import { RuntimeUnavailable, Sessions, type ModelEntry, type Session, type SessionsDeps } from './sessions.ts';

export type { Ort } from './sessions.ts';

export interface EngineDeps extends SessionsDeps {
  post(message: FromWorker, transfer?: Transferable[]): void;
}

export class InferenceEngine {
  private readonly sessions: Sessions;
  private readonly backend: ActiveBackend;
  private readonly deps: EngineDeps;

  constructor(deps: EngineDeps) {
    this.deps = deps;
    this.sessions = new Sessions(deps, {
      progress: (download) => this.deps.post({ type: 'progress', download }),
      ready: (hasWebGPU) => this.backend.ready(hasWebGPU),
      deviceLost: () => this.backend.fallBackToWasm(),
    });
    this.backend = new ActiveBackend(this.sessions, deps);
  }

  /** Never throws, never leaves a rejection unhandled: every failure becomes a message to the page. */
  handle(message: ToWorker): void {
    const done = (() => {
      switch (message.type) {
        case 'init':
          return this.init(message.preference, message.stored);
        case 'prefer':
          return this.prefer(message.preference);
        case 'upgrade':
          return this.upgrade();
        case 'load':
          return this.load(message.model, message.url, message.expectedBytes, message.sample);
        case 'run':
          return this.run(message.id, message.model, message.feeds, message.fetches);
      }
    })();
    done?.catch((error: unknown) => this.deps.post({ type: 'notice', message: runtimeFailure(error).message }));
  }

  // ---- runtime ----

  private async init(preference: Preference, stored: StoredChoice['measured']): Promise<void> {
    if (this.sessions.runtime) return;
    this.backend.remember(preference, stored);
    try {
      await this.sessions.start();
    } catch (error) {
      this.deps.post({ type: 'runtime-failed', error: (error as RuntimeUnavailable).wire });
    }
  }

  private async prefer(preference: Preference): Promise<void> {
    this.backend.prefer(preference);
    const runtime = this.sessions.runtime;
    if (!runtime) return; // init will decide with it
    try {
      await runtime;
    } catch {
      return; // already reported as runtime-failed
    }
    await this.sessions.serial(async () => this.backend.reconsider());
  }

  /** The page's figures are live: the WebGPU build may come now (active-backend.ts decides if it is wanted). */
  private async upgrade(): Promise<void> {
    try {
      await this.sessions.ort();
    } catch {
      return; // no runtime, nothing to upgrade (already reported)
    }
    await this.sessions.serial(async () => this.backend.upgrade());
  }

  // ---- models ----

  private async load(model: string, url: string, expectedBytes: number | null, sample: Feeds | null): Promise<void> {
    const existing = this.sessions.model(model);
    if (existing) {
      this.deps.post({ type: 'loaded', info: existing.info });
      return;
    }
    // The model downloads while the runtime does.
    const bytes = this.sessions.download(model, url, expectedBytes);
    bytes.catch(() => undefined); // handled below, after the runtime is awaited
    try {
      await this.sessions.ort();
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
    await this.sessions.serial(async () => {
      const entry = this.sessions.newModel(model, data);
      let session: Session;
      try {
        session = await this.sessionWithFallback(entry, this.backend.current);
      } catch (error) {
        this.deps.post({ type: 'load-failed', model, error: modelFailure(model, error) });
        return;
      }
      this.sessions.keep(entry, session);
      this.deps.post({ type: 'loaded', info: entry.info });
      this.backend.opened(entry, sample);
    });
  }

  /**
   * A session on the requested backend; if WebGPU fails where wasm works, WebGPU is broken on this page
   * (driver, lost device), so everything moves to wasm and the reader is told. If wasm fails too, the
   * model file is at fault, and WebGPU keeps its good name.
   */
  private async sessionWithFallback(entry: ModelEntry, backend: Backend): Promise<Session> {
    try {
      return await this.sessions.session(entry, backend);
    } catch (error) {
      if (backend !== 'webgpu') throw error;
      const session = await this.sessions.session(entry, 'wasm');
      this.backend.fallBackToWasm();
      return session;
    }
  }

  // ---- inference ----

  private async run(id: number, model: string, feeds: Feeds, fetches: string[] | null): Promise<void> {
    try {
      await this.sessions.ort();
    } catch (error) {
      this.deps.post({ type: 'run-failed', id, error: (error as RuntimeUnavailable).wire });
      return;
    }
    await this.sessions.serial(async () => {
      const entry = this.sessions.model(model);
      if (!entry) {
        this.deps.post({ type: 'run-failed', id, error: runFailure(model, new Error('the model is not loaded')) });
        return;
      }
      const backend = this.backend.current;
      try {
        await this.runOn(entry, backend, id, feeds, fetches);
      } catch (error) {
        if (backend === 'webgpu') {
          // Either WebGPU broke or the input is bad: wasm tells which.
          try {
            await this.runOn(entry, 'wasm', id, feeds, fetches);
            this.backend.fallBackToWasm();
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
    const { outputs, ms } = await this.sessions.run(entry, backend, feeds, fetches);
    this.deps.post({ type: 'result', id, outputs, backend, ms }, transferablesOf(outputs));
  }
}
