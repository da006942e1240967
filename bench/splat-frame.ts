// The splat renderers in Debian Chromium: the portable WebGPU radix sort on its own (100k and 1M keys, its
// output checked against the CPU reference), and a frame of each renderer (WebGPU, WebGL2) for the car at
// 200k and 1M leaves: the draw list on the CPU (the Worker's part) and render() until the GPU is done.
// The browser code is bench/lib/splat-frame-harness.ts, bundled by Vite and served on 127.0.0.1.
//
// Three Chromium configurations. webgpuArgs (the e2e WebGPU project's) and plainArgs (no GPU) always run;
// both force SwiftShader, a CPU emulation, so their figures are software figures on any machine. A third,
// "hardware" (WebGPU enabled, nothing forced), is probed: where it finds a real adapter (not SwiftShader),
// the sort and the frames run there too and those rows are the GPU figures, marked with that adapter.
import { loadavg } from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import { type Benchmark, table } from './lib/context.ts';
import { chromiumPath, plainArgs, webgpuArgs } from '../tools/browser/chromium.ts';
import { serveHarness } from './lib/harness-page.ts';
import { median, quantile } from './lib/stats.ts';
import type { AdapterReport, FramePlan, FrameResult, GlReport, SortPlan, SortResult, SplatFrameHarness } from './lib/splat-frame-harness.ts';
import type { Backend } from '../widgets/splats/render/contract.ts';

// Counts sized for software rendering on 2 shared cores (1M keys sort in ~5 s there, a frame takes ~1 s);
// the whole run takes about 2 minutes there when the machine is otherwise idle. A GPU could afford far more, but the same counts keep runs comparable.
const SORTS: SortPlan[] = [
  { n: 100_000, warmup: 2, runs: 10 },
  { n: 1_000_000, warmup: 1, runs: 4 },
];
const SEED = 1;
const FRAME_COUNTS: Record<number, { warmup: number; runs: number }> = {
  200_000: { warmup: 2, runs: 15 },
  1_000_000: { warmup: 2, runs: 10 },
};
const DEG = Math.PI / 180;
const VIEW = {
  camera: { target: [0, 0.7, 0] as [number, number, number], distance: 8, pitch: 0.28, fovy: 0.8 },
  yawStep: 2 * DEG,
  tau: 8,
  width: 960,
  height: 600,
};

type Config = { name: 'webgpuArgs' | 'plainArgs' | 'hardware'; args: string[] };
const CONFIGS: Config[] = [
  { name: 'webgpuArgs', args: webgpuArgs },
  { name: 'plainArgs', args: plainArgs },
  // WebGPU on, GPU allowed, no SwiftShader forced: a machine's real adapter, where it has one.
  { name: 'hardware', args: [...plainArgs.filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu', '--enable-features=Vulkan'] },
];

/** Adapter or GL renderer strings of software implementations. */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render/i;

const isSoftwareAdapter = (a: AdapterReport | null) =>
  !a || a.isFallbackAdapter === true || [a.vendor, a.architecture, a.device, a.description].some((s) => SOFTWARE.test(s));
const isSoftwareGl = (g: GlReport | null) => !g || SOFTWARE.test(g.renderer) || SOFTWARE.test(g.vendor);

type ConfigRun = {
  config: Config['name'];
  version: string;
  adapter: AdapterReport | null;
  gl: GlReport | null;
  /** What ran here: nothing for a hardware probe that found only software. */
  sorts: SortResult[];
  frames: FrameResult[];
  note: string;
};

async function openHarness(browser: Browser, origin: string, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ serviceWorkers: 'block' });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(origin + '/');
  await page.waitForFunction(() => 'splatFrameHarness' in globalThis);
  return page;
}

const call = <K extends keyof SplatFrameHarness>(page: Page, name: K, arg?: unknown) =>
  page.evaluate(
    ([n, a]) => (globalThis as unknown as { splatFrameHarness: Record<string, (x: unknown) => unknown> }).splatFrameHarness[n as string]!(a),
    [name, arg] as const,
  ) as Promise<Awaited<ReturnType<SplatFrameHarness[K]>>>;

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const n0 = (x: number) => Math.round(x).toLocaleString('en-US');

