/**
 * Failures, in words for the reader. A figure that cannot run its model says why and what to do, in one
 * sentence; the raw error goes along as `detail` for developers. Pure TS: tested in Node.
 */
import { HttpError, NetworkError, NotAFileError } from './fetch-progress.ts';
import type { WireError } from './protocol.ts';

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  // ORT's wasm layer can throw bare numbers (an Emscripten pointer to its own message).
  try {
    return String(error);
  } catch {
    return 'unknown error';
  }
}

function downloadFailure(what: string, error: unknown): string | null {
  if (error instanceof HttpError) {
    return error.status === 404
      ? `${what} was not found on the server (HTTP 404).`
      : `${what} could not be downloaded (HTTP ${error.status}${error.statusText ? ` ${error.statusText}` : ''}).`;
  }
  if (error instanceof NetworkError) return `${what} could not be downloaded: the connection failed. Reload the page to try again.`;
  if (error instanceof NotAFileError) return `${what} could not be downloaded: the server sent a web page instead of the file.`;
  return null;
}

/** The runtime (ORT's .wasm and its JS) could not be fetched or started. */
export function runtimeFailure(error: unknown): WireError {
  const message =
    downloadFailure('The in-browser model runtime', error) ??
    'The in-browser model runtime could not start in this browser, so the live figures cannot run.';
  return { kind: 'runtime', message, detail: errorText(error) };
}

/** A model file could not be fetched, or ORT could not open it. */
export function modelFailure(model: string, error: unknown): WireError {
  const message =
    downloadFailure(`The model "${model}"`, error) ??
    `The model "${model}" could not be opened: the file is damaged or is not an ONNX model this runtime can run.`;
  return { kind: 'model', message, detail: errorText(error) };
}

/** Inference itself failed (wrong input names or shapes, out of memory). */
export function runFailure(model: string, error: unknown): WireError {
  return { kind: 'run', message: `The model "${model}" could not run on this input.`, detail: errorText(error) };
}

export const WEBGPU_FALLBACK_NOTICE = 'WebGPU stopped working on this page, so the models now run on WASM.';
