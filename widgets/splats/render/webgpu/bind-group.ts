import type { GpuBindGroup, GpuBindGroupEntry, GpuBuffer, GpuComputePipeline, GpuDevice, GpuRenderPipeline } from './gpu-types.ts';

/** A shader's resource as a bind group takes it: a whole buffer, or a slice of one. */
export type Bound = GpuBuffer | GpuBindGroupEntry['resource'];

/**
 * Bind group 0 of a pipeline whose shader numbers its bindings 0, 1, 2… in the order `resources` lists them,
 * as every shader here does: the list reads like the shader's declarations, with no binding number to misplace.
 */
export function bindInOrder(
  device: GpuDevice,
  pipeline: GpuComputePipeline | GpuRenderPipeline,
  resources: Bound[],
  label?: string,
): GpuBindGroup {
  const entries = resources.map((r, binding) => ({ binding, resource: 'buffer' in r ? r : { buffer: r } }));
  return device.createBindGroup({ label, layout: pipeline.getBindGroupLayout(0), entries });
}
