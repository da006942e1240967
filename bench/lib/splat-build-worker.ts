// Worker thread of bench/splat-hierarchy.ts: generates one scene and builds its octree several times, as the
// site's Worker will, off the main thread. Imports the same TS modules as the site (Node strips the types).
// Times are wall (performance.now) and this thread's CPU (process.threadCpuUsage), in milliseconds; the last
// tree is transferred back (its buffers moved, not copied) for the cut measurements.
import { parentPort, workerData } from 'node:worker_threads';
import { carScene } from '../../widgets/splats/scenes/car.ts';
import { landscapeScene } from '../../widgets/splats/scenes/landscape.ts';
import { buildOctree } from '../../widgets/splats/hierarchy/octree.ts';
import type { SplatTree } from '../../widgets/splats/types.ts';
import { treeBuffers } from '../../widgets/splats/worker/protocol.ts';

export type BuildRequest = { scene: 'car' | 'landscape'; count: number; seed: number; warmup: number; runs: number };
export type Timing = { wallMs: number; cpuMs: number };
export type BuildReply = { generate: Timing; builds: Timing[]; nodeCount: number; depth: number; tree: SplatTree };

function timed<T>(f: () => T): [T, Timing] {
  const c0 = process.threadCpuUsage();
  const t0 = performance.now();
  const value = f();
  const wallMs = performance.now() - t0;
  const c = process.threadCpuUsage(c0);
  return [value, { wallMs, cpuMs: (c.user + c.system) / 1000 }];
}

const request = workerData as BuildRequest;
const make = request.scene === 'car' ? carScene : landscapeScene;
const [scene, generate] = timed(() => make(request.count, request.seed));
const builds: Timing[] = [];
let tree: SplatTree | undefined;
for (let r = 0; r < request.warmup + request.runs; r++) {
  tree = undefined; // let the previous tree go before building the next
  const [built, t] = timed(() => buildOctree(scene));
  tree = built;
  if (r >= request.warmup) builds.push(t);
}
const t = tree!;
const reply: BuildReply = { generate, builds, nodeCount: t.nodes.count, depth: t.depth, tree: t };
parentPort!.postMessage(reply, treeBuffers(t));
