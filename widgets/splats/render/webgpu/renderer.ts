/**
 * The WebGPU splat renderer (contract.ts). Per frame, in one command buffer: the prepare pass blends every
 * draw-list entry with its parent and writes its camera-space splat and depth key; the portable radix sort
 * orders the entries far first on the GPU (exact float keys); the render pass clears to the background and
 * draws one instanced quad per sorted entry, composited premultiplied with (ONE, ONE_MINUS_SRC_ALPHA).
 *
 * The tree is uploaded once per scene (tree-pack.ts); per-frame buffers are sized to the draw list and only
 * grow. A lost device is reported through events.onLost (the widget then makes a new renderer), except
 * after destroy(). WebGPU errors nobody captured are written to the console, where tests look for them.
 */
import type { DrawList, FrameView, RenderTree, RendererEvents, SplatRenderer } from '../contract.ts';
import { bindingLimit, entryBufferBytes, grownCapacity, tooLarge, treeBufferBytes } from './buffer-sizes.ts';
import { ceilDiv, dispatchGrid } from './dispatch.ts';
import { FRAME_BYTES, packFrameUniforms } from './frame-uniforms.ts';
import { bindInOrder } from './bind-group.ts';
import { createGpuRadixSort } from './gpu-sort.ts';
import {
  BufferUsage,
  navigatorGpu,
  type GpuBindGroup,
  type GpuBuffer,
  type GpuCanvasContext,
  type GpuDevice,
} from './gpu-types.ts';
import { PREPARE_WGSL, PREPARE_WORKGROUP } from './shaders/prepare.wgsl.ts';
import { SPLAT_WGSL } from './shaders/splat.wgsl.ts';
import { packTree } from './tree-pack.ts';

/**
 * A renderer on a fresh device for `canvas`, or null where WebGPU is unavailable (no navigator.gpu, no
 * adapter, no device, or no WebGPU context on this canvas). Never throws for those.
 */
export async function createWebGpuRenderer(canvas: HTMLCanvasElement, events: RendererEvents): Promise<SplatRenderer | null> {
  const gpu = navigatorGpu();
  if (!gpu) return null;
  let device: GpuDevice;
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return null;
    // The defaults (128 MiB per storage binding) would cap the tree near two million nodes; ask for what
    // the adapter offers, which every adapter can grant.
    device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
  } catch {
    return null;
  }
  const context = canvas.getContext('webgpu') as unknown as GpuCanvasContext | null;
  if (!context) {
    device.destroy();
    return null;
  }
  return createRendererOnDevice(device, canvas, context, gpu.getPreferredCanvasFormat(), events);
}