function adapterLine(a: AdapterReport | null): string {
  if (!a) return 'no WebGPU adapter';
  const parts = [`vendor "${a.vendor}"`, `architecture "${a.architecture}"`, `device "${a.device}"`, `description "${a.description}"`];
  if (a.isFallbackAdapter !== null) parts.push(`isFallbackAdapter ${a.isFallbackAdapter}`);
  return parts.join(', ');
}

/** Which parts run in a configuration, from what it found. */
function planFor(config: Config['name'], adapter: AdapterReport | null, gl: GlReport | null): { sort: boolean; backends: Backend[]; note: string } {
  if (config === 'webgpuArgs') return { sort: true, backends: ['webgpu', 'webgl2'], note: '' };
  if (config === 'plainArgs') return { sort: false, backends: ['webgl2'], note: '' };
  const backends: Backend[] = [];
  if (!isSoftwareAdapter(adapter)) backends.push('webgpu');
  if (!isSoftwareGl(gl)) backends.push('webgl2');
  const note = backends.length ? '' : 'no hardware adapter found (WebGPU and WebGL2 are software or missing here), so nothing ran in this configuration';
  return { sort: backends.includes('webgpu'), backends, note };
}

async function runConfig(config: Config, origin: string, errors: string[], log: (...a: unknown[]) => void): Promise<ConfigRun> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: config.args });
  try {
    const page = await openHarness(browser, origin, errors);
    const adapter = await call(page, 'adapterInfo');
    const gl = await call(page, 'glInfo');
    log(`${config.name} (Chromium ${browser.version()}): WebGPU ${adapterLine(adapter)}; WebGL2 ${gl?.renderer ?? 'missing'}`);
    const plan = planFor(config.name, adapter, gl);
    const run: ConfigRun = { config: config.name, version: browser.version(), adapter, gl, sorts: [], frames: [], note: plan.note };
    if (plan.note) log(`${config.name}: ${plan.note}`);
    if (plan.sort) {
      run.sorts = await call(page, 'gpuSort', SORTS);
      for (const s of run.sorts) {
        log(`${config.name} GPU sort n=${s.n}: median ${f1(median(s.times))} ms, ${s.mismatches} mismatches vs CPU${s.errors.length ? `, errors: ${s.errors.join('; ')}` : ''}`);
      }
    }
    if (plan.backends.length) {
      for (const leaves of Object.keys(FRAME_COUNTS).map(Number)) {
        const framePlan: FramePlan = { leaves, seed: SEED, ...FRAME_COUNTS[leaves]!, backends: plan.backends, ...VIEW };
        const result = await call(page, 'frames', framePlan);
        run.frames.push(result);
        for (const b of result.backends) {
          const s = b.samples;
          log(
            s
              ? `${config.name} ${b.backend} ${n0(leaves)} leaves: drawn ${median(s.map((x) => x.drawn))}, list ${f2(median(s.map((x) => x.cutMs + x.listMs)))} ms, render ${f1(median(s.map((x) => x.renderMs)))} ms (median), covered ${(100 * b.covered).toFixed(1)} %`
              : `${config.name} ${b.backend}: did not start (${b.problem})`,
          );
        }
      }
    }
    await page.close();
    return run;
  } finally {
    await browser.close();
  }
}

