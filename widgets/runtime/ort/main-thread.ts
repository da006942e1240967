/**
 * Tiny models on the page's own thread. The shared runtime (runtime.ts) runs models in a worker so that a
 * slow forward pass never blocks typing; but a worker's answer always arrives after the frame in which the
 * input was handled, so the reader sees it one frame later at best. For a model whose forward pass takes about
 * a millisecond (the convnet: 1.1–1.2 ms median in Chromium, bench/RESULTS.md), running it here instead lets
 * the result paint in the input's own frame: stroke → painted prediction 10.3 ms median instead of 20.7 ms,
 * measured on the same machine (bench convnet-latency). Only the CPU build is used (`onnxruntime-web/wasm`,
 * one thread): on such a model WebGPU measured 100 times slower here (115 ms against 1.2 ms per pass, on SwiftShader, a software adapter; not measured on a real GPU).
 *
 * Each model is fetched and opened once per page. Runs under one key are newest-wins: a run that a newer run of
 * the same key overtook resolves to null. Failures are ModelRuntimeErrors with a sentence for the reader.
 */
import type * as Ort from 'onnxruntime-web';
import { HttpError, NetworkError } from './fetch-progress.ts';
import { modelFailure } from './messages.ts';
import { ModelRuntimeError } from './protocol.ts';

export interface TensorOut {
  data: Float32Array;
  dims: readonly number[];
}

/** A feed: float32, or int64 token ids (BigInt64Array). */
export interface TensorIn {
  data: Float32Array | BigInt64Array;
  dims: readonly number[];
}

export interface MainThreadModel {
  /**
   * Feeds by input name; resolves to the float32 outputs and the run's time, or null if overtaken.
   * `outputs`: compute only these (default: all).
   */
  run(feeds: Record<string, TensorIn>, key: string, outputs?: readonly string[]): Promise<{ outputs: Record<string, TensorOut>; ms: number } | null>;
}

let ort: Promise<typeof Ort> | null = null;
const models = new Map<string, Promise<MainThreadModel>>();

function loadOrt(): Promise<typeof Ort> {
  ort ??= import('onnxruntime-web/wasm').then(
    (module) => {
      const o = module as unknown as typeof Ort;
      o.env.wasm.numThreads = 1;
      o.env.wasm.proxy = false;
      return o;
    },
    (error: unknown) => {
      ort = null;
      throw new ModelRuntimeError({ kind: 'runtime', message: 'The model runtime could not be loaded in this browser.', detail: String(error) });
    },
  );
  return ort;
}

/**
 * ORT instantiates its .wasm on the first session it creates, so a runtime that failed to download and a model
 * file that is damaged both surface from InferenceSession.create. Its errors name the backend ("no available
 * backend found. ERR: [wasm] …", "Aborted(…)", "WebAssembly…"): those are the runtime's, and a reader must
 * not be told that the model is damaged when the runtime's file is missing.
 */
export function isRuntimeError(error: unknown): boolean {
  return /no available backend|\[wasm\]|webassembly|aborted\(|\.wasm/i.test(String((error as Error)?.message ?? error));
}

async function open(url: string): Promise<MainThreadModel> {
  const o = await loadOrt();
  let bytes: Uint8Array;
  try {
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new NetworkError(url, error);
    }
    if (!response.ok) throw new HttpError(response.status, response.statusText, url);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    const failure = modelFailure('convnet', error instanceof HttpError || error instanceof NetworkError ? error : new NetworkError(url, error));
    throw new ModelRuntimeError({ ...failure, message: failure.message.replace('The model "convnet"', 'The model file') });
  }
  let session: Ort.InferenceSession;
  try {
    session = await o.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  } catch (error) {
    if (isRuntimeError(error)) {
      ort = null; // the next try loads the runtime again
      throw new ModelRuntimeError({
        kind: 'runtime',
        message: 'The in-browser model runtime (its WebAssembly file) could not be downloaded or started. Reload the page to try again.',
        detail: String(error),
      });
    }
    throw new ModelRuntimeError({ kind: 'model', message: 'The model file could not be opened (it may be damaged).', detail: String(error) });
  }
  const latest = new Map<string, number>();
  return {
    async run(feeds, key, fetches) {
      const ticket = (latest.get(key) ?? 0) + 1;
      latest.set(key, ticket);
      const t0 = performance.now();
      let out: Ort.InferenceSession.ReturnType;
      try {
        const inputs: Record<string, Ort.Tensor> = {};
        for (const [name, t] of Object.entries(feeds)) {
          inputs[name] = t.data instanceof BigInt64Array ? new o.Tensor('int64', t.data, [...t.dims]) : new o.Tensor('float32', t.data, [...t.dims]);
        }
        out = fetches ? await session.run(inputs, [...fetches]) : await session.run(inputs);
      } catch (error) {
        throw new ModelRuntimeError({ kind: 'run', message: 'The model could not run on this input.', detail: String(error) });
      }
      const ms = performance.now() - t0;
      if (latest.get(key) !== ticket) return null;
      const outputs: Record<string, TensorOut> = {};
      for (const [name, t] of Object.entries(out)) {
        if (t.data instanceof Float32Array) outputs[name] = { data: t.data, dims: [...t.dims] };
      }
      return { outputs, ms };
    },
  };
}

/** The model at `url`, fetched and opened once per page (a failed load is retried on the next call). */
export function mainThreadModel(url: string): Promise<MainThreadModel> {
  let p = models.get(url);
  if (!p) {
    p = open(url);
    models.set(url, p);
    p.catch(() => models.delete(url));
  }
  return p;
}