/** The renderer on a given device and configured-later context; it owns the device (destroy() destroys it). */
export function createRendererOnDevice(
  device: GpuDevice,
  canvas: HTMLCanvasElement,
  context: GpuCanvasContext,
  format: string,
  events: RendererEvents,
): SplatRenderer {
  let destroyed = false;
  void device.lost.then((info) => {
    if (!destroyed) events.onLost(info.message || `the WebGPU device was lost (${info.reason})`);
  });
  device.addEventListener('uncapturederror', (event) => {
    const error = (event as Event & { error?: { message?: string } }).error;
    console.error(`WebGPU error in the splat renderer: ${error?.message ?? 'unknown'}`);
  });

  context.configure({ device, format, alphaMode: 'premultiplied' });
  const limit = bindingLimit(device.limits);

  const prepare = device.createComputePipeline({
    label: 'splat prepare',
    layout: 'auto',
    compute: { module: device.createShaderModule({ label: 'splat prepare', code: PREPARE_WGSL }), entryPoint: 'main' },
  });
  const splatModule = device.createShaderModule({ label: 'splat draw', code: SPLAT_WGSL });
  const draw = device.createRenderPipeline({
    label: 'splat draw',
    layout: 'auto',
    vertex: { module: splatModule, entryPoint: 'vs' },
    fragment: {
      module: splatModule,
      entryPoint: 'fs',
      targets: [
        {
          format,
          blend: {
            color: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
            alpha: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
          },
        },
      ],
    },
    primitive: { topology: 'triangle-strip' },
  });

  const frameBuffer = device.createBuffer({ label: 'splat frame', size: FRAME_BYTES, usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST });
  const frameData = new ArrayBuffer(FRAME_BYTES);
  const sort = createGpuRadixSort(device);

  let tree: GpuBuffer | null = null;
  let capacity = 0;
  let listNodes: GpuBuffer | null = null;
  let listBlend: GpuBuffer | null = null;
  let splats: GpuBuffer | null = null;
  let groups: { prepare: GpuBindGroup; draw: GpuBindGroup } | null = null;

  function rebind() {
    groups = null;
    if (!tree || !listNodes || !listBlend || !splats) return;
    groups = {
      prepare: bindInOrder(device, prepare, [frameBuffer, tree, listNodes, listBlend, splats, sort.keys, sort.vals], 'splat prepare'),
      draw: bindInOrder(device, draw, [frameBuffer, splats, sort.vals], 'splat draw'),
    };
  }

  function reserve(count: number) {
    const next = grownCapacity(capacity, count);
    if (next === capacity && splats) return;
    const bytes = entryBufferBytes(next);
    const problem = tooLarge(`Drawing ${count.toLocaleString('en')} splats`, bytes.splats, limit);
    if (problem) throw new RangeError(problem);
    for (const b of [listNodes, listBlend, splats]) b?.destroy();
    capacity = next;
    const usage = BufferUsage.STORAGE | BufferUsage.COPY_DST;
    listNodes = device.createBuffer({ label: 'draw list nodes', size: bytes.list, usage });
    listBlend = device.createBuffer({ label: 'draw list blend', size: bytes.list, usage });
    splats = device.createBuffer({ label: 'splats', size: bytes.splats, usage: BufferUsage.STORAGE });
    sort.reserve(capacity);
    rebind();
  }

  function checkAlive() {
    if (destroyed) throw new Error('the WebGPU splat renderer was destroyed');
  }

  return {
    backend: 'webgpu',
    wantsSortedList: false,

    setTree(renderTree: RenderTree) {
      checkAlive();
      const bytes = treeBufferBytes(renderTree.nodeCount);
      const problem = tooLarge(`A tree of ${renderTree.nodeCount.toLocaleString('en')} nodes`, bytes, limit);
      if (problem) throw new RangeError(problem);
      const packed = packTree(renderTree, new ArrayBuffer(bytes));
      tree?.destroy();
      tree = device.createBuffer({ label: 'splat tree', size: bytes, usage: BufferUsage.STORAGE | BufferUsage.COPY_DST });
      device.queue.writeBuffer(tree, 0, packed);
      rebind();
    },

    async render(list: DrawList, frame: FrameView) {
      checkAlive();
      const width = Math.max(1, Math.round(frame.width));
      const height = Math.max(1, Math.round(frame.height));
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      // Without a tree there is nothing to draw but the background.
      const count = tree ? list.count : 0;
      if (count > list.nodes.length || count > list.blend.length) {
        throw new RangeError(`the draw list says ${count} entries but holds ${Math.min(list.nodes.length, list.blend.length)}`);
      }
      reserve(count);
      device.queue.writeBuffer(frameBuffer, 0, packFrameUniforms(frame, count, frameData));
      const encoder = device.createCommandEncoder();
      if (count > 0 && groups) {
        device.queue.writeBuffer(listNodes!, 0, list.nodes.subarray(0, count));
        device.queue.writeBuffer(listBlend!, 0, list.blend.subarray(0, count));
        const [gx, gy] = dispatchGrid(ceilDiv(count, PREPARE_WORKGROUP), device.limits.maxComputeWorkgroupsPerDimension);
        const pass = encoder.beginComputePass({ label: 'splat prepare' });
        pass.setPipeline(prepare);
        pass.setBindGroup(0, groups.prepare);
        pass.dispatchWorkgroups(gx, gy);
        pass.end();
        sort.encode(encoder, count);
      }
      const [r, g, b] = frame.background;
      const pass = encoder.beginRenderPass({
        colorAttachments: [
          {
            view: context.getCurrentTexture().createView(),
            clearValue: { r, g, b, a: 1 },
            loadOp: 'clear',
            storeOp: 'store',
          },
        ],
      });
      if (count > 0 && groups) {
        pass.setPipeline(draw);
        pass.setBindGroup(0, groups.draw);
        pass.draw(4, count);
      }
      pass.end();
      device.queue.submit([encoder.finish()]);
    },

    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const b of [tree, listNodes, listBlend, splats, frameBuffer]) b?.destroy();
      sort.destroy();
      context.unconfigure();
      device.destroy();
    },
  };
}
