/**
 * What the reader is shown about the runtime (RuntimeStatus.svelte): the backend in use and its timing,
 * the menu's preference, downloads in progress, and problems. A plain value updated by a pure reducer,
 * so it is tested in Node; runtime-state.svelte.ts makes it reactive.
 */
import { BACKEND_LABELS, type Backend, type Measurements, type Preference } from './backend-choice.ts';
import { upsert, type Download } from './progress.ts';
import type { FromWorker } from './protocol.ts';

export interface RuntimeStatus {
  /** idle: nothing requested yet (nothing downloaded); starting: runtime downloading; ready; failed. */
  phase: 'idle' | 'starting' | 'ready' | 'failed';
  /** null until the worker has looked (and in 'idle'). */
  hasWebGPU: boolean | null;
  /** null before the runtime is up, and while the backends are being timed. */
  backend: Backend | null;
  measurements: Measurements | null;
  preference: Preference;
  /** Milliseconds of the last model run, on `backend`. */
  lastRunMs: number | null;
  downloads: Download[];
  /** Problems by subject: 'runtime' or a model name. */
  errors: Record<string, string>;
  /** The latest notice that is not an error (e.g. a WebGPU fallback). */
  notice: string;
}

export function initialStatus(preference: Preference): RuntimeStatus {
  return {
    phase: 'idle',
    hasWebGPU: null,
    backend: null,
    measurements: null,
    preference,
    lastRunMs: null,
    downloads: [],
    errors: {},
    notice: '',
  };
}

export type StatusEvent =
  | FromWorker
  | { type: 'starting' }
  | { type: 'prefer'; preference: Preference }
  | { type: 'load-started'; model: string }
  /** The worker itself died (script failed to load, out of memory). */
  | { type: 'worker-died'; message: string }
  /** A figure ran a model on the page's own thread (main-thread.ts) on the wasm backend, taking `ms`. */
  | { type: 'ran-here'; ms: number };

function withoutKey(errors: Record<string, string>, key: string): Record<string, string> {
  if (!(key in errors)) return errors;
  const next = { ...errors };
  delete next[key];
  return next;
}

export function reduceStatus(status: RuntimeStatus, event: StatusEvent): RuntimeStatus {
  switch (event.type) {
    case 'starting':
      return { ...status, phase: 'starting', errors: withoutKey(status.errors, 'runtime') };
    case 'prefer':
      return { ...status, preference: event.preference };
    case 'load-started':
      return { ...status, errors: withoutKey(status.errors, event.model) };
    case 'progress':
      return { ...status, downloads: upsert(status.downloads, event.download) };
    case 'backend':
      return {
        ...status,
        phase: status.phase === 'failed' ? 'failed' : 'ready',
        hasWebGPU: event.hasWebGPU,
        backend: event.backend,
        measurements: event.measurements,
      };
    case 'measured':
      return { ...status, measurements: event.measurements };
    case 'notice':
      return { ...status, notice: event.message };
    case 'runtime-failed':
      return { ...status, phase: 'failed', errors: { ...status.errors, runtime: event.error.message } };
    case 'worker-died':
      return {
        ...status,
        phase: 'failed',
        backend: null,
        // Whatever the dead worker was downloading will never finish: no bar stuck at 0.
        downloads: status.downloads.filter((d) => d.done),
        errors: { ...status.errors, runtime: event.message },
      };
    case 'load-failed': {
      const downloads = status.downloads.filter((d) => d.done || d.id !== event.model);
      // A runtime failure is already shown once under 'runtime'; repeating it per model adds nothing.
      return event.error.kind === 'runtime'
        ? { ...status, downloads }
        : { ...status, downloads, errors: { ...status.errors, [event.model]: event.error.message } };
    }
    case 'loaded':
      return { ...status, errors: withoutKey(status.errors, event.info.name) };
    case 'result':
      // Not the backend: while both are being timed, runs are answered on wasm, and the headline should
      // keep saying that the choice is still being made.
      return { ...status, lastRunMs: event.ms };
    case 'ran-here':
      return { ...status, lastRunMs: event.ms };
    case 'run-failed':
      return status;
  }
}

/** The errors that concern a figure using `models` (all of them when it names none). */
export function errorsFor(status: RuntimeStatus, models: readonly string[] | null): string[] {
  return Object.entries(status.errors)
    .filter(([subject]) => subject === 'runtime' || models === null || models.includes(subject))
    .map(([, message]) => message);
}

/** Downloads that concern a figure using `models`: the runtimes' (wasm, then WebGPU) and its own models'. */
export function downloadsFor(status: RuntimeStatus, models: readonly string[] | null): Download[] {
  return status.downloads.filter((d) => d.id === 'runtime' || d.id === 'runtime-webgpu' || models === null || models.includes(d.id));
}

/** "0.12 ms", "3.4 ms", "27 ms": two significant figures are all a timing of a few runs supports. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

/**
 * The timing, in the reader's words: both measured medians when known ("CPU 0.41 ms, GPU 10 ms per run"), else
 * the last run ("2.3 ms per run"). CPU is the WASM build, GPU WebGPU (the menu names both).
 */
export function timingText(status: RuntimeStatus): string {
  const m = status.measurements;
  if (m && (m.wasm !== null || m.webgpu !== null)) {
    const parts = (['wasm', 'webgpu'] as const)
      .map((b) => (m[b] === null ? null : `${DEVICE_LABELS[b]} ${formatMs(m[b]!)}`))
      .filter((p): p is string => p !== null);
    return `${parts.join(', ')} per run`;
  }
  return status.lastRunMs === null ? '' : `${formatMs(status.lastRunMs)} per run`;
}

/** What runs a backend, as a reader knows it. */
const DEVICE_LABELS: Readonly<Record<Backend, string>> = { wasm: 'CPU', webgpu: 'GPU' };

/**
 * The headline: where the model runs now, or what is happening. One short line, no internal names
 * (the technical names are in the menu's options: "CPU (WASM)", "GPU (WebGPU)").
 */
export function backendText(status: RuntimeStatus): string {
  if (status.backend) return `Runs in your browser, on the ${DEVICE_LABELS[status.backend]} (${BACKEND_LABELS[status.backend]})`;
  switch (status.phase) {
    case 'idle':
      return 'The model has not loaded yet';
    case 'starting':
      return 'Loading the model into your browser…';
    case 'ready':
      return 'Checking whether your CPU or GPU runs it faster…';
    case 'failed':
      return 'The model could not start';
  }
}
