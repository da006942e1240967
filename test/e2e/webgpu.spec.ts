// The `webgpu` project really has WebGPU (a SwiftShader adapter without a GPU): an adapter, a device that
// runs a compute shader, and a canvas that WebGPU draws into. Runs only in that project (see the config).
import { test, expect } from './fixtures.ts';

test('navigator.gpu gives an adapter and a device that computes', { tag: '@webgpu-only' }, async ({ page }) => {
  await page.goto('/'); // a secure context (127.0.0.1), as navigator.gpu requires
  const result = await page.evaluate(async () => {
    if (!('gpu' in navigator)) return { error: 'navigator.gpu is missing' };
    const gpu = (navigator as any).gpu;
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { error: 'requestAdapter() returned null' };
    const device = await adapter.requestDevice();
    const input = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const G = (globalThis as any).GPUBufferUsage;
    const M = (globalThis as any).GPUMapMode;
    const storage = device.createBuffer({ size: input.byteLength, usage: G.STORAGE | G.COPY_SRC | G.COPY_DST });
    device.queue.writeBuffer(storage, 0, input);
    const readback = device.createBuffer({ size: input.byteLength, usage: G.MAP_READ | G.COPY_DST });
    const module = device.createShaderModule({
      code: `@group(0) @binding(0) var<storage, read_write> v: array<f32>;
             @compute @workgroup_size(8) fn main(@builtin(global_invocation_id) id: vec3u) { v[id.x] = v[id.x] * 2.0 + 1.0; }`,
    });
    const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    const bind = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: storage } }] });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(1);
    pass.end();
    enc.copyBufferToBuffer(storage, 0, readback, 0, input.byteLength);
    device.queue.submit([enc.finish()]);
    await readback.mapAsync(M.READ);
    const out = Array.from(new Float32Array(readback.getMappedRange().slice(0)));
    const info = adapter.info ?? {};
    return { out, vendor: info.vendor, architecture: info.architecture };
  });
  expect(result.error, 'WebGPU adapter').toBeUndefined();
  expect(result.out).toEqual([3, 5, 7, 9, 11, 13, 15, 17]);
  test.info().annotations.push({ type: 'adapter', description: `${result.vendor} / ${result.architecture}` });
});

test('WebGPU draws into a canvas', { tag: '@webgpu-only' }, async ({ page }) => {
  await page.goto('/');
  const pixel = await page.evaluate(async () => {
    const gpu = (navigator as any).gpu;
    const adapter = await gpu?.requestAdapter();
    if (!adapter) return 'no adapter';
    const device = await adapter.requestDevice();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 4;
    const ctx = canvas.getContext('webgpu') as any;
    if (!ctx) return 'getContext("webgpu") returned null';
    ctx.configure({ device, format: gpu.getPreferredCanvasFormat(), alphaMode: 'opaque' });
    const enc = device.createCommandEncoder();
    const pass = enc.beginRenderPass({
      colorAttachments: [{ view: ctx.getCurrentTexture().createView(), clearValue: { r: 0, g: 1, b: 0, a: 1 }, loadOp: 'clear', storeOp: 'store' }],
    });
    pass.end();
    device.queue.submit([enc.finish()]);
    await device.queue.onSubmittedWorkDone();
    const copy = document.createElement('canvas');
    copy.width = copy.height = 4;
    const c2d = copy.getContext('2d')!;
    c2d.drawImage(canvas, 0, 0);
    return Array.from(c2d.getImageData(1, 1, 1, 1).data);
  });
  expect(pixel).toEqual([0, 255, 0, 255]);
});
