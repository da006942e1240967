/**
 * A block's feature maps as numbers a view can draw and a screen reader can hear: per-channel statistics, the
 * pixels of one channel's map, and the strongest channels. Pure; the tensors come from the model's named
 * outputs block1…block4, [1, C, H, W] (CONTRACT.md).
 */

export interface BlockTensor {
  data: Float32Array;
  /** [1, C, H, W] */
  dims: readonly number[];
}

export interface ChannelStats {
  channel: number;
  mean: number;
  max: number;
  /** Where the max is, in the block's map. */
  argmax: { x: number; y: number };
}

export function blockShape(t: BlockTensor): { channels: number; height: number; width: number } {
  const [, channels, height, width] = t.dims;
  if (channels === undefined || height === undefined || width === undefined || t.data.length !== channels * height * width) {
    throw new Error(`a block output must be [1, C, H, W] with C·H·W values, got [${t.dims.join(', ')}] and ${t.data.length}`);
  }
  return { channels, height, width };
}

export function channelStats(t: BlockTensor): ChannelStats[] {
  const { channels, height, width } = blockShape(t);
  const n = height * width;
  const out: ChannelStats[] = [];
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    let max = -Infinity;
    let at = 0;
    for (let i = 0; i < n; i++) {
      const v = t.data[c * n + i]!;
      sum += v;
      if (v > max) {
        max = v;
        at = i;
      }
    }
    out.push({ channel: c, mean: sum / n, max, argmax: { x: at % width, y: Math.floor(at / width) } });
  }
  return out;
}

/** The largest activation in the block: maps are drawn on one scale per block, so a weak channel looks weak. */
export function blockMax(t: BlockTensor): number {
  let max = 0;
  for (const v of t.data) if (v > max) max = v;
  return max;
}

/** The strongest channels by mean activation, strongest first. */
export function topChannels(stats: readonly ChannelStats[], k: number): ChannelStats[] {
  return [...stats].sort((a, b) => b.mean - a.mean || a.channel - b.channel).slice(0, k);
}

/**
 * One channel's map as RGBA pixels (width × height), activation a drawn as ink of strength a / scale over the
 * paper colour, in the given ink colour (sRGB bytes). ReLU outputs are ≥ 0; a scale of 0 (a silent block)
 * draws plain paper.
 */
export function channelPixels(
  t: BlockTensor,
  channel: number,
  scale: number,
  ink: readonly [number, number, number],
  paper: readonly [number, number, number],
  out?: Uint8ClampedArray,
): Uint8ClampedArray {
  const { height, width } = blockShape(t);
  const n = height * width;
  const pixels = out ?? new Uint8ClampedArray(4 * n);
  for (let i = 0; i < n; i++) {
    const v = scale > 0 ? Math.min(1, Math.max(0, t.data[channel * n + i]! / scale)) : 0;
    for (let k = 0; k < 3; k++) pixels[4 * i + k] = paper[k]! + (ink[k]! - paper[k]!) * v;
    pixels[4 * i + 3] = 255;
  }
  return pixels;
}
