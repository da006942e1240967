/**
 * Build-time inference of the convnet (Node only: node:fs). The figure's server entry runs the default
 * drawing through the same onnxruntime-web (wasm, one thread) and model file the browser runs, so the static
 * HTML shows the real prediction and the figure does not change when it hydrates. One session per process;
 * runs are queued (ORT's wasm backend does not promise concurrent runs on one session are safe).
 */
import * as ort from 'onnxruntime-web';
import { ortQueue } from '../models/transformer/node-inference.ts';
import { readArtifactBytes } from '../models/artifacts.ts';
import { checkConvnetOutputs, imageFeed, type ConvnetOutputs } from './outputs.ts';

let session: Promise<ort.InferenceSession> | undefined;
let tail: Promise<unknown> = Promise.resolve();

function open(): Promise<ort.InferenceSession> {
  ort.env.wasm.numThreads = 1;
  session ??= ort.InferenceSession.create(readArtifactBytes('convnet.onnx'), { executionProviders: ['wasm'] });
  session.catch(() => (session = undefined));
  return session;
}

export function runNodeConvnet(ink: Float32Array): Promise<ConvnetOutputs> {
  const feed = imageFeed(ink);
  const task = async () => {
    const s = await open();
    const out = await ortQueue(() => s.run({ image: new ort.Tensor('float32', feed.data, feed.dims) }));
    return checkConvnetOutputs((name) => {
      const t = out[name];
      return t && t.data instanceof Float32Array ? { data: t.data, dims: [...t.dims] } : undefined;
    });
  };
  const result = tail.then(task, task);
  tail = result.catch(() => undefined);
  return result;
}
