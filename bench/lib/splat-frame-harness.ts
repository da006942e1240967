/**
 * Browser side of bench/splat-frame.ts, bundled by Vite into one ES module and loaded by a blank page. It
 * puts `splatFrameHarness` on globalThis; the benchmark drives it with page.evaluate and gets plain JSON back.
 *
 * - gpuSort: the portable WebGPU radix sort (createGpuRadixSort) timed from dispatch to
 *   queue.onSubmittedWorkDone(), then its output read back and compared with the CPU reference
 *   (sort/radix-sort.ts), keys and values, element by element.
 * - frames: the car built in the page (not timed), then per frame the draw list for a camera on a fixed orbit
 *   (the Worker's part, run here) and renderer.render() until the GPU is done.
 * Times are performance.now() in milliseconds; the caller computes the statistics.
 */
import type { OrbitCamera } from '../../widgets/splats/camera.ts';
import { viewMatrix } from '../../widgets/splats/camera.ts';
import { createFrameComputer } from '../../widgets/splats/frame/frame-computer.ts';
import { buildOctree } from '../../widgets/splats/hierarchy/octree.ts';
import type { Backend, FrameView, SplatRenderer } from '../../widgets/splats/render/contract.ts';
import { renderTreeOf } from '../../widgets/splats/render/project.ts';
import { createWebGl2Renderer } from '../../widgets/splats/render/webgl2/renderer.ts';
import { createGpuRadixSort } from '../../widgets/splats/render/webgpu/gpu-sort.ts';
import { BufferUsage, MapMode, navigatorGpu, type GpuAdapter, type GpuCanvasContext, type GpuDevice } from '../../widgets/splats/render/webgpu/gpu-types.ts';
import { createRendererOnDevice } from '../../widgets/splats/render/webgpu/renderer.ts';
import { carScene } from '../../widgets/splats/scenes/car.ts';
import { depthsToFarFirstKeys } from '../../widgets/splats/sort/float-key.ts';
import { createRadixSorter } from '../../widgets/splats/sort/radix-sort.ts';

export interface AdapterReport {
  /** GPUAdapterInfo's fields where the browser fills them (Chromium may blank some for privacy). */
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean | null;
}

export interface GlReport {
  /** WEBGL_debug_renderer_info's unmasked strings, else the masked RENDERER / VENDOR. */
  vendor: string;
  renderer: string;
}

export interface SortPlan {
  n: number;
  warmup: number;
  runs: number;
}

export interface SortResult {
  n: number;
  /** Dispatch → onSubmittedWorkDone, ms, timed runs only. */
  times: number[];
  /** Entries where the GPU's output (keys or values) differs from the CPU reference's, in the last run. */
  mismatches: number;
  firstMismatch: number;
  /** WebGPU errors captured while sorting (validation, out of memory, internal). */
  errors: string[];
}

export interface FramePlan {
  leaves: number;
  seed: number;
  warmup: number;
  runs: number;
  backends: Backend[];
  /** The orbit: yaw = yawStep·frame (from frame 0, warm-ups included), the rest fixed. */
  camera: Omit<OrbitCamera, 'yaw'>;
  yawStep: number;
  tau: number;
  width: number;
  height: number;
}

export interface FrameSample {
  /** The cut (selection) and the list (copy, or depths + counting sort + arrays for WebGL2), ms. */
  cutMs: number;
  listMs: number;
  /** render() called → the GPU done (onSubmittedWorkDone, or a 1-pixel readPixels for WebGL2), ms. */
  renderMs: number;
  drawn: number;
}

export interface BackendFrames {
  backend: Backend;
  /** Null when the backend did not start in this browser (the reason in `problem`). */
  samples: FrameSample[] | null;
  problem: string;
  /** setTree (packing and uploading the tree), ms, once. */
  uploadMs: number;
  /** Fraction of the last frame's pixels that differ from the background: 0 means nothing was drawn. */
  covered: number;
  errors: string[];
}

export interface FrameResult {
  /** Whether performance.now() had its fine resolution (the page is cross-origin isolated). */
  isolated: boolean;
  leaves: number;
  nodes: number;
  depth: number;
  buildMs: number;
  backends: BackendFrames[];
}

const BACKGROUND = [0.96, 0.96, 0.95] as const;

/** Random depths in [0.1, 100) (xorshift32, as bench/splat-sort.ts), as the renderer's far-first keys. */
function fillKeys(keys: Uint32Array, depths: Float32Array, seed: number) {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < depths.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    depths[i] = 0.1 + ((s >>> 0) / 2 ** 32) * 99.9;
  }
  depthsToFarFirstKeys(depths, keys);
}

