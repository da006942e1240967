/**
 * The slice of the WebGPU API this renderer uses, typed here because the project has no @webgpu/types
 * (TypeScript's lib.dom does not carry WebGPU yet) and no dependency may be added for it. Shapes follow the
 * W3C spec; only the members we call are listed. The numeric flags are the spec's fixed values, so the code
 * also loads in Node (tests) where the GPU* globals do not exist.
 */

export const BufferUsage = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

export const MapMode = { READ: 0x0001 } as const;

export interface GpuLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
  readonly maxComputeWorkgroupsPerDimension: number;
  readonly minUniformBufferOffsetAlignment: number;
  readonly maxStorageBuffersPerShaderStage: number;
}

export interface GpuBuffer {
  readonly size: number;
  destroy(): void;
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
}

export interface GpuBindGroup {
  readonly __brand?: 'GpuBindGroup';
}
export interface GpuBindGroupLayout {
  readonly __brand?: 'GpuBindGroupLayout';
}
export interface GpuShaderModule {
  getCompilationInfo(): Promise<{ messages: readonly { type: string; message: string; lineNum: number }[] }>;
}
export interface GpuComputePipeline {
  getBindGroupLayout(index: number): GpuBindGroupLayout;
}
export interface GpuRenderPipeline {
  getBindGroupLayout(index: number): GpuBindGroupLayout;
}

export interface GpuBindGroupEntry {
  binding: number;
  resource: { buffer: GpuBuffer; offset?: number; size?: number };
}

export interface GpuComputePassEncoder {
  setPipeline(p: GpuComputePipeline): void;
  setBindGroup(index: number, group: GpuBindGroup): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}

export interface GpuRenderPassEncoder {
  setPipeline(p: GpuRenderPipeline): void;
  setBindGroup(index: number, group: GpuBindGroup): void;
  draw(vertexCount: number, instanceCount?: number): void;
  end(): void;
}

export interface GpuTexture {
  createView(): GpuTextureView;
}
export interface GpuTextureView {
  readonly __brand?: 'GpuTextureView';
}

export interface GpuCommandEncoder {
  beginComputePass(desc?: { label?: string }): GpuComputePassEncoder;
  beginRenderPass(desc: {
    colorAttachments: {
      view: GpuTextureView;
      clearValue: { r: number; g: number; b: number; a: number };
      loadOp: 'clear' | 'load';
      storeOp: 'store' | 'discard';
    }[];
  }): GpuRenderPassEncoder;
  copyBufferToBuffer(src: GpuBuffer, srcOffset: number, dst: GpuBuffer, dstOffset: number, size: number): void;
  finish(): GpuCommandBuffer;
}
export interface GpuCommandBuffer {
  readonly __brand?: 'GpuCommandBuffer';
}

export interface GpuQueue {
  writeBuffer(buffer: GpuBuffer, offset: number, data: ArrayBufferView | ArrayBuffer, dataOffset?: number, size?: number): void;
  submit(buffers: GpuCommandBuffer[]): void;
  onSubmittedWorkDone(): Promise<void>;
}

export interface GpuDeviceLostInfo {
  readonly reason: 'unknown' | 'destroyed';
  readonly message: string;
}

export interface GpuDevice extends EventTarget {
  readonly limits: GpuLimits;
  readonly queue: GpuQueue;
  readonly lost: Promise<GpuDeviceLostInfo>;
  createBuffer(desc: { label?: string; size: number; usage: number; mappedAtCreation?: boolean }): GpuBuffer;
  createShaderModule(desc: { label?: string; code: string }): GpuShaderModule;
  createComputePipeline(desc: {
    label?: string;
    layout: 'auto';
    compute: { module: GpuShaderModule; entryPoint: string };
  }): GpuComputePipeline;
  createRenderPipeline(desc: {
    label?: string;
    layout: 'auto';
    vertex: { module: GpuShaderModule; entryPoint: string };
    fragment: {
      module: GpuShaderModule;
      entryPoint: string;
      targets: {
        format: string;
        blend?: {
          color: { srcFactor: string; dstFactor: string; operation: string };
          alpha: { srcFactor: string; dstFactor: string; operation: string };
        };
      }[];
    };
    primitive: { topology: 'triangle-strip' | 'triangle-list' };
  }): GpuRenderPipeline;
  createBindGroup(desc: { label?: string; layout: GpuBindGroupLayout; entries: GpuBindGroupEntry[] }): GpuBindGroup;
  createCommandEncoder(): GpuCommandEncoder;
  pushErrorScope(filter: 'validation' | 'out-of-memory' | 'internal'): void;
  popErrorScope(): Promise<{ message: string } | null>;
  destroy(): void;
}

export interface GpuAdapter {
  readonly limits: GpuLimits;
  requestDevice(desc?: { requiredLimits?: Record<string, number> }): Promise<GpuDevice>;
}

export interface GpuCanvasContext {
  configure(desc: { device: GpuDevice; format: string; alphaMode: 'premultiplied' | 'opaque' }): void;
  unconfigure(): void;
  getCurrentTexture(): GpuTexture;
}

export interface Gpu {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapter | null>;
  getPreferredCanvasFormat(): string;
}

/** navigator.gpu where the browser has WebGPU, else undefined. */
export function navigatorGpu(): Gpu | undefined {
  const nav = (globalThis as { navigator?: { gpu?: Gpu } }).navigator;
  return nav?.gpu;
}
