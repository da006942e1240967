/**
 * The GPU radix sort (shaders/radix.wgsl.ts) as an object that owns its pipelines and buffers: two
 * ping-pong pairs of (key, value) buffers grown to the largest count seen, the digit-major histogram and the
 * per-pass parameters. Callers fill keys/vals (pair A), encode the sort, and find the result back in pair A
 * (an even number of passes).
 */
import { bindInOrder } from './bind-group.ts';
import { dispatchGrid } from './dispatch.ts';
import { BufferUsage, type GpuBindGroup, type GpuBuffer, type GpuCommandEncoder, type GpuDevice } from './gpu-types.ts';
import { grownCapacity } from './buffer-sizes.ts';
import { HISTOGRAM_WGSL, SCAN_WGSL, SCATTER_WGSL } from './shaders/radix.wgsl.ts';
import { RADIX_PASSES, histogramEntries, packSortParams, sortParamsStride, sortTiles } from './sort-layout.ts';

export interface GpuRadixSort {
  /** Pair A: the sort's input and, after encode, its output. Replaced when reserve grows them. */
  readonly keys: GpuBuffer;
  readonly vals: GpuBuffer;
  readonly capacity: number;
  /** Makes room for `count` pairs; true when the buffers were replaced (rebind anything that uses them). */
  reserve(count: number): boolean;
  /** Writes this count's parameters (queue.writeBuffer) and encodes the 8 passes into `encoder`. */
  encode(encoder: GpuCommandEncoder, count: number): void;
  destroy(): void;
}

const STORAGE_RW = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;

export function createGpuRadixSort(device: GpuDevice): GpuRadixSort {
  const module = (code: string, label: string) => device.createShaderModule({ label, code });
  const pipeline = (code: string, label: string) =>
    device.createComputePipeline({ label, layout: 'auto', compute: { module: module(code, label), entryPoint: 'main' } });
  const histogram = pipeline(HISTOGRAM_WGSL, 'radix histogram');
  const scan = pipeline(SCAN_WGSL, 'radix scan');
  const scatter = pipeline(SCATTER_WGSL, 'radix scatter');

  const stride = sortParamsStride(device.limits.minUniformBufferOffsetAlignment);
  const params = device.createBuffer({
    label: 'radix params',
    size: stride * RADIX_PASSES,
    usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST,
  });
  const paramsData = new ArrayBuffer(stride * RADIX_PASSES);

  let capacity = 0;
  let keysA: GpuBuffer | null = null;
  let valsA: GpuBuffer | null = null;
  let keysB: GpuBuffer | null = null;
  let valsB: GpuBuffer | null = null;
  let hist: GpuBuffer | null = null;
  let groups: { histogram: GpuBindGroup; scan: GpuBindGroup; scatter: GpuBindGroup }[] = [];

  function freeBuffers() {
    for (const b of [keysA, valsA, keysB, valsB, hist]) b?.destroy();
  }

  function reserve(count: number): boolean {
    const next = grownCapacity(capacity, count);
    if (next === capacity && keysA) return false;
    freeBuffers();
    capacity = next;
    const words = (label: string) => device.createBuffer({ label, size: 4 * capacity, usage: STORAGE_RW });
    const a = { keys: words('radix keys A'), vals: words('radix vals A') };
    const b = { keys: words('radix keys B'), vals: words('radix vals B') };
    [keysA, valsA, keysB, valsB] = [a.keys, a.vals, b.keys, b.vals];
    const h = device.createBuffer({ label: 'radix histogram', size: 4 * histogramEntries(capacity), usage: BufferUsage.STORAGE });
    hist = h;
    groups = [];
    for (let pass = 0; pass < RADIX_PASSES; pass++) {
      const [src, dst] = pass % 2 === 0 ? [a, b] : [b, a];
      const slot = { buffer: params, offset: pass * stride, size: 16 };
      groups.push({
        histogram: bindInOrder(device, histogram, [slot, src.keys, h]),
        scan: bindInOrder(device, scan, [slot, h]),
        scatter: bindInOrder(device, scatter, [slot, src.keys, src.vals, h, dst.keys, dst.vals]),
      });
    }
    return true;
  }

  function encode(encoder: GpuCommandEncoder, count: number) {
    if (count === 0) return;
    if (count > capacity) throw new RangeError(`sort of ${count} pairs exceeds the reserved ${capacity}`);
    device.queue.writeBuffer(params, 0, packSortParams(count, stride, paramsData));
    const [gx, gy] = dispatchGrid(sortTiles(count), device.limits.maxComputeWorkgroupsPerDimension);
    const pass = encoder.beginComputePass({ label: 'radix sort' });
    for (const g of groups) {
      pass.setPipeline(histogram);
      pass.setBindGroup(0, g.histogram);
      pass.dispatchWorkgroups(gx, gy);
      pass.setPipeline(scan);
      pass.setBindGroup(0, g.scan);
      pass.dispatchWorkgroups(1);
      pass.setPipeline(scatter);
      pass.setBindGroup(0, g.scatter);
      pass.dispatchWorkgroups(gx, gy);
    }
    pass.end();
  }

  return {
    get keys() {
      if (!keysA) throw new Error('reserve() before using the sort buffers');
      return keysA;
    },
    get vals() {
      if (!valsA) throw new Error('reserve() before using the sort buffers');
      return valsA;
    },
    get capacity() {
      return capacity;
    },
    reserve,
    encode,
    destroy() {
      freeBuffers();
      params.destroy();
    },
  };
}
