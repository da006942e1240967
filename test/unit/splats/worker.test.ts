// The splat scene Worker's logic (widgets/splats/worker/): the handler the Worker runs, checked in Node (a
// build keeps the tree and sends copies of the renderer's arrays; frames are drawn from the kept tree), and
// the page's client against stand-in Workers: answers by id, latest-wins frames, bad requests and a
// crashed Worker as messages, and a replaced Worker asking for the scene to be rebuilt.
import { describe, expect, it } from 'vitest';
import type { OrbitCamera } from '../../../widgets/splats/camera.ts';
import type { FrameParams } from '../../../widgets/splats/frame/frame-computer.ts';
import { buildOctree } from '../../../widgets/splats/hierarchy/octree.ts';
import { carScene } from '../../../widgets/splats/scenes/car.ts';
import { createSceneClient, SplatSceneError, type WorkerLike } from '../../../widgets/splats/worker/client.ts';
import { handleBuild } from '../../../widgets/splats/worker/handle-build.ts';
import { frameRequestProblem, MAX_LEAVES } from '../../../widgets/splats/worker/protocol.ts';
import { createSceneHandler } from '../../../widgets/splats/worker/scene-handler.ts';

const camera: OrbitCamera = { target: [0, 0.7, 0], yaw: 0.6, pitch: 0.25, distance: 7, fovy: 0.8 };
const view: FrameParams = { camera, width: 640, height: 480, tau: 2, mode: 'cut', level: 0, sort: true };

