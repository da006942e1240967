import { describe, expect, it } from 'vitest';
import { HttpError, NetworkError, NotAFileError } from '../../../widgets/runtime/ort/fetch-progress.ts';
import { modelFailure, runFailure, runtimeFailure } from '../../../widgets/runtime/ort/messages.ts';
import { joinBase, modelUrl } from '../../../widgets/runtime/ort/model-url.ts';
import {
  ModelRuntimeError,
  feedsProblem,
  float32,
  isFromWorker,
  transferablesOf,
  zeros,
  type Outputs,
} from '../../../widgets/runtime/ort/protocol.ts';
import { TYPICAL_LENGTH, sampleFeeds } from '../../../widgets/runtime/ort/sample-feeds.ts';

describe('feedsProblem', () => {
  it('accepts well-formed feeds', () => {
    expect(feedsProblem({ input_ids: { type: 'int64', data: new BigInt64Array(6), dims: [1, 6] } })).toBeNull();
    expect(feedsProblem({ x: { type: 'float32', data: new Float32Array(0), dims: [1, 0] } })).toBeNull();
  });
  it('explains what is wrong, in words', () => {
    expect(feedsProblem(null)).toMatch(/missing/);
    expect(feedsProblem({})).toMatch(/missing/);
    expect(feedsProblem({ ids: { type: 'int64', data: new Int32Array(2), dims: [1, 2] } })).toBe(
      'Input "ids" should hold a BigInt64Array for type int64.',
    );
    expect(feedsProblem({ ids: { type: 'int64', data: new BigInt64Array(5), dims: [1, 6] } })).toBe(
      'Input "ids" has 5 values but shape [1, 6] needs 6.',
    );
    expect(feedsProblem({ ids: { type: 'complex', data: new Float32Array(1), dims: [1] } })).toMatch(/tensor type/);
    expect(feedsProblem({ ids: { type: 'float32', data: new Float32Array(1), dims: [1.5] } })).toMatch(/shape/);
    expect(feedsProblem({ ids: { type: 'float32', data: new Float32Array(1), dims: [-1] } })).toMatch(/shape/);
  });
});

describe('transferablesOf', () => {
  it('lists each output buffer once, so postMessage moves rather than copies them', () => {
    const shared = new Float32Array(8);
    const outputs: Outputs = {
      logits: { type: 'float32', data: new Float32Array(4), dims: [1, 4] },
      a: { type: 'float32', data: shared.subarray(0, 4), dims: [4] },
      b: { type: 'float32', data: shared.subarray(4), dims: [4] },
      empty: { type: 'float32', data: new Float32Array(0), dims: [0] },
    };
    const buffers = transferablesOf(outputs);
    expect(buffers).toHaveLength(2);
    expect(buffers).toContain(shared.buffer);
    // Really transferable: structuredClone with transfer detaches them.
    structuredClone(outputs, { transfer: buffers });
    expect(shared.buffer.byteLength).toBe(0);
  });
});

describe('isFromWorker', () => {
  it('accepts the protocol messages and rejects anything else', () => {
    expect(isFromWorker({ type: 'result', id: 1, outputs: {}, backend: 'wasm', ms: 1 })).toBe(true);
    expect(isFromWorker({ type: 'run-failed', id: 1, error: { kind: 'run', message: 'x' } })).toBe(true);
    expect(isFromWorker({ type: 'load-failed', model: 'm', error: { kind: 'model', message: 'x' } })).toBe(true);
    expect(isFromWorker({ type: 'loaded', info: { name: 'm', inputs: [], outputs: [] } })).toBe(true);
    expect(isFromWorker({ type: 'backend', hasWebGPU: false, backend: 'wasm', why: 'no-webgpu', measurements: null })).toBe(true);
    for (const bad of [null, 1, 'result', {}, { type: 'hello' }, { type: 'result', id: '1', outputs: {} }, { type: 'run-failed', id: 1, error: { kind: 'oops', message: 'x' } }, { type: 'loaded' }]) {
      expect(isFromWorker(bad)).toBe(false);
    }
  });
});

