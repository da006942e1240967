// The main-thread runtime (widgets/runtime/ort/main-thread.ts) with the real convnet under Node: it opens a
// model from a URL (a data: URL here; fetch under Node has no files), runs it against the torch fixture,
// drops overtaken runs, and turns failures into ModelRuntimeErrors with a sentence for the reader.
import { describe, expect, it, vi } from 'vitest';
import { readArtifactBytes, readFixtureJson } from '../../../widgets/models/artifacts.ts';
import { mainThreadModel } from '../../../widgets/runtime/ort/main-thread.ts';
import { ModelRuntimeError } from '../../../widgets/runtime/ort/protocol.ts';

// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });

const modelUrl = `data:application/octet-stream;base64,${readArtifactBytes('convnet.onnx').toString('base64')}`;
const fixture = readFixtureJson('convnet-fixture.json') as {
  cases: { name: string; image: { shape: number[]; data: string }; outputs: Record<string, { data: string; stride?: number }> }[];
};
const floats = (b64: string) => {
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

describe('main-thread model runtime', () => {
  it('runs the convnet as torch does', async () => {
    const model = await mainThreadModel(modelUrl);
    const c = fixture.cases[0]!;
    const result = await model.run({ image: { data: floats(c.image.data).slice(), dims: c.image.shape } }, 'a');
    expect(result).not.toBeNull();
    const want = floats(c.outputs.probs!.data);
    const got = result!.outputs.probs!.data;
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-4);
    expect(result!.outputs.block1!.dims).toEqual([1, 16, 32, 32]);
    expect(result!.ms).toBeGreaterThanOrEqual(0);
  });

  it('opens a model once, and resolves an overtaken run of the same key to null', async () => {
    const [a, b] = await Promise.all([mainThreadModel(modelUrl), mainThreadModel(modelUrl)]);
    expect(a).toBe(b);
    const image = { data: new Float32Array(1024), dims: [1, 1, 32, 32] };
    const [first, second, other] = await Promise.all([a.run({ image }, 'k'), a.run({ image }, 'k'), a.run({ image }, 'other')]);
    expect(first).toBeNull();
    expect(second).not.toBeNull();
    expect(other).not.toBeNull();
  });

  it('says why a model cannot be used', async () => {
    const missing = mainThreadModel('data:application/octet-stream;base64,AAAA');
    await expect(missing).rejects.toBeInstanceOf(ModelRuntimeError);
    await expect(missing).rejects.toMatchObject({ kind: 'model' });
    const model = await mainThreadModel(modelUrl);
    await expect(model.run({ image: { data: new Float32Array(3), dims: [1, 1, 32, 32] } }, 'x')).rejects.toMatchObject({ kind: 'run' });
  });
});

describe('main-thread model runtime, token ids (the attention figure on WASM)', () => {
  const transformerUrl = `data:application/octet-stream;base64,${readArtifactBytes('transformer.onnx').toString('base64')}`;
  const tf = readFixtureJson('transformer-fixture.json') as { cases: { input_ids: number[]; outputs: Record<string, { shape: number[] }> }[] };

  it('takes int64 ids and computes only the outputs asked for, shaped as torch stored them', async () => {
    const model = await mainThreadModel(transformerUrl);
    const c = tf.cases[0]!;
    const ids = BigInt64Array.from(c.input_ids, (id) => BigInt(id));
    const result = await model.run({ input_ids: { data: ids, dims: [1, ids.length] } }, 'attention', ['attn', 'q', 'k']);
    expect(result).not.toBeNull();
    expect(Object.keys(result!.outputs).sort()).toEqual(['attn', 'k', 'q']);
    expect(result!.outputs.q!.dims).toEqual(c.outputs.q!.shape);
    expect(result!.outputs.attn!.dims.slice(-2)).toEqual([ids.length, ids.length]);
  });
});

describe('which part failed', () => {
  it('calls a runtime that cannot load a runtime failure, not a damaged model', async () => {
    const { isRuntimeError } = await import('../../../widgets/runtime/ort/main-thread.ts');
    expect(isRuntimeError(new Error("no available backend found. ERR: [wasm] TypeError: Failed to fetch dynamically imported module"))).toBe(true);
    expect(isRuntimeError(new Error('Aborted(both async and sync fetching of the wasm failed)'))).toBe(true);
    expect(isRuntimeError(new Error("Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed."))).toBe(false);
  });
});