export const splatFrame: Benchmark = {
  name: 'splat-frame',
  description: 'splat renderers in Chromium: WebGPU radix sort (100k, 1M keys, verified) and WebGPU/WebGL2 frame time for the car (200k, 1M leaves)',
  async run(ctx) {
    // The machine may be shared: the load when the run began says how far to trust its times.
    const load = loadavg().map((x) => x.toFixed(2)).join(', ');
    const harness = await serveHarness('bench/lib/splat-frame-harness.ts');
    const pageErrors: string[] = [];
    const runs: ConfigRun[] = [];
    try {
      for (const config of CONFIGS) runs.push(await runConfig(config, harness.origin, pageErrors, ctx.log));
    } finally {
      await harness.stop();
    }

    const failures: string[] = [];
    const notes: string[] = [];
    const sortRows: (string | number)[][] = [];
    const frameRows: (string | number)[][] = [];
    // A row is a GPU figure only where its backend runs on a hardware adapter.
    const softwareOf = (r: ConfigRun, backend: Backend) => (backend === 'webgpu' ? isSoftwareAdapter(r.adapter) : isSoftwareGl(r.gl));
    const on = (r: ConfigRun, backend: Backend) => (softwareOf(r, backend) ? 'software' : 'GPU');

    for (const r of runs) {
      if (r.note) notes.push(`${r.config}: ${r.note}.`);
      if (r.sorts.length && r.sorts.length !== SORTS.length) failures.push(`${r.config}: the GPU sort did not run for every size`);
      for (const s of r.sorts) {
        const ok = s.mismatches === 0 && !s.errors.length;
        if (s.mismatches > 0) failures.push(`${r.config}: GPU sort of ${n0(s.n)} keys: ${s.mismatches} entries differ from the CPU reference (first at ${s.firstMismatch})`);
        if (s.errors.length) failures.push(`${r.config}: GPU sort of ${n0(s.n)} keys: WebGPU errors: ${s.errors.join('; ')}`);
        sortRows.push([
          r.config,
          on(r, 'webgpu'),
          n0(s.n),
          `${SORTS.find((p) => p.n === s.n)?.warmup ?? '?'} + ${s.times.length}`,
          f1(median(s.times)),
          f1(quantile(s.times, 0.95)),
          f1(Math.min(...s.times)),
          ok ? 'exact' : `${s.mismatches} differ`,
        ]);
      }
      for (const result of r.frames) {
        for (const b of result.backends) {
          const where = `${b.backend} with ${r.config} at ${n0(result.leaves)} leaves`;
          if (!b.samples) {
            notes.push(`${where} did not start: ${b.problem}.`);
            continue;
          }
          if (b.covered === 0) failures.push(`${where} drew nothing (the last frame is all background)`);
          if (b.errors.length) notes.push(`${where} reported: ${b.errors.join('; ')}.`);
          const s = b.samples;
          const list = s.map((x) => x.cutMs + x.listMs);
          const render = s.map((x) => x.renderMs);
          frameRows.push([
            b.backend,
            r.config,
            on(r, b.backend),
            n0(result.leaves),
            `${FRAME_COUNTS[result.leaves]!.warmup} + ${s.length}`,
            `${n0(median(s.map((x) => x.drawn)))} (${n0(Math.min(...s.map((x) => x.drawn)))}–${n0(Math.max(...s.map((x) => x.drawn)))})`,
            `${f2(median(s.map((x) => x.cutMs)))} + ${f2(median(s.map((x) => x.listMs)))}`,
            f2(median(list)),
            f2(quantile(list, 0.95)),
            f1(median(render)),
            f1(quantile(render, 0.95)),
            f1(median(s.map((x) => x.cutMs + x.listMs + x.renderMs))),
            f1(b.uploadMs),
            (100 * b.covered).toFixed(1),
          ]);
        }
      }
    }
    const ok = failures.length === 0;

    const gpuRuns = runs.filter((r) => r.frames.some((f) => f.backends.some((b) => b.samples && !softwareOf(r, b.backend))));
    const gpuNames = gpuRuns.map((r) => (isSoftwareAdapter(r.adapter) ? r.gl!.renderer : [r.adapter!.vendor, r.adapter!.architecture, r.adapter!.description].filter(Boolean).join(' / ')));
    const heading = gpuRuns.length
      ? `### Splat frame: GPU sort and renderer frame time (Chromium; GPU rows on ${gpuNames.join(', ')}; the software rows are not GPU figures)`
      : '### Splat frame: GPU sort and renderer frame time (Chromium on SwiftShader: software rendering, not a GPU figure)';
    const isolated = runs.flatMap((r) => r.frames).every((f) => f.isolated);
    const builds = runs.flatMap((r) => r.frames.map((f) => `${n0(f.leaves)} leaves (${n0(f.nodes)} nodes, depth ${f.depth}) ${(f.buildMs / 1000).toFixed(2)} s (${r.config})`));

    const markdown = [
      heading,
      '',
      gpuRuns.length
        ? 'Rows marked "GPU" ran on the hardware adapter named below. Rows marked "software" ran on SwiftShader, a CPU emulation of a GPU (webgpuArgs and plainArgs force it on every machine): **software rendering, not a GPU figure**.'
        : '**Software rendering, not a GPU figure**: no hardware adapter was found, so WebGPU and WebGL2 ran on SwiftShader, a CPU emulation of a GPU. These times say how the code behaves on a software adapter (and that it is correct), nothing about a GPU. Run `npm run bench -- splat-frame` on a machine with a GPU: its "hardware" configuration then records GPU rows marked with that adapter.',
      '',
      'Chromium configurations (tools/browser/chromium.ts): webgpuArgs (SwiftShader WebGPU that draws to a canvas, ANGLE on SwiftShader),',
      'plainArgs (--disable-gpu), hardware (WebGPU enabled, nothing forced; runs only where it finds a non-software adapter).',
      `- load average when the run began (1, 5, 15 min): ${load}`,
      ...runs.map((r) => `- ${r.config} (Chromium ${r.version}): WebGPU adapter: ${adapterLine(r.adapter)}; WebGL2: ${r.gl ? `${r.gl.renderer} (${r.gl.vendor})` : 'none'}`),
      '',
      'GPU radix sort (createGpuRadixSort, render/webgpu/gpu-sort.ts: 8 passes of 4 bits, tiles of 4,096 keys): descending',
      'float keys of random depths in [0.1, 100), new ones every run, uploaded before the clock starts; timed from',
      "encode + submit to `device.queue.onSubmittedWorkDone()`. Runs: warm-ups + timed ones; ms. The last run's",
      'output (keys and values) is read back and compared entry by entry with the CPU reference (sort/radix-sort.ts);',
      'any difference fails the benchmark.',
      '',
      table(['flags', 'on', 'keys', 'runs', 'median ms', 'p95 ms', 'min ms', 'vs CPU reference'], sortRows),
      '',
      `Frame time: the car (seed ${SEED}) built in the page first (not timed: ${builds.join(', ')}), then per frame`,
      `the draw list for an orbit camera (target [0, 0.7, 0], distance ${VIEW.camera.distance}, pitch ${VIEW.camera.pitch}, fovy ${VIEW.camera.fovy},`,
      `yaw stepping by 2° per frame from 0, warm-ups included), τ = ${VIEW.tau} px, ${VIEW.width}×${VIEW.height}. "list" is the Worker's part, run`,
      'in the page (createFrameComputer: the cut, then for WebGPU a copy of the selection, for WebGL2 depths and the',
      '16-bit counting sort far first, entries behind the near plane dropped), also shown as cut + list. "render" is',
      '`renderer.render(list, frame)` until the GPU is done: WebGPU `onSubmittedWorkDone()` (list upload, prepare pass,',
      'GPU sort, draw), WebGL2 a 1-pixel `readPixels` (upload, draw). Upload: `setTree` once, until done. Drawn: median',
      '(range) of the list\'s entries. Covered: % of the last frame\'s pixels that differ from the background (a frame',
      'that drew nothing fails the benchmark). ms; p95 is the nearest-rank 95th percentile; ' +
        (isolated ? 'the page is cross-origin isolated, so performance.now() resolves 5 µs.' : 'the page was not cross-origin isolated, so performance.now() resolves only 100 µs.'),
      '',
      table(
        ['backend', 'flags', 'on', 'leaves', 'frames', 'drawn', 'cut + list median', 'list median', 'list p95', 'render median', 'render p95', 'list + render median', 'upload', 'covered %'],
        frameRows,
      ),
      ...(notes.length ? ['', ...notes.map((s) => `- ${s}`)] : []),
      ...(pageErrors.length ? ['', `Page console errors (${pageErrors.length}): ${pageErrors.slice(0, 5).map((e) => `\`${e.slice(0, 200)}\``).join('; ')}`] : []),
      ...(failures.length ? ['', '**Failed:**', ...failures.map((f) => `- ${f}`)] : []),
    ].join('\n');
    return { ok, markdown };
  },
};