type InfoAdapter = GpuAdapter & { info?: Partial<Record<'vendor' | 'architecture' | 'device' | 'description', string>>; isFallbackAdapter?: boolean };

async function requestAdapter(): Promise<InfoAdapter | null> {
  const gpu = navigatorGpu();
  if (!gpu) return null;
  return (await gpu.requestAdapter({ powerPreference: 'high-performance' })) as InfoAdapter | null;
}

/** A device with the adapter's buffer limits, as createWebGpuRenderer asks for (a 1M-node tree needs them). */
async function requestDevice(adapter: GpuAdapter): Promise<GpuDevice> {
  return adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
}

/** WebGPU errors nobody captured, collected (the sort has no console of its own to write them to). */
function collectErrors(device: GpuDevice): string[] {
  const errors: string[] = [];
  device.addEventListener('uncapturederror', (event) => {
    errors.push((event as Event & { error?: { message?: string } }).error?.message ?? 'unknown WebGPU error');
  });
  return errors;
}

async function adapterInfo(): Promise<AdapterReport | null> {
  const adapter = await requestAdapter();
  if (!adapter) return null;
  const info = adapter.info ?? {};
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: typeof adapter.isFallbackAdapter === 'boolean' ? adapter.isFallbackAdapter : null,
  };
}

function glInfo(): GlReport | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return {
    vendor: String(gl.getParameter(ext ? ext.UNMASKED_VENDOR_WEBGL : gl.VENDOR)),
    renderer: String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
  };
}