describe('the build handler', () => {
  it('sends copies of the renderer\'s arrays and the tree\'s stats, and keeps the tree', () => {
    for (const scene of ['car', 'landscape']) {
      const { message, transfer, tree } = handleBuild({ type: 'build', id: 7, scene, count: 2000, seed: 3 });
      expect(message.type).toBe('built');
      if (message.type !== 'built' || !tree) throw new Error('not built');
      expect(message.id).toBe(7);
      const { renderTree: r, stats } = message;
      expect(stats.leafCount).toBe(2000);
      expect(stats.nodeCount).toBe(tree.parent.length);
      expect(stats.depth).toBe(tree.depth);
      expect(stats.nodesPerLevel.reduce((a, b) => a + b, 0)).toBe(stats.nodeCount);
      expect(stats.nodesPerLevel[0]).toBe(1);
      expect(r.nodeCount).toBe(stats.nodeCount);
      expect(Array.from(r.mean)).toEqual(Array.from(tree.nodes.mean));
      expect(Array.from(r.cov)).toEqual(Array.from(tree.nodes.cov));
      expect(Array.from(r.parent)).toEqual(Array.from(tree.parent));
      expect(Array.from(r.level)).toEqual(Array.from(tree.level));
      // Seven buffers move, none of them the kept tree's.
      expect(transfer).toHaveLength(7);
      expect(new Set(transfer).size).toBe(7);
      expect(transfer).not.toContain(tree.nodes.mean.buffer);
      expect(transfer).not.toContain(tree.parent.buffer);
      expect(message.timings.buildMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('answers a bad request with a message, never a throw', () => {
    const bad: [unknown, RegExp][] = [
      [null, /not an object/],
      [{ type: 'draw', id: 1 }, /Unknown request type/],
      [{ type: 'build', id: 1, scene: 'castle', count: 10, seed: 1 }, /Unknown scene "castle"; the scenes are car and landscape/],
      [{ type: 'build', id: 1, scene: 'car', count: 0, seed: 1 }, /1 to 4,000,000 splats, not 0/],
      [{ type: 'build', id: 1, scene: 'car', count: MAX_LEAVES + 1, seed: 1 }, /not 4000001/],
      [{ type: 'build', id: 1, scene: 'car', count: 1.5, seed: 1 }, /not 1.5/],
      [{ type: 'build', id: 1, scene: 'car', count: 10, seed: 'x' }, /seed must be an integer/],
    ];
    const handle = createSceneHandler();
    for (const [request, text] of bad) {
      const { message, transfer } = handle(request);
      expect(message.type).toBe('failed');
      if (message.type === 'failed') expect(message.message).toMatch(text);
      expect(transfer).toEqual([]);
    }
    expect(handle({ type: 'build', id: 5, scene: 'x', count: 1, seed: 1 }).message.id).toBe(5);
  });
});

describe('the frame handler', () => {
  it('asks for a build before any frame, and after a failed build', () => {
    const handle = createSceneHandler();
    const before = handle({ ...view, type: 'frame', id: 1 }).message;
    expect(before).toMatchObject({ type: 'failed', id: 1, rebuild: true });
    expect(handle({ type: 'build', id: 2, scene: 'car', count: 300, seed: 1 }).message.type).toBe('built');
    expect(handle({ ...view, type: 'frame', id: 3 }).message.type).toBe('frame');
    expect(handle({ type: 'build', id: 4, scene: 'car', count: 0, seed: 1 }).message.type).toBe('failed');
    expect(handle({ ...view, type: 'frame', id: 5 }).message).toMatchObject({ type: 'failed', rebuild: true });
  });

  it('draws from the kept tree: the cut, a level, sorted or not, and moves the list\'s two arrays', () => {
    const handle = createSceneHandler();
    handle({ type: 'build', id: 1, scene: 'car', count: 3000, seed: 4 });
    const tree = buildOctree(carScene(3000, 4)); // the same tree, rebuilt here to check against
    const all = handle({ ...view, type: 'frame', id: 2, tau: 0 });
    if (all.message.type !== 'frame') throw new Error(JSON.stringify(all.message));
    expect(all.message.list.count).toBe(3000);
    expect(all.message.list.sortedFarFirst).toBe(true);
    expect(all.transfer).toEqual([all.message.list.nodes.buffer, all.message.list.blend.buffer]);
    const lvl = handle({ ...view, type: 'frame', id: 3, mode: 'level', level: 3, sort: false }).message;
    if (lvl.type !== 'frame') throw new Error('no frame');
    expect(lvl.list.sortedFarFirst).toBe(false);
    expect(lvl.perLevel[3]).toBe(tree.level.filter((l) => l === 3).length);
    expect(lvl.list.count).toBe(lvl.perLevel.reduce((a, b) => a + b, 0));
  });

  it('refuses malformed frames with a sentence', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...view, type: 'frame', id: 1, camera: null }, /no camera/],
      [{ ...view, type: 'frame', id: 1, camera: { ...camera, target: [0, 1] } }, /target must be three numbers/],
      [{ ...view, type: 'frame', id: 1, camera: { ...camera, distance: 0 } }, /distance must be positive/],
      [{ ...view, type: 'frame', id: 1, camera: { ...camera, fovy: 4 } }, /field of view/],
      [{ ...view, type: 'frame', id: 1, width: 0 }, /width must be 1 to 16384/],
      [{ ...view, type: 'frame', id: 1, height: 1.5 }, /height/],
      [{ ...view, type: 'frame', id: 1, tau: Number.NaN }, /threshold τ/],
      [{ ...view, type: 'frame', id: 1, tau: -1 }, /threshold τ/],
      [{ ...view, type: 'frame', id: 1, mode: 'tiles' }, /Unknown mode "tiles"/],
      [{ ...view, type: 'frame', id: 1, level: -2 }, /level must be/],
      [{ ...view, type: 'frame', id: 1, sort: 1 }, /whether to sort/],
    ];
    for (const [request, text] of cases) expect(frameRequestProblem(request)).toMatch(text);
    expect(frameRequestProblem({ ...view, type: 'frame', id: 1, tau: Infinity })).toBeNull();
  });
});

/**
 * A stand-in Worker that runs the real handler, answering when the test says (`flush`), as a busy Worker
 * answers later; `posted` logs what the page sent.
 */
function heldWorker() {
  const handle = createSceneHandler();
  const inbox: unknown[] = [];
  const posted: { type: string; id: number }[] = [];
  const w: WorkerLike & { flush(): Promise<void>; posted: typeof posted; crash(): void } = {
    onmessage: null,
    onerror: null,
    posted,
    postMessage(data: unknown) {
      posted.push(data as { type: string; id: number });
      inbox.push(data);
    },
    async flush() {
      while (inbox.length > 0) {
        w.onmessage?.({ data: handle(inbox.shift()).message });
        await Promise.resolve(); // let the client post what it queued, as between two real messages
      }
    },
    crash() {
      w.onerror?.(new Event('error'));
    },
  };
  return w;
}

