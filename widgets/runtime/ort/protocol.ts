/**
 * The messages between the page (runtime.ts) and the inference worker, and the tensors they carry.
 * Tensors are plain objects ({ type, data, dims }) rather than ORT Tensors: they cross postMessage, and
 * the page never imports ORT. Pure TS: tested in Node.
 */
import type { Backend, Decision, Measurements, Preference, StoredChoice } from './backend-choice.ts';
import type { Download } from './progress.ts';

export interface TensorArrays {
  float32: Float32Array;
  float64: Float64Array;
  int8: Int8Array;
  uint8: Uint8Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
  int64: BigInt64Array;
  uint64: BigUint64Array;
  bool: Uint8Array;
}
export type TensorType = keyof TensorArrays;

/** A tensor as widgets pass and receive it: `type` tells which typed array `data` is. */
export type Tensor = { [K in TensorType]: { type: K; data: TensorArrays[K]; dims: readonly number[] } }[TensorType];
export type Feeds = Record<string, Tensor>;
export type Outputs = Record<string, Tensor>;

const ARRAY_OF: { [K in TensorType]: { new (length: number): TensorArrays[K] } } = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
};

export function isTensorType(value: unknown): value is TensorType {
  return typeof value === 'string' && Object.hasOwn(ARRAY_OF, value);
}

/** A zero-filled tensor of the given type and shape. */
export function zeros<K extends TensorType>(type: K, dims: readonly number[]): Tensor {
  const size = dims.reduce((a, b) => a * b, 1);
  return { type, data: new ARRAY_OF[type](size), dims } as Tensor;
}

/**
 * Why these feeds cannot run, in words a widget can show, or null when they are well-formed. Checked on
 * the page before anything is sent, so a widget bug surfaces as a message at the call, not as an ORT
 * error from inside the worker.
 */
export function feedsProblem(feeds: unknown): string | null {
  if (typeof feeds !== 'object' || feeds === null) return 'The model inputs are missing.';
  const entries = Object.entries(feeds as Record<string, unknown>);
  if (entries.length === 0) return 'The model inputs are missing.';
  for (const [name, value] of entries) {
    const t = value as Partial<Tensor> | null;
    if (typeof t !== 'object' || t === null || !isTensorType(t.type)) return `Input "${name}" has no valid tensor type.`;
    if (!(t.data instanceof ARRAY_OF[t.type])) return `Input "${name}" should hold a ${ARRAY_OF[t.type].name} for type ${t.type}.`;
    if (!Array.isArray(t.dims) || !t.dims.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      return `Input "${name}" has an invalid shape.`;
    }
    const size = t.dims.reduce((a: number, b: number) => a * b, 1);
    if (size !== t.data.length) {
      return `Input "${name}" has ${t.data.length} values but shape [${t.dims.join(', ')}] needs ${size}.`;
    }
  }
  return null;
}

/**
 * The buffers to transfer (not copy) with a set of outputs: each ArrayBuffer once (two outputs may be
 * views of one buffer, and transferring a buffer twice throws), and never a SharedArrayBuffer, which
 * cannot be transferred.
 */
export function transferablesOf(outputs: Outputs): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const t of Object.values(outputs)) {
    const buffer = t.data.buffer;
    if (buffer instanceof ArrayBuffer && buffer.byteLength > 0) buffers.add(buffer);
  }
  return [...buffers];
}

/** What went wrong, with a message written for the reader (it is shown in the figure). */
export interface WireError {
  /** runtime: ORT itself could not start; model: a model file could not be fetched or opened; run: inference failed. */
  kind: 'runtime' | 'model' | 'run';
  message: string;
  /** The underlying error's text, for developers (not shown by RuntimeStatus). */
  detail?: string;
}

export interface InputInfo {
  name: string;
  type: string | null;
  /** Numbers, or names for dimensions the model leaves free (e.g. 'T'). */
  shape: ReadonlyArray<number | string> | null;
}

export interface ModelInfo {
  name: string;
  inputs: InputInfo[];
  outputs: string[];
}

