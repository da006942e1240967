/**
 * The figure's model: the convnet on the page's own thread (runtime/ort/main-thread.ts explains why: a ~1 ms
 * forward pass, so the prediction paints in the frame of the stroke that changed it).
 */
import { mainThreadModel } from '../runtime/ort/main-thread.ts';
import { modelUrl, ModelRuntimeError } from '../runtime/ort/runtime.ts';
import { checkConvnetOutputs, imageFeed, type ConvnetOutputs } from './outputs.ts';

export function loadConvnet(): Promise<unknown> {
  return mainThreadModel(modelUrl('convnet.onnx'));
}

/** The outputs for one image, or null when a newer image of the same key overtook it. */
export async function runConvnet(ink: Float32Array, key: string): Promise<(ConvnetOutputs & { ms: number }) | null> {
  const model = await mainThreadModel(modelUrl('convnet.onnx'));
  const result = await model.run({ image: imageFeed(ink) }, key);
  if (!result) return null;
  try {
    return { ...checkConvnetOutputs((name) => result.outputs[name]), ms: result.ms };
  } catch (error) {
    throw new ModelRuntimeError({ kind: 'run', message: (error as Error).message });
  }
}
