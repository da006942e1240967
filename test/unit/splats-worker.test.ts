// The splat build Worker's logic (widgets/splats/worker/): the handler the Worker runs, checked in Node, and
// the page's client against a stand-in Worker: answers by id, bad requests and a crashed Worker as messages.
import { describe, expect, it } from 'vitest';
import { treeProblems } from '../../widgets/splats/hierarchy/validate.ts';
import { createBuildClient, SplatBuildError, type WorkerLike } from '../../widgets/splats/worker/client.ts';
import { handleBuild } from '../../widgets/splats/worker/handle-build.ts';
import { MAX_LEAVES } from '../../widgets/splats/worker/protocol.ts';

describe('the build handler', () => {
  it('builds a valid tree for each scene and moves every buffer', () => {
    for (const scene of ['car', 'landscape']) {
      const { message, transfer } = handleBuild({ type: 'build', id: 7, scene, count: 2000, seed: 3 });
      expect(message.type).toBe('built');
      if (message.type !== 'built') return;
      expect(message.id).toBe(7);
      expect(message.tree.leafCount).toBe(2000);
      expect(treeProblems(message.tree)).toEqual([]);
      expect(transfer).toHaveLength(11);
      expect(new Set(transfer).size).toBe(11);
      expect(message.timings.generateMs).toBeGreaterThanOrEqual(0);
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
    for (const [request, text] of bad) {
      const { message, transfer } = handleBuild(request);
      expect(message.type).toBe('failed');
      if (message.type === 'failed') expect(message.message).toMatch(text);
      expect(transfer).toEqual([]);
    }
    expect(handleBuild({ type: 'build', id: 5, scene: 'x', count: 1, seed: 1 }).message.id).toBe(5);
  });
});

/** A stand-in Worker that runs the handler on the next microtask, as a real one answers later. */
function fakeWorker(log: { started: number }): WorkerLike {
  log.started++;
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(data: unknown) {
      queueMicrotask(() => w.onmessage?.({ data: handleBuild(data).message }));
    },
  };
  return w;
}

describe('the build client', () => {
  it('resolves each request with its own tree, on one Worker', async () => {
    const log = { started: 0 };
    const client = createBuildClient(() => fakeWorker(log));
    const [car, land] = await Promise.all([client.build('car', 500, 1), client.build('landscape', 700, 1)]);
    expect(car.tree.leafCount).toBe(500);
    expect(land.tree.leafCount).toBe(700);
    expect(log.started).toBe(1);
  });

  it('rejects a bad request with the Worker\'s message', async () => {
    const client = createBuildClient(() => fakeWorker({ started: 0 }));
    await expect(client.build('car', 0, 1)).rejects.toThrow(/1 to 4,000,000 splats/);
  });

  it('a crashed Worker rejects what it held, and the next request starts a new one', async () => {
    const log = { started: 0 };
    let current: WorkerLike | null = null;
    const client = createBuildClient(() => {
      current = { onmessage: null, onerror: null, postMessage() {} };
      log.started++;
      return current;
    });
    const pending = client.build('car', 100, 1);
    (current as WorkerLike | null)?.onerror?.(new Event('error'));
    await expect(pending).rejects.toThrow(/stopped working/);
    void client.build('car', 100, 1);
    expect(log.started).toBe(2);
  });

  it('a browser without Workers gets a message, not an exception', async () => {
    const client = createBuildClient(() => {
      throw new Error('Worker is not defined');
    });
    const error = await client.build('car', 100, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SplatBuildError);
    expect((error as Error).message).toMatch(/could not start the scene builder/);
  });
});
