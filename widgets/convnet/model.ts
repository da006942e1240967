/**
 * The figure's side of the shared model runtime (widgets/runtime/ort/): load the convnet once per page and
 * run it on an image under the figure's key, newest wins (a stroke drawn while the model runs replaces the
 * queued image, it does not queue behind it).
 */
import { float32, modelRuntime, modelUrl, ModelRuntimeError } from '../runtime/ort/runtime.ts';
import { OUTPUT_NAMES, checkConvnetOutputs, imageFeed, type ConvnetOutputs } from './outputs.ts';

export const MODEL = 'convnet';

export function loadConvnet(expectedBytes: number): Promise<unknown> {
  const image = imageFeed(new Float32Array(32 * 32));
  return modelRuntime().load(MODEL, modelUrl('convnet.onnx'), { ...(expectedBytes > 0 ? { expectedBytes } : {}), sample: { image } });
}

/** The outputs for one image, or null when a newer image of the same key was sent meanwhile. */
export async function runConvnet(ink: Float32Array, key: string): Promise<(ConvnetOutputs & { ms: number; backend: string }) | null> {
  const result = await modelRuntime().run(MODEL, { image: imageFeed(ink) }, { key, outputs: [...OUTPUT_NAMES] });
  if (result.stale) return null;
  try {
    return { ...checkConvnetOutputs((name) => float32(result.outputs, name)), ms: result.ms, backend: result.backend };
  } catch (error) {
    throw new ModelRuntimeError({ kind: 'run', message: (error as Error).message });
  }
}
