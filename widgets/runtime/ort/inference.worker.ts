/**
 * The page's one inference worker (a module worker, created by runtime.ts on the first load or run).
 * Thin glue: the worker's globals wired into InferenceEngine. ORT is imported here, dynamically:
 * `onnxruntime-web/wasm` first, always; `onnxruntime-web/webgpu` later, and only where WebGPU gives an
 * adapter and is wanted (active-backend.ts), once the page's figures are live. The .wasm URLs come through the bundler (`?url`), so Vite emits the files into
 * _astro/ with hashed names and nothing is copied into public/.
 */
import wasmBuildUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import webgpuBuildUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { Build } from './backend-choice.ts';
import { InferenceEngine, type Ort } from './engine.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/** The parts of DedicatedWorkerGlobalScope used here (the project's TS lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
  crossOriginIsolated: boolean;
  navigator: { hardwareConcurrency?: number; gpu?: { requestAdapter(): Promise<unknown> } };
  location: { href: string };
}
const scope = globalThis as unknown as WorkerScope;

const engine = new InferenceEngine({
  post: (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer),
  fetch: (url) => fetch(url, { credentials: 'same-origin' }),
  requestAdapter: async () => (await scope.navigator.gpu?.requestAdapter()) ?? null,
  // Two literal imports, so the bundler splits each build into its own chunk; the webgpu one is fetched late, if at all.
  importOrt: (build: Build): Promise<Ort> =>
    build === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm'),
  // Absolute: the asset URL is resolved against this worker's location, whatever the site's base path. The
  // built site stores the WebGPU runtime gzip'd beside where Vite put it (scripts/postbuild.ts: the raw file
  // is over 25 MiB); sessions.ts unzips it. The dev server serves the raw file.
  wasmUrl: (build) => new URL(build === 'webgpu' ? `${webgpuBuildUrl}${import.meta.env.PROD ? '.gz' : ''}` : wasmBuildUrl, scope.location.href).href,
  now: () => performance.now(),
  crossOriginIsolated: scope.crossOriginIsolated === true,
  hardwareConcurrency: scope.navigator.hardwareConcurrency,
});

scope.addEventListener('message', (event) => engine.handle(event.data));

// The engine catches its own failures; anything that still escapes (an ORT internal promise) must not
// print as an uncaught error on the reader's console. The page hears about failures through messages.
scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  console.warn('inference worker:', event.reason);
});
