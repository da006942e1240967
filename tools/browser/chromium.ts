// How the project drives Debian's Chromium, shared by the e2e tests and the benchmarks. Playwright's own
// browser download cannot work on the project's machines. Without the background-networking flags
// Chromium keeps trying to reach Google's hosts, which this closed network refuses.
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const common = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** No GPU at all: what most readers' fallback path looks like. */
export const plainArgs = [...common, '--disable-gpu'];

/** A WebGPU adapter on SwiftShader (software), for compute and for drawing to a WebGPU canvas. */
export const webgpuArgs = [
  ...common,
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
];

/**
 * Added for tests only (never for benchmarks, which measure what readers get): V8 keeps every WebAssembly
 * function at its baseline tier. Each test opens a fresh browser context, which compiles the 14 MB ORT
 * runtime again, and V8's background tier-up then recompiles it with the optimising compiler: on a 2-core
 * machine that doubled the CPU a model figure costs to reach "ready" (3.8 → 1.9 core-seconds for the
 * attention embed) and lost time to every test beside it. Results are the same: baseline and optimised
 * WebAssembly compute the same IEEE floats.
 */
export const testOnlyArgs = ['--js-flags=--liftoff-only'];
