// bindInOrder (widgets/splats/render/webgpu/bind-group.ts): the renderer's and the radix sort's bind groups are
// built from resource lists, so binding i must be the list's i-th entry, a whole buffer wrapped and a slice as given.
import { describe, expect, it } from 'vitest';
import { bindInOrder } from '../../../widgets/splats/render/webgpu/bind-group.ts';
import type { GpuBuffer, GpuComputePipeline, GpuDevice } from '../../../widgets/splats/render/webgpu/gpu-types.ts';

const buffer = (size: number) => ({ size, destroy() {} }) as unknown as GpuBuffer;

describe('bindInOrder', () => {
  it('numbers the resources 0, 1, 2… on bind group 0 of the pipeline, with the label', () => {
    const calls: unknown[] = [];
    const device = { createBindGroup: (desc: unknown) => (calls.push(desc), { desc }) } as unknown as GpuDevice;
    const layouts: number[] = [];
    const pipeline = { getBindGroupLayout: (i: number) => (layouts.push(i), { layout: i }) } as unknown as GpuComputePipeline;
    const [a, b] = [buffer(16), buffer(32)];
    const slice = { buffer: b, offset: 256, size: 16 };
    bindInOrder(device, pipeline, [slice, a, b], 'sort');
    expect(layouts).toEqual([0]);
    expect(calls).toEqual([
      {
        label: 'sort',
        layout: { layout: 0 },
        entries: [
          { binding: 0, resource: slice },
          { binding: 1, resource: { buffer: a } },
          { binding: 2, resource: { buffer: b } },
        ],
      },
    ]);
  });
});