describe('messages for the reader', () => {
  it('says what failed and why, in one sentence', () => {
    expect(modelFailure('transformer', new HttpError(404, 'Not Found', '/models/x.onnx')).message).toBe(
      'The model "transformer" was not found on the server (HTTP 404).',
    );
    expect(modelFailure('transformer', new HttpError(503, 'Service Unavailable', '/x')).message).toBe(
      'The model "transformer" could not be downloaded (HTTP 503 Service Unavailable).',
    );
    expect(modelFailure('transformer', new NetworkError('/x', new TypeError('Failed to fetch'))).message).toMatch(/connection failed/);
    expect(modelFailure('transformer', new NotAFileError('/x', 'text/html')).message).toMatch(/web page instead/);
    expect(modelFailure('transformer', new Error('protobuf parsing failed')).message).toMatch(/damaged or is not an ONNX model/);
    expect(runtimeFailure(new HttpError(404, '', '/r.wasm')).message).toBe('The in-browser model runtime was not found on the server (HTTP 404).');
    expect(runtimeFailure(new Error('CompileError')).kind).toBe('runtime');
    expect(runFailure('m', 123).detail).toBe('123');
  });
  it('ModelRuntimeError carries the message and kind', () => {
    const e = new ModelRuntimeError({ kind: 'model', message: 'M', detail: 'D' });
    expect(e).toBeInstanceOf(Error);
    expect([e.message, e.kind, e.detail, e.name]).toEqual(['M', 'model', 'D', 'ModelRuntimeError']);
  });
});

describe('sampleFeeds', () => {
  it('fills free dims with batch 1, then a typical length', () => {
    const feeds = sampleFeeds([{ name: 'input_ids', type: 'int64', shape: ['batch', 'T'] }])!;
    expect(feeds.input_ids!.dims).toEqual([1, TYPICAL_LENGTH]);
    expect(feeds.input_ids!.data).toBeInstanceOf(BigInt64Array);
    expect(sampleFeeds([{ name: 'x', type: 'float32', shape: [1, 'T', 64] }])!.x!.dims).toEqual([1, TYPICAL_LENGTH, 64]);
  });
  it('gives up (null) on inputs it cannot synthesize', () => {
    expect(sampleFeeds([])).toBeNull();
    expect(sampleFeeds([{ name: 's', type: 'string', shape: [1] }])).toBeNull();
    expect(sampleFeeds([{ name: 's', type: null, shape: null }])).toBeNull();
  });
  it('zeros builds the typed array for the type', () => {
    expect(zeros('bool', [2, 3]).data).toEqual(new Uint8Array(6));
  });
});

describe('modelUrl', () => {
  it('respects the base path, with or without its trailing slash', () => {
    expect(modelUrl('transformer.onnx', '/')).toBe('/models/transformer.onnx');
    expect(modelUrl('transformer.onnx', '/dezoom')).toBe('/dezoom/models/transformer.onnx');
    expect(modelUrl('/transformer.onnx', '/dezoom/')).toBe('/dezoom/models/transformer.onnx');
    expect(joinBase('', 'a')).toBe('/a');
    expect(modelUrl('transformer.onnx')).toBe('/models/transformer.onnx'); // vitest's BASE_URL is '/'
  });
});

describe('float32', () => {
  it('returns a typed float32 output, or says clearly that there is none', () => {
    const outputs: Outputs = {
      attn: { type: 'float32', data: new Float32Array(4), dims: [1, 1, 2, 2] },
      ids: { type: 'int64', data: new BigInt64Array(2), dims: [2] },
    };
    expect(float32(outputs, 'attn').dims).toEqual([1, 1, 2, 2]);
    expect(() => float32(outputs, 'ids')).toThrow('The model gave no float32 output "ids".');
    expect(() => float32(outputs, 'toString')).toThrow(ModelRuntimeError);
  });
});