describe('the scene client', () => {
  it('resolves a build with the renderer\'s arrays and its stats, on one Worker', async () => {
    let started = 0;
    const w = heldWorker();
    const client = createSceneClient(() => (started++, w));
    const built = client.build('car', 500, 1);
    const land = client.build('landscape', 700, 1);
    await w.flush();
    expect((await built).stats.leafCount).toBe(500);
    expect((await land).stats.leafCount).toBe(700);
    expect((await land).renderTree.nodeCount).toBe((await land).stats.nodeCount);
    expect(started).toBe(1);
  });

  it('frames are latest-wins: the waiting one is replaced and resolves to null, never queued up', async () => {
    const w = heldWorker();
    const client = createSceneClient(() => w);
    void client.build('car', 800, 2);
    const first = client.frame(view);
    const superseded = [client.frame({ ...view, tau: 3 }), client.frame({ ...view, tau: 4 })];
    const last = client.frame({ ...view, tau: 0 });
    expect(w.posted.filter((m) => m.type === 'frame')).toHaveLength(1); // only the first is in the Worker
    await w.flush();
    expect(await Promise.all(superseded)).toEqual([null, null]);
    expect((await first)?.list.count).toBeGreaterThan(0);
    const lastFrame = await last;
    expect(lastFrame?.list.count).toBe(800); // τ = 0: every leaf, so it is the last request that was drawn
    expect(w.posted.filter((m) => m.type === 'frame')).toHaveLength(2);
  });

  it('a frame computed on a scene that a newer build replaced resolves to null', async () => {
    const w = heldWorker();
    const client = createSceneClient(() => w);
    void client.build('car', 300, 1);
    await w.flush();
    const old = client.frame(view);
    const rebuilt = client.build('car', 400, 1);
    const fresh = client.frame({ ...view, tau: 0 });
    await w.flush();
    expect(await old).toBeNull();
    expect((await rebuilt).stats.leafCount).toBe(400);
    expect((await fresh)?.list.count).toBe(400);
  });

  it('rejects a bad request with the Worker\'s message', async () => {
    const w = heldWorker();
    const client = createSceneClient(() => w);
    const bad = client.build('car', 0, 1);
    await w.flush();
    await expect(bad).rejects.toThrow(/1 to 4,000,000 splats/);
    const frame = client.frame(view);
    await w.flush();
    const error = await frame.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SplatSceneError);
    expect((error as SplatSceneError).rebuild).toBe(true);
  });

  it('a crashed Worker rejects what it held; the next request starts a new one, which needs a build', async () => {
    const workers: ReturnType<typeof heldWorker>[] = [];
    const client = createSceneClient(() => {
      const w = heldWorker();
      workers.push(w);
      return w;
    });
    void client.build('car', 300, 1);
    await workers[0]!.flush();
    const inFlight = client.frame(view);
    const waiting = client.frame({ ...view, tau: 5 });
    workers[0]!.crash();
    await expect(inFlight).rejects.toThrow(/stopped working/);
    await expect(waiting).rejects.toMatchObject({ rebuild: true });
    // No scene on any Worker now: frames say so at once, without starting one.
    await expect(client.frame(view)).rejects.toMatchObject({ name: 'SplatSceneError', rebuild: true });
    expect(workers).toHaveLength(1);
    const again = client.build('car', 300, 1);
    const after = client.frame(view);
    expect(workers).toHaveLength(2);
    await workers[1]!.flush();
    expect((await again).stats.leafCount).toBe(300);
    expect((await after)?.list.count).toBeGreaterThan(0);
  });

  it('a browser without Workers gets a message, not an exception', async () => {
    const client = createSceneClient(() => {
      throw new Error('Worker is not defined');
    });
    const error = await client.build('car', 100, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SplatSceneError);
    expect((error as Error).message).toMatch(/could not start the scene builder/);
  });
});