// ---- page -> worker ----
export type ToWorker =
  | { type: 'init'; preference: Preference; stored: StoredChoice['measured'] }
  | { type: 'prefer'; preference: Preference }
  /** The page's figures are live and the page is idle: the WebGPU build may be fetched now, if it is wanted. */
  | { type: 'upgrade' }
  | { type: 'load'; model: string; url: string; expectedBytes: number | null; sample: Feeds | null }
  | { type: 'run'; id: number; model: string; feeds: Feeds; fetches: string[] | null };

// ---- worker -> page ----
export type FromWorker =
  | { type: 'progress'; download: Download }
  | {
      type: 'backend';
      hasWebGPU: boolean;
      /** null while a measurement is pending (no model loaded yet). */
      backend: Backend | null;
      /** 'first': WebGPU is wanted, and wasm answers until its build has arrived (after the figures are live). */
      why: Extract<Decision, { kind: 'use' }>['why'] | 'fallback' | 'first' | null;
      measurements: Measurements | null;
    }
  | { type: 'measured'; backend: Backend; measurements: Measurements }
  | { type: 'notice'; message: string }
  | { type: 'runtime-failed'; error: WireError }
  | { type: 'loaded'; info: ModelInfo }
  | { type: 'load-failed'; model: string; error: WireError }
  | { type: 'result'; id: number; outputs: Outputs; backend: Backend; ms: number }
  | { type: 'run-failed'; id: number; error: WireError };

const FROM_WORKER_TYPES = new Set<FromWorker['type']>([
  'progress',
  'backend',
  'measured',
  'notice',
  'runtime-failed',
  'loaded',
  'load-failed',
  'result',
  'run-failed',
]);

/**
 * A cheap structural check on what the worker sent. Only our own worker talks to the page, so this is not
 * a security boundary; it keeps a malformed message (a bug, a stale cached worker from an older deploy)
 * from throwing inside the message handler, where it would take every widget's pending request down.
 */
export function isFromWorker(value: unknown): value is FromWorker {
  if (typeof value !== 'object' || value === null) return false;
  const msg = value as Record<string, unknown>;
  if (typeof msg.type !== 'string' || !FROM_WORKER_TYPES.has(msg.type as FromWorker['type'])) return false;
  switch (msg.type) {
    case 'result':
      return typeof msg.id === 'number' && typeof msg.outputs === 'object' && msg.outputs !== null;
    case 'run-failed':
      return typeof msg.id === 'number' && isWireError(msg.error);
    case 'load-failed':
      return typeof msg.model === 'string' && isWireError(msg.error);
    case 'runtime-failed':
      return isWireError(msg.error);
    case 'loaded':
      return typeof msg.info === 'object' && msg.info !== null && typeof (msg.info as ModelInfo).name === 'string';
    case 'progress':
      return typeof msg.download === 'object' && msg.download !== null;
    case 'notice':
      return typeof msg.message === 'string';
    default:
      return true;
  }
}

function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (e.kind === 'runtime' || e.kind === 'model' || e.kind === 'run') && typeof e.message === 'string';
}

/** The error a widget's promise rejects with: `message` is meant for the reader. */
export class ModelRuntimeError extends Error {
  readonly kind: WireError['kind'];
  readonly detail: string | undefined;
  constructor(error: WireError) {
    super(error.message);
    this.name = 'ModelRuntimeError';
    this.kind = error.kind;
    this.detail = error.detail;
  }
}

/**
 * One float32 output, typed for the widget (`float32(res.outputs, 'attn').data` is a Float32Array).
 * Throws a ModelRuntimeError when the model has no such output: a model/widget mismatch, said in words.
 */
export function float32(outputs: Outputs, name: string): { data: Float32Array; dims: readonly number[] } {
  const t = Object.hasOwn(outputs, name) ? outputs[name] : undefined;
  if (!t || t.type !== 'float32') {
    throw new ModelRuntimeError({ kind: 'run', message: `The model gave no float32 output "${name}".` });
  }
  return t;
}
