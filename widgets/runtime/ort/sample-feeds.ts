/**
 * Inputs for timing a model when its widget did not pass a sample: zeros shaped like the model's inputs,
 * with free dimensions set to a typical size. The timing decides the backend, so the shape should be what
 * readers actually run: the first free dimension is the batch (1), later ones a sequence of
 * TYPICAL_LENGTH (a sentence or two of BPE tokens). Pure TS: tested in Node.
 */
import { isTensorType, zeros, type Feeds, type InputInfo } from './protocol.ts';

export const TYPICAL_LENGTH = 48;

/** null when some input cannot be synthesized (unknown type or shape); the caller skips measuring. */
export function sampleFeeds(inputs: readonly InputInfo[], length = TYPICAL_LENGTH): Feeds | null {
  if (inputs.length === 0) return null;
  const feeds: Feeds = {};
  for (const input of inputs) {
    if (!isTensorType(input.type) || !input.shape) return null;
    const dims = input.shape.map((d, i) => (typeof d === 'number' && d >= 0 ? d : i === 0 ? 1 : length));
    feeds[input.name] = zeros(input.type, dims);
  }
  return feeds;
}
