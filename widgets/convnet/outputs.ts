/**
 * The convnet's outputs as the widget uses them, checked against the contract (CONTRACT.md): four block maps
 * [1, C, H, W] and the class probabilities [1, 10]. A model file that disagrees (retrained with other
 * widths, or corrupted) becomes a clear error instead of a wrong figure.
 */
import type { BlockTensor } from './feature-maps.ts';
import { BLOCK_CHANNELS, BLOCK_SIZES, CLASSES, IMAGE_SIZE, OUTPUT_NAMES } from '../models/convnet/contract.ts';

export { IMAGE_SIZE, OUTPUT_NAMES } from '../models/convnet/contract.ts';

export interface ConvnetOutputs {
  blocks: BlockTensor[];
  probs: Float32Array;
}

export function checkConvnetOutputs(get: (name: string) => BlockTensor | undefined): ConvnetOutputs {
  const blocks = BLOCK_CHANNELS.map((channels, b) => {
    const name = OUTPUT_NAMES[b]!;
    const t = get(name);
    const size = BLOCK_SIZES[b]!;
    const want = [1, channels, size, size];
    if (!t || t.dims.length !== 4 || want.some((d, i) => t.dims[i] !== d) || t.data.length !== channels * size * size) {
      throw new Error(`The convnet's output "${name}" should be [${want.join(', ')}], got ${t ? `[${t.dims.join(', ')}]` : 'nothing'}.`);
    }
    return t;
  });
  const probs = get('probs');
  if (!probs || probs.data.length !== CLASSES.length) {
    throw new Error(`The convnet's output "probs" should have ${CLASSES.length} values, got ${probs?.data.length ?? 'nothing'}.`);
  }
  return { blocks, probs: probs.data };
}

/** Ink as the model's input tensor [1, 1, 32, 32]. */
export function imageFeed(ink: Float32Array): { type: 'float32'; data: Float32Array; dims: number[] } {
  if (ink.length !== IMAGE_SIZE * IMAGE_SIZE) throw new Error(`an image is ${IMAGE_SIZE}×${IMAGE_SIZE} values, got ${ink.length}`);
  return { type: 'float32', data: ink, dims: [1, 1, IMAGE_SIZE, IMAGE_SIZE] };
}
