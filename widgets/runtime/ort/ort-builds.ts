/**
 * The two onnxruntime-web builds the site may load, and the .wasm binary each one instantiates (read
 * from onnxruntime-web 1.30's dist/ bundles; test/unit/runtime/ort-builds.test.ts checks these facts against the
 * installed package, so an ORT upgrade that changes them fails a test instead of a reader's page).
 *
 * - 'wasm'   -> `onnxruntime-web/wasm`   -> ort-wasm-simd-threaded.wasm           (CPU only)
 * - 'webgpu' -> `onnxruntime-web/webgpu` -> ort-wasm-simd-threaded.asyncify.wasm  (WebGPU EP and the wasm EP)
 *
 * The default `onnxruntime-web` entry (JSEP: WebGPU + WebNN + wasm in a 28 MB binary) is never used.
 */
import type { Build } from './backend-choice.ts';

export interface OrtBuildInfo {
  /** The package subpath the worker imports. */
  entry: 'onnxruntime-web/wasm' | 'onnxruntime-web/webgpu';
  /** The file in node_modules/onnxruntime-web/dist/ that this build's bundle loads. */
  wasmFile: string;
  /**
   * Its uncompressed size in bytes: the progress bar's total when the server compresses the file
   * (Content-Length is then the compressed size, and a stream reader sees uncompressed bytes).
   */
  wasmBytes: number;
}

export const ORT_BUILDS: Readonly<Record<Build, OrtBuildInfo>> = {
  wasm: { entry: 'onnxruntime-web/wasm', wasmFile: 'ort-wasm-simd-threaded.wasm', wasmBytes: 14_239_897 },
  webgpu: { entry: 'onnxruntime-web/webgpu', wasmFile: 'ort-wasm-simd-threaded.asyncify.wasm', wasmBytes: 26_781_914 },
};

/**
 * ORT's threads need SharedArrayBuffer, which browsers only give a cross-origin isolated page (COOP/COEP
 * headers, which a static host rarely sends). Without isolation, asking for more than one thread only
 * makes ORT print a warning and fall back to one. With it, a few threads help; more mostly contend.
 */
export function threadCount(crossOriginIsolated: boolean, hardwareConcurrency: number | undefined): number {
  if (!crossOriginIsolated) return 1;
  const cores = Number.isSafeInteger(hardwareConcurrency) && hardwareConcurrency! > 0 ? hardwareConcurrency! : 1;
  return Math.max(1, Math.min(4, cores));
}
