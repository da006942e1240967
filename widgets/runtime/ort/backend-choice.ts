/**
 * Which ONNX Runtime execution provider runs the models, and what the reader's browser remembers about it.
 *
 * WebGPU is not automatically faster: on a tiny model a GPU's per-dispatch overhead dwarfs the arithmetic
 * (measured on this project's machines: 0.1 ms on wasm, ~10 ms on a software WebGPU adapter). So the choice
 * is measured on the reader's device, remembered, and the reader can override it. Pure TS: tested in Node.
 */

const BACKENDS = ['wasm', 'webgpu'] as const;
export type Backend = (typeof BACKENDS)[number];

/** What the reader asked for in the backend menu: 'auto' means "the measured winner". */
export const PREFERENCES = ['auto', 'wasm', 'webgpu'] as const;
export type Preference = (typeof PREFERENCES)[number];

export const BACKEND_LABELS: Readonly<Record<Backend, string>> = { wasm: 'WASM', webgpu: 'WebGPU' };
export const PREFERENCE_LABELS: Readonly<Record<Preference, string>> = { auto: 'Auto', ...BACKEND_LABELS };

/** Median milliseconds per run; `null` means the backend could not run the model at all. */
export interface Measurements {
  wasm: number | null;
  webgpu: number | null;
}

/** What is kept in localStorage between visits. */
export interface StoredChoice {
  preference: Preference;
  /** The last measurement's winner and timings, or null when none was ever made (or it was unreadable). */
  measured: { backend: Backend; ms: Measurements } | null;
}

export const STORAGE_KEY = 'dezoom:ort-backend';
/** Bumped whenever the stored shape changes; any other version is ignored, never migrated. */
export const STORAGE_VERSION = 1;

export const EMPTY_CHOICE: StoredChoice = { preference: 'auto', measured: null };

function isBackend(value: unknown): value is Backend {
  return typeof value === 'string' && (BACKENDS as readonly string[]).includes(value);
}

export function isPreference(value: unknown): value is Preference {
  return typeof value === 'string' && (PREFERENCES as readonly string[]).includes(value);
}

// A day of compute for a single run is not a timing, it is junk.
const MAX_MS = 86_400_000;

function parseMs(value: unknown): number | null | undefined {
  if (value === null) return null;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_MS ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseMeasured(value: unknown): StoredChoice['measured'] {
  if (!isRecord(value) || !isBackend(value.backend) || !isRecord(value.ms)) return null;
  const wasm = parseMs(value.ms.wasm);
  const webgpu = parseMs(value.ms.webgpu);
  if (wasm === undefined || webgpu === undefined) return null;
  // The winner must be a backend that actually ran; anything else was tampered with or is from a bug.
  if ((value.backend === 'wasm' ? wasm : webgpu) === null) return null;
  return { backend: value.backend, ms: { wasm, webgpu } };
}

/**
 * The stored value, validated. Never throws: storage is written by older versions of the site, by
 * extensions and by hand, so junk, an old format or another version reads as "nothing stored", and one
 * invalid field falls back to its default without discarding the valid one.
 */
export function parseStoredChoice(raw: unknown): StoredChoice {
  if (typeof raw !== 'string' || raw.length > 1000) return EMPTY_CHOICE;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return EMPTY_CHOICE;
  }
  if (!isRecord(data) || data.v !== STORAGE_VERSION) return EMPTY_CHOICE;
  return {
    preference: isPreference(data.preference) ? data.preference : 'auto',
    measured: parseMeasured(data.measured),
  };
}

export function serializeStoredChoice(choice: StoredChoice): string {
  return JSON.stringify({ v: STORAGE_VERSION, preference: choice.preference, measured: choice.measured });
}

/**
 * The faster backend by median time. A tie, or a WebGPU that could not run, goes to wasm: it needs no GPU
 * (no contention with the page's own drawing, less power on a laptop).
 */
export function fasterBackend(ms: Measurements): Backend | null {
  if (ms.wasm === null && ms.webgpu === null) return null;
  if (ms.webgpu === null) return 'wasm';
  if (ms.wasm === null) return 'webgpu';
  return ms.webgpu < ms.wasm ? 'webgpu' : 'wasm';
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * True once more than half of `total` timed runs took at least `beat` ms: their median can no longer come
 * in under `beat`, so the remaining runs can be skipped. On a software GPU adapter a run of a small model
 * takes half a second; timing it five times would keep the first figure waiting for nothing.
 */
export function cannotBeat(times: readonly number[], beat: number | null, total: number): boolean {
  if (beat === null) return false;
  return times.filter((t) => t >= beat).length > total / 2;
}

/** The ORT build that runs a backend's sessions (the WebGPU build also runs wasm, but wasm runs on its own, smaller build). */
export type Build = Backend;

export type Decision =
  | { kind: 'use'; backend: Backend; why: 'no-webgpu' | 'override' | 'remembered' | 'measured' }
  | { kind: 'measure' };

/**
 * The backend to run, from what the device offers, what the reader chose and what was measured before.
 * No WebGPU always means wasm: a remembered or chosen "webgpu" from another time or device falls back.
 */
export function chooseBackend(input: {
  hasWebGPU: boolean;
  preference: Preference;
  stored: StoredChoice['measured'];
  /** A measurement made on this page (newer than the stored one). */
  measurements?: Measurements | null;
}): Decision {
  if (!input.hasWebGPU) return { kind: 'use', backend: 'wasm', why: 'no-webgpu' };
  if (input.preference !== 'auto') return { kind: 'use', backend: input.preference, why: 'override' };
  const fresh = input.measurements ? fasterBackend(input.measurements) : null;
  if (fresh) return { kind: 'use', backend: fresh, why: 'measured' };
  if (input.stored) return { kind: 'use', backend: input.stored.backend, why: 'remembered' };
  return { kind: 'measure' };
}

/**
 * Whether the WebGPU build (26.8 MB) is worth fetching: only when the decision may run WebGPU (the reader
 * chose it, it won here before, or nothing decides and both backends must be timed). Even then it is fetched
 * after the figures are live, never first: the wasm build answers meanwhile.
 */
export function needsWebGPUBuild(decision: Decision): boolean {
  return decision.kind === 'measure' || decision.backend === 'webgpu';
}