async function gpuSort(plans: SortPlan[]): Promise<SortResult[]> {
  const adapter = await requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter in this browser');
  const device = await requestDevice(adapter);
  const errors = collectErrors(device);
  const results: SortResult[] = [];
  try {
    for (const { n, warmup, runs } of plans) {
      errors.length = 0;
      const sort = createGpuRadixSort(device);
      sort.reserve(n);
      const keys = new Uint32Array(n);
      const depths = new Float32Array(n);
      const iota = new Uint32Array(n);
      for (let i = 0; i < n; i++) iota[i] = i;
      const times: number[] = [];
      for (let r = 0; r < warmup + runs; r++) {
        fillKeys(keys, depths, 0x9e3779b9 + 7919 * r + n);
        device.queue.writeBuffer(sort.keys, 0, keys);
        device.queue.writeBuffer(sort.vals, 0, iota);
        // The uploads are not part of the sort: let them land before the clock starts.
        await device.queue.onSubmittedWorkDone();
        const t0 = performance.now();
        const encoder = device.createCommandEncoder();
        sort.encode(encoder, n);
        device.queue.submit([encoder.finish()]);
        await device.queue.onSubmittedWorkDone();
        const t = performance.now() - t0;
        if (r >= warmup) times.push(t);
      }
      // The last run's output (pair A) against the CPU reference on the same keys.
      const read = device.createBuffer({ label: 'sort readback', size: 8 * n, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
      const encoder = device.createCommandEncoder();
      encoder.copyBufferToBuffer(sort.vals, 0, read, 0, 4 * n);
      encoder.copyBufferToBuffer(sort.keys, 0, read, 4 * n, 4 * n);
      device.queue.submit([encoder.finish()]);
      await read.mapAsync(MapMode.READ);
      const gpu = new Uint32Array(read.getMappedRange().slice(0));
      read.unmap();
      read.destroy();
      const order = createRadixSorter().sortKeys(keys);
      let mismatches = 0;
      let firstMismatch = -1;
      for (let i = 0; i < n; i++) {
        if (gpu[i] !== order[i] || gpu[n + i] !== keys[order[i]!]) {
          if (firstMismatch < 0) firstMismatch = i;
          mismatches++;
        }
      }
      sort.destroy();
      results.push({ n, times, mismatches, firstMismatch, errors: [...errors] });
    }
  } finally {
    device.destroy();
  }
  return results;
}

interface StartedBackend {
  renderer: SplatRenderer;
  /** Resolves when the GPU has finished everything issued so far. */
  done(): Promise<void>;
  errors: string[];
}

async function startWebGpu(canvas: HTMLCanvasElement): Promise<StartedBackend | string> {
  const gpu = navigatorGpu();
  if (!gpu) return 'navigator.gpu is missing';
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return 'no WebGPU adapter';
  const device = await requestDevice(adapter);
  const context = canvas.getContext('webgpu') as unknown as GpuCanvasContext | null;
  if (!context) {
    device.destroy();
    return 'no WebGPU canvas context';
  }
  const errors = collectErrors(device);
  // The renderer as createWebGpuRenderer makes it, on a device held here so that the benchmark can wait on its queue.
  const renderer = createRendererOnDevice(device, canvas, context, gpu.getPreferredCanvasFormat(), {
    onLost: (reason) => errors.push(`device lost: ${reason}`),
  });
  return { renderer, errors, done: () => device.queue.onSubmittedWorkDone() };
}

function startWebGl2(canvas: HTMLCanvasElement): StartedBackend | string {
  const errors: string[] = [];
  const renderer = createWebGl2Renderer(canvas, { onLost: (reason) => errors.push(`context lost: ${reason}`) });
  if (!renderer) return 'no WebGL2 context';
  // The renderer's own context (getContext returns the same one again).
  const gl = canvas.getContext('webgl2')!;
  const pixel = new Uint8Array(4);
  return {
    renderer,
    errors,
    // gl.finish() may return before the GPU is done in Chromium; a readback cannot.
    done: async () => gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel),
  };
}

/**
 * The fraction of the canvas's pixels more than 2/255 from the background in some channel, read through a 2D
 * canvas in the task that drew the frame (before it is presented and the drawing buffer let go).
 */
function coverage(canvas: HTMLCanvasElement, background: readonly [number, number, number]): number {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const c2d = copy.getContext('2d', { willReadFrequently: true })!;
  c2d.drawImage(canvas, 0, 0);
  const data = c2d.getImageData(0, 0, copy.width, copy.height).data;
  const bg = background.map((c) => Math.round(255 * c));
  let hit = 0;
  for (let p = 0; p < data.length; p += 4) {
    if (Math.abs(data[p]! - bg[0]!) > 2 || Math.abs(data[p + 1]! - bg[1]!) > 2 || Math.abs(data[p + 2]! - bg[2]!) > 2) hit++;
  }
  return hit / (data.length / 4);
}

async function frames(plan: FramePlan): Promise<FrameResult> {
  const t0 = performance.now();
  const tree = buildOctree(carScene(plan.leaves, plan.seed));
  const buildMs = performance.now() - t0;
  const computer = createFrameComputer(tree);
  const renderTree = renderTreeOf(tree);
  const result: FrameResult = { isolated: globalThis.crossOriginIsolated === true, leaves: plan.leaves, nodes: tree.nodes.count, depth: tree.depth, buildMs, backends: [] };

  for (const backend of plan.backends) {
    const canvas = document.createElement('canvas');
    canvas.width = plan.width;
    canvas.height = plan.height;
    canvas.style.width = `${plan.width}px`;
    canvas.style.height = `${plan.height}px`;
    document.body.append(canvas);
    const started = backend === 'webgpu' ? await startWebGpu(canvas) : startWebGl2(canvas);
    if (typeof started === 'string') {
      result.backends.push({ backend, samples: null, problem: started, uploadMs: 0, covered: 0, errors: [] });
      canvas.remove();
      continue;
    }
    const { renderer, done, errors } = started;
    try {
      const u0 = performance.now();
      renderer.setTree(renderTree);
      await done();
      const uploadMs = performance.now() - u0;
      const samples: FrameSample[] = [];
      let covered = 0;
      const view = new Float32Array(16);
      for (let i = 0; i < plan.warmup + plan.runs; i++) {
        const camera: OrbitCamera = { ...plan.camera, yaw: i * plan.yawStep };
        const computed = computer.compute({
          camera,
          width: plan.width,
          height: plan.height,
          tau: plan.tau,
          mode: 'cut',
          level: 0,
          sort: renderer.wantsSortedList,
        });
        const frame: FrameView = {
          view: viewMatrix(camera, view),
          fovy: camera.fovy,
          width: plan.width,
          height: plan.height,
          colorByLevel: false,
          background: BACKGROUND,
        };
        const r0 = performance.now();
        await renderer.render(computed.list, frame);
        await done();
        const renderMs = performance.now() - r0;
        if (i === plan.warmup + plan.runs - 1) {
          // Once the frame is presented (any task boundary, such as the wait above) a WebGPU canvas reads back
          // as transparent, so the check draws the last frame again, untimed, and reads it in the same task.
          await renderer.render(computed.list, frame);
          covered = coverage(canvas, BACKGROUND);
        }
        if (i >= plan.warmup) samples.push({ cutMs: computed.cutMs, listMs: computed.sortMs, renderMs, drawn: computed.list.count });
      }
      result.backends.push({ backend, samples, problem: '', uploadMs, covered, errors: [...errors] });
    } finally {
      renderer.destroy();
      canvas.remove();
    }
  }
  return result;
}

const harness = { adapterInfo, glInfo, gpuSort, frames };
export type SplatFrameHarness = typeof harness;
(globalThis as { splatFrameHarness?: SplatFrameHarness }).splatFrameHarness = harness;
