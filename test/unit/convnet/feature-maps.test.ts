import { describe, expect, it } from 'vitest';
import { blockMax, blockShape, channelPixels, channelStats, topChannels } from '../../../widgets/convnet/feature-maps.ts';

// Two channels of 2 × 3: channel 0 is flat 1, channel 1 has a single 6 at (2, 1).
const t = { data: Float32Array.from([1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 6]), dims: [1, 2, 2, 3] };

describe('feature maps', () => {
  it('reads shapes and rejects tensors that are not [1, C, H, W]', () => {
    expect(blockShape(t)).toEqual({ channels: 2, height: 2, width: 3 });
    expect(() => blockShape({ data: new Float32Array(5), dims: [1, 2, 2, 3] })).toThrow(/C·H·W/);
    expect(() => blockShape({ data: new Float32Array(5), dims: [5] })).toThrow();
  });

  it('gives each channel its mean, max and where the max is', () => {
    const s = channelStats(t);
    expect(s[0]).toEqual({ channel: 0, mean: 1, max: 1, argmax: { x: 0, y: 0 } });
    expect(s[1]).toEqual({ channel: 1, mean: 1, max: 6, argmax: { x: 2, y: 1 } });
    expect(blockMax(t)).toBe(6);
    expect(topChannels(s, 1)[0]!.channel).toBe(0); // tie on mean: the lower channel first
  });

  it('draws a channel on the block scale, paper where silent, ink at the maximum', () => {
    const px = channelPixels(t, 1, 6, [0, 0, 0], [255, 255, 255]);
    expect([...px.slice(0, 4)]).toEqual([255, 255, 255, 255]);
    expect([...px.slice(20, 24)]).toEqual([0, 0, 0, 255]);
    expect([...channelPixels(t, 0, 0, [0, 0, 0], [250, 250, 250]).slice(0, 4)]).toEqual([250, 250, 250, 255]);
  });
});
